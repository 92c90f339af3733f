"""The issue view at 80x24, without colour, and while it loads."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from issue_harness import app_for, issue_view, make_store, screen_text, settle
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from tui.screens.issue import IssueScreen
from tui.widgets.issue_body import IssueBody
from tui.widgets.issue_header import IssueHeader

KEY = "MOB-63"


async def test_usable_at_80x24(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=(80, 24)) as view:
        text = view.text()
        assert text.splitlines()[0].startswith(f" {KEY}  ")
        assert "Assignee" in text and "Created" in text and "Time" in text
        assert "t Transition" in text.splitlines()[-1]  # the footer
        await view.press("t")
        text = view.text()
        assert "Transition MOB-63" in text and "Done" in text and "escape cancel" in text
        await view.press("escape", "c")
        text = view.text()
        assert "Comment on MOB-63" in text and "ctrl+s send" in text
        await view.press("escape", "L")
        text = view.text()
        for part in (
            "Log work on MOB-63",
            "Time spent",
            "Started",
            "Comment (optional)",
            "ctrl+s log",
        ):
            assert part in text, part


async def test_no_color_keeps_every_state_readable(
    sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        assert view.app.no_color
        world = view.sandbox.world
        status = world.statuses[view.issue(KEY).status_id].name.upper()
        assert f" {status} " in view.text()  # the status is named, not only coloured
        await view.press("j", "j")  # the focused item is marked by a bar, not only a colour
        body = view.screen.query_one(IssueBody)
        assert body.has_focus and body.selected is not None
        region = body.item_region(body.selected)
        line = view.text().splitlines()[region.y]
        assert line[region.x] in "▌█▊▎"


async def test_each_section_shows_a_loading_indicator_until_the_issue_arrives(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    """Only a slow read shows them (after `SLOW_READ_S`); this one is held back until they do."""
    arrived = asyncio.Event()

    async def held_back(scope: Scope, receive: Receive, send: Send) -> None:
        """The sandbox, except that reading the issue waits until the test lets it through."""
        if scope["type"] == "http" and scope["path"].endswith(f"/issue/{KEY}"):
            await arrived.wait()
        await sandbox_app(scope, receive, send)

    store = make_store(sandbox_app, tmp_path, app=held_back)
    app = app_for(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, store)
        await app.push_screen(IssueScreen(KEY))
        screen = app.screen
        panels = [screen.query_one(IssueHeader), screen.query_one(IssueBody)]
        for _ in range(200):  # waits for the indicators; asserts nothing about how long
            if all(panel.loading for panel in panels):
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert all(panel.loading for panel in panels)
        assert "●" in screen_text(app)  # the indicator's dots, where the issue will be
        arrived.set()
        await settle(pilot, store)
        assert not any(
            panel.loading for panel in [screen.query_one(IssueHeader), screen.query_one(IssueBody)]
        )
        assert f"{KEY}  " in screen_text(app)
    await store.aclose()
