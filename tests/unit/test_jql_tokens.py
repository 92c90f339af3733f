"""The lenient JQL tokenizer: kinds on real queries, spans for highlighting, never a raise."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.jql.tokens import KINDS, highlight, scan, tokenize


def kinds(jql: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(jql) if t.kind != "whitespace"]


@pytest.mark.parametrize(
    ("jql", "expected"),
    [
        (
            'project = ABC AND status NOT IN ("In Progress", Done)',
            [
                ("field", "project"),
                ("operator", "="),
                ("value", "ABC"),
                ("keyword", "AND"),
                ("field", "status"),
                ("operator", "NOT IN"),
                ("paren", "("),
                ("string", '"In Progress"'),
                ("comma", ","),
                ("value", "Done"),
                ("paren", ")"),
            ],
        ),
        (
            "assignee was not in (currentUser(), membersOf('devs')) or reporter is not EMPTY",
            [
                ("field", "assignee"),
                ("operator", "was not in"),
                ("paren", "("),
                ("function", "currentUser"),
                ("paren", "("),
                ("paren", ")"),
                ("comma", ","),
                ("function", "membersOf"),
                ("paren", "("),
                ("string", "'devs'"),
                ("paren", ")"),
                ("paren", ")"),
                ("keyword", "or"),
                ("field", "reporter"),
                ("operator", "is not"),
                ("keyword", "EMPTY"),
            ],
        ),
        (
            "status CHANGED FROM Open TO Done AFTER -1w",
            [
                ("field", "status"),
                ("operator", "CHANGED"),
                ("keyword", "FROM"),
                ("value", "Open"),
                ("keyword", "TO"),
                ("value", "Done"),
                ("keyword", "AFTER"),
                ("value", "-1w"),
            ],
        ),
        (
            '"Story Points" >= 3.5 && cf[10000] ~ "text" || NOT due < -2d',
            [
                ("field", '"Story Points"'),
                ("operator", ">="),
                ("number", "3.5"),
                ("keyword", "&&"),
                ("field", "cf[10000]"),
                ("operator", "~"),
                ("string", '"text"'),
                ("keyword", "||"),
                ("keyword", "NOT"),
                ("field", "due"),
                ("operator", "<"),
                ("value", "-2d"),
            ],
        ),
        (
            "labels is EMPTY ORDER BY created DESC, key asc",
            [
                ("field", "labels"),
                ("operator", "is"),
                ("keyword", "EMPTY"),
                ("keyword", "ORDER"),
                ("keyword", "BY"),
                ("field", "created"),
                ("keyword", "DESC"),
                ("comma", ","),
                ("field", "key"),
                ("keyword", "asc"),
            ],
        ),
        ("order by rank", [("keyword", "order"), ("keyword", "by"), ("field", "rank")]),
        (
            "(a = 1 OR b != 2) AND c !~ x",
            [
                ("paren", "("),
                ("field", "a"),
                ("operator", "="),
                ("number", "1"),
                ("keyword", "OR"),
                ("field", "b"),
                ("operator", "!="),
                ("number", "2"),
                ("paren", ")"),
                ("keyword", "AND"),
                ("field", "c"),
                ("operator", "!~"),
                ("value", "x"),
            ],
        ),
        (
            "issue in linkedIssues(ABC-1, blocks)",
            [
                ("field", "issue"),
                ("operator", "in"),
                ("function", "linkedIssues"),
                ("paren", "("),
                ("value", "ABC-1"),
                ("comma", ","),
                ("value", "blocks"),
                ("paren", ")"),
            ],
        ),
        (
            "status was in (Open) and priority was High",
            [
                ("field", "status"),
                ("operator", "was in"),
                ("paren", "("),
                ("value", "Open"),
                ("paren", ")"),
                ("keyword", "and"),
                ("field", "priority"),
                ("operator", "was"),
                ("value", "High"),
            ],
        ),
    ],
)
def test_kinds_on_samples(jql: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(jql) == expected


@pytest.mark.parametrize(
    ("jql", "expected"),
    [
        (
            'summary ~ "unterminated',
            [("field", "summary"), ("operator", "~"), ("string", '"unterminated')],
        ),
        (
            'summary ~ "esc \\" quote" AND',
            [
                ("field", "summary"),
                ("operator", "~"),
                ("string", '"esc \\" quote"'),
                ("keyword", "AND"),
            ],
        ),
        ("status NOT", [("field", "status"), ("operator", "NOT")]),
        ("status blah Open", [("field", "status"), ("error", "blah"), ("error", "Open")]),
        (
            "status = Open Closed",
            [("field", "status"), ("operator", "="), ("value", "Open"), ("error", "Closed")],
        ),
        ("a = 1)", [("field", "a"), ("operator", "="), ("number", "1"), ("error", ")")]),
        ("= x", [("error", "="), ("field", "x")]),
        ("status ! x", [("field", "status"), ("error", "!"), ("error", "x")]),
        ("(status = x", [("paren", "("), ("field", "status"), ("operator", "="), ("value", "x")]),
        (
            "project in (A,",
            [
                ("field", "project"),
                ("operator", "in"),
                ("paren", "("),
                ("value", "A"),
                ("comma", ","),
            ],
        ),
    ],
)
def test_incomplete_and_wrong_input(jql: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(jql) == expected


def test_tokens_cover_the_text_exactly() -> None:
    jql = '  project = "A B"\tAND (x in (1, 2))  '
    tokens = tokenize(jql)
    assert "".join(t.text for t in tokens) == jql
    assert all(a.end == b.start for a, b in pairwise(tokens))
    assert {t.kind for t in tokens} <= set(KINDS)


def test_highlight_spans() -> None:
    jql = 'project = ABC AND summary ~ "x" ORDER BY key DESC bogus)'
    spans = highlight(jql)
    named = [(jql[s:e], cls) for s, e, cls in spans]
    assert named == [
        ("project", "jql-field"),
        ("=", "jql-operator"),
        ("ABC", "jql-value"),
        ("AND", "jql-keyword"),
        ("summary", "jql-field"),
        ("~", "jql-operator"),
        ('"x"', "jql-string"),
        ("ORDER", "jql-keyword"),
        ("BY", "jql-keyword"),
        ("key", "jql-field"),
        ("DESC", "jql-keyword"),
        ("bogus", "jql-error"),
        (")", "jql-error"),
    ]
    assert highlight("f(") == [(0, 1, "jql-function")]


def test_contexts_say_what_comes_next() -> None:
    assert scan("").final.expect == "field"
    assert scan("status ").final.expect == "operator"
    assert scan("status in ").final.expect == "value"
    assert scan("status in (a, ").final.expect == "list"
    assert scan("status = a ").final.expect == "clause_end"
    final = scan("(status was Open ").final
    assert (final.field, final.operator, final.depth) == ("status", "WAS", 1)
    assert scan("x = 1 order by ").final.expect == "order_field"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_never_raises_on_any_text(jql: str) -> None:
    tokens = tokenize(jql)
    assert "".join(t.text for t in tokens) == jql
    highlight(jql)


jqlish = st.lists(
    st.sampled_from(
        [
            "project",
            " ",
            "=",
            "!=",
            "~",
            "in",
            "not",
            "is",
            "was",
            "changed",
            "(",
            ")",
            ",",
            '"',
            "'",
            "\\",
            "AND",
            "or",
            "order",
            "by",
            "asc",
            "empty",
            "f(",
            "1",
            "-2d",
            "&",
            "|",
            "!",
            "<",
            ">=",
            "cf[1]",
            "after",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(jqlish)
def test_never_raises_on_jql_like_text(jql: str) -> None:
    assert "".join(t.text for t in tokenize(jql)) == jql
