"""Skill coverage: one line per skill — how many hold it at each level — with single points of
failure flagged. A line-API list like the matrix (500 skills cost what the screen shows).

Columns: the flag (`!!` nobody holds it, `!` one person does), the skill, its category path,
Beginner / Competent / Expert / Master counts (a plain skill's holders under `●`) and the total.
`enter` posts `Opened` with the skill's column index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from tui.models.skill_grid import Coverage
from tui.widgets.cursor_list import CURSOR_BINDINGS, CursorList
from tui.widgets.lines import fit_safe

__all__ = ["CoverageList"]

COUNTS = (("Beg", 1), ("Com", 2), ("Exp", 3), ("Mas", 4), ("●", 0))
COUNT_WIDTH = 4


def flag(cov: Coverage) -> str:
    return "!!" if cov.total == 0 else "! " if cov.total == 1 else "  "


class CoverageList(CursorList, can_focus=True, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "coverage--header",
        "coverage--cursor",
        "coverage--cursor-blurred",
        "coverage--none",
        "coverage--one",
        "coverage--path",
        "coverage--zero",
        "coverage--empty",
    }

    DEFAULT_CSS = """
    CoverageList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .coverage--header { background: $panel; color: $text; text-style: bold; }
        & > .coverage--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .coverage--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .coverage--none { color: $text-error; text-style: bold; }
        & > .coverage--one { color: $text-warning; text-style: bold; }
        & > .coverage--path { color: $text-muted; }
        & > .coverage--zero { color: $text-muted; }
        & > .coverage--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Opened(Message):
        def __init__(self, coverage: Coverage, column: int) -> None:
            super().__init__()
            self.coverage = coverage
            self.column = column

    class CursorMoved(Message):
        def __init__(self, coverage: Coverage | None, column: int | None) -> None:
            super().__init__()
            self.coverage = coverage
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: Sequence[tuple[int, Coverage]] = ()  # (skill column, coverage)
        self._cursor = 0
        self._styles: dict[str, Style] = {}  # resolved once per theme / CSS change, not per line

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        found = self._styles.get(name)
        if found is None:
            found = self.rich_style if name == "base" else self.get_component_rich_style(f"coverage--{name}")
            self._styles[name] = found
        return found

    def set_items(self, items: Sequence[tuple[int, Coverage]]) -> None:
        keep = self.current[0] if self.current else None
        self.items = items
        index = next((i for i, (col, _) in enumerate(items) if col == keep), self._cursor)
        self._cursor = max(0, min(index, len(items) - 1))
        self.virtual_size = Size(self.size.width, len(items) + 1)
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce()

    @property
    def current(self) -> tuple[int, Coverage] | None:
        return self.items[self._cursor] if 0 <= self._cursor < len(self.items) else None

    def _announce(self) -> None:
        found = self.current
        self.post_message(self.CursorMoved(found[1] if found else None, found[0] if found else None))

    def _row_total(self) -> int:
        return len(self.items)

    def _move_cursor(self, index: int) -> None:
        index = max(0, min(index, len(self.items) - 1))
        if index != self._cursor:
            self._cursor = index
            self._scroll_cursor_into_view()
            self.refresh()
            self._announce()

    def open_current(self) -> None:
        found = self.current
        if found is not None:
            self.post_message(self.Opened(found[1], found[0]))

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event.y)
        if index is not None:
            self._move_cursor(index)
            if event.chain >= 2:
                self.open_current()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.items) + 1)

    # -- rendering --------------------------------------------------------------------------

    def _widths(self, width: int) -> tuple[int, int]:
        rest = max(10, width - 3 - COUNT_WIDTH * (len(COUNTS) + 1) - 2)
        name = max(8, min(32, rest * 3 // 5))
        return name, max(0, rest - name)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        name_w, path_w = self._widths(width)
        if y == 0:
            style = self._style("header")
            text = "   " + fit_safe("Skill", name_w) + " " + fit_safe("Category", path_w)
            text += "".join(label.rjust(COUNT_WIDTH) for label, _ in COUNTS) + "All".rjust(COUNT_WIDTH)
            return Strip([Segment(fit_safe(text, width), style)], width)
        index = round(self.scroll_offset.y) + y - 1
        if not 0 <= index < len(self.items):
            if index == 0:
                empty = self._style("empty")
                return Strip([Segment(fit_safe("   No skill matches the filter.", width), empty)], width)
            return Strip.blank(width, self._style("base"))
        _, cov = self.items[index]
        base = self._style("base")
        if index == self._cursor:
            base = base + self._style("cursor" if self.has_focus else "cursor-blurred")
        mark = flag(cov)
        flag_style = self._fg("none" if cov.total == 0 else "one") if cov.total <= 1 else Style()
        segments = [
            Segment(" " + mark, base + flag_style),
            Segment(fit_safe(cov.skill.name, name_w) + " ", base),
            Segment(fit_safe(" › ".join(cov.skill.path), path_w), base + self._fg("path")),
        ]
        for _, rank in COUNTS:
            applies = bool(cov.skill.levels) == (rank > 0)
            if not applies:
                segments.append(Segment(" " * COUNT_WIDTH, base))
                continue
            n = cov.by_rank[rank]
            segments.append(Segment(str(n).rjust(COUNT_WIDTH), base + (self._fg("zero") if n == 0 else Style())))
        segments.append(Segment(str(cov.total).rjust(COUNT_WIDTH), base + flag_style))
        return Strip(segments, width).extend_cell_length(width, base).crop(0, width)

    def _fg(self, name: str) -> Style:
        key = "fg:" + name
        found = self._styles.get(key)
        if found is None:
            style = self.get_component_rich_style(f"coverage--{name}", partial=True)
            found = self._styles[key] = Style(color=style.color, bold=style.bold)
        return found
