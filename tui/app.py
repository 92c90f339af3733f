"""The Textual App: owns the Store's bridge, the five modes, the global keys and the palette.

Modes `1`..`5` are Textual modes, each with its own screen stack, so `escape` walks back inside
a screen and switching keeps where you were. Screens for modes 2–4 register themselves with one
line in `tui.modes.MODE_SCREENS`; a mode's key is live only when its screen is registered. Mode 5 is the
issue last viewed (wherever it was opened from).

The App closes the Store when it exits. Screens may define `refresh_data()`: the global `r` calls it (a screen's own `r` binding wins).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.bridge import MutationFailed, StoreBridge
from tui.milestones import APP_START, Milestones
from tui.modes import (
    ISSUE_SCREEN,
    MODE_KEYS,
    MODE_SCREENS,
    MODE_TITLES,
    load_class,
    module_exists,
)
from tui.screens.palette import PROVIDERS
from tui.session import Session
from tui.stylesheets import stylesheet

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["JiradashApp"]

RECENT_LIMIT = 20


class JiradashApp(App[str | None]):
    """The TUI. `return_value` is a profile name when the person asked to switch profiles."""

    TITLE = "jiradash"
    CSS_PATH = stylesheet("app.tcss")
    DEFAULT_MODE = "search"
    COMMANDS = App.COMMANDS | set(PROVIDERS)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Command palette", show=False, priority=True),
        Binding("slash", "focus_search", "JQL", show=False),
        Binding("r", "refresh_data", "Refresh", show=False),
        *(
            Binding(key, f"switch_screen_key('{key}')", MODE_TITLES[mode], show=False)
            for key, mode in MODE_KEYS.items()
        ),
    ]

    def __init__(
        self,
        store: Store,
        session: Session | None = None,
        *,
        milestones: Milestones | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.session = session or Session()
        self.bridge = StoreBridge(self, store)
        self.milestones = milestones or Milestones()
        self.recent_issues: list[str] = []  # most recent first
        self._issue_screen: type[Screen[Any]] | None = None
        self._issue_screen_looked_up = False
        self._issue_view: Screen[Any] | None = None  # reused by every `open_issue`
        self._loop_task: asyncio.Task[Any] | None = None
        self.milestones.mark(APP_START)
        for mode, path in MODE_SCREENS.items():
            self.add_mode(mode, self._screen_factory(path))
        if self.session.theme and self.session.theme in self.available_themes:
            self.theme = self.session.theme

    # -- lifecycle --------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._loop_task = asyncio.current_task()  # a failure here is fatal; elsewhere, contained
        self.bridge.start()
        self.screen_change_signal.subscribe(self, self._screen_changed)
        if self.session.tls_warning:  # the first screen came before the subscription
            self.call_after_refresh(lambda: self._screen_changed(self.screen))
        self.theme_changed_signal.subscribe(self, lambda theme: self.session.save_theme(theme.name))

    async def on_unmount(self) -> None:
        # Queued mutations finish before the store closes: quitting never drops a change.
        self.bridge.stop()
        await self.store.aclose()

    def _handle_exception(self, error: Exception) -> None:
        """Every unhandled exception: a redacted report, an error panel, and on where it can."""
        from tui.crash import handle_exception

        handle_exception(self, error, self._loop_task)

    def milestone(self, name: str) -> None:
        """Record a startup milestone (screens call this, e.g. when an issue is painted)."""
        self.milestones.mark(name)

    # -- modes ------------------------------------------------------------------------------

    @staticmethod
    def _screen_factory(path: str) -> Callable[[], Screen[Any]]:
        def build() -> Screen[Any]:
            screen_class = load_class(path)
            if screen_class is None:
                raise LookupError(f"screen {path} is not available")
            screen: Screen[Any] = screen_class()
            return screen

        return build

    def mode_available(self, mode: str) -> bool:
        if mode == "issue":
            return module_exists(ISSUE_SCREEN)
        return mode in MODE_SCREENS and module_exists(MODE_SCREENS[mode])

    @property
    def issue_screen_class(self) -> type[Screen[Any]] | None:
        if not self._issue_screen_looked_up:
            self._issue_screen = load_class(ISSUE_SCREEN)
            self._issue_screen_looked_up = True
        return self._issue_screen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_screen_key" and parameters:
            return self.mode_available(MODE_KEYS.get(str(parameters[0]), ""))
        return True

    async def action_switch_screen_key(self, key: str) -> None:
        """Go to a screen; the key of the screen you are in goes back to its first view
        (from an issue opened on screen 1, `1` is the results again; `5` still has the issue)."""
        mode = MODE_KEYS[key]
        if mode == "issue":
            await self.show_last_issue()
        elif self.current_mode != mode:
            await self.switch_mode(mode)
        else:
            while len(self.screen_stack) > 1:
                await self.pop_screen()

    async def show_last_issue(self) -> None:
        """Mode 5: the issue last viewed, in its own stack."""
        issue_class = self.issue_screen_class
        if issue_class is None:
            return
        if not self.recent_issues:
            self.notify("No issue viewed yet: open one from the results with enter.")
            return
        key = self.recent_issues[0]
        if self.current_mode == "issue":
            return
        stack = self._screen_stacks.get("issue")
        if "issue" in self._modes and not (stack and _issue_key(stack[0]) == key):
            show_key = getattr(stack[0], "show_key", None) if stack and len(stack) == 1 else None
            if callable(show_key):
                await show_key(key)  # its one view, reused for the issue now last viewed
            else:
                await self.remove_mode("issue")
        if "issue" not in self._modes:
            self.add_mode("issue", lambda: issue_class(key))
        await self.switch_mode("issue")

    def open_issue(self, key: str) -> None:
        """Push the issue view for `key` onto the current mode's stack. One view serves every
        opening: the issue is swapped into it before it is shown (composing and styling a new
        view each time was most of the cost); a new one is built only while it is open."""
        issue_class = self.issue_screen_class
        if issue_class is None:
            self.notify(
                f"{key}: the issue view is not available in this build.", severity="warning"
            )
            return
        view = self._issue_view
        if view is None:
            view = self._issue_view = issue_class(key)
            self.install_screen(view, "issue-view")
        if any(view in stack for stack in self._screen_stacks.values()):
            self.push_screen(issue_class(key))
            return
        self.run_worker(self._open_in(view, key), group="open-issue", exclusive=True)

    async def _open_in(self, view: Screen[Any], key: str) -> None:
        show_key = getattr(view, "show_key", None)
        if callable(show_key):
            await show_key(key)
        await self.push_screen(view)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if self.session.tls_warning:
            from tui.widgets.warning_bar import show_warning_bar

            show_warning_bar(screen, self.session.tls_warning)
        key = _issue_key(screen)
        if key is not None:
            self.remember_issue(key)

    def remember_issue(self, key: str) -> None:
        if key in self.recent_issues:
            self.recent_issues.remove(key)
        self.recent_issues.insert(0, key)
        del self.recent_issues[RECENT_LIMIT:]

    def step_issue(self, key: str, delta: int) -> str | None:
        """The issue `delta` results away from `key` in the search results (the issue view's
        `]` / `[`); moves the results cursor too. None at either end or with no results."""
        for screen in self._screen_stacks.get("search", []):
            step = getattr(screen, "step_issue", None)
            if callable(step):
                found: str | None = step(key, delta)
                return found
        return None

    # -- global actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def _search_screen(self) -> Screen[Any]:
        """Screen 1, on top of its own stack (whatever was open over it is closed)."""
        if self.current_mode != "search":
            await self.switch_mode("search")
        while len(self.screen_stack) > 1 and not hasattr(self.screen, "focus_jql"):
            await self.pop_screen()
        return self.screen

    async def action_focus_search(self) -> None:
        focus = getattr(await self._search_screen(), "focus_jql", None)
        if callable(focus):
            focus()

    async def search_jql(self, jql: str) -> None:
        """Run `jql` on screen 1 (favourite filters from the palette)."""
        run = getattr(await self._search_screen(), "run_jql", None)
        if callable(run):
            run(jql)

    def action_refresh_data(self) -> None:
        refresh = getattr(self.screen, "refresh_data", None)
        if callable(refresh):
            refresh()
        else:
            self.notify("Nothing to refresh here.")

    def switch_profile(self, name: str) -> None:
        """Leave the app asking the launcher to start again with profile `name`."""
        self.exit(name)

    # -- store messages ---------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text, whatever the caller says: notifications carry server
        messages, issue keys and labels, and a stray `[` must neither style nor crash.
        (Widgets' and screens' `notify` pass `markup=True` by default, hence no opt-in.)"""
        del markup
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mutation_failed(self, message: MutationFailed) -> None:
        # The server's words are shown as text, never as markup.
        self.notify(
            message.error.message,
            title=f"Not done: {message.mutation.describe()}",
            severity="error",
            timeout=8,
            markup=False,
        )


def _issue_key(screen: Screen[Any]) -> str | None:
    """The key an issue view shows (duck-typed so this module needn't import the issue view)."""
    if type(screen).__name__ != "IssueScreen":
        return None
    for attribute in ("key", "issue_key"):
        value = getattr(screen, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None
