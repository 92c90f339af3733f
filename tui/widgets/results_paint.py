"""How the results table draws a line: the header, a row, the empty message; rows kept drawn.

A row's `Strip` depends on the issue, whether the cursor is on it (and the table focused),
whether it is selected, the width, and the time (ages like "2d"). Drawn strips are kept by
(issue key, state, width), checked against the very issue object they were drawn from, and
dropped on a style or layout change, when the minute turns, or when there are too many, so a
cursor key redraws two lines from the cache instead of every visible row from scratch. Styles
are resolved once per theme (`StyleCache`), not per cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui.models import IssueSummary
from tui.widgets.columns import SELECTION_GUTTER, Column
from tui.widgets.line_scrollbar import bar_lines
from tui.widgets.lines import StyleCache, fit, foreground

__all__ = ["RowPainter", "same_thumb"]

Cells = Sequence[tuple[Column, int]]
MAX_KEPT = 1024  # drawn rows kept: a few screens' worth, whatever the terminal's height


class RowPainter:
    """Draws the table's lines with the widget's styles: `base()` is the widget's own style,
    `component(name, partial)` a component class's (`results--cursor`, ...)."""

    def __init__(self, base: Callable[[], Style], component: Callable[[str, bool], Style]) -> None:
        self._base = base
        self._component = component
        self._row_styles = StyleCache(self._resolve_row)
        self._cell_styles: dict[tuple[str, str], Style] = {}
        self._fg = StyleCache(lambda name: foreground(component(f"results--{name}", True)))
        self._kept: dict[tuple[str, str, bool, int], tuple[IssueSummary, Strip]] = {}
        self._minute: int | None = None
        self._header: tuple[tuple[object, ...], Strip] | None = None

    # -- what is kept -----------------------------------------------------------------------

    def clear(self) -> None:
        """Forget every drawn row (new rows, a resize, the key column's width)."""
        self._kept.clear()
        self._header = None

    def clear_styles(self) -> None:
        """The theme or the CSS changed: styles are resolved again, rows drawn again."""
        self._row_styles.clear()
        self._fg.clear()
        self._cell_styles.clear()
        self._kept.clear()
        self._header = None

    # -- styles -----------------------------------------------------------------------------

    def _resolve_row(self, state: str) -> Style:
        base = self._base()
        return base + self._component(f"results--{state}", False) if state else base

    def _cell(self, state: str, name: str) -> Style:
        style = self._cell_styles.get((state, name))
        if style is None:
            style = self._cell_styles[(state, name)] = self._row_styles(state) + self._fg(name)
        return style

    # -- lines ------------------------------------------------------------------------------

    def header(self, cells: Cells, width: int, sort_column: str | None, reverse: bool) -> Strip:
        # Kept: every scroll repaints the table, header line included.
        slot = (tuple((column.id, n) for column, n in cells), width, sort_column, reverse)
        if self._header is not None and self._header[0] == slot:
            return self._header[1]
        strip = self._draw_header(cells, width, sort_column, reverse)
        self._header = (slot, strip)
        return strip

    def _draw_header(
        self, cells: Cells, width: int, sort_column: str | None, reverse: bool
    ) -> Strip:
        style = self._component("results--header", False)
        sorted_style = style + self._fg("sorted")
        runs = _Runs(" " * SELECTION_GUTTER, style)
        used = SELECTION_GUTTER
        for n, (column, cell_width) in enumerate(cells):
            if column.id == sort_column:
                arrow = " ▼" if reverse else " ▲"
                title = column.title + arrow
                if cell_len(title) > cell_width:
                    title = fit(column.title, cell_width - 2) + arrow
                chosen = sorted_style
            else:
                title, chosen = column.title, style
            runs.add(fit(title, cell_width), chosen)
            used += cell_width
            if n < len(cells) - 1:
                runs.add(" ", style)
                used += 1
        if used < width:
            runs.add(" " * (width - used), style)
        return Strip(runs.segments(), max(used, width))

    def empty(self, text: str, width: int) -> Strip:
        return Strip(
            [Segment(fit("  " + text, width), self._component("results--empty", False))], width
        )

    def row(
        self,
        issue: IssueSummary,
        *,
        cursor: bool,
        focused: bool,
        selected: bool,
        cells: Cells,
        width: int,
        now: datetime,
    ) -> Strip:
        minute = int(now.timestamp() // 60)
        if minute != self._minute:  # ages ("5m") move on: draw again
            self._minute = minute
            self._kept.clear()
        if cursor:
            state = "cursor" if focused else "cursor-blurred"
        else:
            state = "selected" if selected else ""
        slot = (issue.key, state, selected, width)
        kept = self._kept.get(slot)
        if kept is not None and kept[0] is issue:
            return kept[1]
        strip = self._draw(issue, state, cursor, selected, cells, width, now)
        if len(self._kept) >= MAX_KEPT:
            self._kept.clear()
        self._kept[slot] = (issue, strip)
        return strip

    def _draw(
        self,
        issue: IssueSummary,
        state: str,
        cursor: bool,
        selected: bool,
        cells: Cells,
        width: int,
        now: datetime,
    ) -> Strip:
        row_style = self._row_styles(state)
        # The gutter marks the cursor and the selection in glyphs too, for NO_COLOR terminals.
        marker = ("›" if cursor else " ") + ("●" if selected else " ")
        runs = _Runs(marker, row_style)
        used = SELECTION_GUTTER
        last = len(cells) - 1
        for n, (column, cell_width) in enumerate(cells):
            if column.style_class is not None:
                style = self._cell(state, column.style_class(issue))
            elif column.id == "key":
                style = self._cell(state, "key")
            else:
                style = row_style
            runs.add(fit(column.text(issue, now), cell_width), style)
            used += cell_width
            if n < last:
                runs.add(" ", row_style)
                used += 1
        if used < width:  # padded here rather than by a second Strip
            runs.add(" " * (width - used), row_style)
        return Strip(runs.segments(), max(used, width))


class _Runs:
    """A line's text as one `Segment` per run of equal style rather than one per cell and gap.

    Every later step of a frame (Textual's line styling, filters, the compositor's cuts, the
    terminal's escape sequences) costs in proportion to the segments, and a full page is ~38
    lines of them. Styles are compared by identity first: each comes from the painter's caches.
    """

    __slots__ = ("_done", "_style", "_texts")

    def __init__(self, text: str, style: Style) -> None:
        self._done: list[Segment] = []
        self._texts = [text]
        self._style = style

    def add(self, text: str, style: Style) -> None:
        if style is self._style or style == self._style:
            self._texts.append(text)
        else:
            self._done.append(Segment("".join(self._texts), self._style))
            self._texts = [text]
            self._style = style

    def segments(self) -> list[Segment]:
        return [*self._done, Segment("".join(self._texts), self._style)]


def same_thumb(
    bar: ScrollBar, old: float, new: float, *, rows: tuple[float, float] | None = None
) -> bool:
    """Whether a vertical scrollbar draws the same at scroll positions `old` and `new` (and,
    given `rows`, with the scrollable height going from `rows[0]` to `rows[1]`).

    With thousands of rows the thumb moves by an eighth of a cell only every few dozen rows
    scrolled, or pages appended; redrawing the whole bar each time cost about as much as the
    rows themselves.
    """
    if bar.size.height <= 0:
        return False
    before, after = rows if rows is not None else (bar.window_virtual_size,) * 2
    return bar_lines(bar, old, before) == bar_lines(bar, new, after)
