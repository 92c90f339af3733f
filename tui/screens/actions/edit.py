"""`e`: edit an issue's summary, priority and labels. Only what changed is sent.

Dismisses with one `EditIssueFields` (or None); the caller dispatches it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from tui.models import Issue
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal
from tui.screens.actions.labels import parse_labels
from tui.store.errors import StoreError
from tui.store.mutations import EditIssueFields

__all__ = ["EditModal"]


class EditModal(ActionModal[EditIssueFields]):
    """Summary, priority (from the server's list) and labels (space-separated).

    Dismisses with `[EditIssueFields]` holding only the changed fields, or None.
    """

    def __init__(self, issue: Issue) -> None:
        super().__init__(f"Edit {issue.key}", issue.key)
        self.issue = issue

    def compose_form(self) -> ComposeResult:
        yield Label("Summary")
        yield Input(safe_line(self.issue.summary), id="edit-summary", compact=True)
        yield Label("Priority")
        current = self.issue.priority
        options = [(Text(safe_line(current.name)), current.id)] if current else []
        yield Select(
            options,
            value=current.id if current else Select.NULL,
            prompt="Loading…",
            id="edit-priority",
            compact=True,
        )
        yield Label("Labels (separated by spaces)")
        yield Input(
            " ".join(safe_line(label) for label in self.issue.labels),
            id="edit-labels",
            compact=True,
        )

    def on_mount(self) -> None:
        self.query_one("#edit-summary", Input).focus()
        self._load_priorities()

    @work(exclusive=True, group="edit-priorities")
    async def _load_priorities(self) -> None:
        select: Select[str] = self.query_one("#edit-priority", Select)
        try:
            priorities = await (await self.connected()).priorities()
        except StoreError as error:
            self.show_error(Text(f"Priorities could not be loaded: {error.message}"))
            return
        value = select.value
        select.set_options((Text(safe_line(p.name)), p.id) for p in priorities)
        select.prompt = "Choose…"
        if isinstance(value, str):
            select.value = value

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        summary = self.query_one("#edit-summary", Input).value.strip()
        if not summary:
            self.show_error("The summary cannot be empty.")
            self.query_one("#edit-summary", Input).focus()
            return
        try:
            labels = parse_labels(self.query_one("#edit-labels", Input).value)
        except ValueError as error:
            self.show_error(str(error))
            return
        priority = self.query_one("#edit-priority", Select).value
        current_priority = self.issue.priority.id if self.issue.priority else None
        mutation = EditIssueFields(
            key=self.issue.key,
            summary=summary if summary != safe_line(self.issue.summary) else None,
            priority_id=priority
            if isinstance(priority, str) and priority != current_priority
            else None,
            labels=labels if labels != tuple(self.issue.labels) else None,
        )
        if mutation.summary is None and mutation.priority_id is None and mutation.labels is None:
            self.show_error("Nothing changed.")
            return
        self.dismiss([mutation])
