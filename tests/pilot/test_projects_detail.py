"""A project's page against the sandbox: hierarchy levels, statuses per issue type, open issues
per status (matching the sandbox's own count), notification scheme, components and versions;
`enter` on a status or an issue type runs its JQL on the search screen; bob sees the server's
refusal of the notification scheme; Data Center's page from what v2 has."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx
from projects_harness import open_projects, projects_app, text_of
from search_harness import BOB, sandbox_keys, settle
from starlette.applications import Starlette
from textual.pilot import Pilot
from textual.widgets import OptionList

from tui.sandbox.app import Sandbox
from tui.widgets.jql_bar import JqlBar
from tui.widgets.results import ResultsTable


async def open_detail(pilot: Pilot[object], key: str) -> None:
    await open_projects(pilot)
    await pilot.press("f", *key.lower(), "enter", "enter")
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "ProjectDetailScreen"


def open_counts(sandbox: Sandbox, key: str) -> Counter[str]:
    statuses = sandbox.world.statuses
    return Counter(
        statuses[i.status_id].name
        for i in sandbox.world.issues.values()
        if i.project_key == key and statuses[i.status_id].category != "done"
    )


async def choose(pilot: Pilot[object], label: str, after: str = "") -> None:
    """Put the cursor on the first path whose text starts with `label` (after the heading
    `after`, when given) and press enter."""
    paths = pilot.app.screen.query_one(OptionList)
    options = [paths.get_option_at_index(i) for i in range(paths.option_count)]
    texts = [str(option.prompt) for option in options]
    start = next(i for i, t in enumerate(texts) if t.strip() == after) if after else 0
    index = next(i for i in range(start, len(texts)) if texts[i].strip().startswith(label))
    enabled = [i for i, option in enumerate(options) if not option.disabled]
    await pilot.press("home", *["down"] * enabled.index(index))  # headings are skipped
    assert paths.highlighted == index
    await pilot.press("enter")
    await settle(pilot)


async def test_the_page_shows_hierarchy_statuses_counts_and_notification_scheme(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, "CORE")
        shown = await text_of(pilot)
        core = sandbox.world.projects["CORE"]
        assert "CORE · Core Platform" in shown and core.description in shown
        assert "Type: Software" in shown and "Category: Engineering" in shown
        for level in ("Level 1 · Epic", "Level 0 · Base", "Level -1 · Subtask"):
            assert level in shown
        for component in core.components:
            assert component.name in shown
        released = next(v for v in core.versions if v.released)
        assert f"{released.name}  released    {released.release_date}" in shown
        assert "Notification scheme: Default Notification Scheme" in shown
        assert "Issue created: Current assignee, Reporter, All watchers" in shown
        rows = {line.split("▕")[0].strip() for line in shown.splitlines()}
        for status, count in open_counts(sandbox, "CORE").items():
            assert any(r.startswith(status) and r.endswith(str(count)) for r in rows), status


async def test_enter_on_a_status_or_issue_type_searches_for_it(
    sandbox_app: Starlette, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, "CORE")
        await choose(pilot, "In Progress")
        assert app.current_mode == "search"
        jql = 'project = CORE AND status = "In Progress"'
        assert app.screen.query_one(JqlBar).value == jql
        shown = [row.key for row in app.screen.query_one(ResultsTable).rows]
        assert shown and sorted(shown) == sorted(await sandbox_keys(alice_client, jql))
        await pilot.press("2")  # the project's page is still there
        await settle(pilot)
        assert "CORE · Core Platform" in await text_of(pilot)
        await choose(pilot, "Bug")
        assert app.screen.query_one(JqlBar).value == 'project = CORE AND issuetype = "Bug"'
        await pilot.press("2")
        await settle(pilot)
        await choose(pilot, "Done", after="Story")
        jql = 'project = CORE AND issuetype = "Story" AND status = "Done"'
        assert app.screen.query_one(JqlBar).value == jql
        shown = [row.key for row in app.screen.query_one(ResultsTable).rows]
        assert sorted(shown) == sorted(await sandbox_keys(alice_client, jql))


async def test_bob_sees_why_the_notification_scheme_is_not_shown(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path, user=BOB)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, "CORE")
        await pilot.press("tab", "end")  # to the details pane, scrolled to its end
        await settle(pilot)
        lines = (await text_of(pilot)).splitlines()
        shown = " ".join(" ".join(line.split("▕", 1)[-1] for line in lines).split())
        assert "not available: No project could be found with key 'CORE', or you are not" in shown
        assert "Versions (6)" in shown and "Level 0 · Base" in await text_of(pilot)  # the rest
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProjectsScreen"


async def test_data_center_page_from_what_v2_has(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = projects_app(sandbox_app, tmp_path, api_version="2")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(pilot, "MKT")
        shown = await text_of(pilot)
        assert "MKT · Marketing" in shown and "Level 0" in shown
        assert "Type: Business" in shown
        for status in open_counts(sandbox, "MKT"):
            assert status in shown
