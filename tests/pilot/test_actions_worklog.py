"""`L`: log work in Jira's notation, with a start time and a comment."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from issue_harness import TALL, issue_view
from starlette.applications import Starlette

from tui.render.adf_plain import adf_to_plain
from tui.sandbox.seed import account_id
from tui.sandbox.seed_catalog import SEED_EPOCH

KEY = "CORE-53"


async def test_log_work(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=TALL) as view:
        before = len(view.issue(KEY).worklogs)
        await view.press("L")
        assert "Log work on CORE-53" in view.text()
        await view.type("1h 30m")
        assert "= 1h 30m" in view.text()
        await view.press("tab")  # the start: now, by the session's clock, in alice's time zone
        assert f"{SEED_EPOCH:%Y-%m-%d %H:%M}" in view.text()
        await view.press("ctrl+u")
        await view.type("2026-10-30 09:15")
        await view.press("tab")
        await view.type("pairing on the planner")
        await view.press("ctrl+s")
        logs = view.issue(KEY).worklogs
        assert len(logs) == before + 1
        log = logs[-1]
        assert log.time_spent_seconds == 5400
        assert log.author == account_id("alice")
        assert log.started == datetime(2026, 10, 30, 9, 15, tzinfo=UTC)
        assert adf_to_plain(log.comment) == "pairing on the planner"
        text = view.text()
        assert f"Work log ({before + 1})" in text
        assert "1h 30m" in text and "pairing on the planner" in text
        assert "1h 30m logged" in text  # the time bar
        assert view.store.drafts.all() == []


async def test_a_duration_that_is_not_one_is_refused_in_the_form(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        version = view.sandbox.world.version
        await view.press("L")
        await view.type("soon")
        assert "Not a duration" in view.text()
        await view.press("ctrl+s")
        assert "Log work on CORE-53" in view.text()
        assert view.sandbox.world.version == version


async def test_a_refused_worklog_is_kept_as_a_draft(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("L")
        await view.type("2h")
        await view.press("tab", "tab")
        await view.type("kept safe")
        held = view.sandbox.world.issues.pop(KEY)  # gone on the server meanwhile: a 404
        await view.press("ctrl+s")
        view.sandbox.world.issues[KEY] = held
        assert view.toasts()
        text = view.text()  # the form is back, with what was typed
        assert "Log work on CORE-53" in text
        assert "Unsent draft restored" in text
        assert "kept safe" in text
        assert "= 2h" in text
        await view.press("ctrl+s")
        assert view.issue(KEY).worklogs[-1].time_spent_seconds == 7200
        assert view.store.drafts.all() == []
