"""Screen 2's list against the sandbox: the columns, recently viewed projects on top, filtering
as you type (at once over what is loaded, then the server), 2,000 projects (the first page after
one request, typing never waiting for the server), and the Data Center and legacy shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects_harness import open_projects, projects_app, text_of
from search_harness import settle
from starlette.applications import Starlette
from textual.pilot import Pilot
from textual.widgets import Input

from tui.sandbox.app import Sandbox
from tui.sandbox.projects_state import insight
from tui.widgets.project_list import ProjectList

SEARCH = "/rest/api/3/project/search"


def listed(pilot: Pilot[object]) -> list[str]:
    return [p.key for p in pilot.app.screen.query_one(ProjectList).rows]


def searches(pilot: Pilot[object]) -> int:
    return pilot.app.store.stats.requests_to("GET", SEARCH)  # type: ignore[attr-defined]


async def test_columns_show_key_name_type_category_lead_and_issue_count(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        assert app.current_mode == "projects"
        assert listed(pilot) == sorted(sandbox.world.projects)
        lines = (await text_of(pilot)).splitlines()
        assert lines[1].split() == ["Key", "Name", "Type", "Category", "Lead", "Issues"]
        counts = insight(sandbox.world)
        row = next(line for line in lines if " DASH " in line)
        assert "Dashboard" in row and "Software" in row and "Engineering" in row
        assert "Alice Admin" in row and row.rstrip().endswith(str(counts["DASH"][0]))
        help_row = next(line for line in lines if " HELP " in line)
        assert "Service desk" in help_row and "Support" in help_row
        assert "Projects · 5 shown · 5 of 5 loaded" in await text_of(pilot)


async def test_recently_viewed_projects_come_first(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        for key in ("MOB", "HELP"):
            await pilot.press("g", *["j"] * listed(pilot).index(key), "enter")
            await settle(pilot)
            assert f"{key} · " in await text_of(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert listed(pilot)[:2] == ["HELP", "MOB"]
        assert listed(pilot)[2:] == ["CORE", "DASH", "MKT"]
        shown = await text_of(pilot)
        assert "★ HELP" in shown and "★ MOB" in shown and "★ 2 recent" in shown


async def test_filter_narrows_as_you_type_and_escape_clears_it(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_projects(pilot)
        await pilot.press("f", *"mo")
        assert listed(pilot) == ["MOB"]  # at once, before the server is asked
        await settle(pilot)
        assert listed(pilot) == ["MOB"] and "filter: mo" in await text_of(pilot)
        await pilot.press("enter")  # to the list
        assert app.screen.query_one(ProjectList).has_focus
        await pilot.press("f", "escape")
        await settle(pilot)
        assert listed(pilot) == ["CORE", "DASH", "HELP", "MKT", "MOB"]
        await pilot.press("escape")
        assert app.screen.query_one(ProjectList).has_focus
        await pilot.press("f", *"zzz")
        await settle(pilot)
        assert listed(pilot) == [] and "No projects match." in await text_of(pilot)


@pytest.mark.sandbox(projects=2000)
async def test_2000_projects_stream_and_typing_never_waits_for_the_server(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        assert len(listed(pilot)) == 2000
        assert searches(pilot) == 20  # 100 a page: one request for the first, then the rest
        assert "2,000 of 2,000 loaded" in await text_of(pilot)
        await pilot.press("G")
        assert listed(pilot)[-1] in await text_of(pilot)  # scrolled: virtualised rows
        before = searches(pilot)
        await pilot.press("f", *"prj19")
        # Every key landed and the rows are narrowed already: nothing waited for the server.
        assert app.screen.query_one("#project-filter", Input).value == "prj19"
        wanted = [k for k in sorted(sandbox.world.projects) if "prj19" in k.lower()]
        assert listed(pilot) == wanted and len(wanted) == 111
        await settle(pilot)
        assert listed(pilot) == wanted
        asked = searches(pilot) - before  # 2 pages per question the server got
        assert 2 <= asked < 2 * 5  # fewer questions than key presses: the pause collapses them


async def test_data_center_lists_projects_without_counts(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path, api_version="2")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        assert listed(pilot) == ["CORE", "DASH", "HELP", "MKT", "MOB"]
        assert app.store.stats.requests_to("GET", "/rest/api/2/project") >= 1
        row = next(line for line in (await text_of(pilot)).splitlines() if " DASH " in line)
        assert row.rstrip().endswith("Alice Admin")  # no insight on Data Center: no count
        await pilot.press("f", *"desk")
        await settle(pilot)
        assert listed(pilot) == ["HELP"]


async def test_the_legacy_shape_lists_keys_and_names(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path, api_version="2.0.alpha1")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_projects(pilot)
        assert listed(pilot) == ["CORE", "DASH", "HELP", "MKT", "MOB"]
        assert "Dashboard" in await text_of(pilot)
