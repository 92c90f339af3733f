"""First run: no profile is configured yet. Offer the demo, or creating a profile.

Dismisses with "demo", "init" or None (quit); the launcher acts on the answer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from tui.widgets.fitted_footer import FittedFooter

__all__ = ["SetupScreen"]

WELCOME = (
    "No Jira profile is configured yet.\n\n"
    "Try everything against the embedded sandbox Jira (no server needed):\n"
    "    jiradash --demo\n\n"
    "Or create a profile for your Jira (URL, user, API token or PAT):\n"
    "    jiradash config init"
)


class SetupScreen(Screen[str | None]):
    TITLE = "Welcome"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "choose('demo')", "Try the demo"),
        Binding("c", "choose('init')", "Create a profile"),
        Binding("q,escape", "choose('')", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="setup-dialog"):
            yield Static(Text("Welcome to jiradash", style="bold"), id="setup-title")
            yield Static(Text(WELCOME), id="setup-text")
            with Horizontal(id="setup-choices"):
                yield Button("Try the demo (d)", id="demo", variant="primary")
                yield Button("Create a profile (c)", id="init")
                yield Button("Quit (q)", id="quit")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one("#demo", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose("" if event.button.id == "quit" else str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
