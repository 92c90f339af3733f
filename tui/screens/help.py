"""`?`: every binding of the screen underneath, from the focused widget outwards.

Read from Textual's own binding chain (`Screen.active_bindings`), so it is never out of date:
a binding added to any screen or widget shows here with its description, grouped by where it
applies (the focused widget, the screen, everywhere).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

__all__ = ["HelpScreen", "binding_rows"]

Row = tuple[str, str, str]  # keys, what it does, where


def _where(node: DOMNode) -> str:
    if isinstance(node, Screen):
        return "This screen"
    if node is node.app:
        return "Everywhere"
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", type(node).__name__)
    return " ".join(words).capitalize()


def binding_rows(screen: Screen[Any]) -> list[Row]:
    """(keys, what it does, where) for each distinct action reachable from the screen's focus."""
    app = screen.app
    grouped: dict[tuple[int, str], tuple[list[str], str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        slot = (id(active.node), binding.action)
        says = binding.tooltip or binding.description
        keys = grouped.setdefault(slot, ([], says, _where(active.node)))[0]
        shown = app.get_key_display(Binding(key, binding.action))
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description, where) for keys, description, where in grouped.values()]


def render_rows(rows: list[Row]) -> Text:
    """Groups in order of appearance; keys in a column wide enough for the longest."""
    width = max((cell_len(keys) for keys, _, _ in rows), default=0) + 2
    text = Text()
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row[2], []).append(row)
    for n, (where, members) in enumerate(groups.items()):
        if n:
            text.append("\n")
        text.append(f"{where}\n", style="bold underline")
        for keys, description, _ in members:
            text.append(keys.ljust(width), style="bold")
            text.append(f"{description}\n")
    text.rstrip()
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self._rows = binding_rows(screen)
        self._title = str(screen.title or type(screen).__name__.removesuffix("Screen"))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = f"Keys — {self._title}"
            body.border_subtitle = "escape closes"
            yield Static(render_rows(self._rows), id="help-table")
