"""`GET /sandbox/profile` (no auth) and the route-module mechanics it reports on."""

from __future__ import annotations

import types
from typing import Any

import httpx

from tui.sandbox.app import ROUTE_MODULES, Sandbox


async def test_profile_lists_the_base_url_accounts_and_api_roots(anon_client: httpx.AsyncClient) -> None:
    response = await anon_client.get("/sandbox/profile")
    assert response.status_code == 200
    body = response.json()
    assert body["base_url"] == "http://sandbox.invalid"
    accounts = {a["email"]: a for a in body["accounts"]}
    assert accounts["alice@example.com"]["token"] == "sandbox-token"
    assert accounts["alice@example.com"]["admin"] is True
    assert accounts["bob@example.com"]["token"] == "sandbox-token-bob"
    assert accounts["bob@example.com"]["admin"] is False
    assert body["api"]["cloud"] == "http://sandbox.invalid/rest/api/3"
    assert body["api"]["datacenter"] == "http://sandbox.invalid/rest/api/2"
    assert body["data"]["issues"] == 600
    assert body["data"]["users"] == 60


async def test_the_profile_credentials_work(anon_client: httpx.AsyncClient, make_client: Any) -> None:
    for account in (await anon_client.get("/sandbox/profile")).json()["accounts"]:
        client = make_client(auth=(account["email"], account["token"]))
        assert (await client.get("/rest/api/3/myself")).json()["emailAddress"] == account["email"]


async def test_each_module_adds_its_section(anon_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    module = types.ModuleType("tui.sandbox.routes_example")

    def profile_section(found: Sandbox) -> dict[str, Any]:
        return {"url": found.base_url + "/example", "token": "example-token"}

    module.profile_section = profile_section  # type: ignore[attr-defined]
    sandbox.modules.append(module)
    body = (await anon_client.get("/sandbox/profile")).json()
    assert body["example"] == {"url": "http://sandbox.invalid/example", "token": "example-token"}


def test_every_mounted_module_is_listed_and_importable(sandbox: Sandbox) -> None:
    assert [m.__name__ for m in sandbox.modules] == list(ROUTE_MODULES)
    assert all(callable(getattr(m, "routes", None)) for m in sandbox.modules)
