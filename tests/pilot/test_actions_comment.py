"""`c`: comments written in the Markdown editor, edited and deleted; drafts are never lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from issue_harness import BOB, TALL, issue_view, select_item
from starlette.applications import Starlette

from tui.render.adf_plain import adf_to_plain
from tui.sandbox.seed import account_id
from tui.sandbox.world import SandboxComment

KEY = "CORE-53"


def _adf(text: str) -> dict[str, object]:
    return {
        "type": "doc",
        "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}],
    }


@pytest.mark.parametrize("api_version", ["2", "3"])  # sent as wiki markup, and as ADF
async def test_comment_is_sent_and_shown(
    sandbox_app: Starlette, tmp_path: Path, api_version: str
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=TALL, api_version=api_version) as view:
        before = len(view.issue(KEY).comments)
        await view.press("c")
        assert "Comment on CORE-53" in view.text()
        await view.type("Works for me on **staging**")
        await view.press("ctrl+s")
        comments = view.issue(KEY).comments
        assert len(comments) == before + 1
        assert comments[-1].author == account_id("alice")
        assert adf_to_plain(comments[-1].body) == "Works for me on staging"
        assert "'strong'" in str(comments[-1].body)  # the Markdown emphasis arrived as such
        assert f"Comments ({before + 1})" in view.text()
        assert "Works for me on staging" in view.text()
        assert view.store.drafts.all() == []


async def test_escape_keeps_the_draft_for_next_time(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        version = view.sandbox.world.version
        await view.press("c")
        await view.type("half a thought")
        await view.press("escape")
        assert view.sandbox.world.version == version
        await view.press("c")
        assert "Unsent draft restored" in view.text()
        assert "half a thought" in view.text()


async def test_a_refused_comment_reopens_with_its_text(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        before = len(view.issue(KEY).comments)
        await view.press("c")
        await view.type("do not lose me")
        held = view.sandbox.world.issues.pop(KEY)  # gone on the server meanwhile: a 404
        await view.press("ctrl+s")
        view.sandbox.world.issues[KEY] = held
        assert len(view.issue(KEY).comments) == before
        text = view.text()
        assert "Comment on CORE-53" in text  # the editor is back...
        assert "do not lose me" in text  # ...with the text
        assert "the server refused it" in text
        assert [d.text for d in view.store.drafts.all()] == ["do not lose me"]
        await view.press("ctrl+s")
        assert adf_to_plain(view.issue(KEY).comments[-1].body) == "do not lose me"
        assert view.store.drafts.all() == []


async def test_a_draft_left_by_a_crash_is_offered(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        view.store.drafts.save(KEY, "comment", "typed before the crash")
        await view.press("c")
        assert "Unsent draft restored" in view.text()
        assert "typed before the crash" in view.text()


async def test_edit_own_comment(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        mine = _add(view, account_id("alice"), "first version")
        await view.press("r")
        select_item(view.screen, f"comment-{mine.id}")
        await view.press("E")
        assert "Edit comment on CORE-53" in view.text()
        assert "first version" in view.text()
        await view.press("ctrl+a", "ctrl+k")  # to the line's start, delete to its end
        await view.type("second version")
        await view.press("ctrl+s")
        assert adf_to_plain(mine.body) == "second version"


async def test_delete_own_comment_after_confirming(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        mine = _add(view, account_id("alice"), "delete me")
        await view.press("r")
        select_item(view.screen, f"comment-{mine.id}")
        await view.press("D")
        assert "Delete this comment by Alice Admin?" in view.text()
        await view.press("n")
        assert mine in view.issue(KEY).comments
        await view.press("D", "y")
        assert mine not in view.issue(KEY).comments


async def test_bob_may_not_delete_alices_comment(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, user=BOB) as view:
        hers = _add(view, account_id("alice"), "alice wrote this")
        await view.press("r")
        select_item(view.screen, f"comment-{hers.id}")
        await view.press("D", "y")
        assert hers in view.issue(KEY).comments
        assert view.toasts() == [
            "CORE-53: comment not deleted You do not have the permission to delete this comment."
        ]


def _add(view: object, author: str, text: str) -> SandboxComment:
    from issue_harness import IssueView

    assert isinstance(view, IssueView)
    when = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)
    comment = SandboxComment(view.sandbox.world.new_id(), author, _adf(text), when, when)
    view.issue(KEY).comments.append(comment)
    return comment
