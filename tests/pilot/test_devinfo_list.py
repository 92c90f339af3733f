"""Pilot tests of screen 4, the repositories list: what it shows, adding a repository by id,
deleting one (the sandbox's state afterwards; the list forgets it), checking existence and deleting by properties,
and the screen without devinfo credentials.
"""

from __future__ import annotations

from pathlib import Path

from devinfo_harness import SEEDED, devinfo_app, open_devinfo, shown, stored
from starlette.applications import Starlette


async def test_the_list_shows_the_known_repositories(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await open_devinfo(pilot)
        for repo_id in SEEDED:
            assert repo_id in text
        line = next(ln for ln in text.splitlines() if "web-app-experiments" in ln)
        assert "web-app" in line.replace("web-app-experiments", "")  # fork of web-app
        assert "6 known · 6 with data" in text
        web = stored(sandbox_app).repositories["web-app"]
        row = next(ln for ln in text.splitlines() if "The customer" in ln or ("web-app " in ln
                   and "experiments" not in ln))
        assert f" {len(web.entities['commits'])} " in row


async def test_adding_an_unknown_id_shows_nothing_stored(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("plus")
        await pilot.press(*"no-such-repo")
        await pilot.press("enter")
        text = await shown(pilot)
        line = next(ln for ln in text.splitlines() if "no-such-repo" in ln)
        assert "nothing stored" in line
        assert "7 known · 6 with data" in text
        assert app.store.devinfo_repositories[-1] == "no-such-repo"


async def test_deleting_a_repository_names_it_and_removes_it(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)  # the cursor is on core-services
        await pilot.press("d")
        text = await shown(pilot)
        assert "Delete repository core-services and all its development information?" in text
        await pilot.press("escape")  # kept
        await shown(pilot)
        assert "core-services" in stored(sandbox_app).repositories
        await pilot.press("d")
        await shown(pilot)
        await pilot.press("enter")
        text = await shown(pilot)
        assert "core-services" not in stored(sandbox_app).repositories
        assert "core-services" not in app.store.devinfo_repositories  # forgotten, as the CLI does
        assert "5 known · 5 with data" in text
        assert "web-app" in stored(sandbox_app).repositories


async def test_a_bad_sequence_id_is_refused_in_the_dialog(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("d", *"soon", "enter")
        text = await shown(pilot)
        assert "_updateSequenceId must be a whole number" in text
        assert "core-services" in stored(sandbox_app).repositories


async def test_exists_and_delete_by_properties(sandbox_app: Starlette, tmp_path: Path) -> None:
    state = stored(sandbox_app)
    state.repositories["helpdesk-bot"].properties["team"] = "support"
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("e", *"team=support", "enter")
        await shown(pilot)
        assert "data with team=support: yes, some is stored" in await shown(pilot)
        await pilot.press("x", *"team=support", "enter")
        text = await shown(pilot)
        assert "Delete every repository tagged team=support" in text
        await pilot.press("enter")
        await shown(pilot)
        assert "helpdesk-bot" not in state.repositories
        assert "web-app" in state.repositories
        await pilot.press("e", *"team=support", "enter")
        assert "data with team=support: none stored" in await shown(pilot)


async def test_without_credentials_the_screen_says_so(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path, configured=False)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await open_devinfo(pilot)
        assert "Development information is not configured" in text
