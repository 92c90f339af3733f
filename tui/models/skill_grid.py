"""The skills matrix as data: columns, who holds what at which level, coverage, staged edits. Pure.

`SkillGrid` indexes a `SkillsSnapshot` once (every skill name -> its column and level), so the
matrix widget asks "what does this person hold in column 37" in O(1), for 2,000 people by 500
skills. `coverage` counts holders per level and flags the skills one person or nobody holds.
`StagedEdits` keeps the complete new skill sets of the people being edited, beside the sets they
were staged from, so the diff and the one bulk update follow from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tui.models.skills import (
    LEVELS,
    Skill,
    SkillsSnapshot,
    UserChange,
    change_between,
    diff_sets,
    level_held,
    level_rank,
    set_level,
    split_level,
    with_level,
)

PLAIN = 0  # the rank of a plain skill (held, no level); levels are 1 (Beginner) .. 4 (Master)
LETTERS = {PLAIN: "●", 1: "B", 2: "C", 3: "E", 4: "M"}


def level_of_rank(rank: int) -> str:
    """`""` for a plain skill, else the level's name."""
    return LEVELS[rank - 1] if rank > PLAIN else ""


@dataclass(frozen=True)
class Coverage:
    """How many hold one skill, at each level (`by_rank[0]` counts a plain skill's holders)."""

    skill: Skill
    by_rank: tuple[int, int, int, int, int]
    holders: tuple[tuple[str, int], ...]  # (account id, rank), highest level first

    @property
    def total(self) -> int:
        return sum(self.by_rank)


class SkillGrid:
    """Columns (the tree's skills, in tree order, each under its category path) and an index
    from every skill name to its column and level rank."""

    def __init__(self, snapshot: SkillsSnapshot) -> None:
        self.snapshot = snapshot
        self.skills: tuple[Skill, ...] = snapshot.tree.skills()
        self.index: dict[str, tuple[int, int]] = {}
        for col, skill in enumerate(self.skills):
            if skill.levels:
                for level in skill.levels:
                    self.index[with_level(skill.name, level)] = (col, level_rank(level))
            else:
                self.index[skill.name] = (col, PLAIN)

    def cells(self, held: Iterable[str]) -> dict[int, int]:
        """Column -> rank for one person's skill names (the highest level when several are held);
        names the tree does not know are left out."""
        out: dict[int, int] = {}
        for name in held:
            found = self.index.get(name)
            if found is not None:
                col, rank = found
                if rank >= out.get(col, -1):
                    out[col] = rank
        return out

    def coverage(self, skills_by_account: Mapping[str, Iterable[str]]) -> list[Coverage]:
        """Per column, in column order."""
        counts = [[0, 0, 0, 0, 0] for _ in self.skills]
        holders: list[list[tuple[str, int]]] = [[] for _ in self.skills]
        for account_id, held in skills_by_account.items():
            for col, rank in self.cells(held).items():
                counts[col][rank] += 1
                holders[col].append((account_id, rank))
        return [
            Coverage(
                skill=skill,
                by_rank=(c[0], c[1], c[2], c[3], c[4]),
                holders=tuple(sorted(h, key=lambda item: -item[1])),
            )
            for skill, c, h in zip(self.skills, counts, holders, strict=True)
        ]

    def by_category(self, held: Iterable[str]) -> dict[tuple[str, ...], list[tuple[Skill, int]]]:
        """One person's skills grouped by category path, in tree order."""
        cells = self.cells(held)
        out: dict[tuple[str, ...], list[tuple[Skill, int]]] = {}
        for col in sorted(cells):
            skill = self.skills[col]
            out.setdefault(skill.path, []).append((skill, cells[col]))
        return out


def step_level(skill: Skill, current: str | None, step: int) -> str | None:
    """The level one step up (`step` > 0) or down from `current` (None: not held, `""`: a plain
    skill held). Up from not held is the lowest level; down from the lowest is not held."""
    ladder: list[str | None] = [None, *(skill.levels or ("",))]
    at = ladder.index(current) if current in ladder else 0
    return ladder[max(0, min(len(ladder) - 1, at + step))]


def toggled(skill: Skill, current: str | None) -> str | None:
    """Held -> not held; not held -> the lowest level (or held, for a plain skill)."""
    if current is not None:
        return None
    return skill.levels[0] if skill.levels else ""


@dataclass
class StagedEdits:
    """Edits not sent yet: each edited person's complete new set and the set it was staged from.

    A person whose staged set comes back to where it started is no longer staged.
    """

    base: dict[str, tuple[str, ...]] = field(default_factory=dict)
    staged: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.staged)

    def effective(self, account_id: str, current: Iterable[str]) -> tuple[str, ...]:
        """What the person will hold once the staged edits apply."""
        return self.staged.get(account_id, tuple(current))

    def set_level(self, account_id: str, current: Iterable[str], skill: Skill, level: str | None) -> None:
        """Stage `skill` at `level` (None drops it) for the person now holding `current`."""
        if account_id not in self.base:
            self.base[account_id] = tuple(current)
        new = set_level(self.effective(account_id, current), skill, level)
        if set(new) == set(self.base[account_id]):
            self.staged.pop(account_id, None)
            self.base.pop(account_id, None)
        else:
            self.staged[account_id] = new

    def unstage(self, account_id: str, skill: Skill) -> None:
        """Put `skill` back as the person had it when staging began."""
        if account_id in self.base:
            self.set_level(account_id, self.base[account_id], skill, level_held(self.base[account_id], skill))

    def columns(self, index: Mapping[str, tuple[int, int]]) -> dict[str, frozenset[int]]:
        """Per staged person, the grid columns (`SkillGrid.index`) whose names change."""
        out: dict[str, frozenset[int]] = {}
        for account_id, new in self.staged.items():
            change = change_between(self.base[account_id], new)
            out[account_id] = frozenset(index[n][0] for n in (*change.added, *change.removed) if n in index)
        return out

    def diff(self) -> dict[str, UserChange]:
        """Who gains and loses what."""
        return diff_sets(self.base, self.staged)

    def clear(self) -> None:
        self.base.clear()
        self.staged.clear()


def describe_name(name: str) -> str:
    """`"Python - Expert"` -> `"Python (Expert)"` for people to read."""
    base, level = split_level(name)
    return f"{base} ({level})" if level else base
