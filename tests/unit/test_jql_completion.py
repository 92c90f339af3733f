"""JQL completion by grammar position, from Jira's autocomplete data (the v3 contract's shape)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.jql.completion import AutocompleteData, Completion, apply, complete, quote

CONTRACT = Path(__file__).parents[1] / "contracts" / "jira-platform-v3.subset.json"

PAYLOAD = {
    "visibleFieldNames": [
        {
            "value": "project",
            "displayName": "project",
            "operators": ["=", "!=", "in", "not in", "is", "is not"],
            "types": ["com.atlassian.jira.project.Project"],
            "orderable": "true",
            "searchable": "true",
            "auto": "true",
        },
        {
            "value": "status",
            "displayName": "Status",
            "operators": ["=", "!=", "in", "not in", "was", "was in", "was not in", "changed"],
            "types": ["com.atlassian.jira.issue.status.Status"],
            "orderable": "true",
            "searchable": "true",
        },
        {
            "value": "summary",
            "displayName": "Summary",
            "operators": ["~", "!~", "is", "is not"],
            "types": ["java.lang.String"],
            "orderable": "true",
            "searchable": "true",
        },
        {
            "value": "assignee",
            "displayName": "Assignee",
            "operators": ["=", "in", "was"],
            "types": ["com.atlassian.jira.user.ApplicationUser"],
            "orderable": "true",
            "searchable": "true",
        },
        {
            "value": '"Story Points"',
            "displayName": "Story Points - cf[10016]",
            "cfid": "cf[10016]",
            "operators": ["=", ">", "<"],
            "types": ["java.lang.Number"],
            "orderable": "true",
            "searchable": "true",
        },
        {
            "value": "text",
            "displayName": "text",
            "operators": ["~"],
            "types": ["any"],
            "orderable": "false",
            "searchable": "true",
        },
        {"value": "hidden", "displayName": "hidden", "searchable": "false"},
        "not a field",
        {"displayName": "no value"},
    ],
    "visibleFunctionNames": [
        {
            "value": "currentUser()",
            "displayName": "currentUser()",
            "types": ["com.atlassian.jira.user.ApplicationUser"],
        },
        {
            "value": "membersOf()",
            "displayName": "membersOf()",
            "isList": "true",
            "types": ["com.atlassian.jira.user.ApplicationUser"],
        },
        {"value": "startOfDay()", "displayName": "startOfDay()", "types": ["java.util.Date"]},
        {
            "value": "recentProjects()",
            "displayName": "recentProjects()",
            "isList": "true",
            "types": ["com.atlassian.jira.project.Project"],
        },
    ],
    "jqlReservedWords": ["empty", "and", "or", "in", "distinct", "select"],
}
DATA = AutocompleteData.from_jira(PAYLOAD)


def texts(completion: Completion) -> list[str]:
    return [c.text for c in completion.candidates]


def test_from_jira_reads_the_contract_example() -> None:
    spec = json.loads(CONTRACT.read_text())
    operation = spec["paths"]["/rest/api/3/jql/autocompletedata"]["get"]
    example = json.loads(operation["responses"]["200"]["content"]["application/json"]["example"])
    data = AutocompleteData.from_jira(example)
    assert [f.name for f in data.fields] == ["summary", "Sprint"]
    sprint = data.field("cf[10880]")
    assert sprint is not None and sprint.auto and "NOT IN" in sprint.operators
    assert [(f.name, f.is_list) for f in data.functions] == [
        ("standardIssueTypes()", True),
        ("issuesWithText()", False),
    ]
    assert data.functions[1].list_and_single
    assert "distinct" in data.reserved_words


def test_from_jira_skips_malformed_entries() -> None:
    assert [f.name for f in DATA.fields] == [
        "project",
        "status",
        "summary",
        "assignee",
        '"Story Points"',
        "text",
        "hidden",
    ]
    assert AutocompleteData.from_jira({}) == AutocompleteData()
    assert AutocompleteData.from_jira({"visibleFieldNames": 5}) == AutocompleteData()


def test_field_position() -> None:
    everything = complete("", 0, DATA)
    assert everything.context == "field" and (everything.start, everything.end) == (0, 0)
    assert "hidden" not in texts(everything)  # not searchable
    assert texts(everything)[-2:] == ["NOT", "ORDER BY"]
    typed = complete("project = A AND st", 18, DATA)
    assert texts(typed) == ["status", '"Story Points"']  # name matches first, then display
    assert (typed.start, typed.end, typed.prefix) == (16, 18, "st")
    by_display = complete("story", 5, DATA)
    assert texts(by_display) == ['"Story Points"']
    by_cfid = complete("cf[100", 6, DATA)
    assert texts(by_cfid) == ['"Story Points"']
    inside = complete("(proj", 5, DATA)
    assert texts(inside) == ["project"]  # no ORDER BY inside parentheses


def test_operator_position() -> None:
    completion = complete("status ", 7, DATA)
    assert completion.context == "operator"
    assert texts(completion) == [
        "=",
        "!=",
        "IN",
        "NOT IN",
        "WAS",
        "WAS IN",
        "WAS NOT IN",
        "CHANGED",
    ]
    assert texts(complete("status n", 8, DATA)) == ["NOT IN"]
    assert texts(complete("status not", 10, DATA)) == ["NOT IN"]
    assert texts(complete("summary ", 8, DATA)) == ["~", "!~", "IS", "IS NOT"]
    assert "CHANGED" in texts(complete("unknownfield ", 13, DATA))


def test_value_position_asks_for_values_then_uses_them() -> None:
    first = complete("assignee = ", 11, DATA)
    assert first.context == "value"
    assert first.needs_values == ("assignee", "")
    assert texts(first) == ["currentUser()", "EMPTY"]  # not the list function, not dates

    def lookup(field: str, prefix: str) -> Sequence[str] | None:
        return ["Ann Lee", "andy"] if (field, prefix) == ("assignee", "an") else None

    second = complete("assignee = an", 13, DATA, lookup)
    assert second.needs_values is None
    assert texts(second) == ["Ann Lee", "andy"]
    assert (second.start, second.end) == (11, 13)
    quoted = complete('status = "In Pr', 15, DATA)
    assert quoted.needs_values == ("status", "In Pr")
    listed = complete("assignee in ", 12, DATA, lambda f, p: [])
    assert texts(listed) == ["currentUser()", "membersOf()", "EMPTY"]
    custom = complete('"story points" = ', 17, DATA)
    assert custom.needs_values == ('"Story Points"', "")


def test_value_position_for_is_and_inside_lists() -> None:
    assert texts(complete("summary is ", 11, DATA)) == ["EMPTY", "NULL"]
    assert complete("summary is ", 11, DATA).needs_values is None
    inside = complete("project in (ABC, ", 17, DATA, lambda f, p: ["XYZ"])
    assert inside.context == "list"
    assert texts(inside) == ["XYZ", "EMPTY"]
    args = complete('assignee in membersOf("', 23, DATA)
    assert args.context == "args" and args.needs_values is None


def test_after_a_clause() -> None:
    completion = complete("project = ABC ", 14, DATA)
    assert completion.context == "clause_end"
    assert texts(completion) == ["AND", "OR", "ORDER BY"]
    assert texts(complete("project = ABC o", 15, DATA)) == ["OR", "ORDER BY"]
    assert texts(complete("(project = ABC ", 15, DATA)) == ["AND", "OR"]
    history = texts(complete("status changed ", 15, DATA))
    assert {"AFTER", "BEFORE", "BY", "DURING", "FROM", "ON", "TO"} <= set(history)


def test_order_by() -> None:
    assert texts(complete("project = A ORDER ", 18, DATA)) == ["BY"]
    fields = texts(complete("project = A ORDER BY ", 21, DATA))
    assert "text" not in fields and "summary" in fields  # only orderable fields
    assert texts(complete("ORDER BY key ", 13, DATA)) == ["ASC", "DESC"]


def test_cursor_in_the_middle_completes_that_token() -> None:
    jql = "stat = Open AND project = ABC"
    completion = complete(jql, 3, DATA)
    assert texts(completion) == ["status"]
    assert (completion.start, completion.end) == (0, 4)
    assert apply(jql, completion, completion.candidates[0]) == (
        "status = Open AND project = ABC",
        7,
    )


def test_apply_quotes_spaces_and_reserved_words() -> None:
    completion = complete("assignee = an", 13, DATA, lambda f, p: ["Ann Lee", "and", 'say "hi"'])
    ann, reserved, quotes = completion.candidates[:3]
    assert apply("assignee = an", completion, ann) == ('assignee = "Ann Lee" ', 21)
    assert apply("assignee = an", completion, reserved)[0] == 'assignee = "and" '
    assert apply("assignee = an", completion, quotes)[0] == 'assignee = "say \\"hi\\"" '
    field = complete("sto", 3, DATA)
    assert apply("sto", field, field.candidates[0]) == ('"Story Points" ', 15)
    function = complete("assignee = cu", 13, DATA, lambda f, p: [])
    assert (
        apply("assignee = cu", function, function.candidates[0])[0] == "assignee = currentUser() "
    )


def test_apply_starts_a_list_for_in() -> None:
    completion = complete("status in ", 10, DATA, lambda f, p: ["In Progress"])
    assert apply("status in ", completion, completion.candidates[0]) == (
        'status in ("In Progress")',
        24,
    )
    inside = complete("status in (Open, ", 17, DATA, lambda f, p: ["Done"])
    assert apply("status in (Open, )", inside, inside.candidates[0]) == (
        "status in (Open, Done)",
        21,
    )


def test_quote() -> None:
    assert quote("ABC-1") == "ABC-1"
    assert quote("cf[10000]") == "cf[10000]"
    assert quote("two words") == '"two words"'
    assert quote("") == '""'
    assert quote("EMPTY") == '"EMPTY"'
    assert quote('"Already quoted"') == '"Already quoted"'


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.integers(-5, 70))
def test_never_raises(jql: str, cursor: int) -> None:
    completion = complete(jql, cursor, DATA, lambda f, p: ["x y"])
    for candidate in completion.candidates[:3]:
        new_jql, new_cursor = apply(jql, completion, candidate)
        assert 0 <= new_cursor <= len(new_jql)
