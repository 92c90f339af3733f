"""Bulk actions on selected results: run the mutations one by one, then say how each went.

The action modals (transition, assign, label, ...) return one mutation per issue; this module
dispatches them in order through the bridge (a refusal on one issue does not stop the rest) and
shows an `OutcomeScreen`: which succeeded, which failed and the server's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bridge import Outcome, bridge_of
from tui.render.safe import safe_line
from tui.store.mutations import Mutation

__all__ = ["OutcomeScreen", "dispatch_all", "summarise"]


async def dispatch_all(node: MessagePump, mutations: Sequence[Mutation]) -> list[Outcome]:
    """Dispatch each mutation in turn; every outcome is returned, none raises."""
    bridge = bridge_of(node)
    return [await bridge.dispatch(mutation) for mutation in mutations]


def _subject(mutation: Mutation) -> str:
    return str(getattr(mutation, "key", "") or getattr(mutation, "project_key", ""))


def summarise(action: str, outcomes: Sequence[Outcome]) -> str:
    done = sum(outcome.ok for outcome in outcomes)
    return f"{action}: {done} of {len(outcomes)} succeeded"


class OutcomeScreen(ModalScreen[None]):
    """One line per issue: ✓ and what was done, or ✗ and why the server refused."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "dismiss", "Close"),
    ]

    def __init__(self, action: str, outcomes: Sequence[Outcome]) -> None:
        super().__init__(classes="outcome-modal")
        self.action = action
        self.outcomes = tuple(outcomes)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("", no_wrap=True, width=1)
        table.add_column("Issue", no_wrap=True)
        table.add_column("Outcome", ratio=1)
        for outcome in self.outcomes:
            if outcome.error is None:
                mark = Text("✓", style="bold green")
                detail = Text(safe_line(outcome.mutation.describe()))
            else:
                mark = Text("✗", style="bold red")
                detail = Text(safe_line(outcome.error.message), style="red")
            table.add_row(mark, Text(_subject(outcome.mutation), style="bold"), detail)
        with Vertical(id="outcome-dialog"):
            yield Static(
                Text(summarise(self.action, self.outcomes), style="bold"), id="outcome-title"
            )
            with VerticalScroll(id="outcome-body"):
                yield Static(table, id="outcome-table")
            yield Static(Text("enter / escape: close"), id="outcome-hint")
