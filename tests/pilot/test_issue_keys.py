"""The issue view's one-key actions and navigation: watch, vote, copy, open, refresh, links,
moving between items, stepping through the search results, and going back."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import pytest
from issue_harness import TALL, issue_view, selected_item
from starlette.applications import Starlette

from tui.sandbox.seed import account_id
from tui.screens.issue import IssueScreen
from tui.widgets.issue_body import IssueBody

KEY = "CORE-53"
ALICE = account_id("alice")


async def test_watch_and_vote_toggle(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=(100, 80)) as view:
        held = view.issue(KEY)
        assert ALICE not in held.watchers and ALICE not in held.voters
        watchers = len(held.watchers)
        await view.press("w")
        assert ALICE in view.issue(KEY).watchers
        assert f"{watchers + 1} watcher" in view.text()
        assert "you are watching" in view.text()
        await view.press("v")
        assert ALICE in view.issue(KEY).voters
        assert "you voted" in view.text()
        await view.press("w", "v")
        assert ALICE not in view.issue(KEY).watchers
        assert ALICE not in view.issue(KEY).voters
        assert "you are not watching" in view.text()
        assert "you have not voted" in view.text()


async def test_y_copies_key_and_url(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        assert view.app.clipboard == ""
        await view.press("y")
        assert view.app.clipboard == f"{KEY} http://sandbox.invalid/browse/{KEY}"
        assert any(f"Copied {KEY}" in toast for toast in view.toasts())


async def test_o_opens_the_issue_in_the_browser(
    sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened.txt"
    command = (
        f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.argv[2])\" {opened} %s"
    )
    monkeypatch.setenv("BROWSER", command)
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER afresh
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("o")
        assert any(f"Opening {KEY}" in toast for toast in view.toasts())
    assert opened.read_text() == f"http://sandbox.invalid/browse/{KEY}"
    assert view.app.clipboard == ""  # only y copies


async def test_r_reads_the_issue_again(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("j", "j")  # on the first comment
        focused = selected_item(view.app)
        assert focused is not None and focused.startswith("comment-")
        view.issue(KEY).summary = "Changed on the server meanwhile"
        assert "Changed on the server meanwhile" not in view.text()
        await view.press("r")
        assert f"{KEY}  Changed on the server meanwhile" in view.text()
        assert selected_item(view.app) == focused  # the same comment, redrawn, stays selected


async def test_enter_on_a_link_opens_it_and_escape_comes_back(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, "MOB-63") as view:
        body = view.screen.query_one(IssueBody)
        refs = [key for key in body.item_keys if key.startswith(("link-", "parent-"))]
        assert refs
        body.select(refs[0])
        block = body.selected_block
        assert block is not None and block.ref is not None
        other = block.ref.key
        await view.press("enter")
        assert isinstance(view.app.screen, IssueScreen) and view.app.screen.key == other
        assert f"{other}  {view.issue(other).summary}" in view.text()
        await view.press("escape")
        assert view.screen.key == "MOB-63"
        await view.press("backspace")
        assert not isinstance(view.app.screen, IssueScreen)


async def test_j_and_k_walk_the_items(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, "MOB-63") as view:
        await view.press("j")
        assert selected_item(view.app) == "description"
        await view.press("j")
        first_comment = view.issue("MOB-63").comments[0]
        assert selected_item(view.app) == f"comment-{first_comment.id}"
        await view.press("k", "k")
        assert selected_item(view.app) == "description"  # stops at the top
        await view.press("G")
        assert selected_item(view.app) == "people"
        assert "Watchers and votes" in view.text()


async def test_square_brackets_step_through_the_results(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("escape")  # back to the search screen: CORE-53, DASH-141, MKT-18
        await view.press("enter")  # open the row under the cursor
        assert isinstance(view.app.screen, IssueScreen)
        first = view.app.screen.key
        await view.press("right_square_bracket")
        second = view.screen.key
        assert second != first
        assert f"{second}  {view.issue(second).summary}" in view.text()
        await view.press("left_square_bracket")
        assert view.screen.key == first
        await view.press("left_square_bracket")
        assert view.screen.key == first
        assert any("No previous result" in toast for toast in view.toasts())


async def test_help_lists_every_key_of_the_issue_view(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=TALL) as view:
        await view.press("j", "j")  # on a comment: its own keys join the list
        await view.press("question_mark")
        text = view.text()
        for action in ("Transition", "Assign", "Assign to me", "Comment", "Edit", "Log work", "Link",
                       "Watch", "Vote", "Open in browser", "Copy key and URL", "Next result",
                       "Previous result", "Next item", "Previous item", "Edit comment", "Delete comment"):  # fmt: skip
            assert action in text, action
