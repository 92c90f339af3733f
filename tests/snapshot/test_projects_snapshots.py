"""Snapshots of screen 2 — the projects list and a project's page — at 120x40 and 80x24
(pytest-textual-snapshot).

Deterministic: the sandbox is seeded (the default seed), the app speaks Cloud's v3 (issue counts
from `expand=insight`), nothing has been viewed yet (no recent projects), and the focused widget
is the list (no cursor blink). Update after an intended change with
`pytest tests/snapshot --snapshot-update`, and look.
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
from projects_harness import open_projects, projects_app
from search_harness import settle

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_projects_list(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await open_projects(pilot)
        await pilot.press("j", "j")

    app = projects_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_project_page(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await open_projects(pilot)
        await pilot.press("j", "enter")  # DASH
        await settle(pilot)
        await pilot.press("down")

    app = projects_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_projects_list_filtered(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Software projects in Engineering, by key descending: the status line names each."""

    async def run_before(pilot: Pilot[object]) -> None:
        await open_projects(pilot)
        await pilot.press("t", "c", "s")
        await settle(pilot)

    app = projects_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_project_edit_form(
    snap_compare: SnapCompare, sandbox_app: Starlette, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The edit form of MKT: key, name, lead, category (blank: none), description, URL."""

    async def run_before(pilot: Pilot[object]) -> None:
        await open_projects(pilot)
        await pilot.press("j", "j", "j", "e")  # MKT
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a steady cursor to compare

    app = projects_app(sandbox_app, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
