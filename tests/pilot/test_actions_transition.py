"""`t`: transitions, as a person runs them, and what the sandbox holds afterwards."""

from __future__ import annotations

from pathlib import Path

from issue_harness import TALL, issue_view
from starlette.applications import Starlette

TODO = "CORE-53"  # seeded in To Do


async def test_transition_without_fields_applies_at_once(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, TODO, size=TALL) as view:
        assert " TO DO " in view.text()
        await view.press("t")
        assert "Transition CORE-53" in view.text()
        assert "Start Progress" in view.text()
        await view.type("start")
        await view.press("enter")
        world = view.sandbox.world
        assert world.statuses[view.issue(TODO).status_id].name == "In Progress"
        assert " IN PROGRESS " in view.text()
        assert "History (1)" in view.text()
        assert "Alice Admin  status: To Do → In Progress" in view.text()


async def test_done_asks_for_a_resolution_first(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, TODO) as view:
        await view.press("t")
        assert "(asks for Resolution)" in view.text()
        await view.type("done")
        await view.press("enter")
        assert "Resolution *" in view.text()
        await view.press("ctrl+s")
        assert "Required: Resolution" in view.text()
        assert view.issue(TODO).resolution_id is None
        # the resolution select has the focus: open it, go to "Won't Do", pick it
        await view.press("enter", "down", "down", "enter")
        await view.press("ctrl+s")
        held = view.issue(TODO)
        assert view.sandbox.world.statuses[held.status_id].name == "Done"
        assert view.sandbox.world.resolutions[held.resolution_id or ""].name == "Won't Do"
        assert " DONE " in view.text()
        assert "Won't Do" in view.text()


async def test_a_transition_with_a_comment(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, TODO) as view:
        before = len(view.issue(TODO).comments)
        await view.press("t")
        await view.type("start")
        await view.press("ctrl+o")
        await view.type("picking this up")
        await view.press("ctrl+s")
        held = view.issue(TODO)
        assert view.sandbox.world.statuses[held.status_id].name == "In Progress"
        assert len(held.comments) == before + 1
        assert "picking this up" in str(held.comments[-1].body)


async def test_escape_cancels_and_changes_nothing(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, TODO) as view:
        version = view.sandbox.world.version
        await view.press("t")
        await view.type("start")
        await view.press("escape")
        assert "Transition CORE-53" not in view.text()
        assert view.sandbox.world.version == version
