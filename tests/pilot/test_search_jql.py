"""The JQL bar against the sandbox: run a query, a refused query, history, completion."""

from __future__ import annotations

from pathlib import Path

import httpx
from search_harness import ALL_JQL, make_app, sandbox_keys, seen, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.widgets.jql_bar import JqlBar, JqlInput
from tui.widgets.results import ResultsTable


async def type_jql(pilot: Pilot[object], jql: str) -> None:
    """`/`, clear the bar, type `jql` key by key, `enter`."""
    await pilot.press("slash", "home", "ctrl+k")
    await pilot.press(*jql)
    await pilot.press("enter")
    await settle(pilot)


async def test_typed_jql_shows_what_the_sandbox_answers(
    sandbox_app: Starlette, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    jql = 'project = DASH AND status = "To Do" ORDER BY key ASC'
    expected = await sandbox_keys(alice_client, jql)
    assert 0 < len(expected) < 100
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await type_jql(pilot, jql)
        table = app.screen.query_one(ResultsTable)
        assert [row.key for row in table.rows] == expected
        assert table.has_focus  # enter ran it and moved to the results
        text = await seen(pilot)
        assert f"1–{len(expected)} of {len(expected)}" in text
        visible = expected[: 40 - 6]
        assert all(key in text for key in visible[:20])
        assert "In Progress" not in text  # only "To Do" rows


async def test_refused_jql_shows_the_servers_message_and_keeps_the_results(
    sandbox_app: Starlette, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    bad = "project = = DASH"
    refused = await alice_client.get("/rest/api/2/search", params={"jql": bad})
    assert refused.status_code == 400
    message = refused.json()["errorMessages"][0]
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ResultsTable)
        before = [row.key for row in table.rows]
        assert before
        await type_jql(pilot, bad)
        text = await seen(pilot)
        assert message in text
        assert [row.key for row in table.rows] == before
        assert before[0] in text
        assert app.screen.query_one(JqlBar).value == bad  # left for fixing


async def test_up_and_down_walk_the_history(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await type_jql(pilot, "project = MOB")
        await type_jql(pilot, "project = HELP")
        bar = app.screen.query_one(JqlBar)
        await pilot.press("slash", "up")
        assert bar.value == "project = HELP"
        await pilot.press("up")
        assert bar.value == "project = MOB"
        await pilot.press("up")
        assert bar.value == ALL_JQL
        await pilot.press("down", "down")
        assert bar.value == "project = HELP"
    # kept per profile on disk
    assert "project = MOB" in (tmp_path / "jql-history.json").read_text()


async def test_tab_completes_a_field_name(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", "home", "ctrl+k")
        await pilot.press(*"assig")
        await settle(pilot)
        assert "assignee" in await seen(pilot)  # the completion list
        await pilot.press("tab")
        assert app.screen.query_one(JqlBar).value == "assignee "  # ready for the operator
        assert app.screen.query_one(JqlInput).has_focus


async def test_values_come_from_the_servers_suggestions(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", "home", "ctrl+k")
        await pilot.press(*"status = In")
        await settle(pilot)
        text = await seen(pilot)
        assert "In Progress" in text and "In Review" in text
        await pilot.press("down", "enter")  # an arrow picks, then enter takes it (not runs)
        assert app.screen.query_one(JqlBar).value.startswith('status = "In Review"')
        assert app.screen.query_one(JqlInput).has_focus
