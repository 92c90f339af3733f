"""`L`: log work. Time spent in Jira's notation ("1h 30m", "2d", "45m"), when it started
(default: now), and an optional comment. `ctrl+s` logs, `escape` cancels.

Dismisses with one `AddWorklog` per issue (or None); the caller dispatches them. The comment
travels with a draft id so the store can keep it until the server confirms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static, TextArea

from tui.models.durations import DurationError, format_duration, parse_duration
from tui.screens.actions.base import ActionModal, local_clock, subject
from tui.store.mutations import AddWorklog

__all__ = ["STARTED_FORMAT", "WorklogModal", "parse_started"]

STARTED_FORMAT = "%Y-%m-%d %H:%M"


def parse_started(text: str, now: datetime) -> datetime:
    """`2025-03-14 09:30` (or `09:30` for today) in `now`'s time zone; ValueError otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return now
    try:
        when = datetime.strptime(cleaned, STARTED_FORMAT)
    except ValueError:
        try:
            clock = datetime.strptime(cleaned, "%H:%M")
        except ValueError:
            raise ValueError(
                f"Write the start as YYYY-MM-DD HH:MM or HH:MM, not {cleaned!r}"
            ) from None
        when = now.replace(hour=clock.hour, minute=clock.minute, tzinfo=None)
    return when.replace(second=0, microsecond=0, tzinfo=now.tzinfo)


class WorklogModal(ActionModal[AddWorklog]):
    """Time spent, start, comment. Dismisses with `list[AddWorklog]` or None."""

    def __init__(
        self,
        keys: str | Sequence[str],
        *,
        spent: str = "",
        comment: str = "",
        started: datetime | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__("", keys)
        self._title = f"Log work on {subject(self.keys)}"
        self._spent = spent
        self._comment = comment
        self._started = started
        self._clock = clock

    def now(self) -> datetime:
        clock = self._clock or local_clock(self)
        return clock().replace(second=0, microsecond=0)

    def compose_form(self) -> ComposeResult:
        yield Label("Time spent (e.g. 1h 30m, 2d, 45m)")
        yield Input(self._spent, placeholder="1h 30m", id="worklog-spent")
        yield Static("", id="worklog-spent-check", classes="form-note")
        yield Label("Started")
        yield Input(placeholder="YYYY-MM-DD HH:MM", id="worklog-started")
        yield Label("Comment (optional)")
        yield TextArea(self._comment, id="worklog-comment", classes="form-comment")

    def on_mount(self) -> None:
        started = self._started or self.now()
        self.query_one("#worklog-started", Input).value = f"{started:{STARTED_FORMAT}}"
        self.query_one("#worklog-spent", Input).focus()
        self._check(self._spent)

    @on(Input.Changed, "#worklog-spent")
    def _spent_changed(self, event: Input.Changed) -> None:
        self._check(event.value)

    def _check(self, value: str) -> None:
        note = self.query_one("#worklog-spent-check", Static)
        if not value.strip():
            note.update("")
            return
        try:
            seconds = parse_duration(value)
        except DurationError as error:
            note.update(Text(str(error), style="italic"))
        else:
            note.update(Text(f"= {format_duration(seconds)}"))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        try:
            seconds = parse_duration(self.query_one("#worklog-spent", Input).value)
        except DurationError as error:
            self.show_error(str(error))
            self.query_one("#worklog-spent", Input).focus()
            return
        try:
            started = parse_started(self.query_one("#worklog-started", Input).value, self.now())
        except ValueError as error:
            self.show_error(str(error))
            self.query_one("#worklog-started", Input).focus()
            return
        comment = self.query_one("#worklog-comment", TextArea).text.strip()
        self.dismiss(
            [
                AddWorklog(key=k, time_spent_seconds=seconds, started=started, comment=comment)
                for k in self.keys
            ]
        )
