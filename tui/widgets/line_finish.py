"""Textual's last steps for a line of a plain line-API widget, kept per drawn `Strip`.

For every line a widget paints, Textual's `StylesCache` fits the line to the content width,
adds borders, padding, tint and opacity when there are any, makes a new `Strip`, and runs the
app's line filters (which make another). Each new `Strip` then misses the caches the
compositor keeps on a strip (its cuts, its escape sequences), so a page of 37 rows cost ~2 ms
of this even when every row was drawn before. A widget with none of those box styles gets
exactly the same strips from `LineFinisher`, which keeps the finished strip of each drawn
strip it is given: a row drawn before costs a look-up, and the compositor's caches on the
finished strip hit too. Like `StylesCache`, it hands out its last render again until the
widget is marked dirty (every frame asks every widget for its lines, also when only the status
line changed). `tests/pilot/test_results_finish.py` checks that the lines are the ones Textual
paints; `test_results_redraw.py` that the screen is a full redraw's after every key.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

__all__ = ["LineFinisher", "plain_box"]

MAX_KEPT = 2048  # finished lines kept: a few screens' worth


def plain_box(widget: Widget) -> bool:
    """Whether the widget's lines are its content, fitted and filtered, and nothing more:
    no border, padding, outline, hatch, tint, opacity or border title, no link hovered."""
    styles = widget.styles
    if (
        styles.gutter
        or any(edge for edge, _ in styles.outline)
        or styles.tint.a
        or widget.opacity != 1.0
        or styles.text_opacity != 1.0
        or (styles.has_rule("hatch") and styles.hatch != "none")
        or widget._border_title is not None
        or widget._border_subtitle is not None
    ):
        return False
    hover = widget.hover_style
    return not (widget.auto_links and hover._link_id and hover._meta)


class LineFinisher:
    """Finished lines of one widget, by the drawn strip they came from (the very object)."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[Strip, Strip]] = {}
        self._context: tuple[object, ...] | None = None
        # The last whole render, handed out again until the widget is marked dirty: every
        # frame asks every widget for its lines, also when only another widget changed.
        self._last: tuple[Region, list[Strip]] | None = None

    def clear(self) -> None:
        self._kept.clear()
        self._last = None

    def forget_lines(self) -> None:
        """The widget was marked dirty (call from its `_set_dirty`): render its lines again."""
        self._last = None

    def render_lines(
        self, widget: Widget, crop: Region, render_line: Callable[[int], Strip]
    ) -> list[Strip]:
        """`widget.render_lines(crop)` as Textual's `StylesCache` renders it for a plain box
        (`plain_box(widget)`), each line drawn by `render_line(y)`."""
        width = widget.size.width
        content_width = widget.content_region.width
        base_background, background = widget.background_colors
        inner = widget._styles_cache.get_inner_outer(base_background, background)[0].rich_style
        filters = tuple(widget.get_line_filters())
        context = (width, content_width, inner, background, filters)
        if context != self._context or len(self._kept) > MAX_KEPT:
            self._kept.clear()
            self._context = context
            self._last = None
        if self._last is not None and self._last[0] == crop:
            return list(self._last[1])
        kept = self._kept
        lines: list[Strip] = []
        for y in crop.line_range:
            drawn = render_line(y)
            entry = kept.get(id(drawn))
            if entry is not None and entry[0] is drawn:
                lines.append(entry[1])
                continue
            strip = _finish(drawn, content_width, width, inner, background, filters)
            kept[id(drawn)] = (drawn, strip)
            lines.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            lines = [strip.crop(x1, x2) for strip in lines]
        self._last = (crop, lines)
        return list(lines)


def _finish(
    drawn: Strip,
    content_width: int,
    width: int,
    inner: Style,
    background: Color,
    filters: tuple[LineFilter, ...],
) -> Strip:
    strip = Strip(drawn.adjust_cell_length(content_width, inner), width)
    for line_filter in filters:
        strip = strip.apply_filter(line_filter, background)
    return strip
