"""Snapshots of screen 3 — the skills matrix and the coverage list — at 120x40 and 80x24.

Deterministic: the sandbox (Jira and Skills for Jira) is seeded, the app's clock is fixed at the
seed's epoch, the filters are not focused (no cursor blink), and the matrix cursor is moved to a
fixed cell with staged edits shown. Update after an intended change with
`pytest tests/snapshot --snapshot-update`, and look.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.applications import Starlette
from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parent.parent / "pilot"))
from skills_harness import make_store

from tui.app import JiradashApp
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.session import Session

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


def _app(sandbox_app: Starlette, tmp_path: Path) -> JiradashApp:
    store = make_store(sandbox_app, tmp_path)
    return JiradashApp(store, Session(clock=lambda: SEED_EPOCH, history_path=tmp_path / "history.json"))


async def _settle(pilot: Pilot[object]) -> None:
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_skills_matrix(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await _settle(pilot)
        await pilot.press("3")
        await _settle(pilot)
        # two people with a staged addition each, the cursor on the second
        await pilot.press("j", "l", "space", "j", "j", "j", "j", "plus")
        await _settle(pilot)

    assert snap_compare(_app(sandbox_app, tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_skills_coverage(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await _settle(pilot)
        await pilot.press("3")
        await _settle(pilot)
        await pilot.press("v", "j", "j")
        await _settle(pilot)

    assert snap_compare(_app(sandbox_app, tmp_path), terminal_size=size, run_before=run_before)
