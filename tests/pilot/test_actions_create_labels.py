"""The modals the search screen borrows: `n` (create an issue) and bulk "add label"."""

from __future__ import annotations

from pathlib import Path

from issue_harness import issue_view
from starlette.applications import Starlette

from tui.render.adf_plain import adf_to_plain
from tui.screens.actions import LabelModal
from tui.screens.issue import IssueScreen


async def test_create_an_issue_from_the_search_screen(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, "CORE-53") as view:
        world = view.sandbox.world
        known = set(world.issues)
        await view.press("escape")  # the search screen, its results focused
        await view.press("n")
        assert "Create issue" in view.text()
        await view.press("enter")  # open the project list...
        await view.type("dash")  # ...jump to DASH by typing
        await view.press("enter")
        await view.press("tab", "enter")  # the type list: open it
        await view.type("bug")
        await view.press("enter")
        await view.press("tab")
        await view.type("Export button does nothing")
        await view.press("tab")
        await view.type("Press *Export* on a saved search.")
        await view.press("ctrl+s")
        (created,) = set(world.issues) - known
        issue = world.issues[created]
        assert created.startswith("DASH-")
        assert issue.summary == "Export button does nothing"
        assert world.issue_types[issue.issuetype_id].name == "Bug"
        assert adf_to_plain(issue.description) == "Press Export on a saved search."
        assert any(created in toast for toast in view.toasts())


async def test_create_needs_a_summary(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, "CORE-53") as view:
        count = len(view.sandbox.world.issues)
        await view.press("escape", "n")
        await view.press("ctrl+s")
        assert "Required:" in view.text() and "summary" in view.text()
        await view.press("escape")
        assert len(view.sandbox.world.issues) == count


async def test_add_labels_to_several_issues(sandbox_app: Starlette, tmp_path: Path) -> None:
    keys = ["CORE-53", "DASH-141"]
    async with issue_view(sandbox_app, tmp_path, "CORE-53") as view:
        before = {key: list(view.issue(key).labels) for key in keys}
        screen = view.screen
        assert isinstance(screen, IssueScreen)
        view.app.push_screen(LabelModal(keys), screen.dispatch)
        await view.settle()
        assert "Add labels to 2 issues" in view.text()
        await view.type("triage, needs-info")
        await view.press("enter")
        for key in keys:
            assert view.issue(key).labels == [*before[key], "triage", "needs-info"]
        assert "triage, needs-info" in view.text()
