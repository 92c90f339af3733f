"""Name -> id tables built from a `World` once per compiled query, each only when first needed.

JQL names values the way people do (a status by name, a project by key, id or name, a user by
account id, username, email or display name); the evaluator wants the ids the issues store.
Projects in the trash or archived are invisible, as in Jira.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from tui.sandbox.world import World

# Jira's status categories: id, key, name.
STATUS_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("1", "undefined", "No Category"),
    ("2", "new", "To Do"),
    ("4", "indeterminate", "In Progress"),
    ("3", "done", "Done"),
)


def _index(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    table: dict[str, set[str]] = defaultdict(set)
    for ref, value in pairs:
        table[ref.lower()].add(value)
    return dict(table)


class Lookups:
    def __init__(self, world: World) -> None:
        self.world = world

    @cached_property
    def hidden_projects(self) -> frozenset[str]:
        return frozenset(k for k, p in self.world.projects.items() if p.archived or p.deleted)

    @cached_property
    def projects(self) -> dict[str, set[str]]:
        pairs: list[tuple[str, str]] = []
        for key, project in self.world.projects.items():
            if key in self.hidden_projects:
                continue
            pairs += [(key, key), (project.id, key), (project.name, key)]
        return _index(pairs)

    @cached_property
    def statuses(self) -> dict[str, set[str]]:
        return _index([(r, s.id) for s in self.world.statuses.values() for r in (s.id, s.name)])

    @cached_property
    def status_rank(self) -> dict[str, int]:
        ids = sorted(
            self.world.statuses, key=lambda i: (not i.isdigit(), int(i) if i.isdigit() else 0, i)
        )
        return {status_id: rank for rank, status_id in enumerate(ids)}

    @cached_property
    def categories(self) -> dict[str, set[str]]:
        by_key: dict[str, set[str]] = defaultdict(set)
        for status in self.world.statuses.values():
            by_key[status.category].add(status.id)
        table: dict[str, set[str]] = {}
        for cat_id, key, name in STATUS_CATEGORIES:
            for ref in (cat_id, key, name):
                table[ref.lower()] = set(by_key.get(key, set()))
        return table

    @cached_property
    def category_rank(self) -> dict[str, int]:
        order = {key: rank for rank, (_, key, _) in enumerate(STATUS_CATEGORIES)}
        return {s.id: order.get(s.category, 0) for s in self.world.statuses.values()}

    @cached_property
    def issue_types(self) -> dict[str, set[str]]:
        return _index([(r, t.id) for t in self.world.issue_types.values() for r in (t.id, t.name)])

    @cached_property
    def priorities(self) -> dict[str, set[str]]:
        return _index([(r, p.id) for p in self.world.priorities.values() for r in (p.id, p.name)])

    @cached_property
    def priority_rank(self) -> dict[str, int]:
        """Higher is more urgent: the world lists priorities from Highest down, as Jira does."""
        count = len(self.world.priorities)
        return {pid: count - i for i, pid in enumerate(self.world.priorities)}

    @cached_property
    def resolutions(self) -> dict[str, set[str]]:
        return _index(
            [(r, res.id) for res in self.world.resolutions.values() for r in (res.id, res.name)]
        )

    @cached_property
    def resolution_rank(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self.world.resolutions)}

    @cached_property
    def users(self) -> dict[str, set[str]]:
        pairs: list[tuple[str, str]] = []
        for user in self.world.users.values():
            for ref in (user.account_id, user.name, user.email, user.display_name):
                if ref:
                    pairs.append((ref, user.account_id))
        return _index(pairs)

    @cached_property
    def user_sort_name(self) -> dict[str, str]:
        return {a: u.display_name.lower() for a, u in self.world.users.items()}

    @cached_property
    def components(self) -> dict[str, set[str]]:
        return _index(
            [
                (r, c.id)
                for key, p in self.world.projects.items()
                if key not in self.hidden_projects
                for c in p.components
                for r in (c.id, c.name)
            ]
        )

    @cached_property
    def component_names(self) -> dict[str, str]:
        return {c.id: c.name.lower() for p in self.world.projects.values() for c in p.components}

    @cached_property
    def versions(self) -> dict[str, set[str]]:
        return _index(
            [
                (r, v.id)
                for key, p in self.world.projects.items()
                if key not in self.hidden_projects
                for v in p.versions
                for r in (v.id, v.name)
            ]
        )

    @cached_property
    def version_rank(self) -> dict[str, tuple[str, int]]:
        """A version sorts by its project and its place in the project's list (release order)."""
        return {
            v.id: (key, i)
            for key, p in self.world.projects.items()
            for i, v in enumerate(p.versions)
        }

    @cached_property
    def issue_ids(self) -> dict[str, str]:
        return {issue.id: key for key, issue in self.world.issues.items()}
