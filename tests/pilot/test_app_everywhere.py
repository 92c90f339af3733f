"""What works on every screen: help, modes, `/`, the palette, filters, themes, setup."""

from __future__ import annotations

from pathlib import Path

import httpx
from search_harness import make_app, sandbox_keys, screen_text, seen, settle, until
from starlette.applications import Starlette
from textual.app import App
from textual.command import CommandPalette

from tui.screens.help import HelpScreen
from tui.screens.setup import SetupScreen
from tui.widgets.jql_bar import JqlBar, JqlInput
from tui.widgets.results import ResultsTable


async def test_help_lists_every_binding_of_the_focused_screen(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = await seen(pilot)
        for line in ("Open", "Select", "Sort", "Reverse sort", "Transition", "Assign to me",
                     "Add label", "New issue", "Open in browser", "Copy key and URL", "Refresh",
                     "Filters", "JQL", "Quit", "Help", "Command palette"):  # fmt: skip
            assert line in text, line
        assert "S" in text and "s" in text and "space" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_slash_focuses_the_jql_bar_from_anywhere(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ResultsTable).has_focus
        await pilot.press("enter")  # into the issue view
        await settle(pilot)
        assert type(app.screen).__name__ == "IssueScreen"
        await pilot.press("slash")
        await settle(pilot)
        assert app.screen.query_one(JqlInput).has_focus
        await pilot.press("escape")  # back to the results
        assert app.screen.query_one(ResultsTable).has_focus


async def test_modes_keep_their_state_and_5_shows_the_last_issue(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")  # nothing viewed yet: says so, stays
        assert app.current_mode == "search"
        await pilot.press("s", "j", "j", "j")
        results = app.screen.query_one(ResultsTable)
        key = results.cursor_key
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert app.current_mode == "issue"
        assert type(app.screen).__name__ == "IssueScreen"
        assert key is not None and key in await seen(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert app.current_mode == "search"
        assert app.screen.query_one(ResultsTable).cursor_key == key
        assert app.screen.query_one(ResultsTable).sort_column == "key"


async def test_palette_runs_a_favourite_filter(
    sandbox_app: Starlette, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"dashboard bugs")
        await settle(pilot)
        assert "Filter: Dashboard bugs" in await seen(pilot)
        await pilot.press("enter")
        await settle(pilot)
        jql = "project = DASH AND issuetype = Bug ORDER BY created DESC"
        assert app.screen.query_one(JqlBar).value == jql
        shown = [row.key for row in app.screen.query_one(ResultsTable).rows]
        assert shown == await sandbox_keys(alice_client, jql)


async def test_f_picks_a_favourite_filter(
    sandbox_app: Starlette, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        text = await seen(pilot)
        assert "My open issues" in text and "Blockers" in text
        await pilot.press(*"block", "enter")
        await settle(pilot)
        jql = app.screen.query_one(JqlBar).value
        assert jql.startswith("priority in (Highest, High)")
        shown = [row.key for row in app.screen.query_one(ResultsTable).rows]
        assert shown == await sandbox_keys(alice_client, jql)


async def test_theme_choice_is_handed_to_the_profile(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    saved: list[str] = []
    app = make_app(sandbox_app, tmp_path)
    app.session.save_theme = saved.append
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert saved[-1] == "nord"
    again = make_app(sandbox_app, tmp_path, theme="nord")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_setup_screen_offers_the_demo_and_config_init() -> None:
    class First(App[str | None]):
        def on_mount(self) -> None:
            self.push_screen(SetupScreen(), self.exit)

    app = First()
    async with app.run_test(size=(80, 24)) as pilot:
        text = await seen(pilot)
        assert "jiradash --demo" in text and "jiradash config init" in text
        await pilot.press("d")
    assert app.return_value == "demo"


async def test_palette_offers_the_actions_here_and_other_screens(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(
        sandbox_app, tmp_path, jql='project = DASH AND status = "To Do" ORDER BY key ASC'
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"go to sea")
        await until(pilot, lambda: "Go to Search" in screen_text(app))
        await pilot.press(*["backspace"] * len("go to sea"), *"transition")
        await settle(pilot)
        assert "key t" in await seen(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Transition DASH-" in await seen(pilot)  # the modal, for the row under the cursor
        assert "Start Progress" in await seen(pilot)


async def test_the_current_screens_key_goes_back_to_its_first_view(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")  # the next result, from the issue view
        await settle(pilot)
        assert type(app.screen).__name__ == "IssueScreen"
        await pilot.press("1")
        await settle(pilot)
        results = app.screen.query_one(ResultsTable)
        assert results.cursor_row == 2  # `]` moved the results' cursor too
        await pilot.press("5")
        await settle(pilot)
        assert results.rows[2].key in await seen(pilot)


async def test_palette_switches_profile_by_restarting(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path, profiles=("test", "work"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"profile work")
        await until(pilot, lambda: "Switch to profile work" in screen_text(app))
        assert "Switch to profile test" not in screen_text(app)  # the one in use
        await pilot.press("enter")
        await until(pilot, lambda: app.return_value == "work")
