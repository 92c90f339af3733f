"""`?`: every binding of the screen underneath, from the focused widget outwards.

Read from Textual's own binding chain (`Screen.active_bindings`), so it is never out of date:
a binding added to any screen or widget shows here with its description.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

__all__ = ["HelpScreen", "binding_rows"]


def _where(node: DOMNode) -> str:
    if isinstance(node, Screen):
        return "this screen"
    if node is node.app:
        return "everywhere"
    return type(node).__name__


def binding_rows(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(keys, what it does, where) for each distinct action reachable from the screen's focus."""
    app = screen.app
    grouped: dict[tuple[int, str], tuple[list[str], str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        slot = (id(active.node), binding.action)
        keys = grouped.setdefault(slot, ([], binding.description, _where(active.node)))[0]
        shown = app.get_key_display(Binding(key, binding.action, key_display=None))
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description, where) for keys, description, where in grouped.values()]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self._rows = binding_rows(screen)
        self._title = str(screen.title or type(screen).__name__.removesuffix("Screen"))

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Key", no_wrap=True)
        table.add_column("Does")
        table.add_column("Where", no_wrap=True, style="italic")
        for keys, description, where in self._rows:
            table.add_row(Text(keys, style="bold"), Text(description), Text(where))
        with VerticalScroll(id="help-body") as body:
            body.border_title = f"Keys — {self._title}"
            body.border_subtitle = "escape closes"
            yield Static(table, id="help-table")
