"""A lenient JQL tokenizer: tokens for highlighting, and the grammar position before each one.

Owns reading JQL as it is typed: incomplete, unbalanced or plain wrong input still yields
tokens (wrong parts as "error") and never raises. `scan` also records what the grammar
expects before every token (field, operator, value, ...), which completion builds on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = [
    "HIGHLIGHT_CLASSES",
    "KINDS",
    "LIST_OPERATORS",
    "Context",
    "Scan",
    "Token",
    "highlight",
    "scan",
    "tokenize",
    "unquote",
]

KINDS = ("field", "operator", "keyword", "function", "string", "number", "value", "paren",
         "comma", "error", "whitespace")  # fmt: skip
HIGHLIGHT_CLASSES = {"field": "jql-field", "operator": "jql-operator", "keyword": "jql-keyword",
                     "function": "jql-function", "string": "jql-string", "number": "jql-value",
                     "value": "jql-value", "error": "jql-error"}  # fmt: skip
LIST_OPERATORS = frozenset({"IN", "NOT IN", "WAS IN", "WAS NOT IN"})
HISTORY_OPERATORS = frozenset({"WAS", "WAS NOT", "WAS IN", "WAS NOT IN", "CHANGED"})
PREDICATES = frozenset({"AFTER", "BEFORE", "ON", "DURING", "BY", "FROM", "TO"})

_RAW = re.compile(
    r"""(?P<ws>\s+)|(?P<op>!=|!~|>=|<=|=|~|>|<)|(?P<lparen>\()|(?P<rparen>\))|(?P<comma>,)
    |(?P<and>&&?)|(?P<or>\|\|?)|(?P<bang>!)|(?P<word>[^\s"'(),=!~<>&|]+)""",
    re.VERBOSE,
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of JQL: its kind (one of `KINDS`), offsets into the text, and the text."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Context:
    """What the grammar expects at a point: `expect` is one of field, operator, value, list,
    list_sep, args, args_sep, call, clause_end, by, order_field, order_dir, order_sep."""

    expect: str = "field"
    field: str | None = None  # the field of the clause being read, unquoted
    operator: str | None = None  # its operator, upper-case ("NOT IN")
    depth: int = 0  # parentheses open
    ordered: bool = False  # ORDER BY has been read


@dataclass(frozen=True, slots=True)
class Scan:
    """Tokens, the context before each token, and the context after the last one."""

    tokens: list[Token]
    contexts: list[Context]
    final: Context


def tokenize(jql: str) -> list[Token]:
    """Tokens covering all of `jql` (whitespace included), in order. Never raises."""
    return scan(jql).tokens


def highlight(jql: str) -> list[tuple[int, int, str]]:
    """(start, end, style class) for every token worth styling (not whitespace or punctuation)."""
    return [(t.start, t.end, HIGHLIGHT_CLASSES[t.kind]) for t in tokenize(jql)
            if t.kind in HIGHLIGHT_CLASSES]  # fmt: skip


def _pieces(jql: str) -> list[tuple[str, int, int]]:
    """Raw lexemes (kind, start, end); quoted strings run to their quote or the end."""
    out: list[tuple[str, int, int]] = []
    index = 0
    while index < len(jql):
        ch = jql[index]
        if ch in "\"'":
            end = index + 1
            while end < len(jql) and jql[end] != ch:
                end += 2 if jql[end] == "\\" else 1
            end = min(end + 1, len(jql))
            out.append(("str", index, end))
            index = end
            continue
        match = _RAW.match(jql, index)
        if match is None or match.lastgroup is None:  # unreachable by construction; be safe
            out.append(("bad", index, index + 1))
            index += 1
            continue
        out.append((match.lastgroup, index, match.end()))
        index = match.end()
    return out


def unquote(text: str) -> str:
    """The value of a JQL string token (quotes removed, escapes undone); other text as is."""
    if not text or text[0] not in "\"'":
        return text
    body = text[1:-1] if len(text) > 1 and text[-1] == text[0] else text[1:]
    return re.sub(r"\\(.)", r"\1", body)


class _Scanner:
    def __init__(self, jql: str) -> None:
        self.jql = jql
        self.pieces = _pieces(jql)
        self.index = 0
        self.ctx = Context()
        self.stack: list[Context] = []  # the context to return to when a ")" closes
        self.tokens: list[Token] = []
        self.contexts: list[Context] = []
        self.returns = "clause_end"  # where a function call's ")" leads

    def run(self) -> Scan:
        while self.index < len(self.pieces):
            raw, start, end = self.pieces[self.index]
            self.index += 1
            if raw == "ws":
                self.emit("whitespace", start, end)
            else:
                self.step(raw, start, end)
        return Scan(self.tokens, self.contexts, self.ctx)

    def emit(self, kind: str, start: int, end: int) -> None:
        self.tokens.append(Token(kind, start, end, self.jql[start:end]))
        self.contexts.append(self.ctx)

    def peek_words(self, count: int) -> list[tuple[str, int]]:
        """The next `count` pieces after whitespace, as (upper-case word or "", end offset)."""
        words: list[tuple[str, int]] = []
        index = self.index
        while index < len(self.pieces) and len(words) < count:
            raw, start, end = self.pieces[index]
            index += 1
            if raw != "ws":
                words.append((self.jql[start:end].upper() if raw == "word" else "", end))
        return words

    def next_words(self, count: int) -> list[str]:
        return [word for word, _ in self.peek_words(count)]

    def next_raw(self) -> str | None:
        index = self.index
        while index < len(self.pieces):
            if self.pieces[index][0] != "ws":
                return self.pieces[index][0]
            index += 1
        return None

    def consume_to(self, end: int) -> None:
        while self.index < len(self.pieces) and self.pieces[self.index][2] <= end:
            self.index += 1

    def go(self, expect: str) -> None:
        self.ctx = replace(self.ctx, expect=expect)

    def open(self, start: int, end: int, inside: str, after: Context) -> None:
        self.emit("paren", start, end)
        self.stack.append(after)
        self.ctx = replace(self.ctx, expect=inside, depth=len(self.stack))

    def call(self, start: int, end: int, after: str) -> None:
        """A function name: its "(" (next, perhaps after spaces) opens the arguments."""
        self.emit("function", start, end)
        self.returns = after
        self.go("call")

    def step(self, raw: str, start: int, end: int) -> None:
        text = self.jql[start:end]
        upper = text.upper() if raw == "word" else ""
        expect = self.ctx.expect
        if expect == "call" and raw == "lparen":
            self.open(start, end, "args", replace(self.ctx, expect=self.returns))
        elif raw == "rparen":
            if self.stack and expect not in ("call", "by", "order_field", "order_dir", "order_sep"):
                self.emit("paren", start, end)
                self.ctx = self.stack.pop()
            else:
                self.emit("error", start, end)
        elif raw in ("and", "or") or upper in ("AND", "OR"):
            joins = expect in ("clause_end", "operator", "value")
            self.emit("keyword" if joins else "error", start, end)
            if joins or expect == "field":
                self.ctx = replace(self.ctx, expect="field", field=None, operator=None)
        elif expect == "field":
            self.field_position(raw, text, upper, start, end)
        elif expect == "operator":
            self.operator_position(raw, upper, start, end)
        elif expect in ("value", "list", "args"):
            self.value_position(raw, text, upper, start, end)
        elif expect in ("list_sep", "args_sep"):
            if raw == "comma":
                self.emit("comma", start, end)
                self.go(expect.removesuffix("_sep"))
            else:
                self.emit("error", start, end)
        elif expect == "clause_end":
            self.clause_end(upper, start, end)
        else:
            self.order_position(raw, upper, start, end)

    def field_position(self, raw: str, text: str, upper: str, start: int, end: int) -> None:
        if raw == "bang" or upper == "NOT":
            self.emit("keyword", start, end)
        elif upper == "ORDER" and not self.stack and self.next_words(1) in ([], ["BY"]):
            self.emit("keyword", start, end)
            self.go("by")
        elif raw == "lparen":
            self.open(start, end, "field", replace(self.ctx, expect="clause_end"))
        elif raw == "word" and self.next_raw() == "lparen":
            self.call(start, end, "operator")
        elif raw in ("word", "str"):
            self.emit("field", start, end)
            self.ctx = replace(self.ctx, expect="operator", field=unquote(text), operator=None)
        else:
            self.emit("error", start, end)

    def operator_position(self, raw: str, upper: str, start: int, end: int) -> None:
        if raw == "op":
            self.emit("operator", start, end)
            self.ctx = replace(self.ctx, expect="value", operator=self.jql[start:end])
            return
        name, last = upper, end
        following = self.peek_words(2)
        words = [word for word, _ in following]
        if (upper, words[:1]) in (("IS", ["NOT"]), ("NOT", ["IN"]), ("WAS", ["IN"])):
            name, last = f"{upper} {words[0]}", following[0][1]
        elif upper == "WAS" and words[:2] == ["NOT", "IN"]:
            name, last = "WAS NOT IN", following[1][1]
        elif upper == "WAS" and words[:1] == ["NOT"]:
            name, last = "WAS NOT", following[0][1]
        if name in ("IN", "NOT IN", "IS", "IS NOT", "WAS", "WAS NOT", "WAS IN", "WAS NOT IN"):
            self.consume_to(last)
            self.emit("operator", start, last)
            self.ctx = replace(self.ctx, expect="value", operator=name)
        elif name == "CHANGED":
            self.emit("operator", start, end)
            self.ctx = replace(self.ctx, expect="clause_end", operator=name)
        elif name == "NOT" and not words:
            self.emit("operator", start, end)  # "NOT" being typed on its way to "NOT IN"
        else:
            self.emit("error", start, end)

    def value_position(self, raw: str, text: str, upper: str, start: int, end: int) -> None:
        expect = self.ctx.expect
        after = "clause_end" if expect == "value" else expect + "_sep"
        if raw == "lparen" and expect == "value":
            self.open(start, end, "list", replace(self.ctx, expect="clause_end"))
        elif raw == "word" and self.next_raw() == "lparen":
            self.call(start, end, after)
        elif raw == "str":
            self.emit("string", start, end)
            self.go(after)
        elif raw == "word":
            if upper in ("EMPTY", "NULL"):
                kind = "keyword"
            else:
                kind = "number" if _NUMBER.fullmatch(text) else "value"
            self.emit(kind, start, end)
            self.go(after)
        else:
            self.emit("error", start, end)

    def clause_end(self, upper: str, start: int, end: int) -> None:
        if upper == "ORDER" and not self.stack and not self.ctx.ordered:
            self.emit("keyword", start, end)
            self.go("by")
        elif upper in PREDICATES and self.ctx.operator in HISTORY_OPERATORS:
            self.emit("keyword", start, end)
            self.go("value")
        else:
            self.emit("error", start, end)

    def order_position(self, raw: str, upper: str, start: int, end: int) -> None:
        expect = self.ctx.expect
        if expect == "by":
            self.emit("keyword" if upper == "BY" else "error", start, end)
            self.ctx = replace(self.ctx, expect="order_field", ordered=True, field=None,
                               operator=None)  # fmt: skip
        elif expect == "order_field" and raw in ("word", "str"):
            self.emit("field", start, end)
            self.ctx = replace(self.ctx, expect="order_dir", field=unquote(self.jql[start:end]))
        elif expect in ("order_dir", "order_sep") and raw == "comma":
            self.emit("comma", start, end)
            self.ctx = replace(self.ctx, expect="order_field", field=None)
        elif expect == "order_dir" and upper in ("ASC", "DESC"):
            self.emit("keyword", start, end)
            self.go("order_sep")
        else:
            self.emit("error", start, end)


def scan(jql: str) -> Scan:
    """Tokens of `jql` with the grammar context before each. Never raises."""
    return _Scanner(jql if isinstance(jql, str) else "").run()
