"""Editing a project's key and clearing its category on screen 2, against the sandbox: the key is
checked as on create (upper case, length, unique — archive and trash included), the confirmation
names the old and the new key, the sandbox renumbers the project's issues, and the list and the
project's page follow the new key; a blank category takes the project out of its category."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from projects_harness import open_projects, projects_app, text_of, toasts
from search_harness import settle
from starlette.applications import Starlette
from textual.pilot import Pilot
from textual.widgets import Select

from tui.sandbox.app import Sandbox
from tui.sandbox.projects_state import trash
from tui.widgets.project_list import ProjectList


def listed(pilot: Pilot[object]) -> list[str]:
    return [p.key for p in pilot.app.screen.query_one(ProjectList).rows]


async def edit(pilot: Pilot[object], key: str) -> None:
    await pilot.press("g", *["j"] * listed(pilot).index(key), "e")
    await settle(pilot)
    assert f"Edit project {key}" in await text_of(pilot)


async def test_a_new_key_is_checked_confirmed_and_renumbers_the_issues(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    world = sandbox.world
    trash(world, world.projects["HELP"], "someone", datetime(2026, 1, 1, tzinfo=UTC))
    before = sorted(k for k, i in world.issues.items() if i.project_key == "MKT")
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await edit(pilot, "MKT")
        await pilot.press("shift+tab", "ctrl+u", *"gr")  # the key field
        assert "must start with an uppercase letter" in await text_of(pilot)
        await pilot.press("ctrl+u", *"DASH", "ctrl+s")
        assert "The project key DASH is already in use." in await text_of(pilot)
        await pilot.press("ctrl+u", *"HELP", "ctrl+s")  # in the trash: only the server knows
        await settle(pilot)
        assert "The project key HELP is already in use." in await text_of(pilot)
        await pilot.press("ctrl+u", *"GROW", "ctrl+s")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "Change the key of project Marketing from MKT to GROW?" in shown
        assert "Key: MKT → GROW" in shown and "MKT-1 becomes GROW-1" in shown
        assert "GROW" not in world.projects  # nothing sent before the answer
        await pilot.press("y")
        await settle(pilot)
        assert "Saved project MKT (Marketing): its key is now GROW" in await toasts(pilot)
        assert "MKT" not in world.projects and world.projects["GROW"].name == "Marketing"
        after = sorted(k for k, i in world.issues.items() if i.project_key == "GROW")
        assert after == sorted(k.replace("MKT-", "GROW-") for k in before)
        assert "GROW" in listed(pilot) and "MKT" not in listed(pilot)
        assert app.screen.query_one(ProjectList).cursor_key == "GROW"


async def test_the_projects_page_follows_its_new_key(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await pilot.press("g", *["j"] * listed(pilot).index("MOB"), "enter")
        await settle(pilot)
        assert "MOB · Mobile Apps" in await text_of(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("shift+tab", "ctrl+u", *"APP", "ctrl+s")
        await settle(pilot)
        assert "from MOB to APP?" in await text_of(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "APP" in sandbox.world.projects and "MOB" not in sandbox.world.projects
        shown = await text_of(pilot)
        assert "APP · Mobile Apps" in shown and "No project could be found" not in shown
        await pilot.press("escape")
        await settle(pilot)
        assert "APP" in listed(pilot) and "MOB" not in listed(pilot)


async def test_a_blank_category_takes_the_project_out_of_its_category(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    assert sandbox.world.projects["MKT"].category_id is not None
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await edit(pilot, "MKT")
        app.screen.query_one("#project-category", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "Save project MKT (Marketing)?" in shown and "Category: Business → none" in shown
        await pilot.press("y")
        await settle(pilot)
        assert "Saved project MKT (Marketing)" in await toasts(pilot)
        assert sandbox.world.projects["MKT"].category_id is None
        assert sandbox.world.projects["MKT"].name == "Marketing"  # nothing else changed
        row = next(line for line in (await text_of(pilot)).splitlines() if " MKT " in line)
        assert row.count("Business") == 1  # the type; the category column is empty
