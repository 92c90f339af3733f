"""ORDER BY: per-field orders, several fields with mixed directions, EMPTY last when ascending
(first when descending), Jira's default directions, and the default order without ORDER BY."""

from __future__ import annotations

from jql_world import ALICE, NOW, sample_world

from tui.sandbox.jql import compile_jql

WORLD = sample_world()


def keys(jql: str) -> list[str]:
    query = compile_jql(jql, WORLD, current_user=ALICE, now=NOW)
    return [i.key for i in query.filter_sorted(WORLD.issues.values())]


def test_default_order_is_newest_first_with_ties_newest_first() -> None:
    # ABC-1 and XYZ-1 share a creation time; XYZ-1 was created later in the world.
    assert keys("") == ["XYZ-1", "ABC-1", "XYZ-2", "ABC-2", "ABC-3", "ABC-10"]
    assert compile_jql("", WORLD, current_user=None, now=NOW).order == [("created", "desc")]


def test_key_orders_by_project_then_number() -> None:
    assert keys("ORDER BY key") == ["ABC-1", "ABC-2", "ABC-3", "ABC-10", "XYZ-1", "XYZ-2"]
    assert keys("ORDER BY issuekey DESC") == ["XYZ-2", "XYZ-1", "ABC-10", "ABC-3", "ABC-2", "ABC-1"]


def test_priority_by_rank_and_its_default_direction_is_descending() -> None:
    assert keys("ORDER BY priority") == ["ABC-1", "ABC-2", "XYZ-2", "ABC-10", "ABC-3", "XYZ-1"]
    assert keys("ORDER BY priority ASC") == ["XYZ-1", "ABC-3", "ABC-10", "ABC-2", "XYZ-2", "ABC-1"]


def test_status_by_id() -> None:
    # ids: To Do 1, In Progress 3, In Review 10001, Done 10002
    assert keys("project = ABC ORDER BY status") == ["ABC-3", "ABC-1", "ABC-10", "ABC-2"]
    assert keys("project = ABC ORDER BY status DESC") == ["ABC-2", "ABC-10", "ABC-1", "ABC-3"]


def test_users_by_display_name_with_empty_last_ascending_first_descending() -> None:
    assert keys("ORDER BY assignee ASC") == ["ABC-1", "ABC-2", "XYZ-1", "ABC-10", "ABC-3", "XYZ-2"]
    assert keys("ORDER BY assignee DESC") == ["ABC-3", "XYZ-2", "ABC-10", "ABC-2", "XYZ-1", "ABC-1"]


def test_dates_with_empty_last() -> None:
    assert keys("ORDER BY duedate") == ["ABC-1", "ABC-3", "XYZ-1", "ABC-2", "ABC-10", "XYZ-2"]
    assert keys("ORDER BY resolved ASC") == ["ABC-2", "XYZ-1", "ABC-1", "ABC-3", "ABC-10", "XYZ-2"]
    assert keys("ORDER BY created ASC")[0] == "ABC-10"
    assert keys("ORDER BY updated")[-1] == "ABC-10"  # dates default to descending


def test_several_fields_with_mixed_directions() -> None:
    assert keys("ORDER BY project DESC, priority ASC, key DESC") == [
        "XYZ-1",
        "XYZ-2",
        "ABC-3",
        "ABC-10",
        "ABC-2",
        "ABC-1",
    ]
    assert keys("ORDER BY statusCategory ASC, summary ASC") == [
        "ABC-3",
        "ABC-10",
        "ABC-1",
        "XYZ-2",
        "ABC-2",
        "XYZ-1",
    ]


def test_multi_valued_and_named_fields() -> None:
    assert keys("ORDER BY labels") == ["ABC-2", "ABC-10", "ABC-1", "ABC-3", "XYZ-1", "XYZ-2"]
    assert keys("ORDER BY component") == ["ABC-2", "XYZ-1", "ABC-1", "ABC-3", "ABC-10", "XYZ-2"]
    assert keys("ORDER BY fixVersion") == ["ABC-1", "ABC-2", "XYZ-1", "ABC-3", "ABC-10", "XYZ-2"]
    assert keys("ORDER BY issuetype, key") == [
        "XYZ-1",
        "ABC-3",
        "ABC-1",
        "ABC-2",
        "XYZ-2",
        "ABC-10",
    ]
    assert keys("ORDER BY resolution, key") == [
        "ABC-2",
        "XYZ-1",
        "ABC-1",
        "ABC-3",
        "ABC-10",
        "XYZ-2",
    ]
    assert keys("ORDER BY parent, key")[0] == "ABC-10"


def test_ties_keep_creation_order_under_an_explicit_order() -> None:
    assert keys("project = XYZ OR key = ABC-1 ORDER BY reporter") == ["ABC-1", "XYZ-2", "XYZ-1"]
    assert keys("labels = frontend ORDER BY project") == ["ABC-1", "ABC-10"]
