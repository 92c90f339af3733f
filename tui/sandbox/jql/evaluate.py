"""Compile a parsed JQL query into one predicate over `SandboxIssue`s, checking it as Jira does.

Each terminal clause becomes a closure over precomputed id sets (`predicates.py`). Problems are
collected, not raised: `errors` (unknown field, unsupported operator, bad date, unknown
function) and `warnings` (a value that does not exist, which Jira's search still refuses but
`jql/parse` reports as a warning). `time_dependent` tells callers whether the result depends on
`now` (relative dates, date functions), for caching.
"""

from __future__ import annotations

import re
from datetime import datetime

from tui.sandbox.jql import errors as msg
from tui.sandbox.jql.dates import date_function, parse_date, parse_period
from tui.sandbox.jql.fields import FieldDef, field_named, function_named
from tui.sandbox.jql.functions import function_values
from tui.sandbox.jql.lookups import Lookups
from tui.sandbox.jql.nodes import (
    And,
    Clause,
    Empty,
    Function,
    ListOperand,
    Not,
    Or,
    Terminal,
    Value,
)
from tui.sandbox.jql.predicates import (
    Predicate,
    all_of,
    any_of,
    day_predicate,
    key_range,
    key_set_predicate,
    membership,
    moment_predicate,
    never,
    rank_range,
)
from tui.sandbox.jql.text import non_empty_text_keys, text_keys, text_query_error
from tui.sandbox.world import World

Item = Value | Empty | Function

KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)-(\d+)$")
_RANGE = (">", ">=", "<", "<=")


def shown(item: Item | ListOperand) -> str:
    return f'"{item.text}"' if isinstance(item, Value) else item.raw


