"""Every JQL field and operator against the hand-made world of `jql_world.py`: what matches,
EMPTY semantics as Jira has them, and the archived project that never shows."""

from __future__ import annotations

import pytest
from jql_world import ALICE, NOW, sample_world

from tui.sandbox.jql import compile_jql

WORLD = sample_world()
VISIBLE = {k for k in WORLD.issues if not k.startswith("OLD-")}


def found(jql: str, user: str | None = ALICE) -> set[str]:
    query = compile_jql(jql, WORLD, current_user=user, now=NOW)
    return {i.key for i in WORLD.issues.values() if query.matches(i)}


CASES = [
    # project: key, id, name; case-insensitive
    ("project = ABC", {"ABC-1", "ABC-2", "ABC-3", "ABC-10"}),
    ("project = abc", {"ABC-1", "ABC-2", "ABC-3", "ABC-10"}),
    ("project = 101", {"XYZ-1", "XYZ-2"}),
    ('project = "Xylophone"', {"XYZ-1", "XYZ-2"}),
    ("project != ABC", {"XYZ-1", "XYZ-2"}),
    ("project in (ABC, XYZ)", VISIBLE),
    ("project not in (ABC)", {"XYZ-1", "XYZ-2"}),
    # key, issuekey, id, issue; ranges stay inside the project
    ("key = ABC-1", {"ABC-1"}),
    ("issuekey = abc-2", {"ABC-2"}),
    ("id = 20001", {"ABC-2"}),
    ("issue in (ABC-1, XYZ-1)", {"ABC-1", "XYZ-1"}),
    ("key != ABC-1 AND project = ABC", {"ABC-2", "ABC-3", "ABC-10"}),
    ("key > ABC-2", {"ABC-3", "ABC-10"}),
    ("key >= ABC-2", {"ABC-2", "ABC-3", "ABC-10"}),
    ("key < ABC-3", {"ABC-1", "ABC-2"}),
    ("key <= ABC-3", {"ABC-1", "ABC-2", "ABC-3"}),
    ("key not in (ABC-1, ABC-2, ABC-3, ABC-10)", {"XYZ-1", "XYZ-2"}),
    # issue type
    ("issuetype = Bug", {"XYZ-1"}),
    ("type = epic", {"ABC-3"}),
    ("issuetype in (10003, Story)", {"ABC-1", "ABC-2", "XYZ-1", "XYZ-2"}),
    ("issuetype in standardIssueTypes()", VISIBLE - {"ABC-10"}),
    ("issuetype in subTaskIssueTypes()", {"ABC-10"}),
    ("issuetype != Story", {"ABC-3", "ABC-10", "XYZ-1"}),
    # status by name or id, status category by name, key or id
    ('status = "In Progress"', {"ABC-1", "XYZ-2"}),
    ("status = 10002", {"ABC-2", "XYZ-1"}),
    ('status in ("to do", "In Review")', {"ABC-3", "ABC-10"}),
    ("status != Done", {"ABC-1", "ABC-3", "ABC-10", "XYZ-2"}),
    ('statusCategory = "In Progress"', {"ABC-1", "ABC-10", "XYZ-2"}),
    ("statusCategory = done", {"ABC-2", "XYZ-1"}),
    ("statusCategory in (2, 3)", {"ABC-3", "ABC-2", "XYZ-1"}),
    ("statusCategory != Done", {"ABC-1", "ABC-3", "ABC-10", "XYZ-2"}),
    # priority, with ranges by rank
    ("priority = Highest", {"ABC-1"}),
    ("priority in (High, 5)", {"ABC-2", "XYZ-1", "XYZ-2"}),
    ("priority > Medium", {"ABC-1", "ABC-2", "XYZ-2"}),
    ("priority >= Medium", {"ABC-1", "ABC-2", "XYZ-2", "ABC-10"}),
    ("priority < Medium", {"ABC-3", "XYZ-1"}),
    ("priority <= low", {"ABC-3", "XYZ-1"}),
    ("priority is not EMPTY", VISIBLE),
    # users: account id, username, email, display name; EMPTY; currentUser(); membersOf()
    ("assignee = acc-alice", {"ABC-1"}),
    ("assignee = bob", {"ABC-2", "XYZ-1"}),
    ('assignee = "carol@example.com"', {"ABC-10"}),
    ('assignee = "Bob Builder"', {"ABC-2", "XYZ-1"}),
    ("assignee != bob", {"ABC-1", "ABC-10"}),
    ("assignee is EMPTY", {"ABC-3", "XYZ-2"}),
    ("assignee = EMPTY", {"ABC-3", "XYZ-2"}),
    ("assignee is not empty", {"ABC-1", "ABC-2", "ABC-10", "XYZ-1"}),
    ("assignee != EMPTY", {"ABC-1", "ABC-2", "ABC-10", "XYZ-1"}),
    ("assignee in (EMPTY, alice)", {"ABC-1", "ABC-3", "XYZ-2"}),
    ("assignee not in (alice, bob)", {"ABC-10"}),
    ("assignee = currentUser()", {"ABC-1"}),
    ("reporter = currentUser()", {"ABC-1", "ABC-2", "ABC-3", "XYZ-2"}),
    ("reporter in (bob, carol)", {"ABC-10", "XYZ-1"}),
    ('assignee in membersOf("jira-administrators")', {"ABC-1"}),
    ("assignee in membersOf(jira-users)", {"ABC-1", "ABC-2", "ABC-10", "XYZ-1"}),
    ("watcher = bob", {"ABC-1"}),
    ("voter = currentUser()", set()),
    ("voter = carol", {"ABC-3"}),
    ("watcher is EMPTY", VISIBLE - {"ABC-1"}),
    # labels: case-insensitive, multi-valued
    ("labels = frontend", {"ABC-1", "ABC-10"}),
    ("labels = urgent", {"ABC-1"}),
    ("labels in (backend, urgent)", {"ABC-1", "ABC-2"}),
    ("labels != frontend", {"ABC-2"}),
    ("labels not in (frontend)", {"ABC-2"}),
    ("labels is EMPTY", {"ABC-3", "XYZ-1", "XYZ-2"}),
    ("labels is not EMPTY", {"ABC-1", "ABC-2", "ABC-10"}),
    # components and versions by name (across projects) or id
    ("component = Backend", {"ABC-2", "XYZ-1"}),
    ("component = 202", {"XYZ-1"}),
    ("component in (UI, 200)", {"ABC-1", "ABC-2"}),
    ("component != UI", {"ABC-2", "XYZ-1"}),
    ("component is EMPTY", {"ABC-3", "ABC-10", "XYZ-2"}),
    ('fixVersion = "1.0"', {"ABC-1", "ABC-2", "XYZ-1"}),
    ("fixVersion = 301", {"ABC-2"}),
    ('fixVersion != "1.0"', set()),
    ("fixVersion in releasedVersions()", {"ABC-1", "ABC-2", "XYZ-1"}),
    ("fixVersion in unreleasedVersions(ABC)", {"ABC-2"}),
    ("fixVersion in releasedVersions(XYZ)", {"XYZ-1"}),
    ("fixVersion is EMPTY", {"ABC-3", "ABC-10", "XYZ-2"}),
    # resolution, with Unresolved and ranges by its order
    ("resolution = Done", {"ABC-2"}),
    ('resolution = "Won\'t Do"', {"XYZ-1"}),
    ("resolution = Unresolved", VISIBLE - {"ABC-2", "XYZ-1"}),
    ("resolution is EMPTY", VISIBLE - {"ABC-2", "XYZ-1"}),
    ("resolution is not EMPTY", {"ABC-2", "XYZ-1"}),
    ("resolution != Done", {"XYZ-1"}),
    ("resolution in (Unresolved, Done)", VISIBLE - {"XYZ-1"}),
    ("resolution > Done", {"XYZ-1"}),
    # parent and linked issues
    ("parent = ABC-3", {"ABC-10"}),
    ("parent is EMPTY", VISIBLE - {"ABC-10"}),
    ("parent != ABC-3", set()),
    ("issue in linkedIssues(ABC-1)", {"XYZ-2"}),
    ('key in linkedIssues(XYZ-2, "blocks")', {"ABC-1"}),
    ('key in linkedIssues(XYZ-2, "duplicates")', set()),
]


