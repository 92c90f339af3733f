"""Pilot tests of the issue view's Development section: the branches, commits and pull requests
carrying the issue's key, from the repositories the profile knows; `enter` on one opens its
repository's page on that tab; without devinfo credentials the section is left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from devinfo_harness import devinfo_app, shown
from search_harness import settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.widgets.devinfo_panel import DevelopmentItem


async def open_issue(pilot: Pilot[Any], key: str) -> str:
    await settle(pilot)
    pilot.app.open_issue(key)  # type: ignore[attr-defined]
    return await shown(pilot)


async def test_the_panel_lists_what_carries_the_key(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_issue(pilot, "DASH-5")
        assert app.store.devinfo is not None
        expected = await app.store.devinfo.for_issue("DASH-5", app.store.devinfo_repositories)
        assert [r.id for r in expected] == ["web-app", "web-app-experiments"]
        items = list(app.screen.query(DevelopmentItem))
        total = sum(r.entity_count for r in expected)
        assert len(items) == total
        for item in items:
            item.scroll_visible(animate=False)
        panel = app.screen.query_one("#issue-development")
        panel.scroll_visible(animate=False)
        text = await shown(pilot)
        assert f"Development ({total})" in text
        assert "web-app (web-app)" in text
        web = expected[0]
        assert web.branches[0].name in text
        assert web.commits[0].display_id in text
        pr = web.pull_requests[0]
        assert f"{pr.display_id} {pr.status}" in text and pr.title in text


async def test_enter_opens_the_repository_on_that_tab(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_issue(pilot, "DASH-5")
        pr_item = next(i for i in app.screen.query(DevelopmentItem) if i.kind == "pull_request")
        pr_item.focus()
        await pilot.press("enter")
        text = await shown(pilot)
        assert type(app.screen).__name__ == "RepositoryScreen"
        assert "The customer-facing web application." in text
        assert "Pull request #3" in text  # the pull-request tab, its first row's details


async def test_an_issue_without_development_says_so(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_issue(pilot, "DASH-1")
        assert app.store.devinfo is not None
        found = await app.store.devinfo.for_issue("DASH-1", app.store.devinfo_repositories)
        panel = app.screen.query_one("#issue-development")
        panel.scroll_visible(animate=False)
        text = await shown(pilot)
        assert found == []  # the seed has nothing for DASH-1
        assert "Development (0)" in text
        assert "No branches, commits or pull requests carry this key." in text


async def test_without_credentials_there_is_no_section(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path, configured=False)
    async with app.run_test(size=(120, 60)) as pilot:
        text = await open_issue(pilot, "DASH-5")
        assert "DASH-5" in text
        assert "Development" not in text
        assert not app.screen.query_one("#issue-development").display
