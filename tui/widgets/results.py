"""The search results table: a virtualised list on Textual's line API.

Only the rows on screen are ever built, so ten thousand results scroll as smoothly as ten.
Rows are `IssueSummary` records in server order (`ResultRows`); the table keeps its own sorted
view, a cursor, and a selection (by issue key, so they survive re-sorting and refreshes).
This module holds the keys, the messages and the rows' API; the drawing is `ResultsView`
(`results_view.py`). Streamed pages are appended with work in proportion to the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message

from tui.models import IssueSummary
from tui.widgets.columns import SELECTION_GUTTER
from tui.widgets.cursor_list import CURSOR_BINDINGS
from tui.widgets.results_view import ResultsView

__all__ = ["ResultsTable"]


class ResultsTable(ResultsView, can_focus=True, inherit_bindings=False):
    """Issues in rows. `enter` opens one, `space` selects, `s`/`S` sort."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
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

    @property
    def rows(self) -> tuple[IssueSummary, ...]:
        """The rows in the order shown."""
        return tuple(self._rows.view)

    @property
    def row_count(self) -> int:
        return len(self._rows.view)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_issue(self) -> IssueSummary | None:
        view = self._rows.view
        return view[self._cursor] if view else None

    @property
    def cursor_key(self) -> str | None:
        issue = self.cursor_issue
        return issue.key if issue is not None else None

    @property
    def selected_keys(self) -> tuple[str, ...]:
        """Selected issues in the order shown."""
        if not self._selected:
            return ()
        return tuple(row.key for row in self._rows.view if row.key in self._selected)

    def holds(self, rows: list[IssueSummary]) -> bool:
        """Whether the table holds exactly these rows, in the server's order."""
        return self._rows.holds(rows)

    def set_rows(self, rows: Iterable[IssueSummary]) -> None:
        """Replace every row (a new search, or fresh data replacing a cached copy).

        The cursor stays on the same issue when it is still there; the selection keeps the
        issues that are still there.
        """
        keep = self.cursor_key
        self._rows.replace(rows)
        self._painter.clear()
        self._rows_changed(keep)

    def append_rows(self, rows: Iterable[IssueSummary]) -> None:
        """Add a streamed page; keys already present are updated in place instead.

        Costs work in proportion to the page; rows on screen are not drawn again unless the
        page changed or reached them (a page landing below the view updates the scrollbar only).
        """
        keep = self.cursor_key
        grown_from = len(self._rows)
        changed = self._rows.append(rows)
        if changed is None:
            return
        if self._rows.sort_column is not None or not self._grow(grown_from, changed):
            self._rows_changed(keep, prune=False)

    def update_rows(self, rows: Iterable[IssueSummary]) -> None:
        """Replace the rows for these issues (after a change), leaving the rest alone."""
        keep = self.cursor_key
        if self._rows.update(rows):
            self._rows_changed(keep)

    def set_empty_text(self, text: str) -> None:
        """What shows when there are no rows ("Searching…", "No issues match.")."""
        self.empty_text = text
        if not self._rows.view:
            self.refresh()

    def clear_selection(self) -> None:
        if self._selected:
            self._selected.clear()
            self._selection_changed()

    def select(self, keys: Iterable[str]) -> None:
        self._selected.update(k for k in keys if k in self._rows.index)
        self._selection_changed()

    def move_to(self, key: str) -> bool:
        """Put the cursor on `key`; False when it is not among the rows."""
        index = self._rows.index.get(key)
        if index is None:
            return False
        self._move_cursor(index)
        return True

    def step(self, key: str, delta: int) -> str | None:
        """The issue `delta` rows from `key` (the issue view's `]` / `[`); moves the cursor there."""
        index = self._rows.index.get(key)
        if index is None:
            index = self._cursor
        target = index + delta
        if not 0 <= target < len(self._rows):
            return None
        self._move_cursor(target)
        return self._rows.view[target].key

    def sort_by(self, column: str | None, reverse: bool = False) -> None:
        keep = self.cursor_key
        self._rows.sort_by(next((c for c in self.columns if c.id == column), None), reverse)
        self._rows_changed(keep, prune=False)
        self.post_message(self.Sorted(self, self.sort_label))

    @property
    def sort_label(self) -> str:
        column = self._rows.sort_column
        if column is None:
            return ""
        return f"{column.title} {'▼' if self.sort_reverse else '▲'}"

    # -- internals --------------------------------------------------------------------------

    def _rows_changed(self, keep_key: str | None, *, prune: bool = True) -> None:
        """After rows were replaced, re-sorted or updated: the key column's width, the
        scrollable size, the cursor (kept on `keep_key`), the selection (`prune`: only keys
        still here), and a repaint of the whole table."""
        rows = self._rows
        self._fit_key_column()
        before = len(self._selected)
        if prune and self._selected:
            self._selected &= rows.index.keys()
        self.virtual_size = Size(0, len(rows) + 1)
        cursor = rows.index.get(keep_key, self._cursor) if keep_key else 0
        cursor = max(0, min(cursor, len(rows) - 1))
        if cursor != self._cursor:
            self._cursor = cursor
            self.post_message(self.CursorMoved(self, self.cursor_key, cursor))
        self._scroll_cursor_into_view()
        self.refresh()
        if len(self._selected) != before:
            self._selection_changed()

    def _selection_changed(self, index: int | None = None) -> None:
        if index is None:
            self.refresh()
        else:
            self._refresh_row(index)
        self.post_message(self.SelectionChanged(self, self.selected_keys))

    def _move_cursor(self, index: int) -> None:
        if not self._rows.view:
            return
        index = max(0, min(index, len(self._rows) - 1))
        old = self._cursor
        self._cursor = index
        scrolled = self._scroll_cursor_into_view()
        if index != old and not scrolled:
            # Only the two lines whose cursor mark changed are drawn again.
            self._refresh_row(old)
            self._refresh_row(index)
        self.post_message(self.CursorMoved(self, self.cursor_key, index))

    # -- actions ----------------------------------------------------------------------------

    def action_open(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Opened(self, key))

    def action_toggle_select(self) -> None:
        key = self.cursor_key
        if key is None:
            return
        self._selected.symmetric_difference_update({key})
        self._selection_changed(self._cursor)
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
        index = self._row_at(event.y)
        if index is not None:
            self._move_cursor(index)
            if event.chain >= 2:
                self.action_open()

    # -- rendering --------------------------------------------------------------------------
