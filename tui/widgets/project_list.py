"""The projects list: a virtualised table on Textual's line API, as the search results are.

Only the rows on screen are built (`render_line`), so two thousand projects scroll as easily as
five. Columns: key, name, type, category, lead, issue count (where the server counts); on a
narrow terminal type, then category, then lead give way to the name. Recently viewed projects
come first, marked `★` in the gutter. Every string from the server passes `safe_line`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from tui.models import Project
from tui.models.project_detail import PROJECT_TYPES
from tui.render.safe import safe_line
from tui.widgets.cursor_list import CURSOR_BINDINGS, CursorList
from tui.widgets.lines import fit

__all__ = ["ProjectList", "type_label"]

GUTTER = 3  # the cursor mark, the recent mark, a space
MIN_NAME = 20
KEY_WIDTH = (4, 12)


def type_label(type_key: str) -> str:
    return PROJECT_TYPES.get(type_key, type_key.replace("_", " ").capitalize())


@dataclass(frozen=True)
class _Column:
    id: str
    title: str
    width: int  # 0: the room left over
    drop_rank: int  # hidden first when narrow: the highest
    text: Callable[[Project], str]
    right: bool = False


COLUMNS: tuple[_Column, ...] = (
    _Column("key", "Key", 0, 0, lambda p: safe_line(p.key)),
    _Column("name", "Name", 0, 0, lambda p: safe_line(p.name)),
    _Column("type", "Type", 12, 3, lambda p: safe_line(type_label(p.type_key))),
    _Column(
        "category", "Category", 12, 2, lambda p: safe_line(p.category.name) if p.category else ""
    ),
    _Column("lead", "Lead", 18, 1, lambda p: safe_line(p.lead.display_name) if p.lead else ""),
    _Column(
        "issues",
        "Issues",
        7,
        0,
        lambda p: f"{p.issue_count:,}" if p.issue_count is not None else "",
        right=True,
    ),
)


def layout(width: int, key_width: int) -> list[tuple[_Column, int]]:
    """Fit the columns into `width`: drop the least useful until the name has room."""
    sizes = {c.id: c.width for c in COLUMNS}
    sizes["key"] = key_width
    shown = list(COLUMNS)

    def fixed() -> int:
        return GUTTER + sum(sizes[c.id] + 1 for c in shown if c.id != "name")

    while width - fixed() < MIN_NAME:
        droppable = [c for c in shown if c.drop_rank > 0]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.drop_rank))
    return [(c, sizes[c.id] if c.id != "name" else max(width - fixed(), 1)) for c in shown]


class ProjectList(CursorList, can_focus=True, inherit_bindings=False):
    """Projects in rows; `enter` opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("enter", "open", "Open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "project-list--header",
        "project-list--cursor",
        "project-list--cursor-blurred",
        "project-list--key",
        "project-list--recent",
        "project-list--empty",
    }

    DEFAULT_CSS = """
    ProjectList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .project-list--header { text-style: bold; background: $panel; color: $text; }
        & > .project-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .project-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .project-list--key { color: $text-primary; }
        & > .project-list--recent { color: $text-warning; }
        & > .project-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Opened(Message):
        def __init__(self, widget: ProjectList, key: str) -> None:
            super().__init__()
            self.widget = widget
            self.key = key

    class CursorMoved(Message):
        def __init__(self, widget: ProjectList, key: str | None, index: int) -> None:
            super().__init__()
            self.widget = widget
            self.key = key
            self.index = index

    def __init__(
        self, *, empty_text: str = "No projects.", name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.empty_text = empty_text
        self._rows: list[Project] = []
        self._recent: frozenset[str] = frozenset()
        self._index: dict[str, int] = {}
        self._cursor = 0
        self._key_width = KEY_WIDTH[0]
        self._fit_cache: tuple[int, list[tuple[_Column, int]]] | None = None

    # -- data -------------------------------------------------------------------------------

    @property
    def rows(self) -> tuple[Project, ...]:
        return tuple(self._rows)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_project(self) -> Project | None:
        return self._rows[self._cursor] if self._rows else None

    @property
    def cursor_key(self) -> str | None:
        project = self.cursor_project
        return project.key if project else None

    def set_rows(self, rows: Iterable[Project], recent: Iterable[str] = ()) -> None:
        """Replace the rows (already in order); the cursor stays on its project when it can."""
        keep = self.cursor_key
        self._rows = list(rows)
        self._recent = frozenset(recent)
        self._index = {p.key: i for i, p in enumerate(self._rows)}
        longest = max((cell_len(p.key) for p in self._rows), default=KEY_WIDTH[0])
        key_width = max(KEY_WIDTH[0], min(longest, KEY_WIDTH[1]))
        if key_width != self._key_width:
            self._key_width = key_width
            self._fit_cache = None
        self.virtual_size = Size(0, len(self._rows) + 1)
        cursor = self._index.get(keep, self._cursor) if keep else 0
        cursor = max(0, min(cursor, len(self._rows) - 1))
        if cursor != self._cursor or keep != self.cursor_key:
            self._cursor = cursor
            self.post_message(self.CursorMoved(self, self.cursor_key, cursor))
        self._scroll_cursor_into_view()
        self.refresh()

    def move_to(self, key: str) -> bool:
        index = self._index.get(key)
        if index is None:
            return False
        self._move_cursor(index)
        return True

    # -- cursor -----------------------------------------------------------------------------

    def _row_total(self) -> int:
        return len(self._rows)

    def _move_cursor(self, index: int) -> None:
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.CursorMoved(self, self.cursor_key, index))

    def action_open(self) -> None:
        if self._rows:
            self.post_message(self.Opened(self, self._rows[self._cursor].key))

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event.y)
        if index is not None:
            self._move_cursor(index)
            if event.chain >= 2:
                self.action_open()

    def on_resize(self) -> None:
        self._fit_cache = None
        self._scroll_cursor_into_view()

    # -- rendering --------------------------------------------------------------------------

    def _layout(self, width: int) -> list[tuple[_Column, int]]:
        if self._fit_cache is None or self._fit_cache[0] != width:
            self._fit_cache = (width, layout(width, self._key_width))
        return self._fit_cache[1]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = round(self.scroll_offset.y) + y - 1
        if index < len(self._rows):
            return self._row(index, width)
        if index == 0:
            style = self.get_component_rich_style("project-list--empty")
            return Strip([Segment(fit("  " + self.empty_text, width), style)], width)
        return Strip.blank(width, self.rich_style)

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("project-list--header")
        segments = [Segment(" " * GUTTER, style)]
        cells = self._layout(width)
        for n, (column, cell_width) in enumerate(cells):
            segments.append(Segment(fit(column.title, cell_width, right=column.right), style))
            if n < len(cells) - 1:
                segments.append(Segment(" ", style))
        return Strip(segments, width).extend_cell_length(width, style)

    def _row(self, index: int, width: int) -> Strip:
        project = self._rows[index]
        base = self.rich_style
        if index == self._cursor:
            cursor = "project-list--cursor" if self.has_focus else "project-list--cursor-blurred"
            row_style = base + self.get_component_rich_style(cursor)
        else:
            row_style = base
        recent = project.key in self._recent
        recent_style = row_style + self.get_component_rich_style(
            "project-list--recent", partial=True
        )
        segments = [
            Segment("›" if index == self._cursor else " ", row_style),
            Segment("★" if recent else " ", recent_style if recent else row_style),
            Segment(" ", row_style),
        ]
        cells = self._layout(width)
        key_style = row_style + self.get_component_rich_style("project-list--key", partial=True)
        for n, (column, cell_width) in enumerate(cells):
            style = key_style if column.id == "key" else row_style
            segments.append(
                Segment(fit(column.text(project), cell_width, right=column.right), style)
            )
            if n < len(cells) - 1:
                segments.append(Segment(" ", row_style))
        return Strip(segments, width).extend_cell_length(width, row_style)
