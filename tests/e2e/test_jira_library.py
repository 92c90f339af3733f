"""A client nobody here wrote: the `jira` library from PyPI against the sandbox over a real
loopback port (the `live_sandbox` fixture), checking the sandbox's state after each call.

The library connects with Basic auth and reads `/rest/api/2/serverInfo`; the sandbox's v2
answers Data Center, so the library uses v2 paths, usernames and `/rest/api/2/search`. The
live sandbox is shared by the whole run: these tests work on issues they restore afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from jira import JIRA
from jira.exceptions import JIRAError

from tui.sandbox.adf_wiki import adf_text
from tui.sandbox.world import SandboxIssue

pytestmark = pytest.mark.e2e

TO_DO, DONE = "10000", "10002"


@pytest.fixture
def jira(live_sandbox) -> Iterator[JIRA]:  # type: ignore[no-untyped-def]
    client = JIRA(server=live_sandbox.base_url, basic_auth=("alice@example.com", "sandbox-token"),
                  options={"check_update": False}, max_retries=0, timeout=20)  # fmt: skip
    yield client
    client.close()


@pytest.fixture
def borrowed(live_sandbox) -> Iterator[SandboxIssue]:  # type: ignore[no-untyped-def]
    """A To Do issue in DASH nobody else in the run relies on; put back as it was afterwards."""
    world = live_sandbox.sandbox.world
    bob = world.user_by_name("bob")
    issue = next(i for i in reversed(world.issues.values())
                 if i.project_key == "DASH" and i.status_id == TO_DO and i.assignee != bob.account_id
                 and bob.account_id not in i.watchers and i.original_estimate_seconds)  # fmt: skip
    saved = copy.deepcopy(issue)
    yield issue
    world.issues[issue.key] = saved
    live_sandbox.sandbox.mutated()


def test_connect_search_and_read(jira: JIRA, live_sandbox) -> None:  # type: ignore[no-untyped-def]
    world = live_sandbox.sandbox.world
    assert jira.server_info()["baseUrl"] == live_sandbox.base_url
    found = jira.search_issues("project = DASH ORDER BY key ASC", maxResults=20)
    expected = sorted((i for i in world.issues.values() if i.project_key == "DASH"), key=lambda i: int(i.key.split("-")[1]))
    assert [i.key for i in found] == [i.key for i in expected[:20]]
    assert found.total == len(expected)
    first = expected[0]
    issue = jira.issue(first.key)
    assert issue.key == first.key and issue.fields.summary == first.summary
    assert issue.fields.status.name == world.statuses[first.status_id].name
    assert issue.fields.reporter.name == world.users[first.reporter].name


def test_transitions_and_a_required_resolution(jira: JIRA, borrowed: SandboxIssue, live_sandbox) -> None:  # type: ignore[no-untyped-def]
    world = live_sandbox.sandbox.world
    offered = {t["name"]: t for t in jira.transitions(borrowed.key)}
    assert set(offered) == {"Start Progress", "Done"}
    assert offered["Done"]["fields"]["resolution"]["required"] is True

    with pytest.raises(JIRAError) as refused:
        jira.transition_issue(borrowed.key, "Done")
    assert refused.value.status_code == 400 and "Resolution is required." in refused.value.text
    assert borrowed.status_id == TO_DO

    jira.transition_issue(borrowed.key, "Done", fields={"resolution": {"name": "Won't Do"}}, comment="Closing as agreed")
    assert borrowed.status_id == DONE
    assert world.resolutions[borrowed.resolution_id].name == "Won't Do" and borrowed.resolved is not None
    assert adf_text(borrowed.comments[-1].body) == "Closing as agreed"
    assert jira.issue(borrowed.key).fields.resolution.name == "Won't Do"


def test_comment_assign_watch_and_log_work(jira: JIRA, borrowed: SandboxIssue, live_sandbox) -> None:  # type: ignore[no-untyped-def]
    world = live_sandbox.sandbox.world
    bob = world.user_by_name("bob")
    alice = world.user_by_name("alice")

    comment = jira.add_comment(borrowed.key, "Reproduced on *staging*")
    stored = borrowed.comments[-1]
    assert comment.id == stored.id and stored.author == alice.account_id
    assert adf_text(stored.body) == "Reproduced on staging"
    assert jira.comment(borrowed.key, comment.id).body == "Reproduced on *staging*"

    assert jira.assign_issue(borrowed.key, "bob")
    assert borrowed.assignee == bob.account_id
    assert jira.issue(borrowed.key).fields.assignee.name == "bob"

    jira.add_watcher(borrowed.key, "bob")
    assert bob.account_id in borrowed.watchers
    assert "bob" in [w.name for w in jira.watchers(borrowed.key).watchers]

    remaining = borrowed.remaining_estimate_seconds or 0
    worklog = jira.add_worklog(borrowed.key, timeSpent="1h 30m", comment="Pairing session")
    stored_log = borrowed.worklogs[-1]
    assert worklog.id == stored_log.id and stored_log.time_spent_seconds == 5400
    assert adf_text(stored_log.comment) == "Pairing session"
    assert borrowed.remaining_estimate_seconds == max(0, remaining - 5400)


def test_projects_and_project(jira: JIRA, live_sandbox) -> None:  # type: ignore[no-untyped-def]
    world = live_sandbox.sandbox.world
    keys = {p.key for p in world.projects.values() if not p.deleted and not p.archived}
    assert {p.key for p in jira.projects()} == keys
    dash = jira.project("DASH")
    assert dash.key == "DASH" and dash.name == world.projects["DASH"].name
