"""The skills matrix: people down, skills across under their categories, drawn line by line.

A widget on Textual's line API: only the lines on screen are built (`render_line`), and of each
line only the columns that fit, so 2,000 people by 500 skills costs what 40 by 30 does. It
scrolls itself (the first row and column shown are its own state, not Textual's scroll offset),
so scrolling repaints this widget alone with no layout pass; the header says where you are
(`Person 120/1804`). A cursor move repaints the two rows it touches and the labels, no more.

The three header lines stay put: the top category, the sub-category, and a short label per skill
(the info line under the matrix gives the full name). A cell is the level's letter — B, C, E, M
(Beginner .. Master), `●` for a plain skill — coloured by level, blank when not held; a staged
change carries `*` (a staged removal shows `-*`). A collapsed category is one column counting
the person's skills in it. The letters and marks keep everything readable without colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.skill_columns import CELL, MatrixColumn, MatrixRow, cell_text, find_index, fit

__all__ = ["HEADER_LINES", "SkillMatrix"]

HEADER_LINES = 3
NAME_WIDTH = (12, 26)  # the people column fits the longest name shown, within these bounds
GUTTER = 2  # cursor mark and staged mark before each name


class SkillMatrix(Widget, can_focus=True, inherit_bindings=False):
    """Posts `CursorMoved` as the cursor moves; the screen does the editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1, 0)", "Down", show=False),
        Binding("k,up", "move(-1, 0)", "Up", show=False),
        Binding("l,right", "move(0, 1)", "Right", show=False),
        Binding("h,left", "move(0, -1)", "Left", show=False),
        Binding("g,home", "first_row", "First person", show=False),
        Binding("G,end", "last_row", "Last person", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("right_square_bracket", "group(1)", "Next category", show=False),
        Binding("left_square_bracket", "group(-1)", "Previous category", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "skill-matrix--header",
        "skill-matrix--group",
        "skill-matrix--subgroup",
        "skill-matrix--label",
        "skill-matrix--label-cursor",
        "skill-matrix--name",
        "skill-matrix--cursor-row",
        "skill-matrix--cursor",
        "skill-matrix--cursor-blurred",
        "skill-matrix--level-0",
        "skill-matrix--level-1",
        "skill-matrix--level-2",
        "skill-matrix--level-3",
        "skill-matrix--level-4",
        "skill-matrix--count",
        "skill-matrix--staged",
        "skill-matrix--empty",
    }

    DEFAULT_CSS = """
    SkillMatrix {
        height: 1fr;
        & > .skill-matrix--header { background: $panel; color: $text; }
        & > .skill-matrix--group { background: $panel; color: $text; text-style: bold; }
        & > .skill-matrix--subgroup { background: $panel; color: $text-muted; }
        & > .skill-matrix--label { background: $panel; color: $text-muted; }
        & > .skill-matrix--label-cursor { background: $accent; color: $text; text-style: bold; }
        & > .skill-matrix--name { color: $text; }
        & > .skill-matrix--cursor-row { background: $boost; }
        & > .skill-matrix--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .skill-matrix--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .skill-matrix--level-0 { color: $text; }
        & > .skill-matrix--level-1 { color: $text-muted; }
        & > .skill-matrix--level-2 { color: $text-primary; }
        & > .skill-matrix--level-3 { color: $text-success; text-style: bold; }
        & > .skill-matrix--level-4 { color: $text-warning; text-style: bold; }
        & > .skill-matrix--count { color: $text-secondary; }
        & > .skill-matrix--staged { text-style: underline; }
        & > .skill-matrix--empty { color: $text-muted; text-style: italic; }
    }
    """

    class CursorMoved(Message):
        def __init__(self, matrix: SkillMatrix) -> None:
            super().__init__()
            self.matrix = matrix

    def __init__(self, *, empty_text: str = "Nobody holds a skill yet.", id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_text = empty_text
        self.rows: Sequence[MatrixRow] = ()
        self.columns: Sequence[MatrixColumn] = ()
        self._cells: Mapping[str, Mapping[int, int]] = {}
        self._staged: Mapping[str, frozenset[int]] = {}
        self._row = 0
        self._col = 0
        self._col0 = 0  # the first column shown
        self._top = 0  # the first row shown
        self._name_width = NAME_WIDTH[0]
        self._styles: dict[str, Style] = {}  # resolved once per theme / CSS change, not per line

    # -- data -------------------------------------------------------------------------------

    def set_matrix(
        self,
        rows: Sequence[MatrixRow],
        columns: Sequence[MatrixColumn],
        cells: Mapping[str, Mapping[int, int]],
        staged: Mapping[str, frozenset[int]],
    ) -> None:
        """Show these rows and columns; the cursor stays on the same person and skill if shown.

        `cells`: account id -> skill column -> rank (0 a plain skill, 1..4 a level), staged
        edits included; `staged`: account id -> the skill columns with a staged change.
        """
        keep_row, keep_col = self.current_row, self.current_column
        self.rows, self.columns, self._cells, self._staged = rows, columns, cells, staged
        longest = max((cell_len(r.name) for r in rows), default=NAME_WIDTH[0])
        self._name_width = max(NAME_WIDTH[0], min(longest, NAME_WIDTH[1]))
        self._row = find_index(rows, keep_row, lambda r: r.account_id, self._row)
        self._col = find_index(columns, keep_col, lambda c: (c.skill, c.path), self._col)
        self._scroll_into_view()
        self.refresh()
        self.post_message(self.CursorMoved(self))

    def update_cells(self, cells: Mapping[str, Mapping[int, int]], staged: Mapping[str, frozenset[int]]) -> None:
        """New cell values for the same rows and columns (an edit was staged or undone)."""
        self._cells, self._staged = cells, staged
        self.refresh()
        self.post_message(self.CursorMoved(self))

    @property
    def current_row(self) -> MatrixRow | None:
        return self.rows[self._row] if 0 <= self._row < len(self.rows) else None

    @property
    def current_column(self) -> MatrixColumn | None:
        return self.columns[self._col] if 0 <= self._col < len(self.columns) else None

    @property
    def cursor(self) -> tuple[int, int]:
        return self._row, self._col

    def move_to(self, row: int, col: int) -> None:
        self._move(row, col)

    # -- geometry ---------------------------------------------------------------------------

    @property
    def _gutter(self) -> int:
        return GUTTER + self._name_width + 1

    @property
    def _visible_columns(self) -> int:
        return max(1, (self.size.width - self._gutter) // CELL)

    @property
    def _page_height(self) -> int:
        return max(1, self.size.height - HEADER_LINES)

    def _scroll_into_view(self) -> bool:
        """Keep the cursor on screen; True when the view moved (everything must repaint)."""
        moved = False
        shown = self._visible_columns
        # Sideways the view jumps half a screen, so walking along a row repaints it seldom.
        if not self._col0 <= self._col < self._col0 + shown:
            self._col0, moved = self._col - shown // 2, True
        self._col0 = max(0, min(self._col0, max(0, len(self.columns) - shown)))
        page = self._page_height
        top = self._top
        if self._row < top:
            top = self._row
        elif self._row >= top + page:
            top = self._row - page + 1
        top = max(0, min(top, max(0, len(self.rows) - page)))
        if top != self._top:
            self._top, moved = top, True
        return moved

    def _move(self, row: int, col: int) -> None:
        row = max(0, min(row, len(self.rows) - 1))
        col = max(0, min(col, len(self.columns) - 1))
        if (row, col) == (self._row, self._col):
            return
        old_row = self._row
        self._row, self._col = row, col
        if self._scroll_into_view():
            self.refresh()
        else:
            top = self._top
            width = self.size.width
            # Only what changed: the two rows and the label line.
            for r in {old_row, row}:
                self.refresh(Region(0, HEADER_LINES + r - top, width, 1))
            self.refresh(Region(0, HEADER_LINES - 1, width, 1))  # labels, and "Person 12/1804"
        self.post_message(self.CursorMoved(self))

    # -- actions ----------------------------------------------------------------------------

    def action_move(self, rows: int, cols: int) -> None:
        self._move(self._row + rows, self._col + cols)

    def action_first_row(self) -> None:
        self._move(0, self._col)

    def action_last_row(self) -> None:
        self._move(len(self.rows) - 1, self._col)

    def action_page(self, direction: int) -> None:
        self._move(self._row + direction * self._page_height, self._col)

    def action_group(self, direction: int) -> None:
        """The first column of the next (or this / the previous) top category."""
        if not self.columns:
            return
        here = self.columns[self._col].path[:1]
        col = self._col
        if direction > 0:
            while col < len(self.columns) - 1 and self.columns[col].path[:1] == here:
                col += 1
        else:
            if col > 0 and self.columns[col - 1].path[:1] != here:
                col -= 1
            group = self.columns[col].path[:1]
            while col > 0 and self.columns[col - 1].path[:1] == group:
                col -= 1
        self._move(self._row, col)

    # -- events -----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER_LINES:
            return
        row = self._top + event.y - HEADER_LINES
        col = self._col if event.x < self._gutter else self._col0 + (event.x - self._gutter) // CELL
        if 0 <= row < len(self.rows) and 0 <= col < len(self.columns):
            self._move(row, col)

    def on_resize(self) -> None:
        self._scroll_into_view()
        self.refresh()

    def _scroll_rows(self, delta: int) -> None:
        """The mouse wheel: the view moves, the cursor stays where it is in the list."""
        top = max(0, min(self._top + delta, max(0, len(self.rows) - self._page_height)))
        if top != self._top:
            self._top = top
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll_rows(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll_rows(-3)

    # -- rendering --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        found = self._styles.get(name)
        if found is None:
            if name == "base":
                found = self.rich_style
            else:
                found = self.get_component_rich_style(f"skill-matrix--{name}")
            self._styles[name] = found
        return found

    def _fg(self, name: str) -> Style:
        # A cell's own colour only sets the foreground: the row's background shows through.
        key = "fg:" + name
        found = self._styles.get(key)
        if found is None:
            style = self.get_component_rich_style(f"skill-matrix--{name}", partial=True)
            found = Style(color=style.color, bold=style.bold, underline=style.underline, dim=style.dim)
            self._styles[key] = found
        return found

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < HEADER_LINES:
            return self._header(y, width)
        index = self._top + y - HEADER_LINES
        if 0 <= index < len(self.rows):
            return self._row_strip(index, width)
        if index == 0:
            return Strip([Segment(fit("  " + self.empty_text, width), self._style("empty"))], width)
        return Strip.blank(width, self._style("base"))

    def _shown(self, width: int) -> range:
        shown = max(1, (width - self._gutter) // CELL)
        return range(self._col0, min(len(self.columns), self._col0 + shown))

    def _header(self, y: int, width: int) -> Strip:
        base = self._style("header")
        if y == HEADER_LINES - 1:
            where = f" {self._row + 1}/{len(self.rows)}" if self.rows else ""
            segments = [Segment(fit(" Person" + where, self._gutter), base)]
            label, cursor = self._style("label"), self._style("label-cursor")
            for col in self._shown(width):
                text = fit(self.columns[col].label, CELL - 1) + " "
                segments.append(Segment(text, cursor if col == self._col else label))
            return Strip(segments, width).extend_cell_length(width, base).crop(0, width)
        depth = y  # 0: top category, 1: sub-category
        style = self._style("group" if depth == 0 else "subgroup")
        segments = [Segment(" " * self._gutter, base)]
        shown = list(self._shown(width))
        start = 0
        while start < len(shown):
            col = shown[start]
            key = self.columns[col].path[: depth + 1]
            end = start
            while end + 1 < len(shown) and self.columns[shown[end + 1]].path[: depth + 1] == key:
                end += 1
            span = (end - start + 1) * CELL
            name = key[depth] if len(key) > depth else ""
            if depth == 1 and self.columns[col].collapsed:
                name = "(collapsed)"
            text = f"{name} " if name else ""
            segments.append(Segment(fit(text + "─" * max(0, span - cell_len(text) - 1), span - 1) + " ", style))
            start = end + 1
        return Strip(segments, width).extend_cell_length(width, base).crop(0, width)

    def _row_strip(self, index: int, width: int) -> Strip:
        row = self.rows[index]
        on_row = index == self._row
        staged = self._staged.get(row.account_id, frozenset())
        name = self._cached("fg:name", on_row)
        marker = ("›" if on_row else " ") + ("*" if staged else " ")
        base = self._cached("", on_row)
        segments = [Segment(marker, base), Segment(fit(row.name, self._name_width) + " ", name)]
        cells = self._cells.get(row.account_id, {})
        columns = self.columns
        # Runs of cells in the same style become one segment (most cells are blank).
        run_text: list[str] = []
        run_key = ""
        for col in self._shown(width):
            text, key = cell_text(columns[col], cells, staged)
            if on_row and col == self._col:
                key += "+cursor"
            if key != run_key and run_text:
                segments.append(Segment("".join(run_text), self._cached(run_key, on_row)))
                run_text = []
            run_key = key
            run_text.append(text)
        if run_text:
            segments.append(Segment("".join(run_text), self._cached(run_key, on_row)))
        return Strip(segments, width).extend_cell_length(width, base).crop(0, width)

    def _cached(self, key: str, on_row: bool) -> Style:
        """The style of a cell kind (`fg:level-3`, `fg:staged+fg:level-3`, `...+cursor`) on a
        row, built once: adding Styles per cell is most of a line's cost otherwise."""
        full = f"{key}@{on_row}"
        found = self._styles.get(full)
        if found is None:
            found = self._style("base")
            if on_row:
                found = found + self._style("cursor-row")
            for part in key.split("+"):
                if part == "cursor":
                    found = found + self._style("cursor" if self.has_focus else "cursor-blurred")
                elif part.startswith("fg:"):
                    found = found + self._fg(part[3:])
            self._styles[full] = found
        return found

    def on_focus(self) -> None:
        self._styles.clear()  # the cursor's style follows focus
        self.refresh()

    def on_blur(self) -> None:
        self._styles.clear()
        self.refresh()

