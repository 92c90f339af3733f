"""What Jira refuses after parsing: unknown fields, functions and values, operators a field does
not take, bad dates and keys — with Jira's wording, as errors or (for missing values) warnings."""

from __future__ import annotations

import pytest
from jql_world import ALICE, NOW, sample_world

from tui.sandbox.jql import JqlError, analyse_jql, compile_jql

WORLD = sample_world()

ERRORS = [
    ("foo = 1", "Field 'foo' does not exist or you do not have permission to view it."),
    (
        '"Story Points" = 3',
        "Field 'Story Points' does not exist or you do not have permission to view it.",
    ),
    ("cf[10010] = x", "Field 'cf[10010]' does not exist or you do not have permission to view it."),
    ("created > foo()", "Unable to find JQL function 'foo()'."),
    ("assignee in whoever(1, 2)", "Unable to find JQL function 'whoever()'."),
    ("summary = x", "The operator '=' is not supported by the 'summary' field."),
    ("project ~ ABC", "The operator '~' is not supported by the 'project' field."),
    ("status > Done", "The operator '>' is not supported by the 'status' field."),
    ("text !~ x", "The operator '!~' is not supported by the 'text' field."),
    ("comment is EMPTY", "The field 'comment' does not support searching for EMPTY values."),
    ("project = EMPTY", "The field 'project' does not support searching for EMPTY values."),
    ("status in (Done, EMPTY)", "The field 'status' does not support searching for EMPTY values."),
    ("created > EMPTY", "The operator '>' does not support searching for EMPTY values."),
    (
        "summary in test",
        "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'.",
    ),
    (
        "project not in ABC",
        "Operator 'not in' does not support the non-list value '\"ABC\"' for field 'project'.",
    ),
    (
        'status = (Done, "To Do")',
        "Operator '=' does not support the list value '(Done, \"To Do\")' for field 'status'.",
    ),
    (
        "assignee = membersOf(jira-users)",
        "Operator '=' does not support the list value 'membersOf(jira-users)' for field 'assignee'.",
    ),
    (
        "assignee is bob",
        "Operator 'is' does not support the non-empty value '\"bob\"' for field 'assignee'.",
    ),
    (
        "created > currentUser()",
        "A value provided by the function 'currentUser' is invalid for the field 'created'.",
    ),
    (
        "assignee = now()",
        "A value provided by the function 'now' is invalid for the field 'assignee'.",
    ),
    (
        "assignee = currentUser(1)",
        "Function 'currentUser' expected '0' arguments but received '1'.",
    ),
    ("assignee in membersOf()", "Function 'membersOf' expected '1' arguments but received '0'."),
    (
        "created > startOfDay(1, 2)",
        "Function 'startOfDay' expected between '0' and '1' arguments but received '2'.",
    ),
    (
        'created > startOfDay("sometime")',
        "Incorrect format for the function 'startOfDay': 'sometime'. The increment must be in the form '(+/-)nn(y|M|w|d|h|m)'.",
    ),
    (
        'assignee in membersOf("nobody-group")',
        "Function 'membersOf' can not generate a list of usernames for group 'nobody-group'; the group does not exist.",
    ),
    (
        "fixVersion in releasedVersions(NOPE)",
        "Could not resolve the project 'NOPE' provided to function 'releasedVersions'.",
    ),
    (
        "issue in linkedIssues(ABC-99)",
        "Issue 'ABC-99' could not be found in function 'linkedIssues'.",
    ),
    (
        'created > "yesterday"',
        "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ),
    (
        'duedate = "2024-02-30"',
        "Date value '2024-02-30' for field 'duedate' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ),
    ("key = abc", "The issue key 'abc' for field 'key' is invalid."),
    ("key > nonsense", "The issue key 'nonsense' for field 'key' is invalid."),
    ('summary ~ ""', "The field 'summary' does not support searching for an empty string."),
    (
        'summary ~ "*ogin"',
        "The text query '*ogin' for field 'summary' is not valid: the '*' and '?' are not allowed as first character in wildcard query.",
    ),
    (
        "summary ~ currentUser()",
        "A value provided by the function 'currentUser' is invalid for the field 'summary'.",
    ),
    ("ORDER BY text", "Not able to sort using field 'text'."),
    (
        "ORDER BY nothing",
        "Field 'nothing' does not exist or you do not have permission to view it.",
    ),
    ("status was Done", "The operator 'was' is not supported by the 'status' field."),
]


@pytest.mark.parametrize(("jql", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(jql: str, message: str) -> None:
    analysis = analyse_jql(jql, WORLD, current_user=ALICE, now=NOW)
    assert analysis.errors == [message]
    with pytest.raises(JqlError) as caught:
        compile_jql(jql, WORLD, current_user=ALICE, now=NOW)
    assert caught.value.messages == [message]


WARNINGS = [
    ("project = XYZW", "The value 'XYZW' does not exist for the field 'project'."),
    ("project = OLD", "The value 'OLD' does not exist for the field 'project'."),  # archived
    ("status = Bogus", "The value 'Bogus' does not exist for the field 'status'."),
    ("statusCategory = Bogus", "The value 'Bogus' does not exist for the field 'statusCategory'."),
    ("issuetype = Saga", "The value 'Saga' does not exist for the field 'issuetype'."),
    ("priority = Urgent", "The value 'Urgent' does not exist for the field 'priority'."),
    ("priority > Urgent", "The value 'Urgent' does not exist for the field 'priority'."),
    ("resolution = Fixed", "The value 'Fixed' does not exist for the field 'resolution'."),
    ("assignee = zed", "The value 'zed' does not exist for the field 'assignee'."),
    ("reporter in (bob, zed)", "The value 'zed' does not exist for the field 'reporter'."),
    ("component = Frontend", "The value 'Frontend' does not exist for the field 'component'."),
    ('fixVersion = "9.9"', "The value '9.9' does not exist for the field 'fixVersion'."),
    ("key = ABC-99", "An issue with key 'ABC-99' does not exist for field 'key'."),
    ("parent = OLD-1", "An issue with key 'OLD-1' does not exist for field 'parent'."),
]


@pytest.mark.parametrize(("jql", "message"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_values_that_do_not_exist(jql: str, message: str) -> None:
    """`jql/parse` reports these as warnings; a search refuses them (Jira answers 400)."""
    analysis = analyse_jql(jql, WORLD, current_user=ALICE, now=NOW)
    assert analysis.errors == [] and analysis.warnings == [message]
    with pytest.raises(JqlError) as caught:
        compile_jql(jql, WORLD, current_user=ALICE, now=NOW)
    assert caught.value.messages == [message]


def test_every_problem_is_reported_once() -> None:
    analysis = analyse_jql(
        "foo = 1 AND bar = 2 AND foo = 3 AND status = Nope ORDER BY text",
        WORLD,
        current_user=ALICE,
        now=NOW,
    )
    assert analysis.errors == [
        "Field 'foo' does not exist or you do not have permission to view it.",
        "Field 'bar' does not exist or you do not have permission to view it.",
        "Not able to sort using field 'text'.",
    ]
    assert analysis.warnings == ["The value 'Nope' does not exist for the field 'status'."]


def test_syntax_errors_come_from_the_parser_with_a_position() -> None:
    analysis = analyse_jql("project = ABC )", WORLD, current_user=ALICE, now=NOW)
    assert analysis.query is None and analysis.syntax_error is not None
    assert analysis.syntax_error.position == 14
    assert analysis.errors == [
        "Error in the JQL Query: Expecting either 'OR' or 'AND' but got ')'. (line 1, character 15)"
    ]


def test_field_names_and_keywords_are_case_insensitive() -> None:
    a = compile_jql("PROJECT = ABC and STATUSCATEGORY = DONE", WORLD, current_user=None, now=NOW)
    assert [i.key for i in a.filter_sorted(WORLD.issues.values())] == ["ABC-2"]
