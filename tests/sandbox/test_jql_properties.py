"""Property tests over random small worlds and random queries: `A` and `NOT (A)` partition the
visible issues, AND/OR are intersection/union, ORDER BY is honoured, and pages of the result
concatenate to the whole list with no gaps or repeats."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jql_world import ALICE, BOB, CAROL, NOW, base_world, issue

from tui.sandbox.jql import CompiledQuery, analyse_jql
from tui.sandbox.world import SandboxIssue, World

USERS = [ALICE, BOB, CAROL]
WORDS = ["login", "report", "dark", "mode", "export", "page", "crash", "slow"]
LABELS = ["frontend", "backend", "urgent"]


def world_from(seeds: list[int]) -> World:
    """One issue per seed, its fields drawn from a `Random(seed)`: cheap to generate, and
    hypothesis still shrinks the number of issues and each seed."""
    world = base_world()
    counters = {"ABC": 0, "XYZ": 0, "OLD": 0}
    for seed in seeds:
        rng = random.Random(seed)
        project = rng.choice(["ABC", "ABC", "XYZ", "OLD"])
        counters[project] += 1
        components = {"ABC": ["200", "201"], "XYZ": ["202"], "OLD": []}[project]
        versions = {"ABC": ["300", "301"], "XYZ": ["302"], "OLD": []}[project]
        fields: dict[str, Any] = {
            "summary": " ".join(rng.choices(WORDS, k=rng.randint(1, 4))),
            "status_id": rng.choice(["1", "3", "10001", "10002"]),
            "priority_id": rng.choice(["1", "2", "3", "4", "5"]),
            "reporter": rng.choice(USERS),
            "assignee": rng.choice([None, *USERS]),
            "labels": rng.sample(LABELS, rng.randint(0, 2)),
            "component_ids": rng.sample(components, rng.randint(0, len(components))),
            "fix_version_ids": rng.sample(versions, rng.randint(0, len(versions))),
            "resolution_id": rng.choice([None, "10000"]),
            "created": NOW - timedelta(hours=rng.randint(0, 24 * 20)),
            "duedate": rng.choice([None, date(2024, 3, rng.randint(1, 31))]),
        }
        issue(world, f"{project}-{counters[project]}", **fields)
    return world


def worlds() -> st.SearchStrategy[World]:
    return st.lists(st.integers(0, 2**32), max_size=14).map(world_from)


def quoted(value: str) -> str:
    return f'"{value}"'


TERMINALS = st.one_of(
    st.builds(
        lambda op, v: f"project {op} {v}",
        st.sampled_from(["=", "!="]),
        st.sampled_from(["ABC", "XYZ", "100"]),
    ),
    st.builds(
        lambda op, v: f"status {op} {quoted(v)}",
        st.sampled_from(["=", "!="]),
        st.sampled_from(["To Do", "In Progress", "Done"]),
    ),
    st.builds(
        lambda v: f"statusCategory = {quoted(v)}", st.sampled_from(["To Do", "In Progress", "Done"])
    ),
    st.builds(
        lambda op, v: f"priority {op} {v}",
        st.sampled_from(["=", "!=", ">", ">=", "<", "<="]),
        st.sampled_from(["Highest", "Medium", "Low"]),
    ),
    st.builds(
        lambda op, v: f"assignee {op} {v}",
        st.sampled_from(["=", "!="]),
        st.sampled_from(["alice", "bob", "currentUser()", "EMPTY"]),
    ),
    st.builds(lambda op: f"assignee {op} EMPTY", st.sampled_from(["is", "is not"])),
    st.builds(
        lambda op, vs: f"assignee {op} ({', '.join(vs)})",
        st.sampled_from(["in", "not in"]),
        st.lists(st.sampled_from(["alice", "carol", "EMPTY"]), min_size=1, max_size=3),
    ),
    st.builds(
        lambda op, v: f"labels {op} {v}", st.sampled_from(["=", "!="]), st.sampled_from(LABELS)
    ),
    st.builds(lambda op: f"labels {op} EMPTY", st.sampled_from(["is", "is not"])),
    st.builds(
        lambda op, vs: f"component {op} ({', '.join(vs)})",
        st.sampled_from(["in", "not in"]),
        st.lists(st.sampled_from(["Backend", "UI"]), min_size=1, max_size=2),
    ),
    st.builds(
        lambda op, v: f"fixVersion {op} {quoted(v)}",
        st.sampled_from(["=", "!="]),
        st.sampled_from(["1.0", "2.0"]),
    ),
    st.builds(
        lambda v: f"resolution {v}",
        st.sampled_from(["= Unresolved", "is EMPTY", "= Done", "!= Done"]),
    ),
    st.builds(
        lambda op, d: f"created {op} -{d}d",
        st.sampled_from([">", ">=", "<", "<="]),
        st.integers(0, 20),
    ),
    st.builds(
        lambda op, d: f'duedate {op} "2024-03-{d:02d}"',
        st.sampled_from(["=", "!=", ">", "<="]),
        st.integers(1, 31),
    ),
    st.builds(lambda op: f"duedate {op} EMPTY", st.sampled_from(["is", "is not"])),
    st.builds(
        lambda op, w: f"summary {op} {quoted(w)}",
        st.sampled_from(["~", "!~"]),
        st.sampled_from(WORDS),
    ),
    st.builds(
        lambda op, n: f"key {op} ABC-{n}",
        st.sampled_from([">", "<=", "=", "!="]),
        st.integers(1, 6),
    ),
)


def combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda a, b: f"({a}) AND ({b})", children, children),
        st.builds(lambda a, b: f"({a}) OR ({b})", children, children),
        st.builds(lambda a: f"NOT ({a})", children),
    )


CLAUSES = st.recursive(TERMINALS, combine, max_leaves=5)


def visible(world: World) -> set[str]:
    return {k for k, i in world.issues.items() if i.project_key != "OLD"}


def compiled(world: World, jql: str) -> CompiledQuery:
    """The query, even when it names an issue key the random world lacks (only a warning)."""
    analysis = analyse_jql(jql, world, current_user=ALICE, now=NOW)
    assert not analysis.errors, analysis.errors
    assert analysis.compiled is not None
    return analysis.compiled


def found(world: World, jql: str) -> set[str]:
    return {i.key for i in compiled(world, jql).filter_sorted(world.issues.values())}


@settings(max_examples=100, deadline=None)
@given(worlds(), CLAUSES)
def test_a_and_not_a_partition_the_issues(world: World, clause: str) -> None:
    inside = found(world, clause)
    outside = found(world, f"NOT ({clause})")
    assert inside.isdisjoint(outside)
    assert inside | outside == visible(world)


@settings(max_examples=100, deadline=None)
@given(worlds(), CLAUSES, CLAUSES)
def test_and_or_are_intersection_and_union(world: World, a: str, b: str) -> None:
    first, second = found(world, a), found(world, b)
    assert found(world, f"({a}) AND ({b})") == first & second
    assert found(world, f"({a}) OR ({b})") == first | second


def reference_key(world: World, field: str) -> Any:
    """Independent sort values: EMPTY is the greatest value."""
    names = {a: u.display_name.lower() for a, u in world.users.items()}

    def key(i: SandboxIssue) -> Any:
        if field == "key":
            project, _, number = i.key.partition("-")
            return (False, (project, int(number)))
        if field == "priority":
            return (False, -int(i.priority_id))  # id 1 is Highest, the greatest
        if field == "status":
            return (False, int(i.status_id))
        if field == "assignee":
            return (i.assignee is None, names.get(i.assignee or ""))
        if field == "duedate":
            return (i.duedate is None, i.duedate)
        return (False, getattr(i, field))

    return key


ORDER_FIELDS = st.lists(
    st.tuples(
        st.sampled_from(["key", "priority", "status", "assignee", "duedate", "created", "updated"]),
        st.sampled_from(["ASC", "DESC"]),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda pair: pair[0],
)


@settings(max_examples=100, deadline=None)
@given(worlds(), st.none() | CLAUSES, ORDER_FIELDS)
def test_order_by_is_honoured(
    world: World, clause: str | None, order: list[tuple[str, str]]
) -> None:
    jql = (clause or "") + " ORDER BY " + ", ".join(f"{f} {d}" for f, d in order)
    results = compiled(world, jql).filter_sorted(world.issues.values())
    keys = [reference_key(world, f) for f, _ in order]
    for before, after in itertools.pairwise(results):
        for (_, direction), key in zip(order, keys, strict=True):
            a, b = key(before), key(after)
            if a == b:
                continue
            assert (a < b) if direction == "ASC" else (a > b), (jql, before.key, after.key)
            break


@settings(max_examples=100, deadline=None)
@given(worlds(), st.none() | CLAUSES, st.integers(1, 5))
def test_pages_concatenate_with_no_gaps_or_repeats(
    world: World, clause: str | None, size: int
) -> None:
    jql = clause or ""
    whole = compiled(world, jql).filter_sorted(world.issues.values())
    pages: list[SandboxIssue] = []
    start = 0
    while True:
        # Each page is a fresh search, as a client paging through the REST API does.
        again = compiled(world, jql)
        page = again.filter_sorted(world.issues.values())[start : start + size]
        pages += page
        start += size
        if len(page) < size:
            break
    assert [i.key for i in pages] == [i.key for i in whole]
    assert len({i.key for i in pages}) == len(pages)
