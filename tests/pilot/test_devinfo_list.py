"""Pilot tests of screen 4, the repositories list: what it shows, adding a repository by id,
deleting one (the sandbox's state afterwards), and checking existence by properties.

The app runs on the in-process sandbox with its devinfo wired as the demo wires it (the
sandbox's OAuth client, its seeded repositories as the profile's known ids).
"""

from __future__ import annotations

from pathlib import Path

from search_harness import make_app, screen_text, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.app import JiradashApp
from tui.demo import demo_devinfo

SEEDED = ["core-services", "helpdesk-bot", "marketing-site", "mobile-client", "web-app", "web-app-experiments"]


def devinfo_app(sandbox_app: Starlette, tmp_path: Path) -> JiradashApp:
    app = make_app(sandbox_app, tmp_path, jql="project = DASH ORDER BY key ASC")
    store = app.store
    store.devinfo, store.devinfo_repositories = demo_devinfo(store, sandbox_app, sandbox_app.state.sandbox)
    return app


async def open_devinfo(pilot: Pilot[object]) -> str:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    return screen_text(pilot.app)


async def test_the_list_shows_the_known_repositories(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await open_devinfo(pilot)
        for repo_id in SEEDED:
            assert repo_id in shown
        assert "The customer-facing web application" not in shown  # descriptions are on the page
        line = next(ln for ln in shown.splitlines() if "web-app-experiments" in ln)
        assert "web-app" in line.replace("web-app-experiments", "")  # fork of web-app
        assert "6 known · 6 with data" in shown
