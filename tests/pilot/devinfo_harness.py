"""What the devinfo Pilot and snapshot tests share: the real app on the in-process sandbox with
its devinfo wired as the demo wires it (the sandbox's published OAuth client; its six seeded
repositories as the profile's known ids). `open_devinfo` presses `4` and waits for the list;
`stored(sandbox_app)` is the sandbox's own devinfo state, the tests' ground truth.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from search_harness import make_app, screen_text, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.app import JiradashApp
from tui.demo import demo_devinfo
from tui.sandbox.devinfo.routes import state_of
from tui.sandbox.devinfo.state import DevinfoState

SEEDED = ["core-services", "helpdesk-bot", "marketing-site", "mobile-client", "web-app",
          "web-app-experiments"]


def devinfo_app(sandbox_app: Starlette, tmp_path: Path, *, configured: bool = True) -> JiradashApp:
    app = make_app(sandbox_app, tmp_path, jql="project = DASH ORDER BY key ASC")
    if configured:
        store = app.store
        store.devinfo, store.devinfo_repositories = demo_devinfo(store, sandbox_app,
                                                                 sandbox_app.state.sandbox)
    return app


def stored(sandbox_app: Starlette) -> DevinfoState:
    state: DevinfoState = state_of(sandbox_app.state.sandbox)
    return state


async def open_devinfo(pilot: Pilot[Any]) -> str:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    return screen_text(pilot.app)


async def open_repository(pilot: Pilot[Any], repository_id: str) -> str:
    """From screen 4, the page of `repository_id` (moving the cursor to it)."""
    await open_devinfo(pilot)
    for _ in range(SEEDED.index(repository_id)):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    return screen_text(pilot.app)


async def shown(pilot: Pilot[Any]) -> str:
    await settle(pilot)
    return screen_text(pilot.app)
