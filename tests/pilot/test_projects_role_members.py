"""A project's page lists its roles with their members — users and groups — read from
`/project/{key}/role` and `/project/{key}/role/{id}`, in Cloud's v3, Data Center's v2 and the
legacy 2.0.alpha1 shape; a change to a role's actors in the sandbox shows after `r`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from projects_harness import open_projects, projects_app, text_of
from search_harness import settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.sandbox.app import Sandbox


async def details(pilot: Pilot[object]) -> str:
    """The details pane (right of the paths' border), its wrapped lines joined."""
    lines = (await text_of(pilot)).splitlines()
    return " ".join(" ".join(line.split("▕", 1)[-1] for line in lines if "▕" in line).split())


async def open_page(pilot: Pilot[object], key: str) -> str:
    await open_projects(pilot)
    await pilot.press("f", *key.lower(), "enter", "enter")
    await settle(pilot)
    await pilot.press("tab", "end")  # the details pane, scrolled to its end
    await settle(pilot)
    return await details(pilot)


@pytest.mark.parametrize("api_version", ["3", "2", "2.0.alpha1"])
async def test_roles_show_their_users_and_groups(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path, api_version: str
) -> None:
    lead = sandbox.world.users[sandbox.world.projects["DASH"].lead].display_name
    app = projects_app(sandbox_app, tmp_path, api_version=api_version)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await open_page(pilot, "DASH")
        assert "Roles (3)" in shown
        assert f"Administrators: jira-administrators (group), {lead}" in shown
        assert "Developers: jira-developers (group)" in shown
        assert "Users: jira-users (group)" in shown


async def test_a_new_member_shows_after_refresh(
    sandbox_app: Starlette,
    sandbox: Sandbox,
    alice_client: httpx.AsyncClient,
    tmp_path: Path,
) -> None:
    bob = next(u for u in sandbox.world.users.values() if u.name == "bob")
    app = projects_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await open_page(pilot, "DASH")
        assert "Developers: jira-developers (group)" in shown
        added = await alice_client.post(
            "/rest/api/3/project/DASH/role/10000",
            json={"user": [bob.account_id], "group": ["jira-software-users"]},
        )
        assert added.status_code == 200
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        shown = await details(pilot)
        assert (
            f"Developers: jira-developers (group), jira-software-users (group), {bob.display_name}"
            in shown
        )
