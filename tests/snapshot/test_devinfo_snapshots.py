"""Snapshots of screen 4 — the repositories list and a repository's page (pull-request tab) — at
120x40 and 80x24 (pytest-textual-snapshot).

Deterministic: the sandbox is seeded (its six devinfo repositories), times are the API's own in
UTC, and the focused widget is a table (no cursor blink). Update after an intended change with
`pytest tests/snapshot --snapshot-update`, and look.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parent.parent / "pilot"))
from devinfo_harness import devinfo_app, open_devinfo, open_repository
from search_harness import settle

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_devinfo_list(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_devinfo(pilot)
        await pilot.press("down", "down")

    app = devinfo_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_devinfo_repository(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_repository(pilot, "web-app")
        await pilot.press("p", "down")
        await settle(pilot)

    app = devinfo_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
