"""Screen 2's other `/project/search` parameters, by key: the project type (`t`), the category
(`c`, from the categories the server has) and the order (`s`), each named in the status line and
each matching what the sandbox's own world holds; Data Center (no search resource) filters and
orders the one list it has in the store."""

from __future__ import annotations

from pathlib import Path

from projects_harness import open_projects, projects_app, text_of
from search_harness import settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.sandbox.app import Sandbox
from tui.widgets.project_list import ProjectList

SEARCH = "/rest/api/3/project/search"


def listed(pilot: Pilot[object]) -> list[str]:
    return [p.key for p in pilot.app.screen.query_one(ProjectList).rows]


def status_line(text: str) -> str:
    return next(line for line in text.splitlines() if " shown" in line)


def of_type(sandbox: Sandbox, type_key: str) -> list[str]:
    return sorted(k for k, p in sandbox.world.projects.items() if p.type_key == type_key)


def in_category(sandbox: Sandbox, name: str) -> list[str]:
    (category_id,) = [c for c, cat in sandbox.world.categories.items() if cat.name == name]
    return sorted(k for k, p in sandbox.world.projects.items() if p.category_id == category_id)


async def test_t_cycles_the_project_type_and_the_status_line_says_so(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        before = app.store.stats.requests_to("GET", SEARCH)
        await pilot.press("t")
        await settle(pilot)
        assert listed(pilot) == of_type(sandbox, "software") == ["CORE", "DASH", "MOB"]
        assert app.store.stats.requests_to("GET", SEARCH) == before + 1  # asked the server
        assert "type: Software" in status_line(await text_of(pilot))
        await pilot.press("t")
        await settle(pilot)
        assert listed(pilot) == of_type(sandbox, "service_desk") == ["HELP"]
        assert "type: Service desk" in status_line(await text_of(pilot))
        await pilot.press("t", "t")  # business, then every type again
        await settle(pilot)
        assert listed(pilot) == sorted(sandbox.world.projects)
        assert "type:" not in status_line(await text_of(pilot))


async def test_c_cycles_the_servers_categories_and_combines_with_type_and_text(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert listed(pilot) == in_category(sandbox, "Engineering") == ["CORE", "DASH", "MOB"]
        assert "category: Engineering" in status_line(await text_of(pilot))
        await pilot.press("f", *"co", "enter")
        await settle(pilot)
        assert listed(pilot) == ["CORE"]
        line = status_line(await text_of(pilot))
        assert "category: Engineering · filter: co" in line
        await pilot.press("c")  # Business
        await settle(pilot)
        assert listed(pilot) == [] and "No projects match." in await text_of(pilot)
        assert "category: Business" in status_line(await text_of(pilot))
        await pilot.press("c", "c")  # Support, then every category
        await settle(pilot)
        assert listed(pilot) == ["CORE"]  # the text filter stays
        assert "category:" not in status_line(await text_of(pilot))


async def test_s_cycles_the_order(sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        keys = sorted(sandbox.world.projects)
        await pilot.press("s")
        await settle(pilot)
        assert listed(pilot) == keys[::-1]
        assert "order: key ↓" in status_line(await text_of(pilot))
        await pilot.press("s")
        await settle(pilot)
        by_name = sorted(sandbox.world.projects.values(), key=lambda p: p.name.lower())
        assert listed(pilot) == [p.key for p in by_name]
        assert "order: name" in status_line(await text_of(pilot))
        await pilot.press(*"s" * 6)  # round to the key again
        await settle(pilot)
        assert listed(pilot) == keys and "order:" not in status_line(await text_of(pilot))


async def test_data_center_filters_and_orders_its_one_list(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path, api_version="2")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_projects(pilot)
        await pilot.press("t", "t", "t")  # business
        await settle(pilot)
        assert listed(pilot) == of_type(sandbox, "business") == ["MKT"]
        await pilot.press("t", "c", "s")  # every type; Engineering; key descending
        await settle(pilot)
        assert listed(pilot) == in_category(sandbox, "Engineering")[::-1]
        assert app.store.stats.requests_to("GET", SEARCH) == 0
