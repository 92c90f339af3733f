"""Snapshots of the search screen at 120x40 and 80x24 (pytest-textual-snapshot).

Deterministic: the sandbox is seeded (`SandboxConfig.seed`, the default), the app's clock is
fixed at the seed's epoch so "2d" stays "2d", and the JQL bar is not focused (no cursor blink).
Update after an intended change with `pytest tests/snapshot --snapshot-update`, and look.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.applications import Starlette
from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parent.parent / "pilot"))
from search_harness import make_app, settle

from tui.widgets.jql_bar import JqlInput

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_search_results(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_search_refused_jql_with_selection(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await pilot.press("space", "space", "j", "s", "s", "s")  # two selected, sorted by priority
        pilot.app.screen.query_one(JqlInput).cursor_blink = False  # a steady cursor to compare
        await pilot.press("slash", "end", *" AND status = = x", "enter")
        await settle(pilot)

    app = make_app(sandbox_app, tmp_path, jql="project = DASH ORDER BY key ASC")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
