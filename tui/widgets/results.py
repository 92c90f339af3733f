"""The search results table: a virtualised list on Textual's line API.

Only the rows on screen are ever built (`render_line`), so ten thousand results scroll as
smoothly as ten. Rows are `IssueSummary` records in server order; the table keeps its own sorted
view, a cursor, and a selection (by issue key, so they survive re-sorting and refreshes).
The header is line 0 of the widget and does not scroll.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.models import IssueSummary
from tui.widgets.columns import SELECTION_GUTTER, Column, columns_from_names, layout

__all__ = ["ResultsTable"]

Clock = Callable[[], datetime]
KEY_WIDTH = (7, 16)  # the key column fits the longest key shown, within these bounds


def _fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)
    return set_cell_size(text, width)


class ResultsTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Issues in rows. `enter` opens one, `space` selects, `s`/`S` sort."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "open", "Open"),
        Binding("space", "toggle_select", "Select"),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            tooltip="Sort by the next column (server order after the last)",
        ),
        Binding("S", "reverse_sort", "Reverse sort", show=False, tooltip="Reverse sort"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results--header",
        "results--sorted",
        "results--cursor",
        "results--cursor-blurred",
        "results--selected",
        "results--key",
        "results--empty",
        "results--status-new",
        "results--status-indeterminate",
        "results--status-done",
        "results--status-undefined",
        "results--priority-0",
        "results--priority-1",
        "results--priority-2",
        "results--priority-3",
        "results--priority-4",
        "results--priority-5",
    }

    DEFAULT_CSS = """
    ResultsTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .results--header { text-style: bold; background: $panel; color: $text; }
        & > .results--sorted { text-style: bold underline; }
        & > .results--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .results--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .results--selected { background: $primary 30%; text-style: bold; }
        & > .results--key { color: $text; }
        & > .results--empty { color: $text-muted; text-style: italic; }
        & > .results--status-new { color: $text-primary; }
        & > .results--status-indeterminate { color: $text-warning; }
        & > .results--status-done { color: $text-success; }
        & > .results--status-undefined { color: $text-muted; }
        & > .results--priority-0 { color: $text-error; text-style: bold; }
        & > .results--priority-1 { color: $text-error; }
        & > .results--priority-2 { color: $text-warning; }
        & > .results--priority-3 { color: $text-success; }
        & > .results--priority-4 { color: $text-muted; }
        & > .results--priority-5 { }
    }
    """

    class Opened(Message):
        """The person pressed `enter` (or double-clicked) on an issue."""

        def __init__(self, table: ResultsTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class CursorMoved(Message):
        def __init__(self, table: ResultsTable, key: str | None, index: int) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.index = index

    class SelectionChanged(Message):
        def __init__(self, table: ResultsTable, keys: tuple[str, ...]) -> None:
            super().__init__()
            self.table = table
            self.keys = keys

    class Sorted(Message):
        """The sort changed: `label` is e.g. "Updated ▼", empty for the server's order."""

        def __init__(self, table: ResultsTable, label: str) -> None:
            super().__init__()
            self.table = table
            self.label = label

    def __init__(
        self,
        *,
        columns: Sequence[str] | None = None,
        clock: Clock | None = None,
        empty_text: str = "No issues.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: tuple[Column, ...] = columns_from_names(columns)
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.empty_text = empty_text
        self.sort_column: str | None = None
        self.sort_reverse = False
        self._source: list[IssueSummary] = []
        self._view: list[IssueSummary] = []
        self._index: dict[str, int] = {}
        self._selected: set[str] = set()
        self._cursor = 0
        self._fit_cache: tuple[int, list[tuple[Column, int]]] | None = None
        self._key_width = KEY_WIDTH[0]

    # -- data -------------------------------------------------------------------------------

    @property
    def rows(self) -> tuple[IssueSummary, ...]:
        """The rows in the order shown."""
        return tuple(self._view)

    @property
    def row_count(self) -> int:
        return len(self._view)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_issue(self) -> IssueSummary | None:
        return self._view[self._cursor] if self._view else None

    @property
    def cursor_key(self) -> str | None:
        return self._view[self._cursor].key if self._view else None

    @property
    def selected_keys(self) -> tuple[str, ...]:
        """Selected issues in the order shown."""
        return tuple(row.key for row in self._view if row.key in self._selected)

    def set_rows(self, rows: Iterable[IssueSummary]) -> None:
        """Replace every row (a new search, or fresh data replacing a cached copy).

        The cursor stays on the same issue when it is still there; the selection keeps the
        issues that are still there.
        """
        keep = self.cursor_key
        self._source = list(rows)
        self._rebuild(keep)

    def append_rows(self, rows: Iterable[IssueSummary]) -> None:
        """Add a streamed page; keys already present are updated in place instead."""
        keep = self.cursor_key
        fresh = {row.key: row for row in rows}
        for i, row in enumerate(self._source):
            if row.key in fresh:
                self._source[i] = fresh.pop(row.key)
        self._source.extend(fresh.values())
        self._rebuild(keep)

    def update_rows(self, rows: Iterable[IssueSummary]) -> None:
        """Replace the rows for these issues (after a change), leaving the rest alone."""
        fresh = {row.key: row for row in rows}
        if not fresh:
            return
        self._source = [fresh.get(row.key, row) for row in self._source]
        self._rebuild(self.cursor_key)

    def set_empty_text(self, text: str) -> None:
        """What shows when there are no rows ("Searching…", "No issues match.")."""
        self.empty_text = text
        if not self._view:
            self.refresh()

    def clear_selection(self) -> None:
        if self._selected:
            self._selected.clear()
            self._selection_changed()

    def select(self, keys: Iterable[str]) -> None:
        self._selected.update(k for k in keys if k in self._index)
        self._selection_changed()

    def move_to(self, key: str) -> bool:
        """Put the cursor on `key`; False when it is not among the rows."""
        index = self._index.get(key)
        if index is None:
            return False
        self._move_cursor(index)
        return True

    def step(self, key: str, delta: int) -> str | None:
        """The issue `delta` rows from `key` (the issue view's `]` / `[`); moves the cursor there."""
        index = self._index.get(key)
        if index is None:
            index = self._cursor
        target = index + delta
        if not 0 <= target < len(self._view):
            return None
        self._move_cursor(target)
        return self._view[target].key

    def sort_by(self, column: str | None, reverse: bool = False) -> None:
        self.sort_column = column if column in {c.id for c in self.columns} else None
        self.sort_reverse = reverse if self.sort_column else False
        self._rebuild(self.cursor_key)
        self.post_message(self.Sorted(self, self.sort_label))

    @property
    def sort_label(self) -> str:
        column = next((c for c in self.columns if c.id == self.sort_column), None)
        if column is None:
            return ""
        return f"{column.title} {'▼' if self.sort_reverse else '▲'}"

    # -- internals --------------------------------------------------------------------------

    def _rebuild(self, keep_key: str | None) -> None:
        view = self._source
        column = next((c for c in self.columns if c.id == self.sort_column), None)
        if column is not None:
            view = sorted(view, key=column.sort_key, reverse=self.sort_reverse)
        self._view = list(view)
        self._index = {row.key: i for i, row in enumerate(self._view)}
        longest = max((len(key) for key in self._index), default=KEY_WIDTH[0])
        key_width = max(KEY_WIDTH[0], min(longest, KEY_WIDTH[1]))
        if key_width != self._key_width:
            self._key_width = key_width
            self._fit_cache = None
        before = len(self._selected)
        self._selected &= self._index.keys()
        self.virtual_size = Size(0, len(self._view) + 1)
        cursor = self._index.get(keep_key, self._cursor) if keep_key else 0
        cursor = max(0, min(cursor, len(self._view) - 1))
        if cursor != self._cursor:
            self._cursor = cursor
            self.post_message(self.CursorMoved(self, self.cursor_key, cursor))
        self._scroll_cursor_into_view()
        self.refresh()
        if len(self._selected) != before:
            self._selection_changed()

    def _selection_changed(self) -> None:
        self.refresh()
        self.post_message(self.SelectionChanged(self, self.selected_keys))

    def _move_cursor(self, index: int) -> None:
        if not self._view:
            return
        index = max(0, min(index, len(self._view) - 1))
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.CursorMoved(self, self.cursor_key, index))

    @property
    def _page_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + self._page_height:
            self.scroll_to(y=self._cursor - self._page_height + 1, animate=False, immediate=True)

    # -- actions ----------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self._move_cursor(self._cursor + delta)

    def action_first(self) -> None:
        self._move_cursor(0)

    def action_last(self) -> None:
        self._move_cursor(len(self._view) - 1)

    def action_page(self, direction: int) -> None:
        self._move_cursor(self._cursor + direction * self._page_height)

    def action_open(self) -> None:
        if self._view:
            self.post_message(self.Opened(self, self._view[self._cursor].key))

    def action_toggle_select(self) -> None:
        key = self.cursor_key
        if key is None:
            return
        self._selected.symmetric_difference_update({key})
        self._selection_changed()
        self._move_cursor(self._cursor + 1)

    def action_cycle_sort(self) -> None:
        """Sort by the next column (server order comes round after the last)."""
        ids = [c.id for c in self._layout()]
        if self.sort_column not in ids:
            self.sort_by(ids[0] if ids else None)
        elif ids.index(self.sort_column) + 1 < len(ids):
            self.sort_by(ids[ids.index(self.sort_column) + 1])
        else:
            self.sort_by(None)

    def action_reverse_sort(self) -> None:
        self.sort_by(self.sort_column or self.columns[0].id, not self.sort_reverse)

    # -- mouse ------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = SELECTION_GUTTER
            for column, width in self._layout_for(self.size.width):
                if x <= event.x < x + width + 1:
                    same = column.id == self.sort_column
                    self.sort_by(column.id, not self.sort_reverse if same else False)
                    return
                x += width + 1
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self._view):
            self._move_cursor(index)
            if event.chain >= 2:
                self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._fit_cache = None
        self._scroll_cursor_into_view()

    # -- rendering --------------------------------------------------------------------------

    def _layout(self) -> list[Column]:
        return [column for column, _ in self._layout_for(self.size.width)]

    def _layout_for(self, width: int) -> list[tuple[Column, int]]:
        if self._fit_cache is None or self._fit_cache[0] != width:
            self._fit_cache = (width, layout(self.columns, width, {"key": self._key_width}))
        return self._fit_cache[1]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = round(self.scroll_offset.y) + y - 1
        if index < len(self._view):
            return self._row(index, width)
        if index == 0:
            empty = self.get_component_rich_style("results--empty")
            return Strip([Segment(_fit("  " + self.empty_text, width), empty)], width)
        return Strip.blank(width, self.rich_style)

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("results--header")
        sorted_style = style + self._cell_style("sorted")
        segments = [Segment(" " * SELECTION_GUTTER, style)]
        cells = self._layout_for(width)
        for n, (column, cell_width) in enumerate(cells):
            if column.id == self.sort_column:
                arrow = " ▼" if self.sort_reverse else " ▲"
                title = column.title + arrow
                if cell_len(title) > cell_width:
                    title = _fit(column.title, cell_width - 2) + arrow
                chosen = sorted_style
            else:
                title, chosen = column.title, style
            segments.append(Segment(_fit(title, cell_width), chosen))
            if n < len(cells) - 1:
                segments.append(Segment(" ", style))
        return Strip(segments, width).extend_cell_length(width, style)

    def _row(self, index: int, width: int) -> Strip:
        issue = self._view[index]
        base = self.rich_style
        if index == self._cursor:
            cursor_class = "results--cursor" if self.has_focus else "results--cursor-blurred"
            row_style = base + self.get_component_rich_style(cursor_class)
        elif issue.key in self._selected:
            row_style = base + self.get_component_rich_style("results--selected")
        else:
            row_style = base
        # The gutter marks the cursor and the selection in glyphs too, for NO_COLOR terminals.
        marker = ("›" if index == self._cursor else " ") + (
            "●" if issue.key in self._selected else " "
        )
        segments = [Segment(marker, row_style)]
        now = self.clock()
        cells = self._layout_for(width)
        for n, (column, cell_width) in enumerate(cells):
            style = row_style
            if column.style_class is not None:
                style = row_style + self._cell_style(column.style_class(issue))
            elif column.id == "key":
                style = row_style + self._cell_style("key")
            segments.append(Segment(_fit(column.text(issue, now), cell_width), style))
            if n < len(cells) - 1:
                segments.append(Segment(" ", row_style))
        return Strip(segments, width).extend_cell_length(width, row_style)

    def _cell_style(self, name: str) -> Style:
        # Cell colours only set a foreground, so the row's cursor/selection background shows.
        style = self.get_component_rich_style(f"results--{name}", partial=True)
        return Style(color=style.color, bold=style.bold, dim=style.dim, underline=style.underline)
