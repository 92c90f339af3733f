"""`GET /issue/{key}` in the three shapes: contracts, the same data in each, fields and expand."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from issue_support import SHAPES, Env, api, check_adf, env

from tui.sandbox.adf_wiki import adf_text, wiki_to_adf
from tui.sandbox.shapes import NAVIGABLE_IDS, issue_json
from tui.sandbox.world import SandboxIssue

__all__ = ["env"]

EXPAND = "renderedFields,names,schema,transitions,changelog,editmeta"


def rich(issue: SandboxIssue) -> bool:
    return bool(issue.description and issue.comments and issue.labels)


async def get(env: Env, shape: str, key: str, **params: str) -> httpx.Response:
    response = await env.alice.get(f"{api(shape)}/issue/{key}", params=params)
    assert response.status_code == 200, response.text
    return env.check(response)


@pytest.mark.parametrize("shape", ["3", "2", "latest"])
async def test_full_issue_with_every_expansion_meets_the_contract(env: Env, shape: str) -> None:
    issue = env.issue(rich)
    body = (await get(env, shape, issue.key, expand=EXPAND)).json()
    assert body["key"] == issue.key and body["id"] == issue.id
    assert set(body) >= {"renderedFields", "names", "schema", "transitions", "changelog", "editmeta"}
    assert body["fields"]["summary"] == issue.summary
    if shape == "3":
        check_adf(body["fields"]["description"])
        for comment in body["fields"]["comment"]["comments"]:
            check_adf(comment["body"])
    else:
        assert isinstance(body["fields"]["description"], str)
        assert all(isinstance(c["body"], str) for c in body["fields"]["comment"]["comments"])


async def test_every_seeded_issue_meets_the_v3_and_v2_contracts(env: Env) -> None:
    for issue in list(env.world.issues.values())[:15]:
        for shape in ("3", "2"):
            await get(env, shape, issue.key, expand=EXPAND)


def _user_of(env: Env, value: Any) -> str | None:
    if value is None:
        return None
    if "accountId" in value:
        return str(value["accountId"])
    found = env.world.user_by_name(value["name"])
    return found.account_id if found else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    return adf_text(value if isinstance(value, dict) else wiki_to_adf(value))


async def test_the_three_shapes_carry_the_same_data(env: Env) -> None:
    issue = env.issue(lambda i: rich(i) and i.assignee is not None)
    v3 = (await get(env, "3", issue.key)).json()["fields"]
    v2 = (await get(env, "2", issue.key)).json()["fields"]
    legacy_body = (await env.alice.get(f"/rest/api/2.0.alpha1/issue/{issue.key}")).json()
    legacy = {name: wrapper.get("value") for name, wrapper in legacy_body["fields"].items()}
    for fields in (v3, v2, legacy):
        assert fields["summary"] == issue.summary
        assert fields["status"]["name"] == env.world.statuses[issue.status_id].name
        assert fields["priority"]["name"] == env.world.priorities[issue.priority_id].name
        assert fields["issuetype"]["name"] == env.world.issue_types[issue.issuetype_id].name
        assert _user_of(env, fields["assignee"]) == issue.assignee
        assert _user_of(env, fields["reporter"]) == issue.reporter
        assert fields["labels"] == issue.labels
        assert fields["created"] == v3["created"] and fields["updated"] == v3["updated"]
        assert _text(fields["description"]) == adf_text(issue.description)
    v3_comments = [_text(c["body"]) for c in v3["comment"]["comments"]]
    assert v3_comments == [_text(c["body"]) for c in v2["comment"]["comments"]]
    assert v3_comments == [_text(c["body"]) for c in legacy["comment"]]
    assert v3_comments == [adf_text(c.body) for c in issue.comments]
    assert v3["watches"]["watchCount"] == v2["watches"]["watchCount"] == legacy["watcher"]["watchCount"]
    assert v3["votes"]["votes"] == v2["votes"]["votes"] == legacy["votes"]["votes"]


async def test_links_subtasks_and_parents_agree_across_shapes(env: Env) -> None:
    parent = env.issue(lambda i: any(s.parent_key == i.key for s in env.world.issues.values()))
    children = sorted(s.key for s in env.world.issues.values() if s.parent_key == parent.key)
    v3 = (await get(env, "3", parent.key)).json()["fields"]
    legacy = (await env.alice.get(f"/rest/api/2.0.alpha1/issue/{parent.key}")).json()["fields"]
    assert sorted(s["key"] for s in v3["subtasks"]) == children
    assert sorted(s["issueKey"] for s in legacy["sub-tasks"]["value"]) == children
    child = (await get(env, "2", children[0])).json()["fields"]
    assert child["parent"]["key"] == parent.key
    if parent.parent_key is None:
        assert "parent" not in (await get(env, "2", parent.key, fields="*all")).json()["fields"]

    link = next(iter(env.world.links.values()))
    source = (await get(env, "3", link.outward_key, fields="issuelinks")).json()["fields"]["issuelinks"]
    target = (await get(env, "3", link.inward_key, fields="issuelinks")).json()["fields"]["issuelinks"]
    assert any(entry.get("outwardIssue", {}).get("key") == link.inward_key for entry in source)
    assert any(entry.get("inwardIssue", {}).get("key") == link.outward_key for entry in target)
    legacy_links = (await env.alice.get(f"/rest/api/2.0.alpha1/issue/{link.outward_key}")).json()["fields"]["links"]
    assert any(v["issueKey"] == link.inward_key and v["type"]["direction"] == "OUTBOUND" for v in legacy_links["value"])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("summary,status", {"summary", "status"}),
        ("*navigable", set(NAVIGABLE_IDS)),
        ("*all,-comment,-worklog", None),
        ("summary,nosuchfield", {"summary"}),
    ],
)
async def test_the_fields_parameter_selects_fields(env: Env, fields: str, expected: set[str] | None) -> None:
    issue = env.issue(rich)
    got = set((await get(env, "3", issue.key, fields=fields, expand="names,schema")).json()["fields"])
    if expected is None:
        assert "comment" not in got and "worklog" not in got and "description" in got
    else:
        assert got == expected - ({"parent"} if issue.parent_key is None else set())


async def test_names_and_schema_describe_the_returned_fields(env: Env) -> None:
    issue = env.issue(rich)
    body = (await get(env, "3", issue.key, fields="summary,labels,assignee", expand="names,schema")).json()
    assert body["names"] == {"summary": "Summary", "labels": "Labels", "assignee": "Assignee"}
    assert body["schema"]["labels"] == {"type": "array", "items": "string", "system": "labels"}


async def test_default_search_fields_are_navigable_and_exclude_comments(env: Env) -> None:
    issue = env.issue(rich)
    body = issue_json(env.sandbox, issue, shape="3", fields=None, expand=set(), viewer=env.world.user_by_name("alice"))
    assert "comment" not in body["fields"] and "summary" in body["fields"]


async def test_rendered_fields_are_escaped_html(env: Env) -> None:
    issue = env.issue(rich)
    body = (await get(env, "2", issue.key, expand="renderedFields")).json()
    html = body["renderedFields"]["description"]
    assert html.startswith("<") and "<script" not in html
    assert all(c["body"].startswith("<") for c in body["renderedFields"]["comment"]["comments"])
    assert body["renderedFields"]["environment"] is None


async def test_transitions_expansion_offers_what_the_status_allows(env: Env) -> None:
    issue = env.issue(lambda i: i.status_id == "10000")
    transitions = (await get(env, "3", issue.key, expand="transitions")).json()["transitions"]
    assert {t["name"] for t in transitions} == {"Start Progress", "Done"}
    done = next(t for t in transitions if t["name"] == "Done")
    resolution = done["fields"]["resolution"]
    assert resolution["required"] is True
    assert {v["name"] for v in resolution["allowedValues"]} >= {"Done", "Won't Do"}


async def test_not_found_in_every_shape(env: Env) -> None:
    for shape in SHAPES:
        response = await env.alice.get(f"{api(shape)}/issue/NOPE-999")
        assert response.status_code == 404
        assert response.json() == {
            "errorMessages": ["Issue does not exist or you do not have permission to see it."],
            "errors": {},
        }
        if shape != "2.0.alpha1":
            env.check(response)


async def test_issue_by_id_and_lower_case_key(env: Env) -> None:
    issue = env.issue()
    assert (await get(env, "3", issue.id)).json()["key"] == issue.key
    assert (await get(env, "2", issue.key.lower())).json()["key"] == issue.key


async def test_anonymous_gets_401(env: Env) -> None:
    issue = env.issue()
    response = await env.anon.get(f"/rest/api/3/issue/{issue.key}")
    assert response.status_code == 401


async def test_legacy_shape_wraps_every_field(env: Env) -> None:
    issue = env.issue(lambda i: rich(i) and i.assignee is None) if any(
        rich(i) and i.assignee is None for i in env.world.issues.values()
    ) else env.issue(rich)
    response = await env.alice.get(f"/rest/api/2.0.alpha1/issue/{issue.key}", params={"expand": "html"})
    body = response.json()
    assert body["expand"] == "html"
    assert body["self"].endswith(f"/rest/api/2.0.alpha1/issue/{issue.key}")
    assert body["transitions"].endswith(f"/rest/api/2.0.alpha1/issue/{issue.key}/transitions")
    for field_id, wrapper in body["fields"].items():
        assert wrapper["name"] == field_id and isinstance(wrapper["type"], str)
        assert set(wrapper) <= {"name", "type", "value"}
    fields = body["fields"]
    assert fields["summary"] == {"name": "summary", "type": "java.lang.String", "value": issue.summary}
    assert fields["status"]["type"] == "com.atlassian.jira.issue.status.Status"
    assert {"sub-tasks", "links", "watcher", "votes", "worklog", "comment", "timetracking"} <= set(fields)
    if issue.assignee is None:
        assert "value" not in fields["assignee"]
    assert body["html"]["description"].startswith("<")
    assert len(body["html"]["comment"]) == len(issue.comments)


async def test_summary_markup_is_returned_verbatim(env: Env) -> None:
    issue = env.issue()
    issue.summary = "[red]x\x1b[2J *not bold* {code}"
    for shape in ("3", "2"):
        assert (await get(env, shape, issue.key, fields="summary")).json()["fields"]["summary"] == issue.summary
