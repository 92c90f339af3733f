"""The Skills tests' ground truth, read from the sandbox's own state (not through the app).

`columns(sandbox)`: the matrix's columns as the tree gives them — leaves in tree order, the
leveled leaves `X - <level>` folded into one column `X`, each with its category path.
`expected_glyph(held, column)`: what a person should see in a cell. `screen_matrix(text)`: the
matrix as shown, read back from the screen's text (names and the cell letters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.sandbox.app import Sandbox
from tui.sandbox.skills import state_of_sandbox
from tui.sandbox.skills.state import Category

LEVEL_LETTERS = {"Beginner": "B", "Competent": "C", "Expert": "E", "Master": "M"}


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]
    levels: tuple[str, ...]


def columns(sandbox: Sandbox) -> list[Column]:
    out: dict[tuple[tuple[str, ...], str], list[str]] = {}

    def walk(node: Category, path: tuple[str, ...]) -> None:
        here = (*path, node.name)
        for child in node.children:
            if isinstance(child, Category):
                walk(child, here)
                continue
            base, _, level = child.rpartition(" - ")
            if base and level in LEVEL_LETTERS:
                out.setdefault((here, base), []).append(level)
            else:
                out.setdefault((here, child), [])

    for root in state_of_sandbox(sandbox).roots:
        walk(root, ())
    order = list(LEVEL_LETTERS)
    return [
        Column(name, path, tuple(sorted(levels, key=order.index)))
        for (path, name), levels in out.items()
    ]


def expected_glyph(held: list[str], column: Column) -> str:
    if not column.levels:
        return "●" if column.name in held else " "
    best = " "
    for level in column.levels:
        if f"{column.name} - {level}" in held:
            best = LEVEL_LETTERS[level]
    return best


def names(sandbox: Sandbox) -> dict[str, str]:
    """Account id -> display name, for everyone holding a skill."""
    users = sandbox.world.users
    return {a: users[a].display_name for a in state_of_sandbox(sandbox).held}


def people_order(sandbox: Sandbox) -> list[str]:
    """Account ids in the order the matrix lists them: by display name."""
    shown = names(sandbox)
    return sorted(shown, key=lambda a: (shown[a].casefold(), a))


def screen_matrix(text: str) -> list[tuple[str, str]]:
    """(name, cell glyphs) for each matrix row on screen, read below the ` Person` label line."""
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith(" Person"))
    gutter = re.match(r" Person( \d+/\d+)?\s+", lines[head])
    assert gutter is not None
    start = gutter.end()
    labels = lines[head][start:]
    shown = (len(labels.strip()) + 2) // 3
    rows = []
    for line in lines[head + 1 :]:
        if line[:2].strip(" ›*") or not line[2:start].strip():
            break
        padded = line.ljust(start + 3 * shown)
        rows.append(
            (line[2:start].strip(), "".join(padded[start + 3 * k + 1] for k in range(shown)))
        )
    return rows


def open_issues(sandbox: Sandbox, account_id: str) -> int:
    world = sandbox.world
    return sum(
        1
        for issue in world.issues.values()
        if issue.assignee == account_id and world.statuses[issue.status_id].category != "done"
    )
