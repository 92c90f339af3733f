"""Shared fixtures: the sandbox Jira in process, over a real loopback port, and contract checks.

In process (function scope; a fresh, seeded world per test, about 30 ms at the default size):

- `sandbox_config` -> `SandboxConfig`. Defaults, overridden per test with the marker
  `@pytest.mark.sandbox(issues=50, session_idle_seconds=5, ...)` (any `SandboxConfig` field).
- `sandbox_app` -> the Starlette app (`create_app(sandbox_config)`).
- `sandbox` -> the `Sandbox` behind it: `.world`, `.config` (fault knobs are live
  attributes), `.auth`, `.flush()`.
- `alice_client`, `bob_client`, `anon_client` -> `httpx.AsyncClient`s on `httpx.ASGITransport`
  with base URL `http://sandbox.invalid` (never resolved): alice (site admin) and bob (plain
  user) by HTTP Basic with their API tokens, and no credentials.
- `make_client(auth=None, headers=None, cookies=None)` -> a further client on the same app;
  closed at teardown.

Over loopback (session scope; shared by every test in the run, so restore what you change):

- `live_sandbox` -> `LiveSandbox(base_url, app, sandbox, ...)`: the same app served by uvicorn in
  a thread on a free `127.0.0.1` port, for real HTTP clients (the `jira` library, subprocesses).
  For a private one (e.g. with other config), call `sandbox_support.serve_in_thread(config)`
  and `.stop()` it.

The credentials (`ALICE`, `BOB`), `BASE_URL` and `LiveSandbox` live in `tests/sandbox_support.py`.

Property tests (Hypothesis) draw the same examples on every run (`derandomize`), so a clean
clone's test run is reproducible; `JIRADASH_HYPOTHESIS=explore` draws new ones each run, for
looking for bugs rather than guarding against them.

Contracts (session scope):

- `contracts` -> `contract_helpers.Contracts`; `contracts.check(response)` validates an
  httpx response (and with `request=True` its request) against the Cloud v3 or the DC 10.3
  OpenAPI subset by its path. See `tests/contract_helpers.py`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from contract_helpers import Contracts
from hypothesis import settings
from sandbox_support import ALICE, BASE_URL, BOB, LiveSandbox, serve_in_thread
from starlette.applications import Starlette

from tui.sandbox.app import Sandbox, SandboxConfig, create_app

settings.register_profile("reproducible", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(
    "explore" if os.environ.get("JIRADASH_HYPOTHESIS") == "explore" else "reproducible"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sandbox(**fields): SandboxConfig fields for the in-process sandbox")


@pytest.fixture
def sandbox_config(request: pytest.FixtureRequest) -> SandboxConfig:
    marker = request.node.get_closest_marker("sandbox")
    fields: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    fields.setdefault("base_url", BASE_URL)
    return SandboxConfig(**fields)


@pytest.fixture
def sandbox_app(sandbox_config: SandboxConfig) -> Starlette:
    return create_app(sandbox_config)


@pytest.fixture
def sandbox(sandbox_app: Starlette) -> Sandbox:
    found: Sandbox = sandbox_app.state.sandbox
    return found


MakeClient = Callable[..., httpx.AsyncClient]


@pytest.fixture
async def make_client(sandbox_app: Starlette) -> AsyncIterator[MakeClient]:
    made: list[httpx.AsyncClient] = []

    def make(
        auth: tuple[str, str] | None = None,
        headers: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
    ) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=sandbox_app),
            base_url=BASE_URL,
            auth=auth,
            headers=headers,
            cookies=cookies,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture
def alice_client(make_client: MakeClient) -> httpx.AsyncClient:
    return make_client(auth=ALICE)


@pytest.fixture
def bob_client(make_client: MakeClient) -> httpx.AsyncClient:
    return make_client(auth=BOB)


@pytest.fixture
def anon_client(make_client: MakeClient) -> httpx.AsyncClient:
    return make_client()


@pytest.fixture(scope="session")
def live_sandbox() -> Iterator[LiveSandbox]:
    live = serve_in_thread()
    yield live
    live.stop()


@pytest.fixture(scope="session")
def contracts() -> Contracts:
    return Contracts()
