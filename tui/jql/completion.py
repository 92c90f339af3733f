"""JQL completion: what may come at the cursor, from Jira's own autocomplete data.

Owns `AutocompleteData` (parsed from `GET /rest/api/3/jql/autocompletedata`), `complete`
(candidates for the token at the cursor, by grammar position) and `apply` (put one in).
Field values come from the caller: `complete` says which it needs (`needs_values`), the
caller fetches `jql/autocompletedata/suggestions` and asks again with a `values` lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.jql.tokens import HISTORY_OPERATORS, LIST_OPERATORS, PREDICATES, Context, scan, unquote

__all__ = [
    "AutocompleteData",
    "Candidate",
    "Completion",
    "FieldInfo",
    "FunctionInfo",
    "ValueLookup",
    "apply",
    "complete",
]

ValueLookup = Callable[[str, str], Sequence[str] | None]
"""(field, typed prefix) -> suggested values, or None when not fetched yet."""

ALL_OPERATORS = ("=", "!=", "~", "!~", ">", ">=", "<", "<=", "IN", "NOT IN", "IS", "IS NOT",
                 "WAS", "WAS NOT", "WAS IN", "WAS NOT IN", "CHANGED")  # fmt: skip
_BUILTIN_RESERVED = frozenset({"and", "or", "not", "empty", "null", "order", "by", "asc", "desc",
                               "in", "is", "was", "changed"})  # fmt: skip
_NEEDS_QUOTES = set(" \t\n\"'(),=!~<>&|")
_WORD_KINDS = {"field", "operator", "keyword", "function", "string", "number", "value", "error"}


def _flag(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _strings(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _entries(value: object) -> list[dict[str, Any]]:
    """The objects in a list that name a `value`; anything else is skipped."""
    if not isinstance(value, list):
        return []
    return [
        v for v in value if isinstance(v, dict) and isinstance(v.get("value"), str) and v["value"]
    ]


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """A field usable in JQL: `name` is what goes in the query (Jira's `value`, which Jira
    already quotes for names with spaces)."""

    name: str
    display_name: str
    operators: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    orderable: bool = True
    searchable: bool = True
    auto: bool = False
    cfid: str | None = None


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    """A JQL function; `name` includes the parentheses, as Jira gives it ("currentUser()")."""

    name: str
    display_name: str
    types: tuple[str, ...] = ()
    is_list: bool = False
    list_and_single: bool = False


@dataclass(frozen=True, slots=True)
class AutocompleteData:
    """Fields, functions and reserved words of one Jira site."""

    fields: tuple[FieldInfo, ...] = ()
    functions: tuple[FunctionInfo, ...] = ()
    reserved_words: frozenset[str] = frozenset()

    @classmethod
    def from_jira(cls, payload: dict[str, Any]) -> AutocompleteData:
        """Parse a `JQLReferenceData` body; malformed entries are skipped, never fatal."""
        payload = payload if isinstance(payload, dict) else {}
        fields = [
            FieldInfo(
                name=item["value"],
                display_name=str(item.get("displayName") or item["value"]),
                operators=tuple(op.upper() for op in _strings(item.get("operators"))),
                types=_strings(item.get("types")),
                orderable=_flag(item.get("orderable", "true")),
                searchable=_flag(item.get("searchable", "true")),
                auto=_flag(item.get("auto")),
                cfid=item["cfid"] if isinstance(item.get("cfid"), str) else None,
            )
            for item in _entries(payload.get("visibleFieldNames"))
        ]
        functions = [
            FunctionInfo(
                name=item["value"],
                display_name=str(item.get("displayName") or item["value"]),
                types=_strings(item.get("types")),
                is_list=_flag(item.get("isList")),
                list_and_single=_flag(item.get("supportsListAndSingleValueOperators")),
            )
            for item in _entries(payload.get("visibleFunctionNames"))
        ]
        reserved = frozenset(w.lower() for w in _strings(payload.get("jqlReservedWords")))
        return cls(tuple(fields), tuple(functions), reserved)

    def field(self, name: str) -> FieldInfo | None:
        """The field a query names, by its name, display name or `cf[id]`, any case."""
        wanted = unquote(name.strip()).lower()
        for info in self.fields:
            names = (unquote(info.name), info.display_name, info.cfid or "")
            if wanted in (n.lower() for n in names):
                return info
        return None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One suggestion: `text` goes into the query, `display` is what the list shows."""

    text: str
    display: str
    kind: str  # field, operator, keyword, function or value


@dataclass(frozen=True, slots=True)
class Completion:
    """Suggestions for jql[start:end] (the token at the cursor; empty when between tokens)."""

    candidates: tuple[Candidate, ...]
    start: int
    end: int
    prefix: str  # what is typed of the token, up to the cursor (unquoted)
    context: str  # what the grammar expects there (see tokens.Context.expect)
    field: str | None = None
    operator: str | None = None
    needs_values: tuple[str, str] | None = None  # (field, prefix) to fetch suggestions for
    reserved_words: frozenset[str] = frozenset()


