"""A yes/no question before something that cannot be undone (deleting a comment, a link).

`ConfirmModal` dismisses with True (`y` or `enter`) or False (`n` or `escape`); the caller acts.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.stylesheets import stylesheet

__all__ = ["ConfirmModal"]


class ConfirmModal(ModalScreen[bool]):
    """Ask `question` (plain text, never markup); dismiss with the answer."""

    CSS_PATH = stylesheet("actions.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str | Text, *, detail: str | Text = "", yes: str = "Yes") -> None:
        super().__init__(classes="action-modal")
        self._question = question if isinstance(question, Text) else Text(question)
        self._detail = detail if isinstance(detail, Text) else Text(detail, style="dim")
        self._yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog confirm-dialog"):
            yield Static(self._question, classes="action-title")
            if self._detail.plain:
                yield Static(self._detail, classes="confirm-detail")
            yield Static(Text(f"y / enter: {self._yes} · n / escape: keep"), classes="action-hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
