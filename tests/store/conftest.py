"""Fixtures for the store tests: a fresh in-process sandbox per test, stores on it with their own
cache and drafts directories under tmp_path, and a fake clock for TTLs and retry delays.

Every test here runs with JIRADASH_CONFIG_DIR / JIRADASH_CACHE_DIR / JIRADASH_DATA_DIR under
tmp_path, so nothing touches the real home directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from store_support import ALICE, ALICE_TOKEN, BASE, FakeClock, StoreFactory

from tui.api.auth import BasicAuth, SessionAuth
from tui.api.redact import Secret
from tui.store.http import RetryPolicy
from tui.store.store import Store, StoreSettings


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    for name in ("JIRA_URL", "JIRA_USER", "JIRA_API_TOKEN", "JIRA_AUTH", "JIRADASH_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def app(sandbox_app: Starlette) -> Starlette:
    """The in-process sandbox of tests/conftest.py (configure it with `@pytest.mark.sandbox`)."""
    return sandbox_app


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_store(app: Starlette, tmp_path: Path, clock: FakeClock) -> StoreFactory:
    """`make_store(api_version="3", user=ALICE, token=..., session=False, app=..., **settings)`."""
    made: list[Store] = []

    def make(
        *,
        api_version: str = "3",
        user: str = ALICE,
        token: str = ALICE_TOKEN,
        session: bool = False,
        on: Starlette | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        cache: bool = True,
        **settings: Any,
    ) -> Store:
        secret = Secret(token)
        auth: httpx.Auth = SessionAuth(BASE, user, secret) if session else BasicAuth(user, secret)
        settings.setdefault("retry", RetryPolicy(retries=3))
        store = Store(
            base_url=BASE,
            auth=auth,
            transport=transport or httpx.ASGITransport(app=on or app),
            identity=f"{BASE}|{user}",
            cache_dir=tmp_path / "cache" / "test" if cache else None,
            drafts_dir=tmp_path / "data" / "test",
            settings=StoreSettings(api_version=api_version, **settings),  # type: ignore[arg-type]
            clock=clock,
            sleep=clock.sleep,
        )
        made.append(store)
        return store

    return make


@pytest.fixture
async def store(make_store: StoreFactory) -> Any:
    s = make_store()
    await s.connect()
    yield s
    await s.aclose()