@pytest.mark.parametrize(("jql", "expected"), CASES, ids=[c[0] for c in CASES])
def test_field_operator(jql: str, expected: set[str]) -> None:
    assert found(jql) == expected


DATE_CASES = [
    # created = NOW - n days for ABC-n / XYZ-n
    ("created > -2d", {"ABC-1", "XYZ-1"}),
    ('created >= "-2d"', {"ABC-1", "ABC-2", "XYZ-1", "XYZ-2"}),
    ("created < -1w", {"ABC-10"}),
    ('created <= "-1w 2d"', {"ABC-10"}),
    ('created > "-1w 3d"', VISIBLE - {"ABC-10"}),
    ('created >= "-1w 3d"', VISIBLE),
    ("created > -49h", {"ABC-1", "XYZ-1", "ABC-2", "XYZ-2"}),
    ("created > -2881m", {"ABC-1", "XYZ-1", "ABC-2", "XYZ-2"}),
    ('createdDate >= "2024-03-11"', {"ABC-1", "ABC-2", "XYZ-1", "XYZ-2"}),
    ('created >= "2024/03/11 15:30"', {"ABC-1", "ABC-2", "XYZ-1", "XYZ-2"}),
    ('created > "2024/03/11 15:30"', {"ABC-1", "XYZ-1"}),
    ('created = "2024/03/12 15:30"', {"ABC-1", "XYZ-1"}),
    ('created != "2024/03/12 15:30"', VISIBLE - {"ABC-1", "XYZ-1"}),
    ('created in ("2024/03/12 15:30", "2024/03/11 15:30")', {"ABC-1", "XYZ-1", "ABC-2", "XYZ-2"}),
    ("created >= startOfDay(-2d)", {"ABC-1", "ABC-2", "XYZ-1", "XYZ-2"}),
    ("created >= startOfDay(-2)", {"ABC-1", "ABC-2", "XYZ-1", "XYZ-2"}),
    ("created < endOfDay(-3)", {"ABC-3", "ABC-10"}),
    ("created >= startOfWeek()", {"ABC-1", "ABC-2", "ABC-3", "XYZ-1", "XYZ-2"}),  # Sunday 10th
    ("created < startOfWeek()", {"ABC-10"}),
    ("created <= endOfWeek(-1)", {"ABC-10"}),
    ("created >= startOfMonth()", VISIBLE),
    ('created >= startOfMonth("+3d")', VISIBLE - {"ABC-10"}),
    ("created < startOfMonth()", set()),
    ("created < startOfMonth(-1M)", set()),
    ("created > endOfMonth(-1)", VISIBLE),
    ("created <= endOfMonth()", VISIBLE),
    ("created > now()", set()),
    ("created <= now()", VISIBLE),
    ("updated > -36h", {"ABC-1", "XYZ-1"}),
    ("updated >= startOfYear()", VISIBLE),
    ("updated > endOfYear(-1)", VISIBLE),
    ("resolved >= -1d", {"ABC-2", "XYZ-1"}),
    ("resolutiondate > -3h", {"XYZ-1"}),
    ("resolved is EMPTY", VISIBLE - {"ABC-2", "XYZ-1"}),
    ("resolved is not EMPTY", {"ABC-2", "XYZ-1"}),
    ("created is EMPTY", set()),
    # duedate is a day: midnight UTC of that day
    ('duedate = "2024-03-13"', {"ABC-3"}),
    ('due = "2024-03-13 10:00"', set()),
    ('duedate != "2024-03-13"', {"ABC-1", "XYZ-1"}),
    ("duedate < now()", {"ABC-1", "ABC-3"}),
    ("duedate <= startOfDay()", {"ABC-1", "ABC-3"}),
    ("duedate < startOfDay()", {"ABC-1"}),
    ("duedate >= endOfDay()", {"XYZ-1"}),
    ("duedate > now()", {"XYZ-1"}),
    ("due <= endOfMonth()", {"ABC-1", "ABC-3"}),
    ("duedate is EMPTY", {"ABC-2", "ABC-10", "XYZ-2"}),
    ('duedate in (EMPTY, "2024-04-01")', {"ABC-2", "ABC-10", "XYZ-2", "XYZ-1"}),
    ("duedate < 1710288000000", {"ABC-1"}),  # epoch milliseconds: 2024-03-13 00:00 UTC
]


