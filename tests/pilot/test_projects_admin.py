"""Project administration on screen 2, driven by keys against the sandbox: create (with Jira's
key and name checks), edit, archive and restore, trash and restore, delete for good, the
background delete's progress until done, and bob's refusals — each asserted on the screen and
in the sandbox's world afterwards."""

from __future__ import annotations

import asyncio
from pathlib import Path

from projects_harness import open_projects, projects_app, service_of, text_of, toasts
from search_harness import BOB, settle
from starlette.applications import Starlette
from textual.pilot import Pilot
from textual.widgets import Select

from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import account_id
from tui.screens.project_admin import TaskProgressModal
from tui.widgets.project_list import ProjectList

ORDER = ["CORE", "DASH", "HELP", "MKT", "MOB"]  # the seeded projects, by key


def listed(pilot: Pilot[object]) -> list[str]:
    return [p.key for p in pilot.app.screen.query_one(ProjectList).rows]


async def to_row(pilot: Pilot[object], key: str) -> None:
    await pilot.press("g", *["j"] * listed(pilot).index(key))
    assert pilot.app.screen.query_one(ProjectList).cursor_key == key


async def until(pilot: Pilot[object], check: object, tries: int = 200) -> None:
    """Pause until `check()` holds (without waiting for workers that wait on the test)."""
    for _ in range(tries):
        if check():  # type: ignore[operator]
            return
        await pilot.pause()
    raise AssertionError("the screen never got there")


async def test_create_checks_the_key_and_name_then_creates(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"ne")
        assert "must start with an uppercase letter" in await text_of(pilot)
        await pilot.press("ctrl+s")
        assert "must start with an uppercase letter" in await text_of(pilot)
        await pilot.press("backspace", "backspace", *"DASH", "tab", *"Dashboard", "ctrl+s")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "The project key DASH is already in use." in shown
        assert "A project with that name already exists." in shown
        await pilot.press("shift+tab", "ctrl+u", *"NEWP", "tab", "ctrl+u", *"New Project")
        app.screen.query_one("#project-type", Select).value = "business"
        await pilot.pause()
        template = app.screen.query_one("#project-template", Select).value
        assert isinstance(template, str) and "jira-core-project-templates" in template
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "Create project NEWP (New Project)?" in shown
        assert "A Business project from the 'Content management' template, led by Alice" in shown
        assert "NEWP" not in sandbox.world.projects  # nothing sent before the answer
        await pilot.press("y")
        await settle(pilot)
        assert "Created project NEWP (New Project)" in await toasts(pilot)
        made = sandbox.world.projects["NEWP"]
        assert (made.name, made.type_key, made.template_key, made.lead) == (
            "New Project",
            "business",
            template,
            account_id("alice"),
        )
        assert "NEWP" in listed(pilot)
        assert app.screen.query_one(ProjectList).cursor_key == "NEWP"


async def test_bob_is_refused_with_the_servers_message_and_the_list_stays_usable(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path, user=BOB)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"BOBS", "tab", *"Bob's project", "ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "You must have global administrator rights in order to create projects." in shown
        assert "Create project" in shown  # the form again, with what was typed
        await pilot.press("escape")
        await settle(pilot)
        await to_row(pilot, "MKT")
        await pilot.press("d", "enter")
        await settle(pilot)
        assert await toasts(pilot) == [
            "Move to the trash: project MKT (Marketing) No project could be found with key 'MKT', "
            "or you do not have permission to delete it."
        ]
        assert "BOBS" not in sandbox.world.projects and not sandbox.world.projects["MKT"].deleted
        await pilot.press("j")
        assert app.screen.query_one(ProjectList).cursor_key == "MOB"
        assert listed(pilot) == ORDER


async def test_edit_saves_only_what_changed(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await to_row(pilot, "MKT")
        await pilot.press("e")
        await settle(pilot)
        assert "Edit project MKT" in await text_of(pilot)
        lead_before = sandbox.world.projects["MKT"].lead
        await pilot.press("ctrl+u", *"Growth")
        app.screen.query_one("#project-category", Select).value = "10002"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "Save project MKT (Marketing)?" in shown
        assert "Name: Marketing → Growth" in shown and "Category: Business → Support" in shown
        await pilot.press("y")
        await settle(pilot)
        assert "Saved project MKT (Marketing)" in await toasts(pilot)
        mkt = sandbox.world.projects["MKT"]
        assert (mkt.name, mkt.category_id, mkt.lead) == ("Growth", "10002", lead_before)
        assert "Growth" in await text_of(pilot) and "Support" in await text_of(pilot)


async def test_archive_then_restore_from_the_archived_view(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await to_row(pilot, "MKT")
        await pilot.press("a")
        await settle(pilot)
        assert "Archive project MKT (Marketing)?" in await text_of(pilot)
        assert "Its issues leave every search" in await text_of(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert sandbox.world.projects["MKT"].archived
        assert "MKT" not in listed(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert listed(pilot) == ["MKT"] and "Archived projects" in await text_of(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "Restore project MKT (Marketing) from the archive?" in await text_of(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not sandbox.world.projects["MKT"].archived
        assert listed(pilot) == [] and "No projects." in await text_of(pilot)


async def test_trash_restore_and_delete_for_good(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await to_row(pilot, "HELP")
        await pilot.press("d")
        await settle(pilot)
        shown = await text_of(pilot)
        assert "Delete project HELP (Help Desk)?" in shown and "restorable (u) for 60 days" in shown
        await pilot.press("enter")  # the first choice: the trash
        await settle(pilot)
        assert sandbox.world.projects["HELP"].deleted
        assert "Moved project HELP (Help Desk) to the trash" in await toasts(pilot)
        await pilot.press("v", "v")
        await settle(pilot)
        assert listed(pilot) == ["HELP"] and "Trash" in await text_of(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "from the trash?" in await text_of(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not sandbox.world.projects["HELP"].deleted
        await pilot.press("v")  # back to the live projects
        await settle(pilot)
        await to_row(pilot, "HELP")
        await pilot.press("d", "down", "enter")  # for good
        await settle(pilot)
        assert "HELP" not in sandbox.world.projects
        assert "Deleted project HELP (Help Desk)" in await toasts(pilot)
        assert "HELP" not in listed(pilot)


async def test_background_delete_shows_the_tasks_progress_until_done(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    steps: asyncio.Queue[None] = asyncio.Queue()

    async def step(_seconds: float) -> None:
        await steps.get()

    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        service_of(app).sleep = step
        await to_row(pilot, "MOB")
        await pilot.press("d", "down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, TaskProgressModal))
        modal = app.screen
        assert isinstance(modal, TaskProgressModal)
        assert "Deleting MOB (Mobile Apps) in the background" in await text_of(pilot)
        assert "ENQUEUED" in await text_of(pilot)
        seen = [modal.state.progress]
        while not modal.state.done:
            before = modal.state
            steps.put_nowait(None)
            await until(pilot, lambda: modal.state is not before)  # noqa: B023
            seen.append(modal.state.progress)
            if not modal.state.done:
                assert f"{modal.state.progress}%" in await text_of(pilot)
                assert "MOB" in sandbox.world.projects  # not gone before the task is done
        await settle(pilot)
        assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 100
        assert "MOB" not in sandbox.world.projects
        tasks = sandbox.world.extra["projects"]["tasks"].values()
        assert [t["status"] for t in tasks if t["project_key"] == "MOB"] == ["COMPLETE"]
        assert "Deleted project MOB (Mobile Apps)" in await toasts(pilot)
        assert "MOB" not in listed(pilot)
