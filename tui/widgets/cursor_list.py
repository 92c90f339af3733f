"""The cursor of the line-API lists (results, projects, skill coverage): one implementation.

A list whose line 0 is a header and whose rows carry a cursor: the keys that move it (each
list binds them), keeping it in view, the row under a click, and a redraw when focus comes or
goes (the cursor's colour says which).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.scroll_view import ScrollView

__all__ = ["CURSOR_BINDINGS", "CursorList"]

CURSOR_BINDINGS: list[BindingType] = [  # each list's BINDINGS start with these
    Binding("j,down", "cursor(1)", "Down", show=False),
    Binding("k,up", "cursor(-1)", "Up", show=False),
    Binding("g,home", "first", "First", show=False),
    Binding("G,end", "last", "Last", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
]


class CursorList(ScrollView):
    """A line-API list whose line 0 is a header and whose rows carry a cursor: the keys that
    move it (bound by each list), keeping it in view, the row under a click, and a redraw
    when focus comes or goes (the cursor's colour says which). A list keeps `_cursor`, says
    how many rows it has (`_row_total`) and moves the cursor its own way (`_move_cursor`)."""

    _cursor: int = 0

    def _row_total(self) -> int:
        raise NotImplementedError

    def _move_cursor(self, index: int) -> None:
        raise NotImplementedError

    @property
    def _page_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor row shows; True when the view moved (and so is redrawn)."""
        top = round(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + self._page_height:
            self.scroll_to(y=self._cursor - self._page_height + 1, animate=False, immediate=True)
        return round(self.scroll_offset.y) != top

    def _row_at(self, y: int) -> int | None:
        """The row shown on line `y` of the widget, if any (line 0 is the header)."""
        index = round(self.scroll_offset.y) + y - 1
        return index if y > 0 and 0 <= index < self._row_total() else None

    def action_cursor(self, delta: int) -> None:
        self._move_cursor(self._cursor + delta)

    def action_first(self) -> None:
        self._move_cursor(0)

    def action_last(self) -> None:
        self._move_cursor(self._row_total() - 1)

    def action_page(self, direction: int) -> None:
        self._move_cursor(self._cursor + direction * self._page_height)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
