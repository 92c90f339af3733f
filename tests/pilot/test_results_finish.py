"""The results table finishes its lines itself (`LineFinisher`): what it hands the compositor is
exactly what Textual's own `StylesCache` makes of the same drawn rows, after scrolling, paging,
selecting, sorting, losing focus and a theme change, for the whole widget and for a part."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from search_harness import make_app, settle
from starlette.applications import Starlette
from textual.geometry import Region
from textual.widget import Widget

from tui.widgets.results import ResultsTable


def finished(
    table: ResultsTable, crop: Region, *, textual: bool
) -> list[tuple[int, list[Segment]]]:
    strips = Widget.render_lines(table, crop) if textual else table.render_lines(crop)
    return [(strip.cell_length, list(strip)) for strip in strips]


def same_as_textual(table: ResultsTable) -> None:
    width, height = table.size
    for crop in (Region(0, 0, width, height), Region(3, 2, width - 10, height - 5)):
        assert finished(table, crop, textual=False) == finished(table, crop, textual=True)


@pytest.mark.sandbox(issues=600)
async def test_finished_lines_are_textuals_own(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one(ResultsTable)
        assert table.row_count == 600
        for key in ["j"] * 40 + ["space", "pagedown", "G", "pageup", "s", "g", "slash"]:
            await pilot.press(key)
            await pilot.pause()
            same_as_textual(table)
        pilot.app.theme = "textual-light"
        await pilot.pause()
        same_as_textual(table)
