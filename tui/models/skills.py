"""Skills for Jira records: the skill tree, who holds what, levels, and per-user change sets.

Skills for Jira names a skill at a level as one string, `"<skill> - <level>"` (for example
`"Engineering - Beginner"`), beside plain skills without levels (`"JavaScript"`). This module
owns that convention (`split_level`, `with_level`), the tree the API returns with its experts,
the matrix columns derived from it (`Skill`: a base name with the levels the tree offers), and
the diff arithmetic that the bulk update and the import share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import msgspec

LEVELS: tuple[str, ...] = ("Beginner", "Competent", "Expert", "Master")
LEVEL_SEPARATOR = " - "

# The six operations of the Skills for Jira API, keyed as the profile and `JIRA_SKILLS_URLS` key them.
OPERATIONS: tuple[str, ...] = (
    "user_skills",
    "add_skills",
    "remove_skills",
    "all_skills",
    "bulk_update",
    "skill_tree",
)


def split_level(name: str) -> tuple[str, str | None]:
    """`"Engineering - Beginner"` -> `("Engineering", "Beginner")`; `"JavaScript"` -> `("JavaScript", None)`."""
    base, sep, level = name.rpartition(LEVEL_SEPARATOR)
    if sep and base and level in LEVELS:
        return base, level
    return name, None


def with_level(base: str, level: str | None) -> str:
    return f"{base}{LEVEL_SEPARATOR}{level}" if level else base


def level_rank(level: str | None) -> int:
    """0 for no level (a plain skill), 1..4 for Beginner..Master."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


class SkillNode(msgspec.Struct, frozen=True, kw_only=True):
    """One node of the skill tree: a category (with `children`) or a skill leaf (with `experts`).

    For a category `key` is an opaque id and `display_name` its title; for a leaf `key` is the
    skill's name, as users hold it, and `display_name` repeats it.
    """

    key: str
    display_name: str
    is_category: bool
    children: tuple[SkillNode, ...] = ()
    experts: tuple[str, ...] = ()


class Skill(msgspec.Struct, frozen=True, kw_only=True):
    """A matrix column: one skill, under its category path, with the levels the tree offers."""

    name: str
    path: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()  # empty for a plain skill

    @property
    def names(self) -> tuple[str, ...]:
        """Every skill name that stands for this skill: one per level, or the plain name."""
        return tuple(with_level(self.name, lv) for lv in self.levels) if self.levels else (self.name,)


class SkillTree(msgspec.Struct, frozen=True, kw_only=True):
    roots: tuple[SkillNode, ...] = ()

    def leaves(self) -> Iterator[tuple[tuple[str, ...], SkillNode]]:
        """Every skill leaf with the display names of the categories above it, depth first."""
        stack: list[tuple[tuple[str, ...], SkillNode]] = [((), n) for n in reversed(self.roots)]
        while stack:
            path, node = stack.pop()
            if node.is_category:
                sub = (*path, node.display_name)
                stack.extend((sub, child) for child in reversed(node.children))
            else:
                yield path, node

    def skill_names(self) -> frozenset[str]:
        return frozenset(leaf.key for _, leaf in self.leaves())

    def experts(self) -> dict[str, tuple[str, ...]]:
        """Skill name -> account ids of the people who hold it."""
        return {leaf.key: leaf.experts for _, leaf in self.leaves()}

    def skills(self) -> tuple[Skill, ...]:
        """The matrix columns: sibling leaves `"X - <level>"` fold into one leveled skill `X`."""
        order: list[tuple[tuple[str, ...], str]] = []
        levels: dict[tuple[tuple[str, ...], str], list[str]] = {}
        for path, leaf in self.leaves():
            base, level = split_level(leaf.key)
            slot = (path, base)
            if slot not in levels:
                order.append(slot)
                levels[slot] = []
            if level is not None and level not in levels[slot]:
                levels[slot].append(level)
        return tuple(
            Skill(name=base, path=path, levels=tuple(sorted(levels[(path, base)], key=level_rank)))
            for path, base in order
        )


class AddResult(msgspec.Struct, frozen=True, kw_only=True):
    added: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()


class RemoveResult(msgspec.Struct, frozen=True, kw_only=True):
    removed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


class UserChange(msgspec.Struct, frozen=True, kw_only=True):
    """What one user gains and loses in a bulk update."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.added and not self.removed

    def same_as(self, other: UserChange) -> bool:
        """Equal as sets: the server need not list names in our order."""
        return set(self.added) == set(other.added) and set(self.removed) == set(other.removed)


def change_between(old: Iterable[str], new: Iterable[str]) -> UserChange:
    """The change from `old` to `new`, each list in the order its set gives it."""
    old_list, new_list = list(dict.fromkeys(old)), list(dict.fromkeys(new))
    old_set, new_set = set(old_list), set(new_list)
    return UserChange(
        added=tuple(s for s in new_list if s not in old_set),
        removed=tuple(s for s in old_list if s not in new_set),
    )


def diff_sets(
    current: Mapping[str, Iterable[str]], proposed: Mapping[str, Iterable[str]]
) -> dict[str, UserChange]:
    """Per user named in `proposed`, the change from their current set; unchanged users left out."""
    out: dict[str, UserChange] = {}
    for account_id, new in proposed.items():
        change = change_between(current.get(account_id, ()), new)
        if not change.is_empty:
            out[account_id] = change
    return out


def same_changes(a: Mapping[str, UserChange], b: Mapping[str, UserChange]) -> bool:
    """Two `changes` maps agree, ignoring users whose change is empty and the order of names."""
    a_real = {k: v for k, v in a.items() if not v.is_empty}
    b_real = {k: v for k, v in b.items() if not v.is_empty}
    return a_real.keys() == b_real.keys() and all(a_real[k].same_as(b_real[k]) for k in a_real)


def level_held(held: Iterable[str], skill: Skill) -> str | None:
    """The highest level of `skill` in `held`; `""` when a plain skill is held; None when not held."""
    held_set = held if isinstance(held, (set, frozenset)) else set(held)
    if not skill.levels:
        return "" if skill.name in held_set else None
    best: str | None = None
    for level in skill.levels:
        if with_level(skill.name, level) in held_set:
            best = level
    return best


def set_level(held: Iterable[str], skill: Skill, level: str | None) -> tuple[str, ...]:
    """`held` with `skill` at `level` (None drops it; `""` holds a plain skill): every other
    level's name of that skill is removed, the new one added, other skills kept in order."""
    own = set(skill.names)
    kept = [s for s in dict.fromkeys(held) if s not in own]
    if level is None:
        return tuple(kept)
    if skill.levels and level not in skill.levels:
        raise ValueError(f"{skill.name!r} has no level {level!r}")
    return (*kept, with_level(skill.name, level or None))


class SkillsSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the matrix needs at once: the tree and every user's skills."""

    tree: SkillTree
    skills_by_account: dict[str, tuple[str, ...]]

    def held(self, account_id: str) -> tuple[str, ...]:
        return self.skills_by_account.get(account_id, ())