def complete(
    jql: str, cursor: int, data: AutocompleteData, values: ValueLookup | None = None
) -> Completion:
    """Suggestions for the token at `cursor`, by what the grammar expects there."""
    jql = jql if isinstance(jql, str) else ""
    cursor = max(0, min(cursor, len(jql)))
    result = scan(jql)
    ctx = result.final if cursor == len(jql) else Context()
    start, end, typed = cursor, cursor, ""
    for number, token in enumerate(result.tokens):
        if not token.start < cursor <= token.end:
            continue
        if token.kind in _WORD_KINDS:
            ctx, start, end = result.contexts[number], token.start, token.end
            typed = jql[token.start : cursor]
        elif token.kind == "whitespace":
            ctx = result.contexts[number]
        else:  # just after a paren or comma
            following = result.contexts[number + 1 : number + 2]
            ctx = following[0] if following else result.final
        break
    prefix = unquote(typed)
    found: list[Candidate] = []
    needs: tuple[str, str] | None = None
    expect = ctx.expect
    if expect in ("field", "order_field"):
        found = _fields(data, prefix, ordering=expect == "order_field")
        if expect == "field":
            found += _words(["NOT"], prefix, "keyword")
            if ctx.depth == 0 and not ctx.ordered:
                found += _words(["ORDER BY"], prefix, "keyword")
    elif expect == "operator":
        info = data.field(ctx.field or "")
        found = _words(info.operators if info and info.operators else ALL_OPERATORS, prefix,
                       "operator")  # fmt: skip
    elif expect in ("value", "list", "args"):
        found, needs = _values(data, ctx, prefix, values)
    elif expect == "clause_end":
        words = ["AND", "OR"]
        if ctx.depth == 0 and not ctx.ordered:
            words.append("ORDER BY")
        if ctx.operator in HISTORY_OPERATORS:
            words += sorted(PREDICATES)
        found = _words(words, prefix, "keyword")
    elif expect == "by":
        found = _words(["BY"], prefix, "keyword")
    elif expect == "order_dir":
        found = _words(["ASC", "DESC"], prefix, "keyword")
    reserved = _BUILTIN_RESERVED | data.reserved_words
    return Completion(tuple(found), start, end, prefix, expect, ctx.field, ctx.operator, needs,
                      reserved)  # fmt: skip


def _matches(prefix: str, *names: str) -> int | None:
    """How well `prefix` matches: 0 starts the first name, 1 starts another, 2 inside one."""
    wanted = prefix.lower()
    lowered = [n.lower() for n in names]
    if lowered and lowered[0].startswith(wanted):
        return 0
    if any(n.startswith(wanted) for n in lowered):
        return 1
    return 2 if any(wanted in n for n in lowered) else None


def _words(words: Iterable[str], prefix: str, kind: str) -> list[Candidate]:
    return [Candidate(w, w, kind) for w in words if w.lower().startswith(prefix.lower())]


def _fields(data: AutocompleteData, prefix: str, *, ordering: bool) -> list[Candidate]:
    ranked: list[tuple[int, int, Candidate]] = []
    seen: set[str] = set()
    for number, info in enumerate(data.fields):
        usable = info.orderable if ordering else info.searchable
        rank = _matches(prefix, unquote(info.name), info.display_name, info.cfid or "")
        if usable and rank is not None and info.name.lower() not in seen:
            seen.add(info.name.lower())
            ranked.append((rank, number, Candidate(info.name, info.display_name, "field")))
    return [candidate for *_, candidate in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _values(
    data: AutocompleteData, ctx: Context, prefix: str, values: ValueLookup | None
) -> tuple[list[Candidate], tuple[str, str] | None]:
    operator = (ctx.operator or "").upper()
    if operator in ("IS", "IS NOT"):
        return _words(["EMPTY", "NULL"], prefix, "keyword"), None
    info = data.field(ctx.field or "")
    name = info.name if info else (ctx.field or "")
    found: list[Candidate] = []
    needs: tuple[str, str] | None = None
    if ctx.expect != "args" and name:
        suggested = values(name, prefix) if values is not None else None
        if suggested is None:
            needs = (name, prefix)
        else:
            found = [Candidate(v, v, "value") for v in suggested if isinstance(v, str) and v]
    wants_list = operator in LIST_OPERATORS and ctx.expect == "value"
    field_types = set(info.types) if info else set()
    for function in data.functions:
        fits_type = not field_types or not function.types or field_types & set(function.types)
        fits_arity = wants_list or not function.is_list or function.list_and_single
        if fits_type and fits_arity and _matches(prefix, function.name) is not None:
            found.append(Candidate(function.name, function.display_name, "function"))
    if operator in ("=", "!=", "IN", "NOT IN") and ctx.expect != "args":
        found += _words(["EMPTY"], prefix, "keyword")
    return found, needs


def quote(value: str, reserved: frozenset[str] = _BUILTIN_RESERVED) -> str:
    """`value` as JQL: double-quoted (with escapes) if it has spaces, specials or is reserved.

    A value that already comes quoted (Jira quotes some field names itself) is kept as is.
    """
    if len(value) > 1 and value[0] == value[-1] == '"':
        return value
    if value and not (_NEEDS_QUOTES & set(value)) and value.lower() not in reserved:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def apply(jql: str, completion: Completion, candidate: Candidate) -> tuple[str, int]:
    """Put `candidate` in place of the completed token: (new query, new cursor offset).

    Fields and values are quoted when they need it; a value for IN / NOT IN outside
    parentheses starts the list, with the cursor left inside it.
    """
    text = candidate.text
    if candidate.kind in ("field", "value"):
        text = quote(text, completion.reserved_words)
    closing = ""
    if (
        candidate.kind == "value"
        and completion.context == "value"
        and (completion.operator or "").upper() in LIST_OPERATORS
    ):
        text, closing = "(" + text, ")"
    before, after = jql[: completion.start], jql[completion.end :]
    if closing:
        return before + text + closing + after, len(before) + len(text)
    if after[:1].isspace():
        return before + text + after, len(before) + len(text) + 1
    if after[:1] in (")", ","):
        return before + text + after, len(before) + len(text)
    return before + text + " " + after, len(before) + len(text) + 1
