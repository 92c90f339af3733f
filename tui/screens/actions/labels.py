"""Add labels to one issue or several (the search screen's bulk "add label").

Dismisses with one `EditIssueFields(add_labels=...)` per issue (or None); the caller dispatches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label

from tui.screens.actions.base import ActionModal, subject
from tui.store.mutations import EditIssueFields

__all__ = ["LabelModal", "parse_labels"]

_SEPARATORS = re.compile(r"[\s,]+")
MAX_LABEL = 255


def parse_labels(text: str) -> tuple[str, ...]:
    """Labels as typed, split on spaces or commas, without repeats (Jira labels hold no spaces)."""
    labels = tuple(dict.fromkeys(part for part in _SEPARATORS.split(text.strip()) if part))
    for label in labels:
        if len(label) > MAX_LABEL:
            raise ValueError(f"A label is at most {MAX_LABEL} characters long.")
    return labels


class LabelModal(ActionModal[EditIssueFields]):
    """One input: the labels to add. Dismisses with `list[EditIssueFields]` or None."""

    HINT = "enter add · escape cancel"

    def __init__(self, keys: str | Sequence[str]) -> None:
        super().__init__("", keys)
        self._title = f"Add labels to {subject(self.keys)}"

    def compose_form(self) -> ComposeResult:
        yield Label("Labels to add (separated by spaces)")
        yield Input(placeholder="triage needs-info", id="labels-add", compact=True)

    def on_mount(self) -> None:
        self.query_one("#labels-add", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        try:
            labels = parse_labels(self.query_one("#labels-add", Input).value)
        except ValueError as error:
            self.show_error(str(error))
            return
        if not labels:
            self.show_error("Type at least one label.")
            return
        self.dismiss([EditIssueFields(key=k, add_labels=labels) for k in self.keys])
