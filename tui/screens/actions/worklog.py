"""`L`: log work. Time spent in Jira's notation ("1h 30m", "2d", "45m"), when it started
(default: now), and an optional comment. `ctrl+s` logs, `escape` cancels.

Dismisses with one `AddWorklog` per issue (or None); the caller dispatches them. The comment
travels with a draft id so the store can keep it until the server confirms. A draft caught
mid-send (its answer lost, arrival unknown) is checked with `store.reconcile` before the form
offers it again: if the work arrived after all, the form empties and says so, and `ctrl+s`
waits for the check, so the same work is never logged twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static, TextArea

from tui.models.durations import DurationError, format_duration, parse_duration
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal, draft_note, local_clock, subject
from tui.store.drafts import Draft
from tui.store.errors import StoreError
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
    """Time spent, start, comment. Dismisses with `list[AddWorklog]` or None.

    For one issue, what was typed is a draft: `escape` keeps it, a refused worklog keeps it,
    and the form offers it again next time.
    """

    HINT = "ctrl+s log · escape close (what you typed is kept)"

    def __init__(self, keys: str | Sequence[str]) -> None:
        super().__init__("", keys)
        self._title = f"Log work on {subject(self.keys)}"
        self._draft_id: str | None = None
        self._checking = False  # a "sending" draft is being reconciled: do not send it yet

    def now(self) -> datetime:
        return local_clock(self)().replace(second=0, microsecond=0)

    def compose_form(self) -> ComposeResult:
        yield Static("", id="worklog-draft-note", classes="form-note")
        yield Label("Time spent (e.g. 1h 30m, 2d, 45m)")
        yield Input(placeholder="1h 30m", id="worklog-spent", compact=True)
        yield Static("", id="worklog-spent-check", classes="form-note")
        yield Label("Started")
        yield Input(placeholder="YYYY-MM-DD HH:MM", id="worklog-started", compact=True)
        yield Label("Comment (optional)")
        yield TextArea(id="worklog-comment", classes="form-comment", compact=True)

    def on_mount(self) -> None:
        spent = self.query_one("#worklog-spent", Input)
        started = self.query_one("#worklog-started", Input)
        note = self.query_one("#worklog-draft-note", Static)
        started.value = f"{self.now():{STARTED_FORMAT}}"
        draft = self.store.drafts.pending(self.keys[0], "worklog") if len(self.keys) == 1 else None
        if draft is None:
            note.display = False
        else:
            self._draft_id = draft.id
            spent.value, when = _draft_fields(draft.extra)
            if when:
                started.value = when
            self.query_one("#worklog-comment", TextArea).load_text(draft.text)
            note.update(draft_note(draft))
            if draft.state == "sending":
                self._checking = True
                self._reconcile(draft)
        spent.focus()
        self._check(spent.value)

    @work(exclusive=True, group="worklog-reconcile")
    async def _reconcile(self, draft: Draft) -> None:
        """A draft caught mid-send: if the server has the work after all, do not offer it again."""
        note = self.query_one("#worklog-draft-note", Static)
        try:
            arrived = await self.store.reconcile(draft)
        except StoreError as error:
            note.update(
                Text.assemble(
                    draft_note(draft),
                    "\nCould not check whether it arrived (",
                    safe_line(error.message),
                    "): look at the work log first.",
                )
            )
            return
        finally:
            self._checking = False
        if not arrived:
            note.update(
                Text("Unsent draft restored — it did not reach the server: ctrl+s logs it.")
            )
            return
        self._draft_id = None
        if self.query_one("#worklog-comment", TextArea).text == draft.text:  # not typed over
            self.query_one("#worklog-spent", Input).value = ""
            self.query_one("#worklog-comment", TextArea).load_text("")
        note.update(Text("Your last work log had reached the server after all; its draft is gone."))
        self.notify(f"{self.keys[0]}: the work you logged had arrived; nothing to send again.", timeout=5)

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

    def action_cancel(self) -> None:
        spent = self.query_one("#worklog-spent", Input).value.strip()
        comment = self.query_one("#worklog-comment", TextArea).text
        if len(self.keys) == 1 and (spent or comment.strip()):
            started = self.query_one("#worklog-started", Input).value.strip()
            extra = {"spent": spent, "started_text": started}
            self.store.drafts.save(
                self.keys[0], "worklog", comment, draft_id=self._draft_id, extra=extra
            )
            self.notify("Draft kept: press L to continue it.", timeout=3)
        elif self._draft_id is not None:
            self.store.drafts.discard(self._draft_id)
        self.dismiss(None)

    def submit(self) -> None:
        if self._checking:
            self.show_error("Checking whether your last work log arrived; a moment.")
            return
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
        draft_id = self._draft_id or ""
        self.dismiss(
            [
                AddWorklog(
                    key=k,
                    time_spent_seconds=seconds,
                    started=started,
                    comment=comment,
                    draft_id=draft_id,
                )
                for k in self.keys
            ]
        )


def _draft_fields(extra: dict[str, str]) -> tuple[str, str]:
    """Time spent and start as the form shows them, from a kept draft (typed, or as sent)."""
    spent = extra.get("spent", "")
    if not spent and extra.get("seconds", "").isdigit():
        spent = format_duration(int(extra["seconds"]))
    started = extra.get("started_text", "")
    if not started and extra.get("started"):
        try:
            started = f"{datetime.fromisoformat(extra['started']):{STARTED_FORMAT}}"
        except ValueError:
            started = ""
    return spent, started
