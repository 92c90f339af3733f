"""How searches behave: failures, cancelling, refresh, the cache, and the row actions o, y, n."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import httpx
import pytest
from search_harness import BOB, make_app, sandbox_keys, seen, settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import account_id
from tui.widgets.jql_bar import JqlBar
from tui.widgets.results import ResultsTable
from tui.widgets.status_line import StatusLine


def table(pilot: Pilot[object]) -> ResultsTable:
    return pilot.app.screen.query_one(ResultsTable)


async def test_server_failure_is_a_notification_and_nothing_freezes(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        before = [row.key for row in table(pilot).rows]
        sandbox.config.fail_rate = 1.0
        await pilot.press("r")
        await settle(pilot)
        text = await seen(pilot)
        assert "Search failed" in text
        assert "search failed" in text  # the status line says so too
        assert [row.key for row in table(pilot).rows] == before  # the last results stay
        await pilot.press("j", "j")  # still answering keys
        assert table(pilot).cursor_row == 2
        sandbox.config.fail_rate = 0.0
        await pilot.press("r")
        await settle(pilot)
        assert not pilot.app.screen.query_one(StatusLine).status.note


async def test_wrong_credentials_say_so(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path, user=(BOB[0], "not-the-token"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        text = await seen(pilot)
        assert "Search failed" in text
        assert table(pilot).row_count == 0
        await pilot.press("question_mark")  # the app is alive
        assert "Keys" in await seen(pilot)


@pytest.mark.sandbox(latency_ms=150)
async def test_a_new_search_replaces_the_running_one_but_never_a_mutation(
    sandbox_app: Starlette, sandbox: Sandbox, alice_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path, jql="project = MOB ORDER BY key ASC")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        key = table(pilot).cursor_key
        assert key is not None
        await pilot.press("A")  # assign to me: in flight for a while
        bar = pilot.app.screen.query_one(JqlBar)
        bar.value = "project = CORE ORDER BY key ASC"
        await pilot.press("slash", "enter")  # a first search, at once replaced by a second
        bar.value = "project = HELP ORDER BY key ASC"
        await pilot.press("slash", "enter")
        await settle(pilot)
        shown = [row.key for row in table(pilot).rows]
        assert shown == await sandbox_keys(alice_client, "project = HELP ORDER BY key ASC")
        assert sandbox.world.issues[key].assignee == account_id("alice")


async def test_r_reads_again_past_the_cache(
    sandbox_app: Starlette, bob_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    app = make_app(
        sandbox_app, tmp_path, jql='project = DASH AND status = "To Do" ORDER BY key ASC'
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        key = table(pilot).rows[0].key
        moved = await bob_client.post(
            f"/rest/api/2/issue/{key}/transitions", json={"transition": {"id": "11"}}
        )
        assert moved.status_code == 204
        await pilot.press("r")
        await settle(pilot)
        assert key not in [row.key for row in table(pilot).rows]  # no longer "To Do"


async def test_a_cached_copy_shows_first_then_fresh_rows(
    sandbox_app: Starlette, bob_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    jql = 'project = DASH AND status = "To Do" ORDER BY key ASC'
    first = make_app(sandbox_app, tmp_path, jql=jql, cache_dir=tmp_path / "cache")
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        key = table(pilot).rows[0].key
    moved = await bob_client.post(
        f"/rest/api/2/issue/{key}/transitions", json={"transition": {"id": "11"}}
    )
    assert moved.status_code == 204
    again = make_app(sandbox_app, tmp_path, jql=jql, cache_dir=tmp_path / "cache")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        stats = again.store.stats
        assert stats.disk_hits > 0  # the copy from the first run was shown first ...
        assert stats.requests_to("GET", "/search") + stats.requests_to("POST", "/search") > 0
        assert key not in [row.key for row in table(pilot).rows]  # ... and replaced by the server's
        assert "(cached)" not in await seen(pilot)


async def test_y_copies_key_and_url(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("j")
        key = table(pilot).cursor_key
        assert app.clipboard == ""
        await pilot.press("y")
        assert app.clipboard == f"{key} http://sandbox.invalid/browse/{key}"
        assert f"Copied {key}" in await seen(pilot)


async def test_o_opens_the_issue_in_the_browser(
    sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened.txt"
    command = (
        f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.argv[2])\" {opened} %s"
    )
    monkeypatch.setenv("BROWSER", command)
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER afresh
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        key = table(pilot).cursor_key
        await pilot.press("o")
        await settle(pilot)
    assert opened.read_text() == f"http://sandbox.invalid/browse/{key}"


async def test_n_creates_an_issue_in_the_cursor_rows_project(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path, jql="project = MKT ORDER BY created DESC")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        count = table(pilot).row_count
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#create-summary").focus()
        await pilot.press(*"Triage from the terminal", "enter")
        await settle(pilot)
        created = max(sandbox.world.issues.values(), key=lambda issue: int(issue.id))
        assert created.summary == "Triage from the terminal"
        assert created.project_key == "MKT"
        assert f"Created {created.key}" in await seen(pilot)
        assert table(pilot).row_count == count + 1  # the search ran again
        assert table(pilot).rows[0].key == created.key


@pytest.mark.sandbox(issues=2500)
async def test_pages_stream_in_to_the_full_count(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert table(pilot).row_count == 2500  # 25 pages of 100
        assert "1–2,500 of 2,500" in await seen(pilot)
        await pilot.press("G")
        assert table(pilot).cursor_row == 2499
        assert "row 2,500" in await seen(pilot)
