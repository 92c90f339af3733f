"""The Skills for Jira state the sandbox keeps under `world.extra["skills"]`.

A tree of categories whose leaves are skill names, every user's skills as an ordered list
(the order the API answers in), the bearer token, and the opaque web-trigger ids that stand
for the six operations. `tree_json` renders the tree as the API's `experts` payload. The state is
saved with the world (the state file pickles `world.extra`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from tui.models.skills import OPERATIONS

# The HTTP method each operation answers, as the API documents it.
METHODS: dict[str, str] = {
    "user_skills": "GET",
    "add_skills": "PUT",
    "remove_skills": "DELETE",
    "all_skills": "GET",
    "bulk_update": "POST",
    "skill_tree": "GET",
}

# The titles the administration console lists the endpoints under (the API page's headings).
TITLES: dict[str, str] = {
    "user_skills": "Get user skills",
    "add_skills": "Add user skills",
    "remove_skills": "Remove user skills",
    "all_skills": "Get all users' skills",
    "bulk_update": "Bulk update users skills",
    "skill_tree": "Get skill tree with experts",
}

TRIGGER_PREFIX = "/x1/"
DEFAULT_TOKEN = "skills-token"


@dataclass(slots=True)
class Category:
    key: str  # an opaque id, as the API shows categories
    name: str
    children: list[Category | str] = field(default_factory=list)  # sub-categories and skill names


@dataclass
class SkillsState:
    token: str
    triggers: dict[str, str]  # web-trigger id -> operation
    roots: list[Category] = field(default_factory=list)
    held: dict[str, list[str]] = field(default_factory=dict)  # account id -> skill names
    _names: frozenset[str] | None = field(default=None, repr=False)

    def skill_names(self) -> frozenset[str]:
        if self._names is None:
            found: set[str] = set()
            stack: list[Category | str] = list(self.roots)
            while stack:
                node = stack.pop()
                if isinstance(node, str):
                    found.add(node)
                else:
                    stack.extend(node.children)
            self._names = frozenset(found)
        return self._names

    def trigger_of(self, operation: str) -> str:
        return next(t for t, op in self.triggers.items() if op == operation)

    def urls(self, base_url: str) -> dict[str, str]:
        base = base_url.rstrip("/")
        return {op: f"{base}{TRIGGER_PREFIX}{self.trigger_of(op)}" for op in OPERATIONS}


def make_triggers(seed: int) -> dict[str, str]:
    """Six stable, unguessable-looking ids: Forge web-trigger URLs say nothing of the operation."""
    out: dict[str, str] = {}
    for op in OPERATIONS:
        digest = hashlib.sha256(f"skills-web-trigger:{seed}:{op}".encode()).hexdigest()
        out[digest[:32]] = op
    return out


def experts_index(state: SkillsState, order: list[str]) -> dict[str, list[str]]:
    """Skill name -> holders, in the order of `order` (the world's users)."""
    index: dict[str, list[str]] = {}
    for account_id in order:
        for name in state.held.get(account_id, ()):
            index.setdefault(name, []).append(account_id)
    return index


def tree_json(state: SkillsState, order: list[str]) -> list[dict[str, Any]]:
    """The `experts` payload: categories with `children`, leaves `{"key", "experts"}`."""
    index = experts_index(state, order)

    def node(item: Category | str) -> dict[str, Any]:
        if isinstance(item, str):
            return {"key": item, "experts": list(index.get(item, ()))}
        return {
            "key": item.key,
            "type": "category",
            "displayName": item.name,
            "children": [node(child) for child in item.children],
        }

    return [node(root) for root in state.roots]
