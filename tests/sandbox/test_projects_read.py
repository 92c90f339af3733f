"""Reading projects: get all, recent, paginated search with its filters and orders, get by key
or id, statuses, hierarchy, notification scheme, components, versions, roles, categories and
types — in v3 (Cloud contract), v2 (Data Center contract) and the legacy 2.0.alpha1 shape."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from contract_helpers import Contracts

from tui.sandbox.app import Sandbox

API = "/rest/api/3"


def account(sandbox: Sandbox, name: str) -> str:
    return next(u.account_id for u in sandbox.world.users.values() if u.name == name)


async def test_get_all_projects_in_three_shapes(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    v3 = await alice_client.get(f"{API}/project", params={"expand": "description,lead"})
    assert v3.status_code == 200
    contracts.check(v3, request=True)
    assert [p["key"] for p in v3.json()] == list(sandbox.world.projects)
    assert all("lead" in p and "description" in p for p in v3.json())
    v2 = await alice_client.get("/rest/api/2/project")
    contracts.check(v2)
    assert {p["key"] for p in v2.json()} == set(sandbox.world.projects)
    legacy = await alice_client.get("/rest/api/2.0.alpha1/project")
    assert legacy.json()[0] == {
        "self": "http://sandbox.invalid/rest/api/2.0.alpha1/project/DASH",
        "key": "DASH",
        "name": "Dashboard",
    }


async def test_recent_projects_follow_views_of_projects_and_issues(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    empty = await alice_client.get(f"{API}/project/recent")
    contracts.check(empty, request=True)
    assert empty.json() == []
    await alice_client.get(f"{API}/project/DASH")
    issue_key = next(k for k, i in sandbox.world.issues.items() if i.project_key == "MKT")
    await alice_client.get(f"{API}/issue/{issue_key}")
    recent = await alice_client.get(f"{API}/project/recent")
    contracts.check(recent)
    assert [p["key"] for p in recent.json()] == ["MKT", "DASH"]
    assert (await bob_client.get(f"{API}/project/recent")).json() == []
    limited = await alice_client.get(f"{API}/project", params={"recent": 1})
    assert [p["key"] for p in limited.json()] == ["MKT"]


async def test_search_pages_concatenate(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    seen: list[str] = []
    url: str | None = f"{API}/project/search?maxResults=2"
    while url:
        page = await alice_client.get(url)
        contracts.check(page, request=True)
        body = page.json()
        assert body["total"] == len(sandbox.world.projects)
        seen += [p["key"] for p in body["values"]]
        assert body["isLast"] == ("nextPage" not in body)
        url = body.get("nextPage")
    assert seen == sorted(sandbox.world.projects)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["CORE", "DASH", "HELP", "MKT", "MOB"]),
        ({"orderBy": "-key"}, ["MOB", "MKT", "HELP", "DASH", "CORE"]),
        ({"orderBy": "name"}, ["CORE", "DASH", "HELP", "MKT", "MOB"]),
        ({"orderBy": "category"}, ["MKT", "CORE", "DASH", "MOB", "HELP"]),
        ({"query": "mo"}, ["MOB"]),
        ({"query": "PLATFORM"}, ["CORE"]),
        ({"typeKey": "business"}, ["MKT"]),
        ({"typeKey": "business,service_desk"}, ["HELP", "MKT"]),
        ({"categoryId": "10000"}, ["CORE", "DASH", "MOB"]),
        ({"keys": "DASH,mkt"}, ["DASH", "MKT"]),
        ({"status": "archived"}, []),
    ],
)
async def test_search_filters_and_orders(
    alice_client: httpx.AsyncClient,
    contracts: Contracts,
    params: dict[str, str],
    expected: list[str],
) -> None:
    response = await alice_client.get(f"{API}/project/search", params=params)
    contracts.check(response)
    assert [p["key"] for p in response.json()["values"]] == expected


async def test_search_by_id_owner_issue_count_and_insight(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    world = sandbox.world
    ids = [world.projects["DASH"].id, world.projects["HELP"].id]
    by_id = await alice_client.get(f"{API}/project/search", params=[("id", ids[0]), ("id", ids[1])])
    assert [p["key"] for p in by_id.json()["values"]] == ["DASH", "HELP"]
    counts: dict[str, int] = {}
    for issue in world.issues.values():
        counts[issue.project_key] = counts.get(issue.project_key, 0) + 1
    response = await alice_client.get(
        f"{API}/project/search",
        params={"orderBy": "-issueCount", "expand": "insight,lead,issueTypes,description"},
    )
    contracts.check(response)
    values = response.json()["values"]
    assert [p["key"] for p in values] == sorted(counts, key=lambda k: -counts[k])
    assert {p["key"]: p["insight"]["totalIssueCount"] for p in values} == counts
    assert all({"lead", "issueTypes", "description"} <= set(p) for p in values)
    owners = await alice_client.get(f"{API}/project/search", params={"orderBy": "owner"})
    names = [
        world.users[world.projects[p["key"]].lead].display_name.lower()
        for p in owners.json()["values"]
    ]
    assert names == sorted(names)
    latest = await alice_client.get(
        f"{API}/project/search", params={"orderBy": "-lastIssueUpdatedDate", "expand": "insight"}
    )
    stamps = [p["insight"]["lastIssueUpdateTime"] for p in latest.json()["values"]]
    assert stamps == sorted(stamps, reverse=True)


async def test_search_action_edit_shows_a_plain_user_only_the_projects_they_lead(
    bob_client: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    bob = account(sandbox, "bob")
    led = sorted(k for k, p in sandbox.world.projects.items() if p.lead == bob)
    response = await bob_client.get(f"{API}/project/search", params={"action": "edit"})
    assert [p["key"] for p in response.json()["values"]] == led
    viewing = await bob_client.get(f"{API}/project/search", params={"action": "view"})
    assert viewing.json()["total"] == len(sandbox.world.projects)


@pytest.mark.parametrize(
    "params",
    [
        {"orderBy": "size"},
        {"status": "gone"},
        {"typeKey": "nonsense"},
        {"action": "fly"},
        {"startAt": "x"},
    ],
)
async def test_search_refuses_bad_parameters(
    alice_client: httpx.AsyncClient, contracts: Contracts, params: dict[str, str]
) -> None:
    response = await alice_client.get(f"{API}/project/search", params=params)
    assert response.status_code == 400
    assert response.json()["errorMessages"]


async def test_get_project_by_key_id_and_any_case(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    project = sandbox.world.projects["DASH"]
    response = await alice_client.get(f"{API}/project/DASH", params={"expand": "insight"})
    contracts.check(response, request=True)
    body = response.json()
    assert body["key"] == "DASH" and body["name"] == project.name
    assert body["lead"]["accountId"] == project.lead
    assert [c["name"] for c in body["components"]] == [c.name for c in project.components]
    assert [v["name"] for v in body["versions"]] == [v.name for v in project.versions]
    assert {t["name"] for t in body["issueTypes"]} == {
        sandbox.world.issue_types[t].name for t in project.issue_type_ids
    }
    assert set(body["roles"]) == {"Administrators", "Developers", "Users"}
    assert body["insight"]["totalIssueCount"] == sum(
        1 for i in sandbox.world.issues.values() if i.project_key == "DASH"
    )
    assert body["projectCategory"]["name"] == "Engineering"
    for ref in (project.id, "dash"):
        again = await alice_client.get(f"{API}/project/{ref}")
        assert again.json()["key"] == "DASH"
    v2 = await alice_client.get("/rest/api/2/project/DASH")
    contracts.check(v2)
    assert v2.json()["lead"]["name"] == sandbox.world.users[project.lead].name
    legacy = (await alice_client.get("/rest/api/2.0.alpha1/project/DASH")).json()
    assert set(legacy) == {
        "self",
        "key",
        "description",
        "lead",
        "components",
        "url",
        "assigneeType",
        "versions",
        "name",
        "roles",
    }
    assert isinstance(legacy["components"][0]["id"], int)


async def test_unknown_project_is_404_in_jiras_words(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    response = await alice_client.get(f"{API}/project/NOPE")
    assert response.status_code == 404
    contracts.check(response)
    assert response.json()["errorMessages"] == ["No project could be found with key 'NOPE'."]


async def test_statuses_per_issue_type(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    response = await alice_client.get(f"{API}/project/DASH/statuses")
    contracts.check(response, request=True)
    body = response.json()
    assert [t["id"] for t in body] == sandbox.world.projects["DASH"].issue_type_ids
    assert all(
        [s["name"] for s in t["statuses"]] == [s.name for s in sandbox.world.statuses.values()]
        for t in body
    )
    v2 = await alice_client.get("/rest/api/2/project/DASH/statuses")
    contracts.check(v2)


async def test_issue_type_hierarchy(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    project = sandbox.world.projects["DASH"]
    response = await alice_client.get(f"{API}/project/{project.id}/hierarchy")
    contracts.check(response, request=True)
    body = response.json()
    assert body["projectId"] == int(project.id)
    levels = {
        level["level"]: {t["name"] for t in level["issueTypes"]} for level in body["hierarchy"]
    }
    assert [level["level"] for level in body["hierarchy"]] == [1, 0, -1]
    assert levels[1] == {"Epic"} and levels[-1] == {"Sub-task"} and "Story" in levels[0]


async def test_notification_scheme_for_admins_and_project_leads(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    response = await alice_client.get(f"{API}/project/DASH/notificationscheme")
    contracts.check(response, request=True)
    events = {e["event"]["name"]: e for e in response.json()["notificationSchemeEvents"]}
    assert {"Issue created", "Issue commented", "Issue resolved"} <= set(events)
    assert {n["notificationType"] for n in events["Issue created"]["notifications"]} >= {
        "CurrentAssignee",
        "Reporter",
    }
    refused = await bob_client.get(f"{API}/project/DASH/notificationscheme")
    assert refused.status_code == 404
    contracts.check(refused)
    led = next(k for k, p in sandbox.world.projects.items() if p.lead == account(sandbox, "bob"))
    allowed = await bob_client.get(f"{API}/project/{led}/notificationscheme")
    assert allowed.status_code == 200


async def test_components_and_versions(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    project = sandbox.world.projects["DASH"]
    components = await alice_client.get(f"{API}/project/DASH/components")
    contracts.check(components, request=True)
    assert [c["name"] for c in components.json()] == [c.name for c in project.components]
    assert components.json()[0]["project"] == "DASH"
    paged = await alice_client.get(f"{API}/project/DASH/component", params={"maxResults": 2})
    contracts.check(paged)
    assert paged.json()["total"] == len(project.components) and len(paged.json()["values"]) == 2
    versions = await alice_client.get(f"{API}/project/DASH/versions")
    contracts.check(versions, request=True)
    assert [v["name"] for v in versions.json()] == [v.name for v in project.versions]
    released = await alice_client.get(f"{API}/project/DASH/version", params={"status": "released"})
    contracts.check(released)
    assert all(v["released"] for v in released.json()["values"])
    contracts.check(await alice_client.get("/rest/api/2/project/DASH/components"))
    # Data Center's spec types `releaseDate` as date-time, but Jira sends `yyyy-MM-dd` (as seed
    # 001's example shows), and so does the sandbox: the v2 versions are checked by hand.
    v2_versions = (await alice_client.get("/rest/api/2/project/DASH/versions")).json()
    assert v2_versions[0]["releaseDate"] == project.versions[0].release_date.isoformat()  # type: ignore[union-attr]
    legacy = (await alice_client.get("/rest/api/2.0.alpha1/project/DASH/versions")).json()
    assert {"self", "id", "name", "released", "archived", "description"} <= set(legacy[0])


async def test_roles(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    roles = await alice_client.get(f"{API}/project/DASH/role")
    contracts.check(roles, request=True)
    assert roles.json()["Developers"].endswith("/rest/api/3/project/DASH/role/10000")
    admins = await alice_client.get(f"{API}/project/DASH/role/10002")
    contracts.check(admins)
    body: dict[str, Any] = admins.json()
    assert body["name"] == "Administrators"
    assert {"atlassian-group-role-actor", "atlassian-user-role-actor"} == {
        a["type"] for a in body["actors"]
    }
    lead = sandbox.world.projects["DASH"].lead
    assert any(a.get("actorUser", {}).get("accountId") == lead for a in body["actors"])
    missing = await alice_client.get(f"{API}/project/DASH/role/1")
    assert missing.status_code == 404
    legacy = (await alice_client.get("/rest/api/2.0.alpha1/project/DASH/role/10000")).json()
    assert legacy["actors"] == [
        {
            "id": legacy["actors"][0]["id"],
            "displayName": "jira-developers",
            "type": "atlassian-group-role-actor",
            "name": "jira-developers",
        }
    ]


async def test_categories_and_types(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    categories = await alice_client.get(f"{API}/projectCategory")
    contracts.check(categories, request=True)
    assert [c["name"] for c in categories.json()] == [
        c.name for c in sandbox.world.categories.values()
    ]
    one = await alice_client.get(f"{API}/projectCategory/10001")
    contracts.check(one)
    assert one.json()["name"] == "Business"
    assert (await alice_client.get(f"{API}/projectCategory/999")).status_code == 404
    types = await alice_client.get(f"{API}/project/type")
    contracts.check(types, request=True)
    assert [t["key"] for t in types.json()] == ["business", "software", "service_desk"]
    software = await alice_client.get(f"{API}/project/type/software")
    contracts.check(software)
    assert software.json()["formattedKey"] == "Software"
    contracts.check(await alice_client.get(f"{API}/project/type/software/accessible"))
    assert (await alice_client.get(f"{API}/project/type/nothing")).status_code == 404


@pytest.mark.sandbox(projects=2000, issues=300)
async def test_search_over_two_thousand_projects(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    first = await alice_client.get(f"{API}/project/search", params={"expand": "insight"})
    contracts.check(first)
    body = first.json()
    assert body["total"] == 2000 and len(body["values"]) == 50 and not body["isLast"]
    found = await alice_client.get(f"{API}/project/search", params={"query": "Project 1999"})
    assert [p["name"] for p in found.json()["values"]] == ["Project 1999"]
