"""What the skills matrix shows, as text: its columns (a skill, or a folded category), its rows
(people), the three characters of a cell, and the columns a filter and folding leave.

Pure helpers for `tui.widgets.skill_matrix` and the Skills screen; no Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from tui.models.skill_grid import LETTERS
from tui.models.skills import Skill
from tui.widgets.lines import fit_safe as fit

__all__ = ["CELL", "MatrixColumn", "MatrixRow", "build_columns", "cell_text", "find_index", "fit", "matches", "short_label"]

T = TypeVar("T")
CELL = 3  # cells per skill column


@dataclass(frozen=True)
class MatrixColumn:
    """A shown column: one skill (`skill` is its index in the grid) or a collapsed category."""

    label: str  # at most CELL - 1 cells, under the category headers
    title: str  # the full name, for the info line
    path: tuple[str, ...]
    skill: int | None = None
    members: frozenset[int] = frozenset()  # a collapsed category: the skill columns it folds

    @property
    def collapsed(self) -> bool:
        return self.skill is None


@dataclass(frozen=True)
class MatrixRow:
    account_id: str
    name: str


def short_label(name: str) -> str:
    """Two cells for a column header: initials of a multi-word name, else its first letters."""
    words = [w for w in re.split(r"[\s\-/&.]+", name) if w]
    text = "".join(w[0] for w in words) if len(words) > 1 else name
    return text[: CELL - 1]


def matches(words: list[str], haystack: str) -> bool:
    return all(w in haystack for w in words)


def build_columns(skills: tuple[Skill, ...], query: str, collapsed: set[str]) -> list[MatrixColumn]:
    """The shown columns: skills matching `query` (name or category), categories in `collapsed`
    (top-level names) folded into one column each."""
    words = query.casefold().split()
    out: list[MatrixColumn] = []
    folded: dict[str, set[int]] = {}
    for col, skill in enumerate(skills):
        if words and not matches(words, f"{skill.name} {' '.join(skill.path)}".casefold()):
            continue
        top = skill.path[0] if skill.path else ""
        if top in collapsed:
            if top not in folded:
                folded[top] = set()
                out.append(MatrixColumn(label="▸", title=top, path=(top,)))
            folded[top].add(col)
            continue
        out.append(MatrixColumn(label=short_label(skill.name), title=skill.name, path=skill.path, skill=col))
    return [
        MatrixColumn(label=c.label, title=c.title, path=c.path, members=frozenset(folded[c.title]))
        if c.collapsed else c
        for c in out
    ]


def cell_text(column: MatrixColumn, cells: Mapping[int, int], staged: frozenset[int]) -> tuple[str, str]:
    """A cell's three characters and its style key."""
    if column.skill is None:
        n = sum(1 for c in cells if c in column.members)
        mark = "*" if staged & column.members else " "
        return f" {(str(n) if n < 10 else '+') if n else ' '}{mark}", "fg:count"
    rank = cells.get(column.skill)
    if column.skill in staged:
        if rank is None:
            return " -*", "fg:staged"
        return f" {LETTERS[rank]}*", f"fg:level-{rank}+fg:staged"
    if rank is None:
        return "   ", ""
    return f" {LETTERS[rank]} ", f"fg:level-{rank}"

def find_index(items: Sequence[T], wanted: T | None, key: Callable[[T], object], fallback: int) -> int:
    """The index of the item whose key equals `wanted`'s, else `fallback` within bounds."""
    if wanted is not None:
        target = key(wanted)
        for i, item in enumerate(items):
            if key(item) == target:
                return i
    return max(0, min(fallback, len(items) - 1))
