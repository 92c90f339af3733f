"""Predicate builders: membership in id sets, ranges over ranks, keys and dates, EMPTY tests.

Each returns a closure over precomputed values so that testing one issue is a couple of
attribute reads. EMPTY as Jira has it: `!=` and `NOT IN` never match an empty field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

from tui.sandbox.jql.dates import date_bounds
from tui.sandbox.world import SandboxIssue

Predicate = Callable[[SandboxIssue], bool]
Getter = Callable[[SandboxIssue], Any]

SINGLE_GETTERS: dict[str, Getter] = {
    "project": attrgetter("project_key"),
    "key": attrgetter("key"),
    "issuetype": attrgetter("issuetype_id"),
    "status": attrgetter("status_id"),
    "statusCategory": attrgetter("status_id"),
    "priority": attrgetter("priority_id"),
    "resolution": attrgetter("resolution_id"),
    "assignee": attrgetter("assignee"),
    "reporter": attrgetter("reporter"),
    "parent": attrgetter("parent_key"),
    "created": attrgetter("created"),
    "updated": attrgetter("updated"),
    "resolved": attrgetter("resolved"),
    "duedate": attrgetter("duedate"),
}
MULTI_GETTERS: dict[str, Getter] = {
    "watcher": attrgetter("watchers"),
    "voter": attrgetter("voters"),
    "labels": lambda issue: [label.lower() for label in issue.labels],
    "component": attrgetter("component_ids"),
    "fixVersion": attrgetter("fix_version_ids"),
}

COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


def never(_issue: SandboxIssue) -> bool:
    return False


def always(_issue: SandboxIssue) -> bool:
    return True


def all_of(preds: list[Predicate]) -> Predicate:
    if not preds:
        return always
    result = preds[0]
    for nxt in preds[1:]:
        result = (lambda a, b: lambda i: a(i) and b(i))(result, nxt)
    return result


def any_of(preds: list[Predicate]) -> Predicate:
    if not preds:
        return never
    result = preds[0]
    for nxt in preds[1:]:
        result = (lambda a, b: lambda i: a(i) or b(i))(result, nxt)
    return result


def issue_number(key: str) -> int:
    return int(key.rpartition("-")[2])


def membership(name: str, op: str, values: frozenset[str], with_empty: bool) -> Predicate:
    """`=`/`in` (any of `values`, or empty when `with_empty`), `!=`/`not in`, `is`/`is not`."""
    many = MULTI_GETTERS.get(name)
    if many is not None:
        get_many = many
        if op in ("is", "is not"):
            raw = attrgetter("labels") if name == "labels" else many
            if op == "is":
                return lambda i: not raw(i)
            return lambda i: bool(raw(i))
        if op in ("=", "in"):
            if with_empty:
                return lambda i: not (vals := get_many(i)) or not values.isdisjoint(vals)
            return lambda i: not values.isdisjoint(get_many(i))
        return lambda i: bool(vals := get_many(i)) and values.isdisjoint(vals)
    get = SINGLE_GETTERS[name]
    if op == "is":
        return lambda i: get(i) is None
    if op == "is not":
        return lambda i: get(i) is not None
    if op in ("=", "in"):
        if with_empty:
            return lambda i: (v := get(i)) is None or v in values
        if len(values) == 1:
            (only,) = values
            return lambda i: get(i) == only
        return lambda i: get(i) in values
    return lambda i: (v := get(i)) is not None and v not in values


def key_range(op: str, project: str, number: int) -> Predicate:
    """Keys compare within their project, by number: `key > ABC-10` stays in ABC."""
    compare = COMPARE[op]
    return lambda i: i.project_key == project and compare(issue_number(i.key), number)


def rank_range(name: str, op: str, rank: dict[str, int], bound: int) -> Predicate:
    compare = COMPARE[op]
    get = SINGLE_GETTERS[name]
    return lambda i: (r := rank.get(get(i))) is not None and compare(r, bound)


def moment_predicate(name: str, op: str, instants: list[datetime], with_empty: bool) -> Predicate:
    """A date-time field against moments; naive stored values are taken as UTC."""
    get = SINGLE_GETTERS[name]
    if op in COMPARE:
        compare = COMPARE[op]
        aware = instants[0]
        naive = aware.replace(tzinfo=None)

        def ranged(issue: SandboxIssue) -> bool:
            value = get(issue)
            if value is None:
                return False
            return compare(value, naive if value.tzinfo is None else aware)

        return ranged
    wanted = frozenset(instants)

    def equal(issue: SandboxIssue) -> bool:
        value = get(issue)
        if value is None:
            return with_empty
        return (value if value.tzinfo else value.replace(tzinfo=UTC)) in wanted

    if op in ("=", "in"):
        return equal
    return lambda issue: get(issue) is not None and not equal(issue)


def day_predicate(name: str, op: str, instants: list[datetime], with_empty: bool) -> Predicate:
    """A date-only field (duedate) is midnight UTC of its day, compared with moments."""
    get = SINGLE_GETTERS[name]
    if op in COMPARE:
        day, midnight = date_bounds(instants[0])
        ceiling = day if midnight else date.fromordinal(day.toordinal() + 1)
        bound = {"<": ceiling, "<=": day, ">": day, ">=": ceiling}[op]
        compare = COMPARE[op]
        return lambda i: (d := get(i)) is not None and compare(d, bound)
    days = frozenset(d for d, midnight in map(date_bounds, instants) if midnight)

    def equal(issue: SandboxIssue) -> bool:
        value = get(issue)
        return with_empty if value is None else value in days

    if op in ("=", "in"):
        return equal
    return lambda issue: get(issue) is not None and not equal(issue)


def key_set_predicate(compute: Callable[[], set[str]]) -> Predicate:
    """Membership in a set of keys computed on first use (text clauses scan columns once)."""
    cache: list[set[str]] = []

    def pred(issue: SandboxIssue) -> bool:
        if not cache:
            cache.append(compute())
        return issue.key in cache[0]

    return pred
