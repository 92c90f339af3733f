"""What the search-screen and app Pilot tests share: the real app on the in-process sandbox.

`make_app(sandbox_app, tmp_path)` builds a Store on `httpx.ASGITransport` (alice by default, or
bob) and the App with a fixed clock (the sandbox's seed epoch) so relative ages never drift.
`settle(pilot)` waits until every worker is done and the screen has repainted; `screen_text`
is the text a person sees, line by line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
from starlette.applications import Starlette
from textual.app import App
from textual.pilot import Pilot

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.app import JiradashApp
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.session import Session
from tui.store.store import Store, StoreSettings

BASE_URL = "http://sandbox.invalid"
ALICE = ("alice@example.com", "sandbox-token")
BOB = ("bob@example.com", "sandbox-token-bob")
ALL_JQL = "ORDER BY updated DESC"


def make_store(
    sandbox_app: Starlette, user: tuple[str, str] = ALICE, cache_dir: Path | None = None
) -> Store:
    return Store(
        base_url=BASE_URL,
        auth=BasicAuth(user[0], Secret(user[1])),
        transport=httpx.ASGITransport(app=sandbox_app),
        settings=StoreSettings(api_version="2"),
        cache_dir=cache_dir,
    )


def make_app(
    sandbox_app: Starlette,
    tmp_path: Path,
    *,
    user: tuple[str, str] = ALICE,
    jql: str = ALL_JQL,
    columns: Sequence[str] | None = None,
    profiles: Sequence[str] = (),
    cache_dir: Path | None = None,
    theme: str | None = None,
) -> JiradashApp:
    session = Session(
        profile="test",
        default_jql=jql,
        columns=tuple(columns) if columns else None,
        history_path=tmp_path / "jql-history.json",
        profiles=tuple(profiles),
        theme=theme,
        clock=lambda: SEED_EPOCH,
    )
    return JiradashApp(make_store(sandbox_app, user, cache_dir), session)


async def settle(pilot: Pilot[object]) -> None:
    """Every worker finished and the result painted (loops while work starts more work)."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


async def until(pilot: Pilot[object], ready: Callable[[], bool], tries: int = 100) -> None:
    """Let the app run until `ready()` holds (a bounded number of turns, no wall-clock)."""
    for _ in range(tries):
        if ready():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")


def screen_text(app: App[object]) -> str:
    """Every line of the screen as text (what a person reads, without the colours)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def seen(pilot: Pilot[object]) -> str:
    """The screen's text once pending messages and the repaint are done."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    return screen_text(pilot.app)


async def sandbox_keys(client: httpx.AsyncClient, jql: str) -> list[str]:
    """The keys the sandbox itself answers for `jql`, in its order: the tests' ground truth."""
    keys: list[str] = []
    while True:
        response = await client.get(
            "/rest/api/2/search",
            params={"jql": jql, "fields": "key", "startAt": len(keys), "maxResults": 1000},
        )
        response.raise_for_status()
        body = response.json()
        keys += [issue["key"] for issue in body["issues"]]
        if not body["issues"] or len(keys) >= body["total"]:
            return keys
