"""Skill-aware assignment in the issue view's picker (`a`): people ranked by skills, with load."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from skills_harness import SkillsView, make_store
from starlette.applications import Starlette

from tui.app import JiradashApp
from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.sandbox.skills import state_of_sandbox
from tui.screens.issue import IssueScreen
from tui.session import Session


def _norm(text: str) -> str:
    return "".join(re.findall(r"[0-9a-z+#]+", text.casefold()))


def labelled_issue(sandbox: Sandbox) -> tuple[str, str, set[str]]:
    """An open issue with a label some active people hold as a skill: (key, label, holders)."""
    state = state_of_sandbox(sandbox)
    world = sandbox.world
    for key in sorted(world.issues, key=lambda k: (k.split("-")[0], int(k.split("-")[1]))):
        issue = world.issues[key]
        if world.statuses[issue.status_id].category == "done":
            continue
        for label in issue.labels:
            holders = {
                a
                for a, held in state.held.items()
                if world.users[a].active
                and any(
                    _norm(n.rpartition(" - ")[0] or n) == _norm(label) or _norm(n) == _norm(label)
                    for n in held
                )
            }
            if 1 <= len(holders) <= 6:
                return key, label, holders
    raise AssertionError("no labelled issue whose label is somebody's skill")


@asynccontextmanager
async def issue_with_skills(
    sandbox_app: Starlette, tmp_path: Path, key: str, api_version: str
) -> AsyncIterator[SkillsView]:
    store = make_store(sandbox_app, tmp_path, api_version=api_version)
    await store.connect()
    app = JiradashApp(store, Session(clock=lambda: SEED_EPOCH))
    try:
        async with app.run_test(size=(110, 50), notifications=True) as pilot:
            view = SkillsView(app, pilot, store, sandbox_app.state.sandbox)
            await view.settle()
            await app.push_screen(IssueScreen(key))
            await view.settle()
            yield view
    finally:
        await store.aclose()


@pytest.mark.parametrize("api_version", ["2", "3"])
async def test_suggestions_put_a_holder_of_the_label_skill_first(
    sandbox_app: Starlette, tmp_path: Path, api_version: str
) -> None:
    sandbox = sandbox_app.state.sandbox
    key, label, holders = labelled_issue(sandbox)
    names = {sandbox.world.users[a].display_name: a for a in holders}
    async with issue_with_skills(sandbox_app, tmp_path, key, api_version) as view:
        before = dict(view.store.stats.requests)
        await view.press("a")
        lines = view.text().splitlines()
        suggested = [line for line in lines if "suggested:" in line]
        assert suggested, view.text()
        first = suggested[0]
        person = next(name for name in names if name in first)  # a holder of the label's skill
        assert f"for label {label}" in first
        assert re.search(r"suggested: \d+ open · ", first)
        sent = {
            k: n - before.get(k, 0)
            for k, n in view.store.stats.requests.items()
            if n > before.get(k, 0)
        }
        assert sent.get("GET /rest/api/3/user/bulk", 0) <= 1
        assert (
            sum(n for k, n in sent.items() if k.startswith("POST") and "/search" in k) == 1
        )  # one for all the load
        # pick that person: down past "Me" and "Unassigned" to the first suggestion
        index = next(i for i, line in enumerate(lines) if line is first) - next(
            i for i, line in enumerate(lines) if " Me " in line or line.strip().startswith("Me")
        )
        await view.press(*["down"] * index, "enter")
        assert sandbox.world.issues[key].assignee == names[person]


async def test_assign_to_me_still_works_with_skills(sandbox_app: Starlette, tmp_path: Path) -> None:
    sandbox = sandbox_app.state.sandbox
    key, _, _ = labelled_issue(sandbox)
    alice = next(a for a, u in sandbox.world.users.items() if u.name == "alice")
    async with issue_with_skills(sandbox_app, tmp_path, key, "2") as view:
        await view.press("A")
        assert sandbox.world.issues[key].assignee == alice
