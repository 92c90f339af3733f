"""The repositories screen's dialogs: a line of text (a repository id, properties), a delete
confirmation that names what goes and takes an optional `_updateSequenceId`, a yes/no question,
and a push's report.

`PromptModal` dismisses with the text entered, or None on escape. `DeleteModal` dismisses with a
`DeleteAnswer` (its bound, or None for everything) on enter, or None on escape: nothing is
deleted without that enter. `ConfirmModal` dismisses True on enter, None on escape.
`ReportModal` shows lines of plain text (made safe by the caller) until enter or escape.
`parse_properties` reads `k=v k=v [_updateSequenceId=N]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.stylesheets import stylesheet

__all__ = ["ConfirmModal", "DeleteAnswer", "DeleteModal", "PromptModal", "ReportModal", "parse_properties",
           "parse_sequence"]

SEQUENCE = "_updateSequenceId"


def parse_sequence(value: str) -> int | None:
    """An optional `_updateSequenceId`: blank is None; anything else must be a whole number."""
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"{SEQUENCE} must be a whole number, not {value!r}")
    return int(value)


def parse_properties(line: str) -> tuple[dict[str, str], int | None]:
    """`team=web env=prod _updateSequenceId=5` -> ({"team": "web", "env": "prod"}, 5)."""
    properties: dict[str, str] = {}
    sequence: int | None = None
    for item in line.split():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"each property is key=value, not {item!r}")
        if key == SEQUENCE:
            sequence = parse_sequence(value)
        elif key in properties:
            raise ValueError(f"property {key!r} is given twice")
        else:
            properties[key] = value
    if not properties:
        raise ValueError("give at least one property, as key=value")
    return properties, sequence


class _Dialog(ModalScreen[object]):
    CSS_PATH = stylesheet("actions.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Cancel")]

    def action_keep(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        error = self.query_one(".action-error", Static)
        error.update(Text(message))
        error.display = True


class PromptModal(_Dialog):
    """Ask for one line; the dialog stays until something is typed or escape is pressed."""

    def __init__(self, title: str, *, placeholder: str = "", detail: str = "") -> None:
        super().__init__(classes="action-modal")
        self._title = title
        self._placeholder = placeholder
        self._detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog"):
            yield Static(Text(self._title), classes="action-title")
            if self._detail:
                yield Static(Text(self._detail, style="dim"), classes="confirm-detail")
            yield Input(placeholder=self._placeholder, id="devinfo-prompt")
            error = Static("", classes="action-error")
            error.display = False
            yield error
            yield Static(Text("enter: go on · escape: cancel"), classes="action-hint")

    @on(Input.Submitted, "#devinfo-prompt")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.show_error("Type something first (escape cancels).")
            return
        self.dismiss(event.value.strip())


@dataclass(frozen=True)
class DeleteAnswer:
    update_sequence_id: int | None  # only data with an id at most this goes; None: all of it


class DeleteModal(_Dialog):
    """`question` names what goes (plain text, never markup); enter deletes, escape keeps."""

    def __init__(self, question: str, *, detail: str = "") -> None:
        super().__init__(classes="action-modal")
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog confirm-dialog"):
            yield Static(Text(self._question), classes="action-title")
            if self._detail:
                yield Static(Text(self._detail, style="dim"), classes="confirm-detail")
            yield Input(placeholder=f"{SEQUENCE} (optional: only data up to this sequence id)",
                        id="devinfo-sequence")
            error = Static("", classes="action-error")
            error.display = False
            yield error
            yield Static(Text("enter: delete · escape: keep"), classes="action-hint")

    @on(Input.Submitted, "#devinfo-sequence")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            bound = parse_sequence(event.value)
        except ValueError as error:
            self.show_error(str(error))
            return
        self.dismiss(DeleteAnswer(bound))


class ConfirmModal(_Dialog):
    """`question` (plain text) names what happens; enter goes ahead, escape does nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "go", "Go ahead")]

    def __init__(self, question: str, *, detail: str = "", go: str = "go ahead") -> None:
        super().__init__(classes="action-modal")
        self._question = question
        self._detail = detail
        self._go = go

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog confirm-dialog"):
            yield Static(Text(self._question), classes="action-title")
            if self._detail:
                yield Static(Text(self._detail, style="dim"), classes="confirm-detail")
            yield Static(Text(f"enter: {self._go} · escape: cancel"), classes="action-hint")

    def action_go(self) -> None:
        self.dismiss(True)


class ReportModal(_Dialog):
    """A result to read: a title and lines of plain text; enter or escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "keep", "Close")]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__(classes="action-modal")
        self._title = title
        self._lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog"):
            yield Static(Text(self._title), classes="action-title")
            with VerticalScroll(classes="action-body"):
                yield Static(Text("\n".join(self._lines)), id="devinfo-report")
            yield Static(Text("enter or escape: close"), classes="action-hint")
