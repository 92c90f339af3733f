"""ORDER BY: a sort key per JQL field, EMPTY values last when ascending, and a stable tie-break.

Statuses sort by id, priorities by rank (Highest is greatest), resolutions and versions by their
place in the world's lists, users by display name, keys by project then number, text by its
lower-case form. Consecutive fields with the same direction sort in one pass on a tuple;
direction changes need another stable pass (last group first).

Ties keep the world's order, which is creation order: the sort is stable and the input is the
world's issue list, so pages are stable without an extra key pass. Without ORDER BY the order is
`created DESC` with ties newest first — the same as `created DESC, key DESC` within a project.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.sandbox.jql.fields import FieldDef
from tui.sandbox.jql.lookups import Lookups
from tui.sandbox.jql.predicates import issue_number
from tui.sandbox.world import SandboxIssue

SortKey = Callable[[SandboxIssue], Any]

# Jira's default direction when ORDER BY names a field without ASC/DESC.
DEFAULT_DESC = frozenset({"created", "updated", "resolved", "priority"})


def _nullable(get: Callable[[SandboxIssue], Any]) -> SortKey:
    """(False, value) before (True, None): EMPTY sorts as the greatest value."""

    def key(issue: SandboxIssue) -> tuple[bool, Any]:
        value = get(issue)
        return (value is None, value)

    return key


_KEY_SORT: dict[str, tuple[str, int]] = {}  # a key's sort value depends only on the key


def key_sort(issue: SandboxIssue) -> tuple[str, int]:
    value = _KEY_SORT.get(issue.key)
    if value is None:
        value = _KEY_SORT[issue.key] = (issue.project_key, issue_number(issue.key))
    return value


def sort_key(field: FieldDef, lookups: Lookups) -> SortKey:
    name = field.name
    if name == "key":
        return key_sort
    if name == "project":
        return lambda i: i.project_key
    if name == "summary":
        return lambda i: i.summary.lower()
    if name in ("created", "updated"):
        return (lambda attr: lambda i: getattr(i, attr))(name)
    if name == "resolved":
        return _nullable(lambda i: i.resolved)
    if name == "duedate":
        return _nullable(lambda i: i.duedate)
    if name == "status":
        status_rank = lookups.status_rank
        return lambda i: status_rank.get(i.status_id, len(status_rank))
    if name == "statusCategory":
        category_rank = lookups.category_rank
        return lambda i: category_rank.get(i.status_id, 0)
    if name == "issuetype":
        types = lookups.world.issue_types
        return lambda i: types[i.issuetype_id].name.lower() if i.issuetype_id in types else ""
    if name == "priority":
        priority_rank = lookups.priority_rank
        return _nullable(lambda i: priority_rank.get(i.priority_id))
    if name == "resolution":
        resolution_rank = lookups.resolution_rank
        return _nullable(
            lambda i: resolution_rank.get(i.resolution_id) if i.resolution_id else None
        )
    if name in ("assignee", "reporter"):
        names = lookups.user_sort_name
        attr = name
        return _nullable(lambda i: names.get(getattr(i, attr) or "", None))
    if name == "labels":
        return _nullable(lambda i: tuple(sorted(x.lower() for x in i.labels)) or None)
    if name == "component":
        component_names = lookups.component_names
        return _nullable(
            lambda i: tuple(sorted(component_names.get(c, "") for c in i.component_ids)) or None
        )
    if name == "fixVersion":
        version_rank = lookups.version_rank
        return _nullable(
            lambda i: tuple(sorted(version_rank.get(v, ("", 0)) for v in i.fix_version_ids)) or None
        )
    if name == "parent":
        return _nullable(
            lambda i: (
                (i.parent_key.rpartition("-")[0], issue_number(i.parent_key))
                if i.parent_key
                else None
            )
        )
    raise ValueError(f"no sort key for {name}")  # fields.py marks the others not orderable


def _combined(keys: list[SortKey]) -> SortKey:
    if len(keys) == 1:
        return keys[0]
    if len(keys) == 2:
        first, second = keys
        return lambda issue: (first(issue), second(issue))
    return lambda issue: tuple(key(issue) for key in keys)


def apply_order(
    issues: list[SandboxIssue], sorters: list[tuple[SortKey, bool]], newest_ties: bool = False
) -> None:
    """Sort in place by (key, descending) pairs; `newest_ties` puts later-created issues first
    among equals (the default order), otherwise ties keep creation order."""
    if newest_ties:
        issues.reverse()
    groups: list[tuple[list[SortKey], bool]] = []
    for key, descending in sorters:
        if groups and groups[-1][1] == descending:
            groups[-1][0].append(key)
        else:
            groups.append(([key], descending))
    for keys, descending in reversed(groups):
        issues.sort(key=_combined(keys), reverse=descending)
