"""The results table's drawing: which line shows what, scrolling, and redrawing only what changed.

`ResultsView` is the line-API half of `ResultsTable` (`tui/widgets/results.py`, which adds the
keys, the messages and the rows' API). Only the rows on screen are built (`render_line`),
through `RowPainter`, which keeps drawn rows. A cursor key redraws the two lines whose mark
changed unless the view scrolls; a page appended below the view updates the scrollbar and no
row; the scrollbar is redrawn only when its thumb would look different.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui.widgets.columns import Column, columns_from_names, layout
from tui.widgets.cursor_list import CursorList
from tui.widgets.line_finish import LineFinisher, plain_box
from tui.widgets.line_scrollbar import LineScrollBar
from tui.widgets.result_rows import ResultRows
from tui.widgets.results_paint import RowPainter, same_thumb

__all__ = ["KEY_WIDTH", "Clock", "ResultsView"]

Clock = Callable[[], datetime]
KEY_WIDTH = (7, 16)  # the key column fits the longest key shown, within these bounds


class ResultsView(CursorList):
    """Rows, cursor and selection as drawn; the header is line 0 and does not scroll."""

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
        self._rows = ResultRows()
        self._selected: set[str] = set()
        self._cursor = 0
        self._fit_cache: tuple[int, list[tuple[Column, int]]] | None = None
        self._key_width = KEY_WIDTH[0]
        self._frame: tuple[int, int, datetime] | None = None
        self._finisher = LineFinisher()
        self._painter = RowPainter(
            lambda: self.rich_style,
            lambda name, partial: self.get_component_rich_style(name, partial=partial),
        )

    def _row_total(self) -> int:
        return len(self._rows)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own, made a `LineScrollBar`: a page key repaints the lines of the bar
        that change (one or two), not all of them."""
        if self._vertical_scrollbar is None:
            bar = LineScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    @property
    def sort_column(self) -> str | None:
        column = self._rows.sort_column
        return column.id if column is not None else None

    @property
    def sort_reverse(self) -> bool:
        return self._rows.sort_reverse

    def _grow(self, old_count: int, changed: int) -> bool:
        """Rows were appended in server order (unsorted) from `changed` on: update the size
        and repaint only the lines that show changed rows. False when that is not enough (the
        key column widened, or the scrollbar appears), and the caller repaints everything."""
        if not old_count or not self._fit_key_column(repaint=False):
            return False
        height = len(self._rows) + 1
        if not self.show_vertical_scrollbar or self.virtual_size.height <= self.size.height:
            return False  # the scrollbar may appear: a layout pass is needed
        # The table was already scrolling: only the scrollbar's proportions change, so the
        # size is set without Textual's layout pass and full repaint.
        self.set_reactive(ResultsView.virtual_size, Size(0, height))
        bar = self.vertical_scrollbar
        if same_thumb(bar, bar.position, bar.position, rows=(bar.window_virtual_size, height)):
            bar.set_reactive(ScrollBar.window_virtual_size, height)  # looks the same: no redraw
        else:
            bar.window_virtual_size = height
        top = round(self.scroll_offset.y)
        first = max(changed, top)
        last = min(len(self._rows), top + self._page_height)
        if first < last:
            self.refresh(Region(0, first - top + 1, self.size.width, last - first))
        return True

    def _fit_key_column(self, *, repaint: bool = True) -> bool:
        """The key column fits the longest key, within bounds. False when its width changed
        and `repaint` is off (the caller repaints everything)."""
        key_width = max(KEY_WIDTH[0], min(self._rows.longest_key, KEY_WIDTH[1]))
        if key_width == self._key_width:
            return True
        self._key_width = key_width
        self._fit_cache = None
        self._painter.clear()
        return repaint

    def _refresh_row(self, index: int) -> None:
        y = index - round(self.scroll_offset.y) + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self) -> None:
        self._fit_cache = None
        self._painter.clear()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter.clear_styles()

    def _layout(self) -> list[Column]:
        return [column for column, _ in self._layout_for(self.size.width)]

    def _layout_for(self, width: int) -> list[tuple[Column, int]]:
        if self._fit_cache is None or self._fit_cache[0] != width:
            self._fit_cache = (width, layout(self.columns, width, {"key": self._key_width}))
        return self._fit_cache[1]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if self.show_vertical_scrollbar and same_thumb(
            self.vertical_scrollbar, old_value, new_value
        ):
            # The bar would draw the same: keep its position without redrawing it.
            bar = self.vertical_scrollbar
            bar.set_reactive(ScrollBar.position, bar.validate_position(new_value))
            if round(old_value) != round(new_value):
                self.refresh(self.size.region)
            return
        super().watch_scroll_y(old_value, new_value)

    def _set_dirty(self, *regions: Region) -> None:
        # Textual's one place for "these lines must be painted again" (refresh, resize).
        finisher: LineFinisher | None = getattr(self, "_finisher", None)
        if finisher is not None:
            finisher.forget_lines()
        super()._set_dirty(*regions)

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line of a frame shares, found once a frame rather than once a line.
        self._frame = (
            self.scrollable_content_region.width,
            round(self.scroll_offset.y),
            self.clock(),
        )
        try:
            if plain_box(self):  # Textual's own steps, kept per drawn row (line_finish.py)
                return self._finisher.render_lines(self, crop, self.render_line)
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        width, top, now = self._frame or (
            self.scrollable_content_region.width,
            round(self.scroll_offset.y),
            self.clock(),
        )
        if y == 0:
            cells = self._layout_for(width)
            return self._painter.header(cells, width, self.sort_column, self.sort_reverse)
        index = top + y - 1
        view = self._rows.view
        if index < len(view):
            issue = view[index]
            cursor = index == self._cursor
            return self._painter.row(
                issue,
                cursor=cursor,
                focused=cursor and self.has_focus,
                selected=issue.key in self._selected,
                cells=self._layout_for(width),
                width=width,
                now=now,
            )
        if index == 0:
            return self._painter.empty(self.empty_text, width)
        return Strip.blank(width, self.rich_style)
