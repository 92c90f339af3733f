"""The results table's scrollbar draws its lines itself (`LineScrollBar`): they are exactly
what Textual's own scrollbar renders through Rich, at every thumb position a person reaches
with the page keys, hovered and grabbed too."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from search_harness import make_app, settle
from starlette.applications import Starlette
from textual.geometry import Offset
from textual.widget import Widget

from tui.widgets.line_scrollbar import LineScrollBar
from tui.widgets.results import ResultsTable


def lines(bar: LineScrollBar, *, textual: bool) -> list[list[Segment]]:
    if textual:
        Widget._render_content(bar)  # Textual's own: the renderable through Rich
    else:
        bar._render_content()
    return [list(strip) for strip in bar._render_cache.lines]


@pytest.mark.sandbox(issues=2500)
async def test_scrollbar_lines_are_textuals_own(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one(ResultsTable)
        bar = table.vertical_scrollbar
        assert isinstance(bar, LineScrollBar) and table.show_vertical_scrollbar
        keys = ["pagedown"] * 6 + ["j"] * 5 + ["G", "pageup", "pageup", "g"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            ours = lines(bar, textual=False)
            assert len(ours) == bar.size.height == 37
            assert ours == lines(bar, textual=True), f"after {key!r}"
        for state in ("mouse_over", "grabbed"):
            setattr(bar, state, True if state == "mouse_over" else Offset(0, 0))
            assert lines(bar, textual=False) == lines(bar, textual=True), state
