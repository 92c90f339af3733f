"""`a` (people picker with server search) and `A` (to me)."""

from __future__ import annotations

from pathlib import Path

from issue_harness import issue_view
from starlette.applications import Starlette

from tui.sandbox.seed import account_id

KEY = "CORE-53"


async def test_assign_by_searching_for_a_person(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("a")
        text = view.text()
        assert "Assign CORE-53" in text
        assert "Me" in text and "Unassigned" in text
        await view.type("bob")
        assert "Bob User" in view.text()
        await view.press("enter")
        assert view.issue(KEY).assignee == account_id("bob")
        assert "Bob User" in view.text()


async def test_unassign(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("a")
        await view.type("unass")
        await view.press("enter")
        assert view.issue(KEY).assignee is None
        assert "Assignee   Unassigned" in view.text()


async def test_assign_to_me_takes_one_key(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        assert view.issue(KEY).assignee != account_id("alice")
        await view.press("A")
        assert view.issue(KEY).assignee == account_id("alice")
        assert "Alice Admin" in view.text()


async def test_a_suggestion_source_ranks_people_first(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    from collections.abc import Sequence

    from tui.models import User
    from tui.screens.actions.assign import AssignModal, Candidate
    from tui.store.store import Store

    async def suggest(store: Store, keys: Sequence[str], query: str) -> list[Candidate]:
        bob = User(account_id=account_id("bob"), display_name="Bob User")
        return [Candidate(bob, reason="knows the importer", score=3.0)]

    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        view.app.push_screen(AssignModal(KEY, sources=[suggest]), view.screen.dispatch)
        await view.settle()
        lines = view.text().splitlines()
        bob_line = next(
            i for i, line in enumerate(lines) if "suggested: knows the importer" in line
        )
        assert "Bob User" in lines[bob_line]
        assert bob_line < next(
            i for i, line in enumerate(lines) if "@example.com" in line and "Bob" not in line
        )
        await view.press("down", "down", "enter")
        assert view.issue(KEY).assignee == account_id("bob")
