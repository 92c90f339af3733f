"""What the projects Pilot and snapshot tests share: the real app on the in-process sandbox,
speaking Cloud's v3 (seed 003's API) unless told otherwise, opened on screen 2.

`projects_app(sandbox_app, tmp_path, user=ALICE, api_version="3")` builds it; `open_projects`
presses `2` and waits for the list; `service_of(app)` is the store's projects service (its
`poll_interval` is 0 here, so a background delete's task is followed without waiting).
"""

from __future__ import annotations

from pathlib import Path

import httpx
from search_harness import ALICE, BASE_URL, screen_text, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.app import JiradashApp
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.session import Session
from tui.store.projects import ProjectsService
from tui.store.store import Store, StoreSettings

# A bounded search for screen 1 (Cloud's /search/jql refuses JQL without a restriction).
FIRST_JQL = "project = DASH ORDER BY key ASC"


def projects_app(
    sandbox_app: Starlette,
    tmp_path: Path,
    *,
    user: tuple[str, str] = ALICE,
    api_version: str = "3",
) -> JiradashApp:
    store = Store(
        base_url=BASE_URL,
        auth=BasicAuth(user[0], Secret(user[1])),
        transport=httpx.ASGITransport(app=sandbox_app),
        settings=StoreSettings(api_version=api_version),  # type: ignore[arg-type]
    )
    ProjectsService.of(store).poll_interval = 0
    session = Session(
        profile="test",
        default_jql=FIRST_JQL,
        history_path=tmp_path / "jql-history.json",
        clock=lambda: SEED_EPOCH,
    )
    return JiradashApp(store, session)


def service_of(app: JiradashApp) -> ProjectsService:
    return ProjectsService.of(app.store)


async def open_projects(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def text_of(pilot: Pilot[object]) -> str:
    await pilot.pause()
    return screen_text(pilot.app)


async def toasts(pilot: Pilot[object]) -> list[str]:
    """The notifications on screen now, each as one line of plain text."""
    lines = (await text_of(pilot)).splitlines()
    found = []
    for toast in pilot.app.screen.query("Toast"):
        area = toast.region
        rows = (lines[y][area.x : area.right].strip(" ▌") for y in range(area.y, area.bottom))
        found.append(" ".join(" ".join(rows).split()))
    return found
