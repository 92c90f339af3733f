"""`l`: link an issue to another. A picker of link phrases ("blocks", "is blocked by", ...)
from the server's link types, then the other issue's key.

Dismisses with one `LinkIssues` per issue (or None); the caller dispatches them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from tui.models import IssueLinkType
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal, subject
from tui.screens.actions.picker import Choice, Picker
from tui.store.errors import StoreError
from tui.store.mutations import LinkIssues

__all__ = ["LinkModal", "LinkSide", "link_choices", "normalise_key"]

_KEY = re.compile(r"[A-Z][A-Z0-9_]*-[1-9][0-9]*")


@dataclass(frozen=True)
class LinkSide:
    """A link type read from this issue's side: `outward` when this issue is the outward one."""

    type_name: str
    phrase: str
    outward: bool


def link_choices(types: Sequence[IssueLinkType]) -> list[Choice[LinkSide]]:
    """Both phrases of every link type (just one when they read the same, e.g. "relates to")."""
    choices: list[Choice[LinkSide]] = []
    for link_type in types:
        sides = [LinkSide(link_type.name, link_type.outward, True)]
        if link_type.inward != link_type.outward:
            sides.append(LinkSide(link_type.name, link_type.inward, False))
        for side in sides:
            choices.append(
                Choice(side, Text(safe_line(side.phrase)), Text(safe_line(link_type.name)))
            )
    return choices


def normalise_key(text: str) -> str | None:
    """`demo-12 ` -> `DEMO-12`; None when it is not an issue key."""
    key = text.strip().upper()
    return key if _KEY.fullmatch(key) else None


class LinkModal(ActionModal[LinkIssues]):
    """Link type picker and target key. Dismisses with `list[LinkIssues]` or None."""

    HINT = "enter choose · ctrl+s link · escape cancel"

    def __init__(self, keys: str | Sequence[str]) -> None:
        super().__init__("", keys)
        self._title = f"Link {subject(self.keys)}"
        self._side: LinkSide | None = None

    def compose_form(self) -> ComposeResult:
        yield Picker[LinkSide](
            placeholder="Type to filter link types", empty="No link type matches."
        )
        yield Static("", id="link-chosen", classes="form-note")
        yield Label("Other issue")
        yield Input(placeholder="KEY-123", id="link-target", compact=True)

    def on_mount(self) -> None:
        picker = self.query_one(Picker)
        picker.set_status("Loading link types…")
        picker.focus_filter()
        self._load()

    @work(exclusive=True, group="link-types")
    async def _load(self) -> None:
        picker = self.query_one(Picker)
        try:
            types = await (await self.connected()).link_types()
        except StoreError as error:
            picker.set_status(Text(error.message))
            return
        picker.set_choices(link_choices(types))

    @on(Picker.Picked)
    def _picked(self, event: Picker.Picked) -> None:
        event.stop()
        side = event.value
        assert isinstance(side, LinkSide)
        self._side = side
        chosen = Text(f"{subject(self.keys)} ")
        chosen.append(safe_line(side.phrase), style="bold")
        chosen.append(" …")
        self.query_one("#link-chosen", Static).update(chosen)
        self.query_one("#link-target", Input).focus()

    @on(Input.Submitted, "#link-target")
    def _target_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        if self._side is None:
            highlighted = self.query_one(Picker).highlighted
            if highlighted is None:
                self.show_error("Choose a link type first.")
                return
            self._side = highlighted
        target = normalise_key(self.query_one("#link-target", Input).value)
        if target is None:
            self.show_error("Enter the other issue's key, e.g. DEMO-42.")
            self.query_one("#link-target", Input).focus()
            return
        if target in self.keys:
            self.show_error("An issue cannot be linked to itself.")
            return
        side = self._side
        self.dismiss(
            [
                LinkIssues(key=k, link_type=side.type_name, other_key=target, outward=side.outward)
                for k in self.keys
            ]
        )
