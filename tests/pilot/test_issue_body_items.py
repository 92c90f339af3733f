"""The issue body's items: the keys that act on the selected one are the only ones offered,
a selected item far down is brought into view, a click selects (and on a linked issue opens),
and the selection is drawn only while the body has the focus."""

from __future__ import annotations

from pathlib import Path

from issue_harness import IssueView, issue_view, select_item, selected_item
from starlette.applications import Starlette

from tui.screens.issue import IssueScreen
from tui.widgets.issue_body import IssueBody

RICH = "MOB-63"  # seeded: comments, a work log, links and a sub-task


ACTIONS = {"open_issue", "edit_comment", "delete_comment", "remove_link"}


async def _offered(view: IssueView, key: str | None = None) -> set[str]:
    """The body's actions the screen offers, with item `key` selected first (if given)."""
    if key is not None:
        select_item(view.screen, key)
        await view.settle()
    return ACTIONS & {binding.action for _, binding, _, _ in view.screen.active_bindings.values()}


async def test_only_the_keys_that_apply_to_the_selected_item_are_offered(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, RICH) as view:
        keys = view.screen.query_one(IssueBody).item_keys
        first = {kind: next(key for key in keys if key.startswith(kind)) for kind in
                 ("comment-", "link-", "subtask-")}  # fmt: skip
        assert await _offered(view) == set()
        assert await _offered(view, first["comment-"]) == {"edit_comment", "delete_comment"}
        assert "Edit comment" in view.text()
        assert await _offered(view, first["link-"]) == {"open_issue", "remove_link"}
        assert await _offered(view, first["subtask-"]) == {"open_issue"}
        assert await _offered(view, "description") == set()


async def test_an_item_far_down_is_brought_into_view(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, RICH, size=(80, 24)) as view:
        assert "Watchers and votes" not in view.text()
        await view.press("G")
        assert selected_item(view.app) is not None
        body = view.screen.query_one(IssueBody)
        assert body.selected is not None
        region = body.item_region(body.selected)
        lines = view.text().splitlines()
        assert 0 <= region.y < len(lines) - 1  # on screen, above the footer
        assert lines[region.y].lstrip().startswith("▌")
        await view.press("g")  # to the top: nothing selected is drawn
        assert view.app.focused is None
        assert "▌" not in view.text()


async def test_a_click_on_a_linked_issue_opens_it(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, RICH, size=(100, 80)) as view:
        body = view.screen.query_one(IssueBody)
        subtask = next(key for key in body.item_keys if key.startswith("subtask-"))
        block = body.item(subtask)
        assert block.ref is not None
        region = body.item_region(subtask)
        offset = (region.x - body.region.x + 4, region.y - body.region.y)
        await view.pilot.click(IssueBody, offset=offset)
        await view.settle()
        screen = view.app.screen
        assert isinstance(screen, IssueScreen) and screen.key == block.ref.key


async def test_a_click_on_a_comment_selects_it(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, RICH, size=(100, 80)) as view:
        body = view.screen.query_one(IssueBody)
        comment = [key for key in body.item_keys if key.startswith("comment-")][1]
        region = body.item_region(comment)
        await view.pilot.click(IssueBody, offset=(4, region.y - body.region.y))
        await view.settle()
        assert selected_item(view.app) == comment
        assert view.screen.key == RICH


async def test_a_theme_change_draws_the_body_in_the_new_colours(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, RICH) as view:
        body = view.screen.query_one(IssueBody)
        view.app.theme = "textual-dark"
        await view.settle()
        before = body.render_line(1)  # a section's title
        view.app.theme = "textual-light"
        await view.settle()
        after = body.render_line(1)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]
        assert after == body.render_line(1)  # drawn once, then kept


async def test_text_dragged_over_with_the_mouse_is_selected_and_copied(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, RICH, size=(100, 80)) as view:
        body = view.screen.query_one(IssueBody)
        comment = body.item(next(k for k in body.item_keys if k.startswith("comment-")))
        assert comment.comment is not None
        region = body.item_region(comment.key)
        top = region.y - body.region.y + 1  # the comment's text, under its heading
        await view.pilot.mouse_down(IssueBody, offset=(1, top))
        await view.pilot.hover(IssueBody, offset=(60, top))
        await view.pilot.mouse_up(IssueBody, offset=(60, top))
        await view.settle()
        selected = view.screen.get_selected_text()
        line = view.text().splitlines()[region.y + 1]
        assert selected and selected.strip() in line and len(selected.strip()) > 10
        await view.press("ctrl+c")
        assert view.app.clipboard.strip() == selected.strip()


async def test_moving_the_focus_draws_nothing_again(sandbox_app: Starlette, tmp_path: Path) -> None:
    """Textual announces a style update on every focus change; the body's kept lines stay."""
    async with issue_view(sandbox_app, tmp_path, RICH) as view:
        body = view.screen.query_one(IssueBody)
        title = body.render_line(1)
        await view.press("j", "j", "g", "j")
        assert body.render_line(1) is title
