"""The JQL bar: a one-line editor with highlighting, completion, history and the server's errors.

Highlighting comes from `tui.jql.tokens`, completion from `tui.jql.completion` fed by the
store's `jql_autocomplete()` and `jql_suggestions()`, history from `tui.jql.history`.
`enter` posts `JqlBar.Submitted`; `tab` (or `enter` after choosing with the arrows) takes the
highlighted completion; `up`/`down` walk the history when no completion list is open.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import ClassVar

from rich.highlighter import Highlighter
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Blur
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.bridge import bridge_of, store_of
from tui.jql.completion import AutocompleteData, Candidate, Completion, apply, complete
from tui.jql.history import JqlHistory
from tui.jql.tokens import highlight
from tui.render.safe import safe_line
from tui.store.errors import StoreError

__all__ = ["JqlBar", "JqlInput"]

MAX_CANDIDATES = 8


class JqlHighlighter(Highlighter):
    """Styles tokens with the input's component classes (so themes and NO_COLOR apply)."""

    def __init__(self, owner: JqlInput) -> None:
        self.owner = owner
        self.error_position: int | None = None

    def highlight(self, text: Text) -> None:
        for start, end, css_class in highlight(text.plain):
            text.stylize(self.owner.token_style(css_class), start, end)
        position = self.error_position
        if position is not None and text.plain:
            position = min(position, len(text.plain) - 1)
            text.stylize(self.owner.token_style("jql-error-position"), position, position + 1)


class JqlInput(Input):
    """The editor itself; the bar around it owns completion and history."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "jql-field",
        "jql-operator",
        "jql-keyword",
        "jql-function",
        "jql-string",
        "jql-value",
        "jql-error",
        "jql-error-position",
    }
    DEFAULT_CSS = """
    JqlInput {
        & > .jql-field { color: $accent; }
        & > .jql-operator { color: $secondary; text-style: bold; }
        & > .jql-keyword { color: $primary; text-style: bold; }
        & > .jql-function { color: $success; }
        & > .jql-string { color: $warning; }
        & > .jql-value { color: $warning; }
        & > .jql-error { color: $error; text-style: underline; }
        & > .jql-error-position { background: $error; color: $text; text-style: bold reverse; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "older", "Older query", show=False),
        Binding("down", "newer", "Newer query", show=False),
        Binding("tab", "accept", "Complete", show=False),
        Binding("escape", "leave", "Back to results", show=False),
    ]

    def __init__(self, value: str, *, id: str | None = None) -> None:
        self.jql_highlighter = JqlHighlighter(self)
        super().__init__(
            value,
            placeholder="JQL, e.g. project = DEMO AND status != Done ORDER BY updated DESC",
            highlighter=self.jql_highlighter,
            compact=True,
            select_on_focus=False,
            id=id,
        )

    def token_style(self, css_class: str) -> Style:
        # Before the widget is mounted its component styles do not exist yet: no styling.
        return self.get_component_rich_style(css_class, partial=True, default=Style.null())

    def _bar(self) -> JqlBar:
        return self.query_ancestor(JqlBar)

    def action_older(self) -> None:
        self._bar().older_or_move(-1)

    def action_newer(self) -> None:
        self._bar().older_or_move(1)

    def action_accept(self) -> None:
        if not self._bar().accept_completion():
            raise SkipAction()

    def action_leave(self) -> None:
        if not self._bar().hide_completions():
            self.screen.focus_next()

    async def action_submit(self) -> None:
        if not self._bar().accept_completion(only_chosen=True):
            await super().action_submit()


