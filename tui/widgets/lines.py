"""What the line-API lists share: text cut or padded to a width, and styles resolved once.

The results table, the project list, the skills matrix and the coverage list draw their rows
with Textual's line API. `fit` makes one cell's text exactly `width` cells wide; `fit_safe`
first makes text from the server inert (`safe_line`). `StyleCache` resolves a widget's
component-class styles once per theme or CSS change instead of once per line or cell.
No Textual here (`tui/widgets/cursor_list.py` holds the lists' shared cursor keys).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.style import Style

from tui.render.safe import safe_line

__all__ = ["StyleCache", "fit", "fit_safe", "foreground"]


def fit(text: str, width: int, *, right: bool = False) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells (`right`: padded on
    the left)."""
    if width <= 0:
        return ""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)
    if length == width:
        return text
    if right:
        return " " * (width - length) + text
    return text + " " * (width - length) if text.isascii() else set_cell_size(text, width)


def fit_safe(text: str, width: int) -> str:
    """`fit` of server text made inert first (names, summaries from the server)."""
    return fit(safe_line(text), width)


def foreground(style: Style) -> Style:
    """Only what a cell's colour class sets (colour, bold, dim, underline), so a row's cursor
    or selection background shows through."""
    return Style(color=style.color, bold=style.bold, dim=style.dim, underline=style.underline)


class StyleCache:
    """Styles by name, resolved by `resolve(name)` on first use and kept until `clear()`
    (call it from the widget's `notify_style_update`: a theme or CSS change)."""

    def __init__(self, resolve: Callable[[str], Style]) -> None:
        self._resolve = resolve
        self._styles: dict[str, Style] = {}

    def __call__(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self._resolve(name)
        return style

    def clear(self) -> None:
        self._styles.clear()
