"""Creating and editing issues: `POST /issue`, `PUT /issue/{key}`, createmeta and editmeta."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from issue_support import TO_DO, Env, api, check_adf, env, error_body

from tui.sandbox.adf_wiki import adf_text

__all__ = ["env"]

ADF = {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Steps: "},
       {"type": "text", "text": "run it", "marks": [{"type": "strong"}]}]}]}  # fmt: skip


def description(shape: str) -> Any:
    return ADF if shape == "3" else "Steps: *run it*"


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_create_an_issue(env: Env, shape: str) -> None:
    version_before = env.world.version
    response = await env.alice.post(f"{api(shape)}/issue", json={"fields": {
        "project": {"key": "DASH"}, "issuetype": {"name": "Bug"}, "summary": "Export loses the last row",
        "description": description(shape), "labels": ["export", "csv"], "priority": {"name": "High"},
        "duedate": "2027-01-15", "assignee": {"accountId": env.account("bob")} if shape == "3" else {"name": "bob"},
    }})  # fmt: skip
    assert response.status_code == 201, response.text
    env.check(response)
    created = response.json()
    assert set(created) == {"id", "key", "self"} and created["key"].startswith("DASH-")
    issue = env.world.issues[created["key"]]
    assert issue.summary == "Export loses the last row" and issue.status_id == TO_DO
    assert issue.labels == ["export", "csv"] and issue.duedate == date(2027, 1, 15)
    assert env.world.priorities[issue.priority_id].name == "High"
    assert issue.assignee == env.account("bob") and issue.reporter == env.account("alice")
    assert adf_text(issue.description) == "Steps: run it"
    assert issue.description == ADF
    assert env.world.version > version_before
    fetched = (await env.alice.get(f"/rest/api/3/issue/{created['key']}")).json()
    check_adf(fetched["fields"]["description"])
    assert fetched["id"] == created["id"]


async def test_new_keys_count_up_per_project(env: Env) -> None:
    numbers = [int(k.split("-")[1]) for k in env.world.issues if k.startswith("MKT-")]
    keys = []
    for summary in ("one", "two"):
        response = await env.alice.post("/rest/api/2/issue", json={"fields": {
            "project": {"key": "MKT"}, "issuetype": {"name": "Task"}, "summary": summary}})  # fmt: skip
        keys.append(response.json()["key"])
    assert keys == [f"MKT-{max(numbers) + 1}", f"MKT-{max(numbers) + 2}"]


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_create_names_every_missing_field(env: Env, shape: str) -> None:
    response = await env.alice.post(f"{api(shape)}/issue", json={"fields": {"labels": ["x"]}})
    assert response.status_code == 400
    env.check(response)
    body = error_body(response)
    assert set(body["errors"]) == {"project", "summary", "issuetype"}
    assert body["errors"]["summary"] == "You must specify a summary of the issue."


async def test_create_rejects_bad_values(env: Env) -> None:
    response = await env.alice.post("/rest/api/3/issue", json={"fields": {
        "project": {"key": "DASH"}, "issuetype": {"name": "Bug"}, "summary": "x",
        "priority": {"name": "Urgent!"}, "labels": ["has space"], "duedate": "next week",
        "description": "plain text is not ADF", "assignee": {"accountId": "nobody"}}})  # fmt: skip
    assert response.status_code == 400
    assert set(error_body(response)["errors"]) == {"priority", "labels", "duedate", "description", "assignee"}


async def test_sub_tasks_need_a_parent_of_the_right_level(env: Env) -> None:
    fields = {"project": {"key": "DASH"}, "issuetype": {"name": "Sub-task"}, "summary": "A piece"}
    missing = await env.alice.post("/rest/api/3/issue", json={"fields": fields})
    assert missing.status_code == 400 and "parent" in error_body(missing)["errors"]
    epic = env.issue(lambda i: i.project_key == "DASH" and i.issuetype_id == "10000")
    wrong = await env.alice.post("/rest/api/3/issue", json={"fields": {**fields, "parent": {"key": epic.key}}})
    assert error_body(wrong)["errors"]["parent"] == "Given parent issue does not belong to appropriate hierarchy."
    story = env.issue(lambda i: i.project_key == "DASH" and i.issuetype_id == "10001")
    ok = await env.alice.post("/rest/api/3/issue", json={"fields": {**fields, "parent": {"key": story.key}}})
    assert ok.status_code == 201
    child = ok.json()["key"]
    assert env.world.issues[child].parent_key == story.key
    subtasks = (await env.alice.get(f"/rest/api/3/issue/{story.key}?fields=subtasks")).json()["fields"]["subtasks"]
    assert child in [s["key"] for s in subtasks]


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_edit_fields_and_labels(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: i.labels and i.status_id == TO_DO)
    labels = list(issue.labels)
    response = await env.alice.put(f"{api(shape)}/issue/{issue.key}", json={
        "fields": {"summary": "Renamed", "priority": {"id": "1"}, "description": description(shape)},
        "update": {"labels": [{"add": "triaged"}, {"remove": labels[0]}]},
    })  # fmt: skip
    assert response.status_code == 204, response.text
    env.check(response)
    assert issue.summary == "Renamed" and issue.priority_id == "1"
    assert issue.labels == [*labels[1:], "triaged"]
    assert adf_text(issue.description) == "Steps: run it"
    changed = {item.field for item in issue.changelog[-1].items}
    assert {"summary", "priority", "labels", "description"} <= changed
    assert issue.changelog[-1].author == env.account("alice")

    await env.alice.put(f"{api(shape)}/issue/{issue.key}", json={"update": {"labels": [{"set": ["only"]}]}})
    assert issue.labels == ["only"]


async def test_edit_components_versions_duedate_and_assignee(env: Env) -> None:
    issue = env.issue(lambda i: i.project_key == "DASH")
    project = env.world.projects["DASH"]
    response = await env.alice.put(f"/rest/api/2/issue/{issue.key}", json={"fields": {
        "components": [{"name": project.components[0].name}], "fixVersions": [{"id": project.versions[-1].id}],
        "duedate": "2027-02-01", "assignee": {"name": "bob"}}})  # fmt: skip
    assert response.status_code == 204
    assert issue.component_ids == [project.components[0].id]
    assert issue.fix_version_ids == [project.versions[-1].id]
    assert issue.duedate == date(2027, 2, 1) and issue.assignee == env.account("bob")
    await env.alice.put(f"/rest/api/2/issue/{issue.key}", json={"fields": {"duedate": None, "assignee": None}})
    assert issue.duedate is None and issue.assignee is None


async def test_edit_errors_change_nothing(env: Env) -> None:
    issue = env.issue()
    before = (issue.summary, list(issue.labels), issue.updated)
    response = await env.alice.put(f"/rest/api/3/issue/{issue.key}", json={
        "fields": {"summary": "", "resolution": {"name": "Done"}},
        "update": {"labels": [{"add": "fine"}], "components": [{"add": {"name": "No such component"}}]},
    })  # fmt: skip
    assert response.status_code == 400
    env.check(response)
    assert set(error_body(response)["errors"]) == {"summary", "resolution", "components"}
    assert (issue.summary, issue.labels, issue.updated) == before


async def test_edit_unknown_issue_is_404(env: Env) -> None:
    response = await env.alice.put("/rest/api/3/issue/NOPE-1", json={"fields": {"summary": "x"}})
    assert response.status_code == 404
    env.check(response)


async def test_edit_can_return_the_issue_and_add_a_comment(env: Env) -> None:
    issue = env.issue()
    count = len(issue.comments)
    response = await env.alice.put(f"/rest/api/3/issue/{issue.key}?returnIssue=true", json={
        "fields": {"summary": "With comment"}, "update": {"comment": [{"add": {"body": ADF}}]}})  # fmt: skip
    assert response.status_code == 200
    env.check(response)
    assert response.json()["fields"]["summary"] == "With comment"
    assert len(issue.comments) == count + 1


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_editmeta_lists_the_editable_fields(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: i.project_key == "DASH")
    response = env.check(await env.alice.get(f"{api(shape)}/issue/{issue.key}/editmeta"))
    fields = response.json()["fields"]
    assert {"summary", "priority", "labels", "description", "duedate", "assignee", "components", "fixVersions"} <= set(fields)
    assert fields["summary"]["required"] is True
    assert fields["labels"]["operations"] == ["add", "set", "remove"]
    assert len(fields["priority"]["allowedValues"]) == len(env.world.priorities)


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_createmeta_old_form(env: Env, shape: str) -> None:
    response = await env.alice.get(f"{api(shape)}/issue/createmeta",
                                   params={"projectKeys": "DASH", "expand": "projects.issuetypes.fields"})  # fmt: skip
    if shape == "3":
        env.check(response)
    projects = response.json()["projects"]
    assert [p["key"] for p in projects] == ["DASH"]
    types = {t["name"]: t for t in projects[0]["issuetypes"]}
    assert types["Bug"]["fields"]["summary"]["required"] is True
    assert types["Sub-task"]["fields"]["parent"]["required"] is True
    assert "parent" not in types["Bug"]["fields"]


async def test_createmeta_paged_forms(env: Env) -> None:
    v3 = env.check(await env.alice.get("/rest/api/3/issue/createmeta/DASH/issuetypes", params={"maxResults": 2}))
    assert v3.json()["total"] == len(env.world.projects["DASH"].issue_type_ids)
    assert len(v3.json()["issueTypes"]) == 2
    v2 = (await env.alice.get("/rest/api/2/issue/createmeta/DASH/issuetypes")).json()
    assert v2["isLast"] is True and len(v2["values"]) == v2["total"]
    bug = "10003"
    fields = env.check(await env.alice.get(f"/rest/api/3/issue/createmeta/DASH/issuetypes/{bug}")).json()["fields"]
    assert {f["fieldId"] for f in fields} >= {"summary", "issuetype", "project", "priority"}
    missing = await env.alice.get("/rest/api/3/issue/createmeta/NOPE/issuetypes")
    assert missing.status_code == 400
    env.check(missing)
    assert (await env.alice.get("/rest/api/2/issue/createmeta/NOPE/issuetypes")).status_code == 404


async def test_changelog_page(env: Env) -> None:
    issue = env.issue()
    await env.alice.put(f"/rest/api/3/issue/{issue.key}", json={"fields": {"summary": "Changelog me"}})
    page = env.check(await env.alice.get(f"/rest/api/3/issue/{issue.key}/changelog")).json()
    assert page["total"] == len(issue.changelog) and page["isLast"] is True
    last = page["values"][-1]["items"][0]
    assert last["field"] == "summary" and last["toString"] == "Changelog me"
