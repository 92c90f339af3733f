"""The JQL lexer and parser: precedence, keywords, quoting, ORDER BY, and Jira's syntax errors
with their (line, character) positions."""

from __future__ import annotations

import pytest

from tui.sandbox.jql import JqlError, parse_jql
from tui.sandbox.jql.nodes import And, Empty, Function, ListOperand, Not, Or, Terminal, Value
from tui.sandbox.jql.structure import encode


def terminal_fields(node: object) -> object:
    """A compact picture of the tree: ('and', [...]), ('or', [...]), ('not', x) or a field."""
    if isinstance(node, And):
        return ("and", [terminal_fields(c) for c in node.clauses])
    if isinstance(node, Or):
        return ("or", [terminal_fields(c) for c in node.clauses])
    if isinstance(node, Not):
        return ("not", terminal_fields(node.clause))
    assert isinstance(node, Terminal)
    return node.field


def test_and_binds_tighter_than_or() -> None:
    query = parse_jql("a = 1 OR b = 2 AND c = 3")
    assert terminal_fields(query.where) == ("or", ["a", ("and", ["b", "c"])])


def test_not_binds_tighter_than_and_and_parentheses_group() -> None:
    query = parse_jql("NOT a = 1 AND (b = 2 OR c = 3)")
    assert terminal_fields(query.where) == ("and", [("not", "a"), ("or", ["b", "c"])])


def test_symbolic_operators_and_lower_case_keywords() -> None:
    query = parse_jql("a = 1 && !b = 2 || c = 3 and not d = 4 | e = 5 & f = 6")
    assert terminal_fields(query.where) == (
        "or",
        [("and", ["a", ("not", "b")]), ("and", ["c", ("not", "d")]), ("and", ["e", "f"])],
    )


@pytest.mark.parametrize(
    ("text", "operator"),
    [
        ("a = x", "="),
        ("a != x", "!="),
        ("a > x", ">"),
        ("a >= x", ">="),
        ("a < x", "<"),
        ("a <= x", "<="),
        ("a ~ x", "~"),
        ("a !~ x", "!~"),
        ("a IN (x)", "in"),
        ("a not In (x)", "not in"),
        ("a IS EMPTY", "is"),
        ("a is not null", "is not"),
    ],
)
def test_every_operator(text: str, operator: str) -> None:
    where = parse_jql(text).where
    assert isinstance(where, Terminal)
    assert where.operator == operator


def test_operands_values_lists_functions_and_empty() -> None:
    where = parse_jql('a in (x, "y z", currentUser(), EMPTY)').where
    assert isinstance(where, Terminal) and isinstance(where.operand, ListOperand)
    x, yz, fn, empty = where.operand.items
    assert x == Value("x", False, 6, "x")
    assert isinstance(yz, Value) and yz.text == "y z" and yz.quoted
    assert isinstance(fn, Function) and fn.name == "currentUser" and fn.args == ()
    assert isinstance(empty, Empty)


def test_function_arguments_quoted_and_bare() -> None:
    where = parse_jql('created > startOfDay(-1d) AND a in membersOf("jira users")').where
    assert isinstance(where, And)
    first, second = where.clauses
    assert isinstance(first, Terminal) and first.operand == Function(
        "startOfDay", ("-1d",), 10, "startOfDay(-1d)"
    )
    assert isinstance(second, Terminal) and isinstance(second.operand, Function)
    assert second.operand.args == ("jira users",)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (r'a = "say \"hi\""', 'say "hi"'),
        (r"a = 'it\'s'", "it's"),
        (r'a = "tab\there"', "tab\there"),
        (r'a = "\u0041BC"', "ABC"),
        (r'a = "back\\slash"', "back\\slash"),
        (r"a = two\ words", "two words"),
        ('a = "EMPTY"', "EMPTY"),
    ],
)
def test_quoted_strings_and_escapes(text: str, value: str) -> None:
    where = parse_jql(text).where
    assert isinstance(where, Terminal) and isinstance(where.operand, Value)
    assert where.operand.text == value


def test_quoted_field_names_and_custom_field_references() -> None:
    where = parse_jql('"Story Points" = 3 AND cf[10010] = x').where
    assert isinstance(where, And)
    assert [c.field for c in where.clauses if isinstance(c, Terminal)] == [
        "Story Points",
        "cf[10010]",
    ]


