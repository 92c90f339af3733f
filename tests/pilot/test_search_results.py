"""The results table: moving, sorting, opening, and bulk actions on selected rows."""

from __future__ import annotations

from pathlib import Path

import httpx
from search_harness import make_app, seen, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import account_id
from tui.screens.bulk import OutcomeScreen
from tui.widgets.columns import key_sort
from tui.widgets.results import ResultsTable

TO_DO = 'project = DASH AND status = "To Do" ORDER BY key ASC'


def table(pilot: Pilot[object]) -> ResultsTable:
    return pilot.app.screen.query_one(ResultsTable)


async def issue_json(client: httpx.AsyncClient, key: str) -> dict[str, object]:
    response = await client.get(
        f"/rest/api/2/issue/{key}", params={"fields": "status,assignee,labels"}
    )
    response.raise_for_status()
    fields: dict[str, object] = response.json()["fields"]
    return fields


async def test_cursor_keys_move_and_enter_opens_the_issue(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        rows = table(pilot).rows
        await pilot.press("j", "j", "k")
        assert table(pilot).cursor_key == rows[1].key
        await pilot.press("G")
        assert table(pilot).cursor_key == rows[-1].key
        assert rows[-1].key in await seen(pilot)  # scrolled into view
        await pilot.press("g", "pagedown")
        assert table(pilot).cursor_row > 10
        await pilot.press("home", "down", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "IssueScreen"
        assert rows[1].key in await seen(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert table(pilot).cursor_key == rows[1].key


async def test_s_sorts_by_column_and_S_reverses(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        keys = [row.key for row in table(pilot).rows]
        await pilot.press("s")
        assert [row.key for row in table(pilot).rows] == sorted(keys, key=key_sort)
        assert "Key ▲" in await seen(pilot)
        await pilot.press("S")
        assert [row.key for row in table(pilot).rows] == sorted(keys, key=key_sort, reverse=True)
        assert "Key ▼" in await seen(pilot)
        await pilot.press("s", "s")  # type, then priority
        ranks = {"Highest": 0, "High": 1, "Medium": 2, "Low": 3, "Lowest": 4}
        shown = [ranks[row.priority] for row in table(pilot).rows]
        assert shown == sorted(shown)
        assert "sorted by Priority" in await seen(pilot)


async def test_bulk_transition_reports_each_issue(
    sandbox_app: Starlette,
    sandbox: Sandbox,
    bob_client: httpx.AsyncClient,
    alice_client: httpx.AsyncClient,
    tmp_path: Path,
) -> None:
    app = make_app(sandbox_app, tmp_path, jql=TO_DO)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first, second, third = (row.key for row in table(pilot).rows[:3])
        await pilot.press("space", "space", "space")
        assert table(pilot).selected_keys == (first, second, third)
        assert "3 selected" in await seen(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "Start Progress" in await seen(pilot)
        # Meanwhile someone else starts the second one: its transition is gone on the server.
        moved = await bob_client.post(
            f"/rest/api/2/issue/{second}/transitions", json={"transition": {"id": "11"}}
        )
        assert moved.status_code == 204
        await pilot.press(*"start", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        text = await seen(pilot)
        assert "Transition: 2 of 3 succeeded" in text
        assert "Transition id '11' is not valid for this issue." in text
        assert text.count("✓") == 2 and text.count("✗") == 1
        await pilot.press("escape")
        await settle(pilot)
        for key in (first, second, third):
            assert (await issue_json(alice_client, key))["status"]["name"] == "In Progress"  # type: ignore[index]
        statuses = {row.key: row.status for row in table(pilot).rows}
        assert statuses[first] == statuses[third] == "In Progress"  # rows refreshed on Changed
        assert table(pilot).selected_keys == ()
        assert sandbox.world.issues[first].status_id == sandbox.world.issues[second].status_id


async def test_bulk_assign_and_add_label(
    sandbox_app: Starlette, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path, jql=TO_DO)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first, second = (row.key for row in table(pilot).rows[:2])
        await pilot.press("space", "space", "a")
        await settle(pilot)
        await pilot.press(*"bob user")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Assign: 2 of 2 succeeded" in await seen(pilot)
        await pilot.press("enter")
        for key in (first, second):
            assignee = (await issue_json(alice_client, key))["assignee"]
            assert assignee["name"] == "bob"  # type: ignore[index]
        await pilot.press("space", "space", "plus")
        await settle(pilot)
        await pilot.press(*"triage", "enter")
        await settle(pilot)
        assert "Add label: 2 of 2 succeeded" in await seen(pilot)
        await pilot.press("escape")
        for key in table(pilot).rows[2:4]:
            assert "triage" in (await issue_json(alice_client, key.key))["labels"]  # type: ignore[operator]


async def test_assign_to_me_acts_on_the_cursor_row(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path, jql=TO_DO)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("j", "A")
        await settle(pilot)
        key = table(pilot).cursor_key
        assert key is not None
        assert sandbox.world.issues[key].assignee == account_id("alice")
        assert f"{key}: assigned to Alice Admin" in await seen(pilot)
