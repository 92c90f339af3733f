"""Administering projects: create with Jira's key/name/type/template checks, update (including a
key change), delete to the trash or for good, archive, asynchronous delete through a task,
restore, categories and role actors — what bob (not an admin) gets, and the world afterwards."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from contract_helpers import Contracts, validate_value

from tui.sandbox.app import Sandbox
from tui.sandbox.jql import compile_jql

API = "/rest/api/3"


def alice(sandbox: Sandbox) -> str:
    return next(u.account_id for u in sandbox.world.users.values() if u.name == "alice")


def searchable(sandbox: Sandbox, project_key: str) -> int:
    """How many issues of a project a JQL search finds (trashed/archived projects: none)."""
    query = compile_jql("", sandbox.world, current_user=None, now=datetime.now(UTC))
    return sum(
        1
        for i in query.filter_sorted(sandbox.world.issues.values())
        if i.project_key == project_key
    )


def new_project(sandbox: Sandbox, **fields: Any) -> dict[str, Any]:
    body = {
        "key": "NEWP",
        "name": "New project",
        "projectTypeKey": "software",
        "projectTemplateKey": "com.pyxis.greenhopper.jira:gh-simplified-kanban-classic",
        "leadAccountId": alice(sandbox),
        "description": "Made by a test",
        "url": "https://example.com/newp",
        "categoryId": 10001,
        "assigneeType": "PROJECT_LEAD",
    }
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}


async def test_create_project(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    response = await alice_client.post(f"{API}/project", json=new_project(sandbox))
    assert response.status_code == 201
    contracts.check(response, request=True)
    body = response.json()
    project = sandbox.world.projects["NEWP"]
    assert body == {
        "self": f"http://sandbox.invalid/rest/api/3/project/{project.id}",
        "id": int(project.id),
        "key": "NEWP",
    }
    assert (project.name, project.type_key, project.lead, project.category_id) == (
        "New project",
        "software",
        alice(sandbox),
        "10001",
    )
    assert project.template_key == "com.pyxis.greenhopper.jira:gh-simplified-kanban-classic"
    shown = (await alice_client.get(f"{API}/project/NEWP")).json()
    assert shown["url"] == "https://example.com/newp" and shown["assigneeType"] == "PROJECT_LEAD"
    found = await alice_client.get(f"{API}/project/search", params={"query": "new project"})
    assert [p["key"] for p in found.json()["values"]] == ["NEWP"]


async def test_create_with_only_a_template_or_only_a_type(
    alice_client: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    template = "com.atlassian.servicedesk:simplified-it-service-management"
    first = await alice_client.post(
        f"{API}/project",
        json=new_project(sandbox, projectTypeKey=None, projectTemplateKey=template),
    )
    assert first.status_code == 201
    assert sandbox.world.projects["NEWP"].type_key == "service_desk"
    second = await alice_client.post(
        f"{API}/project",
        json=new_project(
            sandbox, key="BIZ", name="Biz", projectTypeKey="business", projectTemplateKey=None
        ),
    )
    assert second.status_code == 201
    assert sandbox.world.projects["BIZ"].template_key.startswith(
        "com.atlassian.jira-core-project-templates:"
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"key": "np"},
            {
                "projectKey": "Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters."
            },
        ),
        (
            {"key": "1AB"},
            {
                "projectKey": "Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters."
            },
        ),
        (
            {"key": "N"},
            {
                "projectKey": "Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters."
            },
        ),
        (
            {"key": "AB-C"},
            {
                "projectKey": "Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters."
            },
        ),
        (
            {"key": "ABCDEFGHIJK"},
            {"projectKey": "The project key must not exceed 10 characters in length."},
        ),
        (
            {"key": "CON"},
            {
                "projectKey": "This keyword is invalid as it is a reserved word on this operating system."
            },
        ),
        ({"key": "DASH"}, {"projectKey": "Project 'Dashboard' uses this project key."}),
        (
            {"key": ""},
            {"projectKey": "You must specify a unique project key, at least 2 characters long."},
        ),
        ({"name": "dashboard"}, {"projectName": "A project with that name already exists."}),
        (
            {"name": "X"},
            {"projectName": "The project name should be at least 2 characters in length."},
        ),
        (
            {"name": "N" * 81},
            {"projectName": "The project name must not exceed 80 characters in length."},
        ),
        ({"name": "  "}, {"projectName": "You must specify a valid project name."}),
        ({"leadAccountId": None}, {"projectLead": "You must specify a valid project lead."}),
        (
            {"leadAccountId": "nobody"},
            {"projectLead": "The user you have specified as project lead does not exist."},
        ),
        (
            {"projectTypeKey": None, "projectTemplateKey": None},
            {"projectTypeKey": "You must specify a valid project type."},
        ),
        (
            {"projectTypeKey": "hardware"},
            {"projectTypeKey": "The project type 'hardware' does not exist."},
        ),
        (
            {"projectTypeKey": "business"},
            {
                "projectTemplateKey": "The project template 'com.pyxis.greenhopper.jira:gh-simplified-kanban-classic' "
                "cannot be used to create a project of type 'business'."
            },
        ),
        (
            {"projectTemplateKey": "made.up:template"},
            {"projectTemplateKey": "The project template 'made.up:template' does not exist."},
        ),
        (
            {"categoryId": 4242},
            {"categoryId": "The project category with id '4242' does not exist."},
        ),
        (
            {"url": "ftp://x"},
            {
                "projectUrl": "The URL specified is not valid - it must start with http:// or https://"
            },
        ),
    ],
)
async def test_create_is_validated_as_jira_does(
    alice_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
    fields: dict[str, Any],
    errors: dict[str, str],
) -> None:
    body = new_project(sandbox)
    body.update(fields)
    response = await alice_client.post(
        f"{API}/project", json={k: v for k, v in body.items() if v is not None}
    )
    assert response.status_code == 400
    contracts.check(response)
    assert response.json() == {"errorMessages": [], "errors": errors}
    assert "NEWP" not in sandbox.world.projects


async def test_create_refuses_unknown_fields_and_bob(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    odd = await alice_client.post(f"{API}/project", json={**new_project(sandbox), "colour": "red"})
    assert odd.status_code == 400
    refused = await bob_client.post(f"{API}/project", json=new_project(sandbox))
    assert refused.status_code == 403
    contracts.check(refused)
    assert refused.json()["errorMessages"] == [
        "You must have global administrator rights in order to create projects."
    ]
    assert "NEWP" not in sandbox.world.projects


async def test_update_project(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    bob = next(u.account_id for u in sandbox.world.users.values() if u.name == "bob")
    response = await alice_client.put(
        f"{API}/project/MOB",
        json={
            "name": "Mobile",
            "description": "Phones",
            "leadAccountId": bob,
            "url": "https://m.example.com",
            "categoryId": 10002,
        },
    )
    assert response.status_code == 200
    contracts.check(response, request=True)
    body = response.json()
    assert (body["name"], body["description"], body["lead"]["accountId"], body["url"]) == (
        "Mobile",
        "Phones",
        bob,
        "https://m.example.com",
    )
    assert body["projectCategory"]["id"] == "10002"
    taken = await alice_client.put(f"{API}/project/MOB", json={"name": "Dashboard"})
    assert taken.status_code == 400
    contracts.check(taken)
    assert taken.json()["errors"] == {"projectName": "A project with that name already exists."}
    refused = await bob_client.put(f"{API}/project/MOB", json={"name": "Mine"})
    assert refused.status_code == 403
    contracts.check(refused)
    assert sandbox.world.projects["MOB"].name == "Mobile"


async def test_changing_the_key_renumbers_the_issues(
    alice_client: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    before = [k for k, i in sandbox.world.issues.items() if i.project_key == "MOB"]
    response = await alice_client.put(f"{API}/project/MOB", json={"key": "APP"})
    assert response.status_code == 200 and response.json()["key"] == "APP"
    assert "MOB" not in sandbox.world.projects
    after = [k for k, i in sandbox.world.issues.items() if i.project_key == "APP"]
    assert after == [k.replace("MOB-", "APP-") for k in before]
    assert all(i.key == k for k, i in sandbox.world.issues.items())
    moved = await alice_client.get(f"{API}/issue/{after[0]}")
    assert moved.status_code == 200


async def test_delete_to_the_trash_then_restore(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    issues = searchable(sandbox, "MKT")
    assert issues > 0
    deleted = await alice_client.delete(f"{API}/project/MKT")
    assert deleted.status_code == 204
    contracts.check(deleted, request=True)
    project = sandbox.world.projects["MKT"]
    assert project.deleted and project.deleted_at is not None
    assert searchable(sandbox, "MKT") == 0
    assert (await alice_client.get(f"{API}/project/MKT")).status_code == 404
    live = await alice_client.get(f"{API}/project/search")
    assert "MKT" not in [p["key"] for p in live.json()["values"]]
    trash = await alice_client.get(f"{API}/project/search", params={"status": "deleted"})
    contracts.check(trash)
    (shown,) = trash.json()["values"]
    assert shown["key"] == "MKT" and shown["deleted"] is True
    assert shown["deletedBy"]["accountId"] == alice(sandbox)
    assert shown["retentionTillDate"] > shown["deletedDate"]
    restored = await alice_client.post(f"{API}/project/MKT/restore")
    assert restored.status_code == 200
    contracts.check(restored, request=True)
    assert restored.json()["key"] == "MKT" and "deleted" not in restored.json()
    assert searchable(sandbox, "MKT") == issues


async def test_delete_for_good(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    keys = {k for k, i in sandbox.world.issues.items() if i.project_key == "HELP"}
    response = await alice_client.delete(f"{API}/project/HELP", params={"enableUndo": "false"})
    assert response.status_code == 204
    contracts.check(response, request=True)
    assert "HELP" not in sandbox.world.projects
    assert not keys & set(sandbox.world.issues)
    assert all(
        not {link.inward_key, link.outward_key} & keys for link in sandbox.world.links.values()
    )
    assert (await alice_client.get(f"{API}/project/HELP")).status_code == 404


async def test_a_trashed_project_can_be_deleted_for_good(
    alice_client: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    await alice_client.delete(f"{API}/project/MKT")
    again = await alice_client.delete(f"{API}/project/MKT")
    assert again.status_code == 404
    gone = await alice_client.delete(f"{API}/project/MKT", params={"enableUndo": "false"})
    assert gone.status_code == 204 and "MKT" not in sandbox.world.projects


async def test_archive_then_restore(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    refused = await bob_client.post(f"{API}/project/CORE/archive")
    assert refused.status_code == 403
    contracts.check(refused)
    assert refused.json()["errorMessages"] == [
        "You must have global administrator rights in order to archive projects."
    ]
    response = await alice_client.post(f"{API}/project/CORE/archive")
    assert response.status_code == 204  # the contract declares a JSON body for this 204; none is sent
    assert response.content == b""
    assert sandbox.world.projects["CORE"].archived and searchable(sandbox, "CORE") == 0
    shown = (await alice_client.get(f"{API}/project/CORE")).json()
    assert shown["archived"] is True and shown["archivedBy"]["accountId"] == alice(sandbox)
    archived = await alice_client.get(f"{API}/project/search", params={"status": "archived"})
    contracts.check(archived)
    assert [p["key"] for p in archived.json()["values"]] == ["CORE"]
    twice = await alice_client.post(f"{API}/project/CORE/archive")
    assert twice.status_code == 400
    contracts.check(twice)
    no_delete = await alice_client.delete(f"{API}/project/CORE")
    assert no_delete.status_code == 400  # Jira's rule; the v3 contract lists no 400 for DELETE
    assert "archived" in no_delete.json()["errorMessages"][0]
    restored = await alice_client.post(f"{API}/project/CORE/restore")
    assert restored.status_code == 200 and not sandbox.world.projects["CORE"].archived
    assert searchable(sandbox, "CORE") > 0


async def test_async_delete_reports_progress_until_the_project_is_gone(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    keys = {k for k, i in sandbox.world.issues.items() if i.project_key == "MOB"}
    response = await alice_client.post(f"{API}/project/MOB/delete")
    assert response.status_code == 303
    contracts.check(response, request=True)
    location = response.headers["location"]
    task = response.json()
    assert location == task["self"] and location.startswith(
        "http://sandbox.invalid/rest/api/3/task/"
    )
    assert task["status"] == "ENQUEUED" and task["progress"] == 0
    again = await alice_client.post(f"{API}/project/MOB/delete")
    assert again.status_code == 400
    seen: list[tuple[str, int]] = []
    for _ in range(6):
        polled = await alice_client.get(location)
        assert polled.status_code == 200
        body = polled.json()
        validate_value("cloud", "TaskProgressBeanObject", body)
        seen.append((body["status"], body["progress"]))
        if body["status"] == "COMPLETE":
            break
        assert "MOB" in sandbox.world.projects  # still there while the task runs
    assert seen[-1] == ("COMPLETE", 100)
    assert all(status == "RUNNING" for status, _ in seen[:-1])
    assert [p for _, p in seen] == sorted(p for _, p in seen)
    assert "MOB" not in sandbox.world.projects and not keys & set(sandbox.world.issues)
    assert (await alice_client.get(location)).json()["status"] == "COMPLETE"
    assert "finished" in (await alice_client.get(location)).json()


async def test_bob_cannot_delete_restore_or_read_tasks(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    for method, path in (
        ("DELETE", f"{API}/project/DASH"),
        ("POST", f"{API}/project/DASH/delete"),
        ("POST", f"{API}/project/DASH/restore"),
    ):
        response = await bob_client.request(method, path)
        assert response.status_code == 404, path  # as the contract says: "or no permission"
        contracts.check(response)
        assert "permission" in response.json()["errorMessages"][0]
    assert not sandbox.world.projects["DASH"].deleted
    task = await alice_client.post(f"{API}/project/DASH/delete")
    assert (await bob_client.get(task.headers["location"])).status_code == 404


async def test_restore_needs_an_archived_or_trashed_project(
    alice_client: httpx.AsyncClient, contracts: Contracts
) -> None:
    response = await alice_client.post(f"{API}/project/DASH/restore")
    assert response.status_code == 400
    contracts.check(response)
    assert response.json()["errorMessages"] == [
        "The project 'DASH' is neither archived nor in the trash."
    ]


async def test_data_center_shapes_of_the_writes(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, contracts: Contracts
) -> None:
    created = await alice_client.post(
        "/rest/api/2/project", json=new_project(sandbox, leadAccountId=None, lead="alice")
    )
    assert created.status_code == 201
    contracts.check(created)
    archived = await alice_client.put("/rest/api/2/project/NEWP/archive")
    assert archived.status_code == 204
    restored = await alice_client.put("/rest/api/2/project/NEWP/restore")
    assert restored.status_code == 202
    deleted = await alice_client.delete("/rest/api/2/project/NEWP")  # no trash on Data Center
    assert deleted.status_code == 204 and "NEWP" not in sandbox.world.projects


async def test_categories(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    created = await alice_client.post(
        f"{API}/projectCategory", json={"name": "Research", "description": "Labs"}
    )
    assert created.status_code == 201
    contracts.check(created, request=True)
    category_id = created.json()["id"]
    duplicate = await alice_client.post(f"{API}/projectCategory", json={"name": "research"})
    assert duplicate.status_code == 409
    contracts.check(duplicate)
    empty = await alice_client.post(f"{API}/projectCategory", json={"name": ""})
    assert empty.status_code == 400
    refused = await bob_client.post(f"{API}/projectCategory", json={"name": "Bob's"})
    assert refused.status_code == 403
    contracts.check(refused)
    renamed = await alice_client.put(f"{API}/projectCategory/{category_id}", json={"name": "R&D"})
    contracts.check(renamed, request=True)
    assert renamed.json()["name"] == "R&D"
    await alice_client.put(f"{API}/project/DASH", json={"categoryId": int(category_id)})
    removed = await alice_client.delete(f"{API}/projectCategory/{category_id}")
    assert removed.status_code == 204
    contracts.check(removed)
    assert sandbox.world.projects["DASH"].category_id is None


async def test_role_actors(
    alice_client: httpx.AsyncClient,
    bob_client: httpx.AsyncClient,
    sandbox: Sandbox,
    contracts: Contracts,
) -> None:
    bob = next(u.account_id for u in sandbox.world.users.values() if u.name == "bob")
    added = await alice_client.post(f"{API}/project/DASH/role/10000", json={"user": [bob]})
    assert added.status_code == 200
    contracts.check(added, request=True)
    assert any(a.get("actorUser", {}).get("accountId") == bob for a in added.json()["actors"])
    replaced = await alice_client.put(
        f"{API}/project/DASH/role/10000",
        json={"categorisedActors": {"atlassian-group-role-actor": ["jira-users"]}},
    )
    contracts.check(replaced, request=True)
    assert [a["name"] for a in replaced.json()["actors"]] == ["jira-users"]
    removed = await alice_client.delete(
        f"{API}/project/DASH/role/10000", params={"group": "jira-users"}
    )
    assert removed.status_code == 204
    assert (await alice_client.get(f"{API}/project/DASH/role/10000")).json()["actors"] == []
    refused = await bob_client.post(f"{API}/project/DASH/role/10000", json={"user": [bob]})
    assert refused.status_code == 404
    unknown = await alice_client.post(
        f"{API}/project/DASH/role/10000", json={"group": ["no-such-group"]}
    )
    assert unknown.status_code == 400