class JqlBar(Vertical):
    """JQL editor, completion list and error line. Posts `Submitted(jql)`."""

    DEFAULT_CSS = """
    JqlBar {
        height: auto;
        & > #jql-row { height: 1; }
        & #jql-prompt { width: auto; padding: 0 1; text-style: bold; }
        & JqlInput { width: 1fr; }
        & > #jql-completions {
            display: none;
            overlay: screen;
            constrain: none inside;
            width: auto;
            min-width: 24;
            max-width: 60;
            height: auto;
            max-height: 10;
            border: round $border;
            background: $surface;
        }
        & > #jql-completions.-open { display: block; }
        & > #jql-error { display: none; height: auto; padding: 0 1; color: $error; }
        & > #jql-error.-shown { display: block; }
    }
    """

    class Submitted(Message):
        def __init__(self, bar: JqlBar, jql: str) -> None:
            super().__init__()
            self.bar = bar
            self.jql = jql

    def __init__(
        self, value: str, *, history_path: Path | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._initial = value
        # Without a profile's history file (tests), a throwaway one lives as long as the bar.
        self._scratch = None if history_path else tempfile.TemporaryDirectory(prefix="jiradash-")
        path = history_path or Path(self._scratch.name if self._scratch else ".") / "history.json"
        self.history = JqlHistory(path)
        self._data = AutocompleteData()
        self._values: dict[tuple[str, str], tuple[str, ...]] = {}
        self._completion: Completion | None = None
        self._chosen = False  # an arrow key picked a completion
        self._programmatic = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="jql-row"):
            yield Static("JQL", id="jql-prompt")
            yield JqlInput(self._initial, id="jql-input")
        yield OptionList(id="jql-completions")
        yield Static(id="jql-error")

    def on_mount(self) -> None:
        self.query_one("#jql-completions", OptionList).can_focus = False
        self._load_autocomplete()

    @property
    def input(self) -> JqlInput:
        return self.query_one(JqlInput)

    @property
    def value(self) -> str:
        return self.input.value

    @value.setter
    def value(self, jql: str) -> None:
        self._set_value(jql)

    def _set_value(self, jql: str, cursor: int | None = None) -> None:
        self._programmatic = True
        self.input.value = jql
        self.input.cursor_position = len(jql) if cursor is None else cursor
        self.hide_completions()

    def focus_input(self) -> None:
        self.input.focus()

    def remember(self, jql: str) -> None:
        """Keep a query that ran in the history."""
        self.history.append(jql)

    def on_unmount(self) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()

    # -- errors -----------------------------------------------------------------------------

    def show_error(self, message: str, position: int | None = None) -> None:
        """The server's message under the bar, the offending character marked in the bar, and
        the focus back in the bar (at that character) to fix it."""
        text = Text(safe_line(message), style="bold")
        jql = self.value
        if position is not None and 0 <= position <= len(jql):
            if "character" not in message:
                text.append(f"  (at character {position + 1})")
            self.input.jql_highlighter.error_position = position
            self.input.cursor_position = position
        self.input.refresh()
        self.input.focus()
        error = self.query_one("#jql-error", Static)
        error.update(text)
        error.add_class("-shown")

    def clear_error(self) -> None:
        self.input.jql_highlighter.error_position = None
        self.input.refresh()
        self.query_one("#jql-error", Static).remove_class("-shown")

    @property
    def error_text(self) -> str:
        error = self.query_one("#jql-error", Static)
        return str(error.render()) if error.has_class("-shown") else ""

    # -- history ----------------------------------------------------------------------------

    def older_or_move(self, step: int) -> None:
        """`up`/`down`: move in the completion list when it is open, else walk the history."""
        options = self.query_one("#jql-completions", OptionList)
        if options.has_class("-open") and options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))
            self._chosen = True
            return
        found = self.history.previous(self.value) if step < 0 else self.history.next()
        if found is not None:
            self._set_value(found)

    # -- completion -------------------------------------------------------------------------

    @work(group="jql-autocomplete", exclusive=True)
    async def _load_autocomplete(self) -> None:
        try:
            await bridge_of(self).ready()
            self._data = AutocompleteData.from_jira(await store_of(self).jql_autocomplete())
        except StoreError:
            self._data = AutocompleteData()  # completion of fields just stays empty

    @on(Input.Changed, "#jql-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.input.jql_highlighter.error_position = None
        if self._programmatic:
            self._programmatic = False
            return
        self.history.reset()
        self._update_completions()

    @on(Input.Submitted, "#jql-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.hide_completions()
        self.post_message(self.Submitted(self, event.value.strip()))

    def on_descendant_blur(self, event: Blur) -> None:
        self.hide_completions()

    def _lookup(self, field: str, prefix: str) -> tuple[str, ...] | None:
        return self._values.get((field, prefix))

    def _update_completions(self) -> None:
        completion = complete(self.value, self.input.cursor_position, self._data, self._lookup)
        self._completion = completion
        if completion.needs_values is not None:
            self._fetch_values(*completion.needs_values)
        self._show(completion.candidates)

    @work(group="jql-values", exclusive=True)
    async def _fetch_values(self, field: str, prefix: str) -> None:
        try:
            found = await store_of(self).jql_suggestions(field, prefix)
        except StoreError:
            found = []
        self._values[(field, prefix)] = tuple(safe_line(v) for v in found)
        if self.input.has_focus:
            self._update_completions()

    def _show(self, candidates: tuple[Candidate, ...]) -> None:
        options = self.query_one("#jql-completions", OptionList)
        shown = candidates[:MAX_CANDIDATES]
        if not shown or not self.input.has_focus:
            self.hide_completions()
            return
        options.set_options(
            Option(Text.assemble((safe_line(c.display), "bold"), f"  {c.kind}")) for c in shown
        )
        options.highlighted = 0
        self._chosen = False
        # Under the token being completed, below the bar's row.
        column = (
            self.input.region.x
            - self.region.x
            + max(self._completion.start if self._completion else 0, 0)
        )
        options.styles.offset = (min(column, max(self.size.width - 30, 0)), 0)
        options.add_class("-open")

    def hide_completions(self) -> bool:
        """Close the list; True when it was open."""
        options = self.query_one("#jql-completions", OptionList)
        was_open = options.has_class("-open")
        options.remove_class("-open")
        self._chosen = False
        return was_open

    def accept_completion(self, *, only_chosen: bool = False) -> bool:
        """Put the highlighted candidate in; False when there was nothing to take."""
        options = self.query_one("#jql-completions", OptionList)
        completion = self._completion
        if not options.has_class("-open") or completion is None or options.highlighted is None:
            return False
        if only_chosen and not self._chosen:
            return False
        candidate = completion.candidates[options.highlighted]
        jql, cursor = apply(self.value, completion, candidate)
        self._set_value(jql, cursor)
        return True

    @on(OptionList.OptionSelected, "#jql-completions")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen = True
        self.accept_completion()
        self.focus_input()
