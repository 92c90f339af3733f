"""One issue view serves every opening: the next issue is swapped into it, and it shows that
issue entirely — nothing of the one before (comments, attachments, links, parent) stays."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from devinfo_harness import devinfo_app
from issue_harness import TALL, make_store, screen_text, select_item, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.app import JiradashApp
from tui.sandbox.seed import account_id
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.sandbox.world import World
from tui.screens.issue import IssueScreen
from tui.session import Session
from tui.widgets.devinfo_panel import DevelopmentItem
from tui.widgets.issue_body import IssueBody, widget_id
from tui.widgets.issue_header import IssueHeader

RICH = "DASH-139"  # seeded: comments, attachments, a link and a parent
BARE = "CORE-1"  # seeded: none of those, no work log, no history
JQL = f"key in ({RICH}, {BARE}) ORDER BY key DESC"  # RICH first, then BARE


def _app(sandbox_app: Starlette, tmp_path: Path) -> JiradashApp:
    store = make_store(sandbox_app, tmp_path)
    return JiradashApp(store, Session(clock=lambda: SEED_EPOCH, default_jql=JQL))


async def _settle(pilot: Pilot[str | None], app: JiradashApp) -> None:
    await settle(cast("Pilot[object]", pilot), app.store)


def _traces(world: World, key: str) -> list[str]:
    """What only `key`'s view would show: its key and summary, comment texts, attachment names,
    linked and parent keys."""
    held = world.issues[key]
    found = [f"{key}  {held.summary}"]
    found += [comment.body["content"][0]["content"][0]["text"] for comment in held.comments]
    found += [attachment.filename for attachment in held.attachments]
    for link in world.links.values():
        if key in (link.inward_key, link.outward_key):
            found.append(link.outward_key if link.inward_key == key else link.inward_key)
    if held.parent_key:
        found.append(held.parent_key)
    return found


def _keys(text: str) -> list[str]:
    return [{" ": "space", "-": "minus"}.get(ch, ch) for ch in text]


async def _open(pilot: Pilot[str | None], app: JiradashApp, *keys: str) -> IssueScreen:
    await pilot.press(*keys, "enter")
    await _settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, IssueScreen)
    return screen


async def _back(pilot: Pilot[str | None], app: JiradashApp) -> None:
    await pilot.press("escape")
    await _settle(pilot, app)
    assert not isinstance(app.screen, IssueScreen)


async def test_the_next_issue_reuses_the_view_and_shows_only_itself(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    world = sandbox_app.state.sandbox.world
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        first = await _open(pilot, app)
        assert first.key == RICH
        text = screen_text(app)
        for trace in _traces(world, RICH):
            assert trace in text, trace
        body = first.query_one(IssueBody)
        comments = [key for key in body.item_keys if key.startswith("comment-")]
        assert len(comments) == len(world.issues[RICH].comments)
        await _back(pilot, app)

        second = await _open(pilot, app, "j")
        assert second is first and second.key == BARE
        text = screen_text(app)
        for trace in _traces(world, BARE):
            assert trace in text, trace
        for trace in _traces(world, RICH):
            assert trace not in text, trace
        for empty in ("No comments.", "No work log.", "No links.", "No sub-tasks.",
                      "No attachments.", "No history."):  # fmt: skip
            assert empty in text, empty
        assert body.item_keys == ["description", "people"]  # no comment, link or parent
        assert app.recent_issues[:2] == [BARE, RICH]
        await _back(pilot, app)

        third = await _open(pilot, app, "k")  # and back to the one with everything
        assert third is first and third.key == RICH
        text = screen_text(app)
        for trace in _traces(world, RICH):
            assert trace in text, trace
        assert f"{BARE}  " not in text


async def test_square_brackets_swap_the_issue_in_place(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    world = sandbox_app.state.sandbox.world
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        view = await _open(pilot, app)
        await pilot.press("j", "j")  # focus on a comment of RICH
        depth = len(app.screen_stack)
        await pilot.press("right_square_bracket")
        await _settle(pilot, app)
        assert app.screen is view and view.key == BARE and len(app.screen_stack) == depth
        assert app.focused is None  # nothing of RICH keeps the focus
        text = screen_text(app)
        assert f"{BARE}  {world.issues[BARE].summary}" in text
        for trace in _traces(world, RICH):
            assert trace not in text, trace
        assert app.recent_issues[0] == BARE
        await pilot.press("left_square_bracket")
        await _settle(pilot, app)
        assert app.screen is view and view.key == RICH
        await pilot.press("escape")
        await _settle(pilot, app)
        assert not isinstance(app.screen, IssueScreen)


async def test_an_issue_opened_from_the_cache_shows_no_loading_indicator(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        await _open(pilot, app)
        await _back(pilot, app)
        gets = app.store.stats.requests_to("GET", "/issue/{key}")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, IssueScreen) and view.key == RICH
        panels = [view.query_one(IssueHeader), view.query_one(IssueBody)]
        assert not any(panel.loading for panel in panels)
        assert f"{RICH}  " in screen_text(app)
        await _settle(pilot, app)
        assert app.store.stats.requests_to("GET", "/issue/{key}") == gets


async def test_a_change_made_while_the_view_is_put_away_shows_when_it_opens_again(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    world = sandbox_app.state.sandbox.world
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        await _open(pilot, app)
        await _back(pilot, app)
        await pilot.press("A")  # assign the row's issue to me from the results
        await _settle(pilot, app)
        assert world.issues[RICH].assignee == account_id("alice")
        await _open(pilot, app)
        assert world.users[world.issues[RICH].assignee].display_name in screen_text(app)


async def test_an_issue_opened_over_the_view_gets_its_own(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        view = await _open(pilot, app)
        parent = sandbox_app.state.sandbox.world.issues[RICH].parent_key
        assert parent is not None
        select_item(view, widget_id("parent", parent))
        await pilot.press("enter")
        await _settle(pilot, app)
        other = app.screen
        assert isinstance(other, IssueScreen) and other is not view and other.key == parent
        await pilot.press("escape")
        await _settle(pilot, app)
        assert app.screen is view and view.key == RICH


async def test_the_development_section_follows_the_issue(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await _settle(pilot, app)
        app.open_issue("DASH-5")  # the seed has branches, commits and pull requests for it
        await _settle(pilot, app)
        view = app.screen
        assert isinstance(view, IssueScreen) and view.key == "DASH-5"
        assert view.query(DevelopmentItem)
        await _back(pilot, app)
        app.open_issue("DASH-1")  # and nothing for this one
        await _settle(pilot, app)
        assert app.screen is view and view.key == "DASH-1"
        assert not view.query(DevelopmentItem)
        view.query_one("#issue-development").scroll_visible(animate=False)
        await _settle(pilot, app)
        text = screen_text(app)
        assert "Development (0)" in text
        assert "No branches, commits or pull requests carry this key." in text


async def test_a_view_under_another_catches_up_when_uncovered(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    world = sandbox_app.state.sandbox.world
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        view = await _open(pilot, app)
        parent = world.issues[RICH].parent_key
        assert parent is not None
        assert "Links (2)" in screen_text(app)
        select_item(view, widget_id("parent", parent))
        await pilot.press("enter")  # the parent, in a view of its own over this one
        await _settle(pilot, app)
        await pilot.press("l", *_keys("is blocked"), "enter", *_keys(RICH.lower()))
        await _settle(pilot, app)
        await pilot.press("enter")  # parent is blocked by RICH: both issues change
        await _settle(pilot, app)
        assert any(
            (link.outward_key, link.inward_key) == (RICH, parent) for link in world.links.values()
        )
        await pilot.press("escape")
        await _settle(pilot, app)
        assert app.screen is view
        text = screen_text(app)
        assert "Links (3)" in text and "blocks" in text


async def test_5_swaps_the_issue_last_viewed_into_its_view(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = _app(sandbox_app, tmp_path)
    world = sandbox_app.state.sandbox.world
    async with app.run_test(size=TALL) as pilot:
        await _settle(pilot, app)
        await _open(pilot, app)
        await _back(pilot, app)
        await pilot.press("5")
        await _settle(pilot, app)
        last = app.screen
        assert app.current_mode == "issue" and isinstance(last, IssueScreen)
        assert last.key == RICH
        await pilot.press("1")
        await _settle(pilot, app)
        await _open(pilot, app, "j")
        await _back(pilot, app)
        await pilot.press("5")
        await _settle(pilot, app)
        assert app.current_mode == "issue" and app.screen is last and last.key == BARE
        text = screen_text(app)
        assert f"{BARE}  {world.issues[BARE].summary}" in text
        for trace in _traces(world, RICH):
            assert trace not in text, trace
