"""`t`: move one issue or several through the workflow.

A picker of the transitions (filtered as you type; for several issues, those all of them
offer); `enter` applies a transition at once unless it asks for fields, `ctrl+o` adds a comment.
Transitions that need fields (e.g. a resolution, from the server's allowed values) get a small
form next; `ctrl+s` applies, `escape` cancels.

Dismisses with one `TransitionIssue` per issue (or None); the caller dispatches them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from tui.models import FieldSpec, Transition
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal, subject
from tui.screens.actions.picker import Choice, Picker
from tui.store.errors import StoreError
from tui.store.mutations import TransitionIssue

__all__ = ["TransitionModal", "common_transitions"]


def common_transitions(per_issue: Sequence[Sequence[Transition]]) -> list[Transition]:
    """The transitions (by name) every issue offers, in the first issue's order."""
    if not per_issue:
        return []
    names = [{t.name for t in offered} for offered in per_issue[1:]]
    return [t for t in per_issue[0] if all(t.name in n for n in names)]


def _choice(transition: Transition) -> Choice[str]:
    detail = Text("→ " + safe_line(transition.to_status.name))
    if transition.required_fields:
        detail.append(
            " (asks for " + ", ".join(safe_line(f.name) for f in transition.required_fields) + ")"
        )
    return Choice(transition.name, Text(safe_line(transition.name)), detail)


class TransitionModal(ActionModal[TransitionIssue]):
    """Transition picker, then the required fields and an optional comment.

    Dismisses with `list[TransitionIssue]` (one per key, each with that issue's transition
    id) or None; it does not dispatch.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+o", "with_comment", "Pick with comment")]
    HINT = "enter apply · ctrl+o apply with a comment · escape cancel"

    def __init__(self, keys: str | Sequence[str]) -> None:
        super().__init__("", keys)
        self._title = f"Transition {subject(self.keys)}"
        self._by_key: dict[str, dict[str, Transition]] = {}
        self._chosen: Transition | None = None
        self._fields: dict[str, Select[str] | Input] = {}

    def compose_form(self) -> ComposeResult:
        yield Picker[str](
            placeholder="Type to filter transitions",
            empty="No transition matches.",
            id="transition-picker",
        )
        yield Vertical(id="transition-form")

    def on_mount(self) -> None:
        self.query_one("#transition-form").display = False
        picker = self.query_one(Picker)
        picker.set_status("Loading transitions…")
        picker.focus_filter()
        self._load()

    @work(exclusive=True, group="transition-load")
    async def _load(self) -> None:
        picker = self.query_one(Picker)
        try:
            store = await self.connected()
            found = await asyncio.gather(*(store.transitions(k) for k in self.keys))
        except StoreError as error:
            picker.set_status(Text(error.message))
            return
        for key, offered in zip(self.keys, found, strict=True):
            self._by_key[key] = {t.name: t for t in offered}
        common = common_transitions(found)
        picker.set_choices([_choice(t) for t in common])
        if not common:
            picker.set_status(
                "No transition is open to "
                + ("this issue." if len(self.keys) == 1 else "all of these issues.")
            )

    def _transition(self, name: str) -> Transition:
        return self._by_key[self.keys[0]][name]

    @on(Picker.Picked)
    def _picked(self, event: Picker.Picked) -> None:
        event.stop()
        self._choose(str(event.value), with_comment=False)

    def action_with_comment(self) -> None:
        name = self.query_one(Picker).highlighted
        if self._chosen is None and name is not None:
            self._choose(str(name), with_comment=True)

    def _choose(self, name: str, *, with_comment: bool) -> None:
        transition = self._transition(name)
        self._chosen = transition
        if not transition.required_fields and not with_comment:
            self.dismiss(self._mutations({}, None))
            return
        self.query_one(Picker).display = False
        form = self.query_one("#transition-form", Vertical)
        form.display = True
        form.mount(
            Static(
                Text("→ " + safe_line(transition.to_status.name), style="bold"), classes="form-note"
            )
        )
        for spec in transition.required_fields:
            self._fields[spec.id] = _field_widget(spec)
            form.mount(Label(Text(safe_line(spec.name) + " *")), self._fields[spec.id])
        form.mount(
            Label("Comment (optional, Markdown)"),
            TextArea(id="transition-comment", classes="form-comment", compact=True),
        )
        self.query_one(".action-hint", Static).update(Text("ctrl+s apply · escape cancel"))
        self.call_after_refresh(self._focus_first_field)

    def _focus_first_field(self) -> None:
        fields = self.query(
            "#transition-form Select, #transition-form Input, #transition-form TextArea"
        )
        if fields:
            fields.first().focus()

    def submit(self) -> None:
        transition = self._chosen
        if transition is None:
            self.query_one(Picker).pick()
            return
        values: dict[str, str] = {}
        missing: list[str] = []
        for spec in transition.required_fields:
            value = _field_value(self._fields[spec.id])
            if value:
                values[spec.id] = value
            else:
                missing.append(safe_line(spec.name))
        if missing:
            self.show_error(Text(f"Required: {', '.join(missing)}"))
            return
        comment = self.query_one("#transition-comment", TextArea).text.strip()
        self.dismiss(self._mutations(values, comment or None))

    def _mutations(self, fields: dict[str, str], comment: str | None) -> list[TransitionIssue]:
        assert self._chosen is not None
        name = self._chosen.name
        return [
            TransitionIssue(
                key=key,
                transition_id=self._by_key[key][name].id,
                transition_name=name,
                fields=dict(fields),
                comment=comment,
            )
            for key in self.keys
        ]


def _field_widget(spec: FieldSpec) -> Select[str] | Input:
    if spec.allowed_values:
        options = [(Text(safe_line(v.name)), v.id) for v in spec.allowed_values]
        return Select(options, prompt="Choose…", classes="form-field", compact=True)
    return Input(classes="form-field", compact=True)


def _field_value(widget: Select[str] | Input) -> str:
    if isinstance(widget, Select):
        value = widget.value
        return value if isinstance(value, str) else ""
    return widget.value.strip()
