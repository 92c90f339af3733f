"""The results table's columns: what each shows for an issue, how wide it is, how it sorts.

Pure functions over `IssueSummary` (no Textual): the table asks a column for a cell's plain
text and a style class, and for a sort key. Every string from the server passes `safe_line`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tui.models import IssueSummary
from tui.render.safe import safe_line

__all__ = [
    "COLUMNS",
    "DEFAULT_COLUMNS",
    "Column",
    "columns_from_names",
    "key_sort",
    "layout",
    "relative_time",
]

SortKey = tuple[int, Any]


@dataclass(frozen=True)
class Column:
    """One column. `width` 0 means "takes the room left over" (the summary)."""

    id: str
    title: str
    width: int
    drop_rank: int  # when the terminal is narrow, the highest rank is hidden first
    text: Callable[[IssueSummary, datetime], str]
    sort_key: Callable[[IssueSummary], SortKey]
    style_class: Callable[[IssueSummary], str] | None = None


def _present(value: Any) -> SortKey:
    """Missing values sort after present ones whichever way the column is ordered."""
    return (1, "") if value in (None, "") else (0, value)


def key_sort(key: str) -> tuple[str, int]:
    """`ABC-12` sorts before `ABC-101`: by project, then by number."""
    project, _, number = key.rpartition("-")
    return (project, int(number)) if number.isdigit() else (key, 0)


_PRIORITY_RANK = {
    name: rank
    for rank, names in enumerate(
        (
            ("highest", "blocker"),
            ("high", "critical"),
            ("medium", "major"),
            ("low", "minor"),
            ("lowest", "trivial"),
        )
    )
    for name in names
}
_CATEGORY_RANK = {"new": 0, "indeterminate": 1, "done": 2, "undefined": 3}


def relative_time(when: datetime | date | None, now: datetime) -> str:
    """A short age: `now`, `5m`, `3h`, `2d`, `3w`, `4mo`, `2y` (the fixed clock keeps tests stable)."""
    if when is None:
        return ""
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day, tzinfo=UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = int((now - when).total_seconds())
    future = seconds < 0
    seconds = abs(seconds)
    for size, unit in (
        (31_536_000, "y"),
        (2_592_000, "mo"),
        (604_800, "w"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
    ):
        if seconds >= size:
            age = f"{seconds // size}{unit}"
            return f"in {age}" if future else age
    return "now"


def _status_class(issue: IssueSummary) -> str:
    return f"status-{issue.status_category}"


def _date_text(attribute: str) -> Callable[[IssueSummary, datetime], str]:
    def text(issue: IssueSummary, now: datetime) -> str:
        return relative_time(getattr(issue, attribute), now)

    return text


def _inert(value: str) -> str:
    """`safe_line(value)`; it changes only characters that are not printable, so printable
    text (nearly every cell) skips its regular expressions."""
    return value if value.isprintable() else safe_line(value)


def _plain(attribute: str) -> Callable[[IssueSummary, datetime], str]:
    def text(issue: IssueSummary, now: datetime) -> str:
        return _inert(str(getattr(issue, attribute) or ""))

    return text


def _sorted_by(attribute: str) -> Callable[[IssueSummary], SortKey]:
    def sort_key(issue: IssueSummary) -> SortKey:
        value = getattr(issue, attribute)
        return _present(value.casefold() if isinstance(value, str) else value)

    return sort_key


COLUMNS: dict[str, Column] = {
    column.id: column
    for column in (
        Column("key", "Key", 10, 0, _plain("key"), lambda i: (0, key_sort(i.key))),
        Column("type", "Type", 8, 5, _plain("issuetype"), _sorted_by("issuetype")),
        Column(
            "priority",
            "Priority",
            8,
            4,
            _plain("priority"),
            lambda i: _present(
                _PRIORITY_RANK.get(i.priority.casefold(), 5) if i.priority else None
            ),
            lambda i: f"priority-{_PRIORITY_RANK.get(i.priority.casefold(), 5)}",
        ),
        Column(
            "status",
            "Status",
            12,
            1,
            _plain("status"),
            lambda i: (_CATEGORY_RANK[i.status_category], i.status.casefold()),
            _status_class,
        ),
        Column("summary", "Summary", 0, 0, _plain("summary"), _sorted_by("summary")),
        Column("assignee", "Assignee", 14, 2, _plain("assignee"), _sorted_by("assignee")),
        Column("reporter", "Reporter", 14, 6, _plain("reporter"), _sorted_by("reporter")),
        Column("updated", "Updated", 7, 3, _date_text("updated"), _sorted_by("updated")),
        Column("created", "Created", 7, 6, _date_text("created"), _sorted_by("created")),
        Column("duedate", "Due", 7, 6, _date_text("duedate"), _sorted_by("duedate")),
        Column("resolution", "Resolution", 10, 6, _plain("resolution"), _sorted_by("resolution")),
        Column("project", "Project", 8, 6, _plain("project_key"), _sorted_by("project_key")),
        Column(
            "labels",
            "Labels",
            14,
            6,
            lambda i, now: _inert(", ".join(i.labels)),
            lambda i: _present(",".join(i.labels).casefold()),
        ),
    )
}

DEFAULT_COLUMNS: tuple[str, ...] = (
    "key",
    "type",
    "priority",
    "status",
    "summary",
    "assignee",
    "updated",
)

MIN_FLEX_WIDTH = 20
SELECTION_GUTTER = 2  # the cursor and selection marks before each row


def columns_from_names(names: Sequence[str] | None) -> tuple[Column, ...]:
    """The profile's column list (unknown names ignored); the summary is always shown."""
    chosen = [COLUMNS[name] for name in (names or DEFAULT_COLUMNS) if name in COLUMNS]
    if not any(column.width == 0 for column in chosen):
        chosen.append(COLUMNS["summary"])
    return tuple(dict.fromkeys(chosen))


def layout(
    columns: Sequence[Column], width: int, widths: Mapping[str, int] | None = None
) -> list[tuple[Column, int]]:
    """Fit `columns` into `width` cells: hide the least useful ones until the summary has room.

    `widths` overrides a column's width (the key column fits the longest key shown).
    """
    sizes = {c.id: (widths or {}).get(c.id, c.width) if c.width else 0 for c in columns}
    shown = list(columns)

    def fixed(cols: list[Column]) -> int:
        return SELECTION_GUTTER + sum(sizes[c.id] + 1 for c in cols if sizes[c.id])

    while width - fixed(shown) < MIN_FLEX_WIDTH:
        droppable = [c for c in shown if c.drop_rank > 0]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.drop_rank))
    flex = max(width - fixed(shown), 1)
    return [(column, sizes[column.id] or flex) for column in shown]
