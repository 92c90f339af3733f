"""Who gets in: Basic, Bearer, the session cookie (login, idle expiry, logout), the CAPTCHA
lockout after three failed logins, and anonymous requests."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tui.sandbox.app import Sandbox

MakeClient = Callable[..., httpx.AsyncClient]  # the `make_client` fixture


@pytest.mark.parametrize(
    "credentials",
    [
        ("alice@example.com", "sandbox-token"),
        ("alice", "sandbox-token"),
        ("alice", "sandbox-password"),
        ("ALICE@example.com", "sandbox-password"),
    ],
)
async def test_basic_auth_takes_email_or_username_with_token_or_password(make_client: MakeClient, credentials: tuple[str, str]) -> None:
    response = await make_client(auth=credentials).get("/rest/api/2/myself")
    assert response.status_code == 200
    assert response.json()["name"] == "alice"


async def test_bearer_token_authenticates(make_client: MakeClient) -> None:
    client = make_client(headers={"Authorization": "Bearer sandbox-token-bob"})
    response = await client.get("/rest/api/3/myself")
    assert response.status_code == 200
    assert response.json()["emailAddress"] == "bob@example.com"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic Ym9iQGV4YW1wbGUuY29tOndyb25n"},  # bob@example.com:wrong
        {"Authorization": "Basic bm9ib2R5OnRva2Vu"},  # nobody:token
    ],
)
async def test_bad_credentials_get_401(make_client: MakeClient, headers: dict[str, str]) -> None:
    response = await make_client(headers=headers).get("/rest/api/3/myself")
    assert response.status_code == 401
    assert response.headers["X-Seraph-LoginReason"] == "AUTHENTICATED_FAILED"
    assert response.json()["errorMessages"]


async def test_anonymous_requests_get_401_except_server_info_and_the_profile(anon_client: httpx.AsyncClient) -> None:
    for path in ("/rest/api/3/myself", "/rest/api/2/priority", "/rest/api/2/search?jql=", "/rest/auth/1/session"):
        response = await anon_client.get(path)
        assert response.status_code == 401, path
        assert response.json()["errorMessages"] == [
            "You are not authenticated. Authentication required to perform this operation."
        ]
    for path in ("/rest/api/3/serverInfo", "/rest/api/2/serverInfo", "/rest/api/2.0.alpha1/serverInfo", "/sandbox/profile"):
        assert (await anon_client.get(path)).status_code == 200, path


async def test_session_login_who_am_i_and_logout(anon_client: httpx.AsyncClient) -> None:
    login = await anon_client.post("/rest/auth/1/session", json={"username": "bob", "password": "sandbox-password-bob"})
    assert login.status_code == 200
    session = login.json()["session"]
    assert session["name"] == "JSESSIONID"
    assert anon_client.cookies["JSESSIONID"] == session["value"]
    assert login.json()["loginInfo"]["loginCount"] == 1

    me = await anon_client.get("/rest/auth/1/session")
    assert me.status_code == 200
    assert me.json()["name"] == "bob"
    assert (await anon_client.get("/rest/api/2/myself")).json()["name"] == "bob"

    assert (await anon_client.delete("/rest/auth/1/session")).status_code == 204
    anon_client.cookies.set("JSESSIONID", session["value"])  # the old cookie is dead now
    after = await anon_client.get("/rest/api/2/myself")
    assert after.status_code == 401
    assert after.headers["content-type"].startswith("text/html")


async def test_session_login_with_email_and_token_on_latest(anon_client: httpx.AsyncClient) -> None:
    login = await anon_client.post(
        "/rest/auth/latest/session", json={"username": "alice@example.com", "password": "sandbox-token"}
    )
    assert login.status_code == 200
    assert (await anon_client.get("/rest/api/3/myself")).json()["emailAddress"] == "alice@example.com"


async def test_an_idle_session_expires_with_an_html_401(anon_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    await anon_client.post("/rest/auth/1/session", json={"username": "alice", "password": "sandbox-password"})
    assert (await anon_client.get("/rest/api/2/myself")).status_code == 200
    sandbox.config.session_idle_seconds = 0  # every session is now idle too long
    expired = await anon_client.get("/rest/api/2/myself")
    assert expired.status_code == 401
    assert expired.headers["content-type"].startswith("text/html")
    assert "session has expired" in expired.text
    sandbox.config.session_idle_seconds = 1800
    assert (await anon_client.get("/rest/api/2/myself")).status_code == 401  # gone, not just paused


async def test_three_failed_logins_turn_on_the_captcha_until_cleared(
    anon_client: httpx.AsyncClient, make_client: MakeClient
) -> None:
    for _ in range(3):
        failed = await anon_client.post("/rest/auth/1/session", json={"username": "bob", "password": "guess"})
        assert failed.status_code == 401
    right = {"username": "bob", "password": "sandbox-password-bob"}
    denied = await anon_client.post("/rest/auth/1/session", json=right)
    assert denied.status_code == 403
    assert denied.headers["X-Seraph-LoginReason"] == "AUTHENTICATION_DENIED"

    basic = await make_client(auth=("bob@example.com", "sandbox-token-bob")).get("/rest/api/2/myself")
    assert basic.status_code == 403
    assert basic.headers["X-Seraph-LoginReason"] == "AUTHENTICATION_DENIED"
    alice = await make_client(auth=("alice", "sandbox-token")).get("/rest/api/2/myself")
    assert alice.status_code == 200  # the lockout is per user

    assert (await anon_client.post("/sandbox/captcha/clear", json={"username": "bob"})).status_code == 204
    assert (await anon_client.post("/rest/auth/1/session", json=right)).status_code == 200


async def test_failed_basic_attempts_count_towards_the_captcha(make_client: MakeClient) -> None:
    wrong = make_client(auth=("bob", "nope"))
    for _ in range(3):
        assert (await wrong.get("/rest/api/2/myself")).status_code == 401
    locked = await make_client(auth=("bob", "sandbox-token-bob")).get("/rest/api/2/myself")
    assert locked.status_code == 403
    assert locked.headers["X-Seraph-LoginReason"] == "AUTHENTICATION_DENIED"


async def test_a_success_resets_the_failure_count(make_client: MakeClient) -> None:
    wrong, right = make_client(auth=("bob", "nope")), make_client(auth=("bob", "sandbox-token-bob"))
    for _ in range(2):
        assert (await wrong.get("/rest/api/2/myself")).status_code == 401
    assert (await right.get("/rest/api/2/myself")).status_code == 200
    for _ in range(2):
        assert (await wrong.get("/rest/api/2/myself")).status_code == 401
    assert (await right.get("/rest/api/2/myself")).status_code == 200


async def test_v3_and_v2_resolve_users_both_ways(alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    bob = next(u for u in sandbox.world.users.values() if u.name == "bob")
    by_name_on_v3 = await alice_client.get("/rest/api/3/user", params={"username": "bob"})
    by_id_on_v2 = await alice_client.get("/rest/api/2/user", params={"accountId": bob.account_id})
    assert by_name_on_v3.json()["accountId"] == bob.account_id
    assert by_id_on_v2.json()["name"] == "bob"
