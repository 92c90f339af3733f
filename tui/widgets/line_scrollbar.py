"""A vertical scrollbar that redraws only the lines whose look changed.

Textual's `ScrollBar` repaints all of itself whenever its position or proportions change, and
each repainted line goes through Textual's per-line styling and the compositor again. With
thousands of rows a page key moves the thumb by an eighth of a cell, which changes one or two
of its ~37 lines; this bar compares what it would draw before and after and marks only the
lines that differ, and draws its lines straight from the bar's segments (one per line) instead
of rendering them through Rich (the same strips; `tests/pilot/test_results_scrollbar.py`). Hover, grab, theme and size changes still repaint it whole (Textual's own
reactives and layout do that). The results table installs it (`ResultsView.vertical_scrollbar`).
"""

from __future__ import annotations

from math import ceil

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

__all__ = ["LineScrollBar", "bar_lines"]


def bar_lines(bar: ScrollBar, position: float, virtual: float) -> list[Segment]:
    """What a vertical `bar` draws, line by line, at scroll `position` with a scrollable
    height of `virtual` (colours aside: those change only with a whole repaint)."""
    window = bar.window_size if bar.window_size < virtual else 0
    return list(
        bar.renderer.render_bar(
            size=bar.size.height,
            virtual_size=ceil(virtual),
            window_size=ceil(window),
            position=bar.validate_position(position),
            thickness=bar.thickness,
            vertical=True,
        ).segments
    )


class LineScrollBar(ScrollBar):
    """`ScrollBar` (vertical) whose geometry changes repaint only the lines that changed."""

    # The same reactives as ScrollBar's, without the whole repaint on every change.
    window_virtual_size: Reactive[int] = Reactive(100, repaint=False)
    window_size: Reactive[int] = Reactive(0, repaint=False)
    position: Reactive[float] = Reactive(0, repaint=False)

    def __init__(
        self, vertical: bool = True, name: str | None = None, *, thickness: int = 1
    ) -> None:
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        self._drawn: list[Segment] | None = None
        # A line's strip by (glyph, style, widget style, width): the bar has a few kinds.
        self._strips: dict[tuple[str, Style | None, Style, int], Strip] = {}

    def watch_window_virtual_size(self) -> None:
        self._repaint_changed()

    def watch_window_size(self) -> None:
        self._repaint_changed()

    def watch_position(self) -> None:
        self._repaint_changed()

    def _repaint_changed(self) -> None:
        if not self.vertical or self.size.height <= 0:
            self._drawn = None
            self.refresh()
            return
        drawn = bar_lines(self, self.position, self.window_virtual_size)
        old, self._drawn = self._drawn, drawn
        if old is None or len(old) != len(drawn):
            self.refresh()
            return
        width = self.size.width
        for y, (before, after) in enumerate(zip(old, drawn, strict=True)):
            if before != after:
                self.refresh(Region(0, y, width, 1))

    def _render_content(self) -> None:
        """The bar's lines built directly: what Textual's Rich path makes of `render()` (each
        line's one segment under the widget's own style), without the Rich console."""
        renderer = self.render()
        style = renderer.style if isinstance(renderer, ScrollBarRender) else None
        if (
            not self.vertical
            or not isinstance(style, Style)
            or self.text_selection is not None
            or self.styles.content_align != ("left", "top")
        ):
            super()._render_content()
            return
        assert isinstance(renderer, ScrollBarRender)
        width, height = self.size
        bar = renderer.render_bar(
            size=height,
            virtual_size=renderer.virtual_size,
            window_size=renderer.window_size,
            position=renderer.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        base = self.visual_style.rich_style
        kept = self._strips
        if len(kept) > 64:  # a few glyphs in a few colours; more only across theme changes
            kept.clear()
        lines = []
        for text, line_style, _ in bar.segments:
            key = (text, line_style, base, width)
            strip = kept.get(key)
            if strip is None:
                styled = base + line_style if base else line_style
                strip = kept[key] = Strip([Segment(text, styled)], width)
            lines.append(strip)
        self._render_cache = type(self._render_cache)(self.size, lines)
        self._dirty_regions.clear()
