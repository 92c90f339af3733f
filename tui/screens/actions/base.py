"""What every action modal shares: the dialog frame, cancel and submit keys, the error line.

The contract with callers (the issue screen, and the search screen for bulk actions): an
action modal is given one issue key or several, asks the person, and dismisses with the list
of mutations to run (one per issue), or None when cancelled. It never dispatches; the caller
does, so it can report each issue's outcome. Modals read the store only for choices
(transitions, users, priorities, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bridge import bridge_of, store_of
from tui.render.safe import safe_line
from tui.session import session_of
from tui.store.drafts import Draft
from tui.store.mutations import Mutation
from tui.stylesheets import stylesheet

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["ActionModal", "draft_note", "keys_of", "local_clock", "subject"]

M = TypeVar("M", bound=Mutation)


def keys_of(keys: str | Sequence[str]) -> tuple[str, ...]:
    """One key or many, as a tuple without repeats, in order."""
    if isinstance(keys, str):
        return (keys,)
    return tuple(dict.fromkeys(keys))


def _zone(name: str | None) -> tzinfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_clock(node: MessagePump) -> Callable[[], datetime]:
    """The session's clock, in the signed-in user's Jira time zone (the machine's until the
    store knows who that is)."""
    clock = session_of(node).clock
    store = store_of(node)

    def now() -> datetime:
        me = store.me
        return clock().astimezone(_zone(me.time_zone if me else None))

    return now


def draft_note(draft: Draft) -> Text:
    """What an editor says above a draft it offers again."""
    note = Text()
    note.append("Unsent draft restored", style="bold")
    if draft.state == "failed":
        note.append(" — the server refused it")
        if draft.error:
            note.append(": " + safe_line(draft.error))
    elif draft.state == "sending":
        note.append(
            " — it was being sent when jiradash stopped: check the issue before sending it again"
        )
    return note


def subject(keys: Sequence[str]) -> str:
    """`DEMO-12` or `3 issues`, for titles."""
    return keys[0] if len(keys) == 1 else f"{len(keys)} issues"


class ActionModal(ModalScreen[list[M] | None], Generic[M]):
    """A dialog: title, the form `compose_form` yields, an error line and a key hint.

    `escape` cancels (dismisses None); `ctrl+s` calls `submit`, which either shows an error
    with `show_error` or dismisses with the mutations.
    """

    CSS_PATH = stylesheet("actions.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Submit", priority=True),
    ]
    HINT = "ctrl+s submit · escape cancel"

    def __init__(self, title: str, keys: str | Sequence[str] = ()) -> None:
        super().__init__(classes="action-modal")
        self.keys = keys_of(keys)
        self._title = title

    @property
    def store(self) -> Store:
        return store_of(self)

    async def connected(self) -> Store:
        """The store, once connected (the app connects it on the first read that needs it)."""
        await bridge_of(self).ready()
        return self.store

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog"):
            yield Static(Text(self._title), classes="action-title")
            with VerticalScroll(classes="action-body"):
                yield from self.compose_form()
            yield Static("", classes="action-error")
            yield Static(Text(self.HINT), classes="action-hint")

    def compose_form(self) -> ComposeResult:
        yield from ()

    def show_error(self, message: str | Text) -> None:
        """Show `message` (server text is fine: it is never markup-parsed) under the form."""
        error = self.query_one(".action-error", Static)
        error.update(message if isinstance(message, Text) else Text(message))
        error.display = bool(message)

    def on_mount(self) -> None:
        self.query_one(".action-error", Static).display = False

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        """Validate the form; dismiss with the mutations or `show_error`."""
        raise NotImplementedError
