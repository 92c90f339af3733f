"""The issue view: what a person sees of an issue, and moving around it and away from it."""

from __future__ import annotations

from pathlib import Path

from issue_harness import TALL, issue_view
from starlette.applications import Starlette

KEY = "MOB-63"  # seeded: in review, with comments, worklogs, links and a sub-task


async def test_header_and_sections_show_the_issue(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=TALL) as view:
        held = view.issue(KEY)
        world = view.sandbox.world
        text = view.text()
        assert f"{KEY}  {held.summary}" in text
        assert f" {world.statuses[held.status_id].name.upper()} " in text
        assert f"{world.priorities[held.priority_id].name} priority" in text
        assert held.assignee is not None
        assert world.users[held.assignee].display_name in text
        assert world.users[held.reporter].display_name in text
        for title in ("Description", f"Comments ({len(held.comments)})", f"Work log ({len(held.worklogs)})",
                      "Links", "Sub-tasks", "Attachments", "Watchers and votes", "History"):  # fmt: skip
            assert title in text, title
        for comment in held.comments:
            assert world.users[comment.author].display_name in text