@pytest.mark.parametrize(("jql", "expected"), DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_dates(jql: str, expected: set[str]) -> None:
    assert found(jql) == expected


TEXT_CASES = [
    ("summary ~ login", {"ABC-1"}),
    ('summary ~ "LOGIN"', {"ABC-1"}),
    ('summary ~ "report"', {"XYZ-1", "XYZ-2"}),  # plural stemming both ways
    ('summary ~ "reports"', {"XYZ-1", "XYZ-2"}),
    ('summary ~ "dark mode"', {"ABC-3", "ABC-10"}),  # every word, any order
    ('summary ~ "mode dark"', {"ABC-3", "ABC-10"}),
    ('summary ~ "\\"dark mode\\""', {"ABC-3", "ABC-10"}),
    ('summary ~ "\\"mode dark\\""', set()),  # a phrase keeps its order
    ('summary ~ "migrat*"', {"ABC-2"}),
    ('summary ~ "d?rk"', {"ABC-3", "ABC-10"}),
    ('summary ~ "q*ly"', {"XYZ-1"}),
    ('summary ~ "dark -toggle"', {"ABC-3"}),
    ('summary ~ "the"', set()),  # stop words alone find nothing
    ('summary ~ "the login"', {"ABC-1"}),
    ('summary !~ "dark"', VISIBLE - {"ABC-3", "ABC-10"}),
    ("summary is not EMPTY", VISIBLE),
    ('description ~ "migration staging"', {"ABC-2"}),
    ('description ~ "error"', {"ABC-1"}),
    ('description !~ "error"', {"ABC-2"}),  # empty descriptions are not "not containing"
    ("description is EMPTY", VISIBLE - {"ABC-1", "ABC-2"}),
    ("description is not EMPTY", {"ABC-1", "ABC-2"}),
    ('comment ~ "verified"', {"ABC-2"}),
    ('comment ~ "server"', {"ABC-2"}),
    ('comment !~ "nothing"', {"ABC-2"}),
    ('text ~ "staging"', {"ABC-2"}),
    ('text ~ "login"', {"ABC-1"}),
    ('text ~ "migration verified"', {"ABC-2"}),  # terms may come from different fields
    ('text ~ "safari error"', {"ABC-1"}),
]


@pytest.mark.parametrize(("jql", "expected"), TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_text(jql: str, expected: set[str]) -> None:
    assert found(jql) == expected


def test_boolean_structure() -> None:
    assert found("project = ABC AND assignee = bob OR priority = Lowest") == {"ABC-2", "XYZ-1"}
    assert found("project = ABC AND (assignee = bob OR priority = Lowest)") == {"ABC-2"}
    assert found("NOT project = ABC") == {"XYZ-1", "XYZ-2"}
    assert found("NOT (assignee = bob)") == VISIBLE - {"ABC-2", "XYZ-1"}
    assert found("!(assignee = bob) && labels = frontend") == {"ABC-1", "ABC-10"}
    assert found("") == VISIBLE


def test_currentuser_without_a_user_matches_nothing() -> None:
    assert found("assignee = currentUser()", user=None) == set()
    assert found("assignee != currentUser()", user=None) == {"ABC-1", "ABC-2", "ABC-10", "XYZ-1"}


def test_archived_and_trashed_projects_disappear() -> None:
    world = sample_world()
    everything = compile_jql("", world, current_user=None, now=NOW)
    assert len(everything.filter_sorted(world.issues.values())) == len(VISIBLE)
    world.projects["OLD"].archived = False
    world.projects["XYZ"].deleted = True
    query = compile_jql('text ~ "login" OR project = ABC', world, current_user=None, now=NOW)
    keys = {i.key for i in query.filter_sorted(world.issues.values())}
    assert keys == {"ABC-1", "ABC-2", "ABC-3", "ABC-10", "OLD-1"}


def test_text_search_follows_edits() -> None:
    world = sample_world()
    query = 'summary ~ "spreadsheet"'
    assert not compile_jql(query, world, current_user=None, now=NOW).filter_sorted(
        world.issues.values()
    )
    world.issues["XYZ-2"].summary = "Export to a spreadsheet"
    world.version += 1
    hits = compile_jql(query, world, current_user=None, now=NOW).filter_sorted(
        world.issues.values()
    )
    assert [i.key for i in hits] == ["XYZ-2"]
