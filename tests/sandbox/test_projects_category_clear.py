"""Jira's update takes a project out of its category with `categoryId: -1` (the v3 contract's
words) and leaves the category alone when `categoryId` is null; both on v3 and v2. Role details
in Data Center's v2 shape: groups by name, users by username."""

from __future__ import annotations

import httpx
import pytest
from contract_helpers import Contracts

from tui.sandbox.app import Sandbox


@pytest.mark.parametrize("api", ["/rest/api/3", "/rest/api/2"])
async def test_category_minus_one_clears_and_null_keeps(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts, api: str
) -> None:
    mkt = sandbox.world.projects["MKT"]
    category = mkt.category_id
    assert category is not None
    kept = await alice_client.put(f"{api}/project/MKT", json={"categoryId": None})
    assert kept.status_code == 200 and mkt.category_id == category
    cleared = await alice_client.put(f"{api}/project/MKT", json={"categoryId": -1})
    assert cleared.status_code == 200
    contracts.check(cleared, request=True)
    assert mkt.category_id is None and "projectCategory" not in cleared.json()
    back = await alice_client.put(f"{api}/project/MKT", json={"categoryId": int(category)})
    assert back.status_code == 200 and mkt.category_id == category


async def test_v2_role_details_name_groups_and_users(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    roles = await alice_client.get("/rest/api/2/project/DASH/role")
    contracts.check(roles)
    assert roles.json()["Administrators"].endswith("/rest/api/2/project/DASH/role/10002")
    admins = await alice_client.get("/rest/api/2/project/DASH/role/10002")
    contracts.check(admins)
    lead = sandbox.world.users[sandbox.world.projects["DASH"].lead]
    actors = {(a["type"], a["name"], a["displayName"]) for a in admins.json()["actors"]}
    assert actors == {
        ("atlassian-group-role-actor", "jira-administrators", "jira-administrators"),
        ("atlassian-user-role-actor", lead.name, lead.display_name),
    }
