"""The one filter-as-you-type picker every action uses: a `Picker` widget and a `PickerScreen`.

Type to filter (every word must appear, in any order; prefix matches first), `up`/`down`/
`pgup`/`pgdn` move, `enter` picks, `escape` cancels. Choices are given up front or fetched by
a `loader(query)` as the person types (for server-side search, e.g. assignable users); fetches
are debounced and a new keystroke cancels the previous one. Labels are Rich `Text` built by the
caller from safe text: nothing here parses markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.store.errors import StoreError
from tui.stylesheets import stylesheet

__all__ = ["Choice", "Loader", "Picker", "PickerScreen", "filter_choices"]

T = TypeVar("T")

DEBOUNCE_SECONDS = 0.15


@dataclass(frozen=True)
class Choice(Generic[T]):
    """One pickable value: `label` is shown, `detail` dimmed after it, `search` is matched."""

    value: T
    label: Text
    detail: Text | None = None
    search: str = field(default="")

    def haystack(self) -> str:
        extra = self.detail.plain if self.detail else ""
        return f"{self.search} {self.label.plain} {extra}".lower()

    def prompt(self) -> Text:
        out = self.label.copy()
        if self.detail is not None and self.detail.plain:
            out.append("  ")
            detail = self.detail.copy()
            detail.stylize("dim")
            out.append_text(detail)
        return out


Loader = Callable[[str], Awaitable[Sequence[Choice[T]]]]


def filter_choices(choices: Sequence[Choice[T]], query: str) -> list[Choice[T]]:
    """The choices holding every word of `query`; those whose label starts with it come first."""
    words = query.lower().split()
    if not words:
        return list(choices)
    hits = [c for c in choices if all(w in c.haystack() for w in words)]
    start = query.strip().lower()
    return sorted(hits, key=lambda c: not c.label.plain.lower().startswith(start))


class Picker(Vertical, Generic[T]):
    """A filter `Input` over an `OptionList`. Posts `Picker.Picked` on `enter`."""

    DEFAULT_CSS = """
    Picker { height: auto; }
    Picker > Input { margin-bottom: 0; }
    Picker > OptionList { height: auto; max-height: 14; }
    Picker > .picker-status { color: $text-muted; padding: 0 1; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]

    class Picked(Message):
        def __init__(self, picker: Picker[object], value: object) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> Picker[object]:
            return self.picker

    def __init__(
        self,
        choices: Sequence[Choice[T]] = (),
        *,
        loader: Loader[T] | None = None,
        placeholder: str = "Type to filter",
        empty: str = "Nothing matches.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._choices: list[Choice[T]] = list(choices)
        self._shown: list[Choice[T]] = []
        self._loader = loader
        self._placeholder = placeholder
        self._empty = empty

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, classes="picker-filter", compact=True)
        yield OptionList(classes="picker-options")
        yield Static("", classes="picker-status")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        if self._loader is not None:
            self._fetch("")
        else:
            self._show(filter_choices(self._choices, ""))

    @property
    def filter_text(self) -> str:
        return self.query_one(Input).value

    @property
    def highlighted(self) -> T | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index].value

    def set_choices(self, choices: Sequence[Choice[T]]) -> None:
        """Replace the choices (e.g. once they have loaded) and re-apply the filter."""
        self._choices = list(choices)
        self._show(filter_choices(self._choices, self.query_one(Input).value))

    def set_status(self, message: str | Text) -> None:
        self.query_one(".picker-status", Static).update(
            message if isinstance(message, Text) else Text(message)
        )

    def _show(self, choices: list[Choice[T]]) -> None:
        self._shown = choices
        options = self.query_one(OptionList)
        options.set_options(Option(c.prompt()) for c in choices)
        options.highlighted = 0 if choices else None
        self.set_status("" if choices else self._empty)

    @on(Input.Changed, ".picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        if self._loader is not None:
            self._fetch(event.value)
        else:
            self._show(filter_choices(self._choices, event.value))

    @work(exclusive=True, group="picker-fetch")
    async def _fetch(self, query: str) -> None:
        assert self._loader is not None
        if query:
            await asyncio.sleep(DEBOUNCE_SECONDS)
        self.set_status("Searching…")
        try:
            found = await self._loader(query)
        except StoreError as error:
            self._show([])
            self.set_status(Text(error.message, style="bold"))
            return
        self._choices = list(found)
        self._show(list(found))

    @on(Input.Submitted, ".picker-filter")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.pick()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(OptionList).highlighted = event.option_index
        self.pick()

    def pick(self) -> None:
        """Post `Picked` for the highlighted choice (nothing happens when none is)."""
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self._shown):
            self.post_message(self.Picked(self, self._shown[index].value))  # type: ignore[arg-type]

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self._shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self._shown) - 1, current + step))

    def focus_filter(self) -> None:
        self.query_one(Input).focus()


class PickerScreen(ModalScreen[T | None], Generic[T]):
    """A modal picker: dismisses with the picked value, or None on `escape`."""

    CSS_PATH = stylesheet("actions.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice[T]] = (),
        *,
        loader: Loader[T] | None = None,
        placeholder: str = "Type to filter",
    ) -> None:
        super().__init__(classes="action-modal")
        self._title = title
        self._choices = choices
        self._loader = loader
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog"):
            yield Static(Text(self._title), classes="action-title")
            yield Picker(self._choices, loader=self._loader, placeholder=self._placeholder)

    def on_mount(self) -> None:
        self.query_one(Picker).focus_filter()

    @on(Picker.Picked)
    def _picked(self, event: Picker.Picked) -> None:
        event.stop()
        self.dismiss(event.value)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)
