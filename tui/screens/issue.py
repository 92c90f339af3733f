"""The issue view: one issue's header and sections, moving around them, and the keys of every
triage action on it (the actions themselves are `tui/screens/issue_actions.py`).

Reads the issue from the store (the cached copy at once, then the server's) and re-reads it when
the store announces a change to `issue:KEY`. One view serves every issue opened (`show_key`
swaps the next one in, see `JiradashApp.open_issue`): its header, sections and footer stay
mounted and are updated in place.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from tui.bridge import bridge_of
from tui.milestones import ISSUE_PAINTED
from tui.models import Issue
from tui.render.safe import safe_line
from tui.screens.actions.base import local_clock
from tui.screens.issue_actions import FAILED, IssueActions
from tui.store.errors import NotFound, StoreError
from tui.stylesheets import stylesheet
from tui.widgets.devinfo_panel import DevelopmentPanel
from tui.widgets.issue_body import IssueBody
from tui.widgets.issue_footer import IssueFooter
from tui.widgets.issue_header import IssueHeader
from tui.widgets.issue_items import IssueItem

__all__ = ["FAILED", "SLOW_READ_S", "IssueScreen"]

SLOW_READ_S = 0.15  # a read that takes longer than this shows loading indicators


class IssueScreen(IssueActions):
    """One issue. `]` / `[` step through the search results; `escape` goes back."""

    CSS_PATH = stylesheet("issue.tcss")
    AUTO_FOCUS = ""  # nothing until j / k: keys act on the issue, not on an item
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        Binding("t", "transition", "Transition"),
        Binding("a", "assign", "Assign"),
        Binding("A", "assign_to_me", "Assign to me", show=False),
        Binding("c", "comment", "Comment"),
        Binding("e", "edit", "Edit"),
        Binding("L", "log_work", "Log work"),
        Binding("l", "link", "Link", show=False),
        Binding("w", "watch", "Watch", show=False),
        Binding("v", "vote", "Vote", show=False),
        Binding("o", "open_in_browser", "Open in browser", show=False),
        Binding("y", "copy", "Copy key and URL", show=False),
        Binding("right_square_bracket", "step(1)", "Next result"),
        Binding("left_square_bracket", "step(-1)", "Previous result"),
        Binding("j,down", "move(1)", "Next item", show=False),
        Binding("k,up", "move(-1)", "Previous item", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self._slow: Timer | None = None
        self._missed_change = False  # the issue changed while this view was hidden
        self._styled_for: tuple[object, ...] | None = None  # see post_message

    # -- showing the issue --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        clock = local_clock(self)
        with VerticalScroll(id="issue-scroll", can_focus=False):
            yield Static("", id="issue-error")
            yield IssueHeader(clock, id="issue-header")
            yield IssueBody(clock, id="issue-body")
            yield DevelopmentPanel(self.key, id="issue-development")
        yield IssueFooter()

    async def on_mount(self) -> None:
        bridge_of(self).changed.subscribe(self, self._store_changed)
        await self._open(self.key)

    async def show_key(self, key: str) -> None:
        """Show issue `key` in this view instead of the one it shows: the view, its header,
        sections and footer stay mounted and are updated in place (awaited: the cached copy,
        when there is one, is on screen when this returns)."""
        if not self.is_mounted:
            self.key = key  # not shown yet: mounting opens it
            return
        self.set_focus(None)
        self.query_one("#issue-scroll", VerticalScroll).scroll_home(animate=False)
        with self.app.batch_update():
            await self._development(key)
            await self._open(key)
        remember = getattr(self.app, "remember_issue", None)
        if callable(remember):
            remember(key)

    async def _open(self, key: str) -> None:
        self.key = key
        if self.is_current:
            # Shown already (`]`): without the whole-screen repaint a change of the title
            # asks for (no header shows it), which doubled the frames drawn per issue.
            self.set_reactive(IssueScreen.title, key)
        else:
            # About to be pushed: the repaint asked for now makes its first frame one whole
            # render, cheaper than the partial one that follows a layout otherwise.
            self.title = key
        self._missed_change = False
        self.query_one("#issue-error").display = False
        cached = self.store.cached_issue(key)
        if cached is not None:
            await self.show_issue(cached)
        else:
            await self._clear()
        self.load()

    async def _clear(self) -> None:
        """Nothing of the previous issue stays while the next one is read; a loading indicator
        only if the read is slow (a cached issue never shows one)."""
        self.issue = None
        self.query_one(IssueHeader).issue = None
        self.query_one(IssueBody).show(None)
        self._stop_slow()
        self._slow = self.set_timer(SLOW_READ_S, self._show_loading)

    def _show_loading(self) -> None:
        if self.issue is None:
            self.query_one(IssueHeader).loading = True
            self.query_one(IssueBody).show_loading()

    def _stop_slow(self) -> None:
        if self._slow is not None:
            self._slow.stop()
            self._slow = None

    async def _development(self, key: str) -> None:
        panel = self.query_one(DevelopmentPanel)
        if panel.key == key:
            return
        if self.store.devinfo is None and not panel.display:
            panel.key = key  # no development information to read: the section stays out
            return
        await panel.remove()
        scroll = self.query_one("#issue-scroll", VerticalScroll)
        await scroll.mount(DevelopmentPanel(key, id="issue-development"))

    @work(exclusive=True, group="issue-load")
    async def load(self, refresh: bool = False) -> None:
        key = self.key
        try:
            await bridge_of(self).ready()
            issue = await self.store.issue(key, refresh=refresh)
        except StoreError as error:
            if key == self.key:
                self.show_error(error)
            return
        if key == self.key:
            await self.show_issue(issue)

    def refresh_data(self) -> None:
        """`r`: read the issue again from the server, bypassing the cache."""
        self.load(refresh=True)

    async def show_issue(self, issue: Issue) -> None:
        """Put `issue` on screen, updating the header and sections in place (so the focused
        item, a comment or a link, keeps the focus). Nothing is done when it is already shown."""
        self._stop_slow()
        header = self.query_one(IssueHeader)
        header.loading = False
        self.query_one("#issue-error").display = False
        if issue is not self.issue and issue != self.issue:
            self.issue = issue
            with self.app.batch_update():
                header.issue = issue
                self.query_one(IssueBody).show(issue)
        milestone = getattr(self.app, "milestone", None)
        if callable(milestone):
            milestone(ISSUE_PAINTED)

    def show_error(self, error: StoreError) -> None:
        self._stop_slow()
        message = (
            f"{self.key} does not exist, or you are not allowed to see it."
            if isinstance(error, NotFound)
            else error.message
        )
        banner = self.query_one("#issue-error", Static)
        banner.update(Text(safe_line(message) + "  (r: try again)"))
        banner.display = True
        self.query_one(IssueHeader).loading = False
        if self.issue is None:
            self.query_one(IssueBody).display = False
        self.notify(message, title=self.key, severity="error", markup=False)

    def _store_changed(self, keys: frozenset[str]) -> None:
        if f"issue:{self.key}" not in keys:
            return
        if not self.is_active:
            # Under another screen, or put away until the next issue: no reads for a view
            # nobody sees; it catches up when it is shown again.
            self._missed_change = True
            return
        cached = self.store.cached_issue(self.key)
        if cached is not None and cached != self.issue:
            self.run_worker(self._show_cached(self.key, cached), group="issue-show")
        self.load()

    async def _show_cached(self, key: str, issue: Issue) -> None:
        if key == self.key:
            await self.show_issue(issue)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenResume) and self._style_inputs() == self._styled_for:
            # Textual restyles every node of a screen pushed again, in case the theme changed
            # while it was hidden (on a pop it trusts the styles). Nothing they depend on
            # changed: a third of the cost of opening an issue from the cache, saved.
            message.refresh_styles = False
        return super().post_message(message)

    def _style_inputs(self) -> tuple[object, ...]:
        app = self.app
        return (app.theme, app.app_focus, app.ansi_color, id(app.stylesheet))

    def on_screen_suspend(self) -> None:
        self._styled_for = self._style_inputs()

    def on_screen_resume(self) -> None:
        if self._missed_change:
            self._missed_change = False
            self._store_changed(frozenset({f"issue:{self.key}"}))

    # -- moving around ------------------------------------------------------------------------

    def _stops(self) -> list[tuple[Widget, str]]:
        """Where `j` / `k` stop, in order: the body's items, then the Development rows."""
        body = self.query_one(IssueBody)
        stops: list[tuple[Widget, str]] = (
            [(body, key) for key in body.item_keys] if body.display else []
        )
        stops.extend((item, "") for item in self.query(IssueItem) if item.display)
        return stops

    def _here(self) -> tuple[Widget, str] | None:
        focused = self.focused
        if isinstance(focused, IssueBody):
            return (focused, focused.selected) if focused.selected is not None else None
        return (focused, "") if isinstance(focused, IssueItem) else None

    def _stop_at(self, stop: tuple[Widget, str]) -> None:
        widget, key = stop
        if isinstance(widget, IssueBody):
            widget.select(key)
        else:
            widget.focus()

    def action_move(self, step: int) -> None:
        stops = self._stops()
        if not stops:
            self.query_one("#issue-scroll", VerticalScroll).scroll_relative(y=step, animate=False)
            return
        here = self._here()
        if here in stops:
            index = max(0, min(len(stops) - 1, stops.index(here) + step))
        else:
            index = 0 if step > 0 else len(stops) - 1
        self._stop_at(stops[index])

    def action_top(self) -> None:
        self.set_focus(None)
        self.query_one("#issue-scroll", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        stops = self._stops()
        if stops:
            self._stop_at(stops[-1])
        self.query_one("#issue-scroll", VerticalScroll).scroll_end(animate=False)

    def action_page(self, direction: int) -> None:
        scroll = self.query_one("#issue-scroll", VerticalScroll)
        if direction > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    async def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            await self.app.switch_mode("search")

    async def action_step(self, delta: int) -> None:
        step = getattr(self.app, "step_issue", None)
        found = step(self.key, delta) if callable(step) else None
        if not isinstance(found, str):
            self.notify("No next result." if delta > 0 else "No previous result.", timeout=2)
            return
        await self.show_key(found)

    @on(IssueBody.Open)
    def _open_ref(self, message: IssueBody.Open) -> None:
        message.stop()
        self.app.push_screen(IssueScreen(message.key))
