"""Workflow transitions in the three shapes: what is offered, required resolution, reopen."""

from __future__ import annotations

import pytest
from issue_support import DONE, IN_PROGRESS, IN_REVIEW, TO_DO, Env, api, env, error_body

from tui.sandbox.adf_wiki import adf_text

__all__ = ["env"]


async def names(env: Env, shape: str, key: str) -> set[str]:
    response = env.check(await env.alice.get(f"{api(shape)}/issue/{key}/transitions"))
    return {t["name"] for t in response.json()["transitions"]}


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_offered_transitions_follow_the_status(env: Env, shape: str) -> None:
    by_status = {
        TO_DO: {"Start Progress", "Done"},
        IN_PROGRESS: {"Request Review", "Done", "Back to To Do"},
        IN_REVIEW: {"Done", "Back to To Do", "Back to In Progress"},
        DONE: {"Reopen"},
    }
    for status, expected in by_status.items():
        issue = env.issue(lambda i, s=status: i.status_id == s)  # type: ignore[misc]
        assert await names(env, shape, issue.key) == expected


async def test_transition_fields_describe_the_resolution(env: Env) -> None:
    issue = env.issue(lambda i: i.status_id == TO_DO)
    body = env.check(await env.alice.get(f"/rest/api/3/issue/{issue.key}/transitions?transitionId=31")).json()
    [done] = body["transitions"]
    assert done["to"]["statusCategory"]["key"] == "done" and done["hasScreen"] is True
    resolution = done["fields"]["resolution"]
    assert resolution["required"] is True and resolution["key"] == "resolution"
    assert [v["name"] for v in resolution["allowedValues"]] == [r.name for r in env.world.resolutions.values()]


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_done_needs_a_resolution(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: i.status_id == IN_PROGRESS)
    response = await env.alice.post(f"{api(shape)}/issue/{issue.key}/transitions", json={"transition": {"id": "31"}})
    assert response.status_code == 400
    env.check(response)
    assert response.json() == {"errorMessages": [], "errors": {"resolution": "Resolution is required."}}
    assert issue.status_id == IN_PROGRESS


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_transition_to_done_and_reopen(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: i.status_id == IN_REVIEW)
    comment = ({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Shipped"}]}]}
               if shape == "3" else "Shipped")  # fmt: skip
    response = await env.alice.post(f"{api(shape)}/issue/{issue.key}/transitions", json={
        "transition": {"id": "31"}, "fields": {"resolution": {"name": "Won't Do"}},
        "update": {"comment": [{"add": {"body": comment}}]}})  # fmt: skip
    assert response.status_code == 204, response.text
    env.check(response)
    assert issue.status_id == DONE and env.world.resolutions[issue.resolution_id].name == "Won't Do"
    assert issue.resolved is not None
    assert adf_text(issue.comments[-1].body) == "Shipped"
    items = {item.field: item for item in issue.changelog[-1].items}
    assert items["status"].from_string == "In Review" and items["status"].to_string == "Done"
    assert items["resolution"].to_string == "Won't Do"

    fields = (await env.alice.get(f"{api(shape)}/issue/{issue.key}?fields=status,resolution,resolutiondate")).json()["fields"]
    assert fields["status"]["name"] == "Done" and fields["resolution"]["name"] == "Won't Do"
    assert fields["resolutiondate"] is not None

    reopen = await env.alice.post(f"{api(shape)}/issue/{issue.key}/transitions", json={"transition": {"id": "61"}})
    assert reopen.status_code == 204
    assert issue.status_id == TO_DO and issue.resolution_id is None and issue.resolved is None
    assert {item.field for item in issue.changelog[-1].items} == {"status", "resolution"}


async def test_transition_errors(env: Env) -> None:
    issue = env.issue(lambda i: i.status_id == TO_DO)
    url = f"/rest/api/3/issue/{issue.key}/transitions"
    unavailable = await env.alice.post(url, json={"transition": {"id": "61"}})
    assert unavailable.status_code == 400
    assert error_body(unavailable)["errorMessages"] == ["Transition id '61' is not valid for this issue."]
    missing = await env.alice.post(url, json={"fields": {}})
    assert missing.status_code == 400
    wrong_field = await env.alice.post(url, json={"transition": {"id": "11"}, "fields": {"resolution": {"name": "Done"}}})
    assert wrong_field.status_code == 400 and "resolution" in error_body(wrong_field)["errors"]
    bad_resolution = await env.alice.post(url, json={"transition": {"id": "31"}, "fields": {"resolution": {"name": "Nope"}}})
    assert error_body(bad_resolution)["errors"] == {"resolution": "The resolution selected is invalid."}
    for response in (unavailable, missing, wrong_field, bad_resolution):
        env.check(response)
    assert issue.status_id == TO_DO
    not_found = await env.alice.post("/rest/api/3/issue/NOPE-1/transitions", json={"transition": {"id": "11"}})
    assert not_found.status_code == 404


async def test_bob_may_transition(env: Env) -> None:
    issue = env.issue(lambda i: i.status_id == TO_DO)
    response = await env.bob.post(f"/rest/api/2/issue/{issue.key}/transitions", json={"transition": {"id": "11"}})
    assert response.status_code == 204 and issue.status_id == IN_PROGRESS
    assert issue.changelog[-1].author == env.account("bob")


async def test_legacy_transitions_are_a_map_keyed_by_id(env: Env) -> None:
    issue = env.issue(lambda i: i.status_id == IN_PROGRESS)
    body = (await env.alice.get(f"/rest/api/2.0.alpha1/issue/{issue.key}/transitions")).json()
    assert set(body) == {"21", "31", "41"}
    assert body["31"] == {
        "name": "Done",
        "fields": [{"id": "resolution", "required": True, "type": "com.atlassian.jira.issue.resolution.Resolution"}],
        "transitionDestination": DONE,
    }
    assert body["21"]["fields"] == []


async def test_legacy_transition_post_takes_names_and_a_plain_comment(env: Env) -> None:
    issue = env.issue(lambda i: i.status_id == IN_PROGRESS)
    url = f"/rest/api/2.0.alpha1/issue/{issue.key}/transitions"
    refused = await env.alice.post(url, json={"transition": 31})
    assert refused.status_code == 400 and error_body(refused)["errors"] == {"resolution": "Resolution is required."}
    response = await env.alice.post(url, json={"transition": 31, "fields": {"resolution": "Duplicate"},
                                               "comment": "We've already fixed this one."})  # fmt: skip
    assert response.status_code == 204
    assert issue.status_id == DONE and env.world.resolutions[issue.resolution_id].name == "Duplicate"
    assert adf_text(issue.comments[-1].body) == "We've already fixed this one."
