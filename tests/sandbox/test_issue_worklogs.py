"""Worklogs: logging work in Jira's duration and time formats, and what it does to estimates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from issue_support import Env, api, env, error_body

from tui.sandbox.adf_wiki import adf_text
from tui.sandbox.world import SandboxIssue

__all__ = ["env"]


def estimated(env: Env) -> SandboxIssue:
    issue = env.issue(lambda i: i.original_estimate_seconds is not None and (i.remaining_estimate_seconds or 0) >= 3 * 3600)
    return issue


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_log_work_reduces_the_remaining_estimate(env: Env, shape: str) -> None:
    issue = estimated(env)
    remaining = issue.remaining_estimate_seconds or 0
    comment = ({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Pairing"}]}]}
               if shape == "3" else "Pairing")  # fmt: skip
    response = await env.alice.post(f"{api(shape)}/issue/{issue.key}/worklog", json={
        "timeSpent": "1h 30m", "started": "2026-11-20T09:15:00.000+0000", "comment": comment})  # fmt: skip
    assert response.status_code == 201, response.text
    env.check(response)
    body = response.json()
    assert body["timeSpentSeconds"] == 5400 and body["timeSpent"] == "1h 30m"
    assert body["started"] == "2026-11-20T09:15:00.000+0000"
    worklog = issue.worklogs[-1]
    assert worklog.started == datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
    assert adf_text(worklog.comment) == "Pairing" and worklog.author == env.account("alice")
    assert issue.remaining_estimate_seconds == remaining - 5400
    tracking = (await env.alice.get(f"{api(shape)}/issue/{issue.key}?fields=timetracking")).json()["fields"]["timetracking"]
    assert tracking["remainingEstimateSeconds"] == remaining - 5400
    assert tracking["timeSpentSeconds"] == sum(w.time_spent_seconds for w in issue.worklogs)
    assert {"timespent", "timeestimate"} <= {item.field for item in issue.changelog[-1].items}


async def test_time_spent_seconds_and_estimate_never_below_zero(env: Env) -> None:
    issue = estimated(env)
    response = await env.alice.post(f"/rest/api/3/issue/{issue.key}/worklog", json={"timeSpentSeconds": 10 * 5 * 8 * 3600})
    assert response.status_code == 201
    assert issue.remaining_estimate_seconds == 0
    assert issue.worklogs[-1].time_spent_seconds == 10 * 5 * 8 * 3600


async def test_adjust_estimate_modes(env: Env) -> None:
    issue = estimated(env)
    url = f"/rest/api/2/issue/{issue.key}/worklog"
    before = issue.remaining_estimate_seconds
    assert (await env.alice.post(url + "?adjustEstimate=leave", json={"timeSpent": "1h"})).status_code == 201
    assert issue.remaining_estimate_seconds == before
    assert (await env.alice.post(url + "?adjustEstimate=new&newEstimate=2d", json={"timeSpent": "1h"})).status_code == 201
    assert issue.remaining_estimate_seconds == 2 * 8 * 3600
    assert (await env.alice.post(url + "?adjustEstimate=manual&reduceBy=4h", json={"timeSpent": "1h"})).status_code == 201
    assert issue.remaining_estimate_seconds == 12 * 3600


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "timeLogged"),
        ({"timeSpent": "soon"}, "timeLogged"),
        ({"timeSpentSeconds": -5}, "timeLogged"),
        ({"timeSpent": "1h", "started": "yesterday"}, "started"),
    ],
)
async def test_bad_worklogs_name_the_field(env: Env, body: dict[str, object], field: str) -> None:
    issue = env.issue()
    count = len(issue.worklogs)
    response = await env.alice.post(f"/rest/api/3/issue/{issue.key}/worklog", json=body)
    assert response.status_code == 400 and field in error_body(response)["errors"]
    env.check(response)
    assert len(issue.worklogs) == count


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_list_get_edit_and_delete_worklogs(env: Env, shape: str) -> None:
    issue = estimated(env)
    url = f"{api(shape)}/issue/{issue.key}/worklog"
    added = (await env.alice.post(url, json={"timeSpent": "2h"})).json()
    page = env.check(await env.alice.get(url)).json()
    assert page["total"] == len(issue.worklogs) and page["worklogs"][-1]["id"] == added["id"]
    one = env.check(await env.alice.get(f"{url}/{added['id']}")).json()
    assert one["timeSpentSeconds"] == 7200
    remaining = issue.remaining_estimate_seconds or 0
    edited = env.check(await env.alice.put(f"{url}/{added['id']}", json={"timeSpent": "3h"})).json()
    assert edited["timeSpentSeconds"] == 10800 and issue.remaining_estimate_seconds == remaining - 3600
    deleted = await env.alice.delete(f"{url}/{added['id']}")
    assert deleted.status_code == 204
    env.check(deleted)
    assert added["id"] not in [w.id for w in issue.worklogs]
    assert issue.remaining_estimate_seconds == remaining + 7200
    assert (await env.alice.get(f"{url}/{added['id']}")).status_code == 404


async def test_bob_cannot_delete_alices_worklog(env: Env) -> None:
    issue = env.issue()
    added = (await env.alice.post(f"/rest/api/2/issue/{issue.key}/worklog", json={"timeSpent": "1h"})).json()
    response = await env.bob.delete(f"/rest/api/2/issue/{issue.key}/worklog/{added['id']}")
    assert response.status_code == 403
    env.check(response)


async def test_legacy_worklog_resource_counts_minutes(env: Env) -> None:
    issue = env.issue(lambda i: bool(i.worklogs))
    worklog = issue.worklogs[0]
    body = (await env.alice.get(f"/rest/api/2.0.alpha1/worklog/{worklog.id}")).json()
    assert body["minutesSpent"] == worklog.time_spent_seconds // 60
    assert body["self"].endswith(f"/rest/api/2.0.alpha1/worklog/{worklog.id}")
    legacy_issue = (await env.alice.get(f"/rest/api/2.0.alpha1/issue/{issue.key}")).json()
    assert [w["minutesSpent"] for w in legacy_issue["fields"]["worklog"]["value"]] == [
        w.time_spent_seconds // 60 for w in issue.worklogs
    ]