class Compiler:
    def __init__(
        self, world: World, lookups: Lookups, current_user: str | None, now: datetime
    ) -> None:
        self.world = world
        self.lookups = lookups
        self.current_user = current_user
        self.now = now
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.time_dependent = False

    def error(self, message: str) -> Predicate:
        if message not in self.errors:
            self.errors.append(message)
        return never

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- boolean structure -------------------------------------------------------------------
    def clause(self, node: Clause) -> Predicate:
        if isinstance(node, And):
            return all_of([self.clause(c) for c in node.clauses])
        if isinstance(node, Or):
            return any_of([self.clause(c) for c in node.clauses])
        if isinstance(node, Not):
            inner = self.clause(node.clause)
            return lambda issue: not inner(issue)
        return self.terminal(node)

    # -- a terminal clause -------------------------------------------------------------------
    def shape_error(self, t: Terminal) -> str | None:
        """Jira checks the operand's shape (list, single, EMPTY) before the operator."""
        op, operand = t.operator, t.operand
        if op in ("in", "not in"):
            if isinstance(operand, Value | Empty):
                return (
                    f"Operator '{op}' does not support the non-list value '{shown(operand)}' "
                    f"for field '{t.field}'."
                )
        elif op in ("is", "is not"):
            if not isinstance(operand, Empty):
                return (
                    f"Operator '{op}' does not support the non-empty value '{shown(operand)}' "
                    f"for field '{t.field}'."
                )
        elif isinstance(operand, ListOperand) or (
            isinstance(operand, Function) and (f := function_named(operand.name)) and f.is_list
        ):
            return (
                f"Operator '{op}' does not support the list value '{shown(operand)}' "
                f"for field '{t.field}'."
            )
        return None

    def terminal(self, t: Terminal) -> Predicate:
        field = field_named(t.field)
        if field is None:
            return self.error(msg.unknown_field(t.field))
        problem = self.shape_error(t)
        if problem:
            return self.error(problem)
        op, operand = t.operator, t.operand
        items: list[Item] = list(operand.items) if isinstance(operand, ListOperand) else [operand]
        if isinstance(operand, Empty) and op in ("=", "!=", "~"):
            op = "is not" if op == "!=" else "is"  # `= EMPTY` is `IS EMPTY`, as in Jira
        has_empty = any(isinstance(i, Empty) for i in items)
        if has_empty and "is" not in field.operators:
            return self.error(f"The field '{t.field}' does not support searching for EMPTY values.")
        if op not in field.operators:
            return self.error(msg.unsupported_operator(t.operator, t.field))
        if has_empty and op in _RANGE:
            return self.error(f"The operator '{op}' does not support searching for EMPTY values.")
        for item in items:
            if isinstance(item, Function) and not self.check_function(item, field, t.field):
                return never
        if field.kind == "text":
            return self.text(field, t, op, items[0])
        if field.kind in ("datetime", "date"):
            return self.dates(field, t, op, items)
        if op in _RANGE:
            return self.ranged(field, t, op, items[0])
        values: set[str] = set()
        for item in items:
            if isinstance(item, Value):
                values |= self.resolve(field, t.field, item)
            elif isinstance(item, Function):
                values |= function_values(
                    item, self.world, self.lookups, self.current_user, self.error
                )
        if field.name == "statusCategory":
            values = {s for c in values for s in self.lookups.categories.get(c.lower(), {c})}
        unresolved = field.name == "resolution" and any(
            isinstance(i, Value) and i.text.strip().lower() == "unresolved" for i in items
        )
        return membership(field.name, op, frozenset(values), has_empty or unresolved)

    def check_function(self, fn: Function, field: FieldDef, written: str) -> bool:
        definition = function_named(fn.name)
        if definition is None:
            self.error(msg.unknown_function(fn.name))
            return False
        if field.kind not in definition.kinds and field.name not in definition.kinds:
            self.error(
                f"A value provided by the function '{definition.name}' is invalid for the "
                f"field '{written}'."
            )
            return False
        count = len(fn.args)
        if not definition.min_args <= count <= definition.max_args:
            if definition.min_args == definition.max_args:
                expected = f"'{definition.min_args}'"
            else:
                expected = f"between '{definition.min_args}' and '{definition.max_args}'"
            self.error(
                f"Function '{definition.name}' expected {expected} arguments but received "
                f"'{count}'."
            )
            return False
        return True

    # -- values ------------------------------------------------------------------------------
    def resolve(self, field: FieldDef, written: str, item: Value) -> set[str]:
        """The ids a written value names; a warning when it names nothing."""
        text = item.text
        name = field.name
        if name == "labels":
            return {text.lower()}
        if name in ("key", "parent"):
            return self.resolve_key(text, written)
        lowered = text.strip().lower()
        if name == "resolution" and lowered == "unresolved":
            return set()
        lookups = self.lookups
        table = {
            "project": lookups.projects,
            "issuetype": lookups.issue_types,
            "status": lookups.statuses,
            "statusCategory": lookups.categories,
            "priority": lookups.priorities,
            "resolution": lookups.resolutions,
            "component": lookups.components,
            "fixVersion": lookups.versions,
        }.get(name, lookups.users if field.kind in ("user", "users") else None)
        found = table.get(lowered) if table is not None else None
        if found is None:
            self.warn(msg.unknown_value(text, written))
            return set()
        if name == "statusCategory":  # category refs map to status ids later; keep the ref
            return {lowered}
        return found

    def resolve_key(self, text: str, written: str) -> set[str]:
        raw = text.strip()
        key: str | None
        if raw.isdigit():
            key = self.lookups.issue_ids.get(raw)
        elif KEY_RE.match(raw):
            key = raw.upper()
        else:
            self.error(f"The issue key '{text}' for field '{written}' is invalid.")
            return set()
        issue = self.world.issues.get(key) if key else None
        if issue is None or issue.project_key in self.lookups.hidden_projects:
            self.warn(f"An issue with key '{text}' does not exist for field '{written}'.")
            return set()
        return {issue.key}

    # -- ranges, dates, text -----------------------------------------------------------------
    def ranged(self, field: FieldDef, t: Terminal, op: str, item: Item) -> Predicate:
        if not isinstance(item, Value):
            return self.error(msg.unsupported_operator(op, t.field))
        if field.name == "key":
            raw = item.text.strip()
            key = self.lookups.issue_ids.get(raw) if raw.isdigit() else raw
            match = KEY_RE.match(key) if key else None
            if match is None:
                return self.error(f"The issue key '{item.text}' for field '{t.field}' is invalid.")
            return key_range(op, match.group(1).upper(), int(match.group(2)))
        ids = self.resolve(field, t.field, item)
        lookups = self.lookups
        rank = lookups.priority_rank if field.name == "priority" else lookups.resolution_rank
        ranks = [rank[i] for i in ids if i in rank]
        if not ranks:
            return never
        return rank_range(field.name, op, rank, min(ranks))

    def dates(self, field: FieldDef, t: Terminal, op: str, items: list[Item]) -> Predicate:
        if op in ("is", "is not"):
            return membership(field.name, op, frozenset(), False)
        moments: list[datetime | None] = []
        for item in items:
            if isinstance(item, Empty):
                moments.append(None)
            elif isinstance(item, Function):
                self.time_dependent = True
                value = date_function(item.name, item.args, self.now)
                if isinstance(value, str):
                    return self.error(value)
                moments.append(value)
            else:
                moment = parse_date(item.text, self.now)
                if moment is None:
                    return self.error(msg.invalid_date(item.text, t.field))
                if parse_period(item.text) is not None:
                    self.time_dependent = True
                moments.append(moment)
        instants = [m for m in moments if m is not None]
        build = day_predicate if field.kind == "date" else moment_predicate
        return build(field.name, op, instants, None in moments)

    def text(self, field: FieldDef, t: Terminal, op: str, item: Item) -> Predicate:
        world, name = self.world, field.name
        if op in ("is", "is not"):
            filled = key_set_predicate(lambda: non_empty_text_keys(world, name))
            if op == "is":
                return lambda issue: not filled(issue)
            return filled
        if not isinstance(item, Value):
            return self.error(
                f"A value provided by the function '{shown(item)}' is invalid for the field "
                f"'{t.field}'."
            )
        problem = text_query_error(item.text, t.field)
        if problem:
            return self.error(problem)
        query, negate = item.text, op == "!~"
        return key_set_predicate(lambda: text_keys(world, name, query, negate))