def test_order_by_several_fields_with_and_without_direction() -> None:
    query = parse_jql("project = A order BY priority DESC, created, key asc")
    assert query.order_by is not None
    assert [(f.field, f.direction) for f in query.order_by] == [
        ("priority", "desc"),
        ("created", None),
        ("key", "asc"),
    ]


def test_empty_query_and_order_only() -> None:
    assert parse_jql("").where is None and parse_jql("   ").order_by is None
    query = parse_jql("ORDER BY updated DESC")
    assert query.where is None and query.order_by is not None


OPS = (
    "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', "
    "'IS' and 'IS NOT'."
)


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        (
            "invalid query",
            f"Error in the JQL Query: Expecting operator but got 'query'. {OPS} "
            "(line 1, character 9)",
            8,
        ),
        (
            "project = ABC x",
            "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'x'. "
            "(line 1, character 15)",
            14,
        ),
        (
            "project = ABC\nAND status = x y",
            "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'y'. "
            "(line 2, character 16)",
            29,
        ),
        (
            "project = ",
            "Error in the JQL Query: Expecting either a value, list or function before the "
            "end of the query.",
            10,
        ),
        (
            "project = OR",
            "Error in the JQL Query: Expecting either a value, list or function but got 'OR'. "
            "You must surround 'OR' in quotation marks to use it as a value. "
            "(line 1, character 11)",
            10,
        ),
        (
            "project = A AND",
            "Error in the JQL Query: Expecting a field name at the end of the query.",
            15,
        ),
        (
            "project",
            f"Error in the JQL Query: Expecting operator before the end of the query. {OPS}",
            7,
        ),
        ("(a = b", "Error in the JQL Query: Expecting ')' before the end of the query.", 6),
        (
            "a = b)",
            "Error in the JQL Query: Expecting either 'OR' or 'AND' but got ')'. "
            "(line 1, character 6)",
            5,
        ),
        (
            'summary ~ "abc',
            "Error in the JQL Query: The quoted string 'abc' has not been completed. "
            "(line 1, character 11)",
            10,
        ),
        (
            "summary ~ win*",
            "Error in the JQL Query: The character '*' is a reserved JQL character. You must "
            "enclose it in a string or use the escape '\\u002a' instead. (line 1, character 14)",
            13,
        ),
        (
            "labels = end",
            "Error in the JQL Query: 'end' is a reserved JQL word. You must surround it in "
            "quotation marks to use it in a query. (line 1, character 10)",
            9,
        ),
        (
            "AND = x",
            "Error in the JQL Query: Expecting a field name but got 'AND'. You must surround "
            "'AND' in quotation marks to use it as a field name. (line 1, character 1)",
            0,
        ),
        (
            "a in ()",
            "Error in the JQL Query: Expecting either a value, list or function but got ')'. "
            "(line 1, character 7)",
            6,
        ),
        (
            "ORDER created",
            "Error in the JQL Query: Expecting 'BY' but got 'created'. (line 1, character 7)",
            6,
        ),
        (
            "ORDER BY created sideways",
            "Error in the JQL Query: Expecting either 'ASC' or 'DESC' but got 'sideways'. "
            "(line 1, character 18)",
            17,
        ),
        (
            r'a = "\q"',
            "Error in the JQL Query: Illegal escape sequence '\\q' in the string. "
            "(line 1, character 6)",
            5,
        ),
    ],
)
def test_syntax_errors_in_jiras_words(text: str, message: str, position: int) -> None:
    with pytest.raises(JqlError) as caught:
        parse_jql(text)
    assert caught.value.message == message
    assert caught.value.messages == [message]
    assert caught.value.position == position


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("ABC", "ABC"),
        ("In Progress", '"In Progress"'),
        ("and", '"and"'),
        ('say "x"', '"say \\"x\\""'),
        ("-7d", "-7d"),
    ],
)
def test_encoded_values_can_be_pasted_back(value: str, encoded: str) -> None:
    assert encode(value) == encoded
    where = parse_jql(f"a = {encoded}").where
    assert isinstance(where, Terminal) and isinstance(where.operand, Value)
    assert where.operand.text == value
