"""Snapshots of the issue view at 120x40 and 80x24 (pytest-textual-snapshot).

Deterministic: the sandbox is seeded (the default seed), the app's clock is fixed at the seed's
epoch so "3 days ago" stays so, and nothing with a blinking cursor has the focus. Update after
an intended change with `pytest tests/snapshot --snapshot-update`, and look at the result.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.applications import Starlette
from textual.pilot import Pilot
from textual.widgets import Input

sys.path.insert(0, str(Path(__file__).parent.parent / "pilot"))
from issue_harness import app_for, make_store, settle

from tui.screens.issue import IssueScreen

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
KEY = "MOB-63"  # seeded: in review, with comments, worklogs, links and a sub-task


def _opening(key: str, *keys: str) -> Callable[[Pilot[object]], object]:
    async def run_before(pilot: Pilot[object]) -> None:
        store = pilot.app.store  # type: ignore[attr-defined]
        await settle(pilot, store)
        await pilot.app.push_screen(IssueScreen(key))
        await settle(pilot, store)
        if keys:
            await pilot.press(*keys)
            await settle(pilot, store)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a steady cursor to compare

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_issue_view(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(make_store(sandbox_app, tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=_opening(KEY))


@pytest.mark.parametrize("size", SIZES)
def test_issue_comments_focused(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(make_store(sandbox_app, tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=_opening(KEY, "j", "j", "j"))


@pytest.mark.parametrize("size", SIZES)
def test_transition_picker(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(make_store(sandbox_app, tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=_opening(KEY, "t", "d", "o"))
