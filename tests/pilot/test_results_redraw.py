"""The results table redraws only what changed: after cursor keys (two lines redrawn, or the
view when it scrolls) and after pages appended below the view, the screen is exactly what a
full redraw from scratch paints. And streamed pages end as exactly the server's result."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from search_harness import ALL_JQL, make_app, make_store, settle
from starlette.applications import Starlette
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tui.models import IssueSummary, SearchPage
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.screens.search import _Feed
from tui.widgets.results import ResultsTable

Painted = list[list[tuple[str, str]]]


def painted(app: App[object]) -> Painted:
    """Every cell run of the screen with its style: what the terminal shows."""
    return [
        [(segment.text, str(segment.style)) for segment in strip]
        for strip in app.screen._compositor.render_strips()
    ]


async def from_scratch(pilot: Pilot[object], table: ResultsTable) -> Painted:
    """The screen after the table is drawn again from nothing (styles resolved again, no
    row kept, every line and the scrollbar repainted)."""
    table.notify_style_update()
    table.refresh()
    if table.show_vertical_scrollbar:
        table.vertical_scrollbar.refresh()
    await pilot.pause()
    return painted(pilot.app)


class TableApp(App[None]):
    """The results table alone, at a fixed time, for feeding it pages directly."""

    def compose(self) -> ComposeResult:
        yield ResultsTable(clock=lambda: SEED_EPOCH)


async def server_pages(sandbox_app: Starlette, jql: str = ALL_JQL) -> list[SearchPage]:
    store = make_store(sandbox_app)
    try:
        await store.connect()
        return [page async for page in store.search(jql, refresh=True)]
    finally:
        await store.aclose()


@pytest.mark.sandbox(issues=2500)
async def test_cursor_keys_redraw_exactly_what_a_full_redraw_paints(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one(ResultsTable)
        keys = ["j"] * 40 + ["k"] * 3 + ["space", "j", "space", "pagedown", "pagedown", "G"]
        keys += ["k", "k", "pageup", "g", "down", "s", "j", "slash", "escape"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            shown = painted(pilot.app)
            assert shown == await from_scratch(pilot, table), f"after {key!r}"
        assert len(table.selected_keys) == 2
        before = painted(pilot.app)
        pilot.app.theme = "textual-light"  # kept rows and resolved styles are dropped
        await pilot.pause()
        after = painted(pilot.app)
        assert after != before
        assert after == await from_scratch(pilot, table)


async def test_pages_appended_below_the_view_paint_as_a_full_redraw(
    sandbox_app: Starlette,
) -> None:
    pages = await server_pages(sandbox_app)
    rows = [row for page in pages for row in page.issues]
    assert len(pages) > 3
    async with TableApp().run_test(size=(100, 30)) as pilot:
        table = pilot.app.query_one(ResultsTable)
        first, *rest = pages
        table.set_rows(first.issues[:10])  # fewer rows than lines: the next page reaches them
        await pilot.pause()
        table.append_rows(first.issues[10:])
        for n, page in enumerate(rest):
            # The view moves while pages land: below it, or (at the end) into it.
            await pilot.press(*(["G"] if n % 2 else ["j", "j"]))
            table.append_rows(page.issues)
            await pilot.pause()
            assert painted(pilot.app) == await from_scratch(pilot, table)
        assert list(table.rows) == rows
        await pilot.press("G", "k")
        shown = table.cursor_issue
        assert shown is not None
        edited = msgspec.structs.replace(shown, summary="Edited while on screen")
        table.append_rows([edited])  # a row on screen changed in place
        await pilot.pause()
        assert "Edited while on screen" in str(painted(pilot.app))
        assert painted(pilot.app) == await from_scratch(pilot, table)
        rows[rows.index(shown)] = edited
        assert list(table.rows) == rows
        assert table.cursor_key == rows[-2].key
        table.sort_by("key", reverse=True)
        table.append_rows([msgspec.structs.replace(rows[0], summary="Edited while paging")])
        await pilot.pause()
        assert painted(pilot.app) == await from_scratch(pilot, table)
        assert table.cursor_key == rows[-2].key  # the cursor stays on its issue
        assert table.row_count == len(rows)


def cached(pages: list[SearchPage], rows: list[IssueSummary] | None = None) -> list[SearchPage]:
    copies = [msgspec.structs.replace(page, from_cache=True) for page in pages]
    if rows is not None:
        copies[0] = msgspec.structs.replace(copies[0], issues=tuple(rows))
    return copies


async def test_a_revalidated_cached_copy_ends_as_exactly_the_fresh_result(
    sandbox_app: Starlette,
) -> None:
    pages = await server_pages(sandbox_app)
    fresh = [row for page in pages for row in page.issues]
    stale_first = [msgspec.structs.replace(r, summary="old") for r in pages[0].issues[:-1]]
    stale = [*cached(pages, stale_first), cached(pages)[0]]  # shorter, older, one page more
    async with TableApp().run_test(size=(100, 30)) as pilot:
        table = pilot.app.query_one(ResultsTable)
        for copy, fresh_pages in ((cached(pages), pages), (stale, pages), (cached(pages), [])):
            feed = _Feed(table)
            for page in copy:
                feed.add(page)
            assert table.row_count == len({r.key for p in copy for r in p.issues})
            for page in fresh_pages:
                feed.add(page)
            feed.finish()
            assert list(table.rows) == fresh
            await pilot.pause()
            assert painted(pilot.app) == await from_scratch(pilot, table)


async def test_a_theme_change_redraws_the_kept_rows_in_its_colours(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    light = make_app(sandbox_app, tmp_path, theme="textual-light")
    async with light.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "space")
        await pilot.pause()
        region = pilot.app.screen.query_one(ResultsTable).region
        expected = painted(pilot.app)[region.y : region.bottom]
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "space")
        await pilot.pause()
        pilot.app.theme = "textual-light"
        await pilot.pause()
        assert painted(pilot.app)[region.y : region.bottom] == expected  # the table's lines
