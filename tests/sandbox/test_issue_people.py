"""Watchers, votes and the assignee, in the shapes that have them."""

from __future__ import annotations

import json

import pytest
from issue_support import Env, api, env, error_body

__all__ = ["env"]


@pytest.mark.parametrize("shape", ["3", "2", "2.0.alpha1"])
async def test_watch_and_unwatch(env: Env, shape: str) -> None:
    bob = env.account("bob")
    issue = env.issue(lambda i: bob not in i.watchers)
    url = f"{api(shape)}/issue/{issue.key}/watchers"
    ident = bob if shape == "3" else "bob"
    added = await env.alice.post(url, content=json.dumps(ident), headers={"content-type": "application/json"})
    assert added.status_code == 204, added.text
    env.check(added)
    assert bob in issue.watchers
    listed = env.check(await env.bob.get(url)).json()
    assert listed["isWatching"] is True and listed["watchCount"] == len(issue.watchers)
    key = "accountId" if shape == "3" else "name"
    assert ident in [w[key] for w in listed["watchers"]]
    removed = await env.alice.delete(url, params={"accountId" if shape == "3" else "username": ident})
    assert removed.status_code == 204
    env.check(removed)
    assert bob not in issue.watchers


async def test_an_empty_body_watches_as_the_caller_and_v2_takes_account_ids(env: Env) -> None:
    bob = env.account("bob")
    issue = env.issue(lambda i: bob not in i.watchers)
    assert (await env.bob.post(f"/rest/api/2/issue/{issue.key}/watchers")).status_code == 204
    assert bob in issue.watchers
    await env.alice.delete(f"/rest/api/2/issue/{issue.key}/watchers", params={"accountId": bob})
    assert bob not in issue.watchers


async def test_watcher_errors(env: Env) -> None:
    alice = env.account("alice")
    issue = env.issue(lambda i: alice not in i.watchers)
    url = f"/rest/api/3/issue/{issue.key}/watchers"
    unknown = await env.alice.post(url, content=json.dumps("nobody"), headers={"content-type": "application/json"})
    assert unknown.status_code == 404
    env.check(unknown)
    not_theirs = await env.bob.post(url, content=json.dumps(alice), headers={"content-type": "application/json"})
    assert not_theirs.status_code == 403
    env.check(not_theirs)
    no_param = await env.alice.delete(url)
    assert no_param.status_code == 400
    env.check(no_param)
    assert alice not in issue.watchers


@pytest.mark.parametrize("shape", ["3", "2", "2.0.alpha1"])
async def test_vote_and_unvote(env: Env, shape: str) -> None:
    bob = env.account("bob")
    issue = env.issue(lambda i: i.reporter != bob and bob not in i.voters)
    url = f"{api(shape)}/issue/{issue.key}/votes"
    voted = await env.bob.post(url)
    assert voted.status_code in (200, 204)
    env.check(voted)
    assert bob in issue.voters
    body = env.check(await env.bob.get(url)).json()
    assert body["hasVoted"] is True and body["votes"] == len(issue.voters)
    unvoted = await env.bob.delete(url)
    assert unvoted.status_code == 204
    env.check(unvoted)
    assert bob not in issue.voters
    again = await env.bob.delete(url)
    assert again.status_code == 404


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_you_cannot_vote_on_your_own_issue(env: Env, shape: str) -> None:
    alice = env.account("alice")
    issue = env.issue(lambda i: i.reporter == alice)
    response = await env.alice.post(f"{api(shape)}/issue/{issue.key}/votes")
    assert response.status_code == 404
    env.check(response)
    assert error_body(response)["errorMessages"] == ["You cannot vote for an issue you have reported."]
    assert alice not in issue.voters


@pytest.mark.parametrize(("shape", "field"), [("3", "accountId"), ("2", "name"), ("2", "accountId")])
async def test_assign_and_unassign(env: Env, shape: str, field: str) -> None:
    bob = env.account("bob")
    issue = env.issue(lambda i: i.assignee != bob)
    url = f"{api(shape)}/issue/{issue.key}/assignee"
    response = await env.alice.put(url, json={field: bob if field == "accountId" else "bob"})
    assert response.status_code == 204, response.text
    env.check(response)
    assert issue.assignee == bob
    item = issue.changelog[-1].items[0]
    assert item.field == "assignee" and item.to_string == "Bob User"
    unassigned = await env.bob.put(url, json={field: None})
    assert unassigned.status_code == 204 and issue.assignee is None


async def test_assign_to_the_default_assignee(env: Env) -> None:
    project = env.world.projects["DASH"]
    project.assignee_type = "PROJECT_LEAD"
    issue = env.issue(lambda i: i.project_key == "DASH")
    assert (await env.alice.put(f"/rest/api/3/issue/{issue.key}/assignee", json={"accountId": "-1"})).status_code == 204
    assert issue.assignee == project.lead


async def test_assignee_errors(env: Env) -> None:
    issue = env.issue()
    before = issue.assignee
    url = f"/rest/api/3/issue/{issue.key}/assignee"
    unknown = await env.alice.put(url, json={"accountId": "nobody"})
    assert unknown.status_code == 400 and "assignee" in error_body(unknown)["errors"]
    env.check(unknown)
    username_on_cloud = await env.alice.put(url, json={"name": "bob"})
    assert username_on_cloud.status_code == 400
    empty = await env.alice.put(url, json={})
    assert empty.status_code == 400
    inactive = next((u for u in env.world.users.values() if not u.active), None)
    if inactive is not None:
        refused = await env.alice.put(url, json={"accountId": inactive.account_id})
        assert refused.status_code == 400
    assert issue.assignee == before
    assert (await env.alice.put("/rest/api/3/issue/NOPE-1/assignee", json={"accountId": None})).status_code == 404
