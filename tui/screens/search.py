"""Screen 1: the JQL bar, the results, the status line, and bulk actions on selected rows.

Searches run in one exclusive worker group: a new search cancels the previous one's reads
(mutations run in their own group and are never cancelled). A cached copy shows at once and
is replaced by fresh pages as they stream in; the status line says how far along it is.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.bridge import bridge_of, store_of
from tui.milestones import FIRST_FRAME, FIRST_RESULT_ROW
from tui.models import IssueSummary, SearchPage
from tui.modes import load_class
from tui.render.safe import safe_line
from tui.screens.bulk import OutcomeScreen, dispatch_all
from tui.screens.filters import pick_filter
from tui.session import session_of
from tui.store.errors import JqlError, StoreError
from tui.store.mutations import AssignIssue, Mutation
from tui.stylesheets import stylesheet
from tui.widgets.issue_footer import IssueFooter
from tui.widgets.jql_bar import JqlBar
from tui.widgets.results import ResultsTable
from tui.widgets.status_line import StatusLine

__all__ = ["SearchScreen"]

MODALS = "tui.screens.actions"


def _merge(fresh: list[IssueSummary], cached: list[IssueSummary]) -> list[IssueSummary]:
    """Fresh rows first, then the cached rows the fresh pages have not reached yet."""
    seen = {row.key for row in fresh}
    return fresh + [row for row in cached[len(fresh) :] if row.key not in seen]


class _Feed:
    """One search's pages into the results table, with work in proportion to each page.

    The first page replaces the rows; later pages are appended. Fresh pages revalidating a
    cached copy show as the fresh rows so far followed by the cached rest (`_merge`), but the
    table is only rebuilt once a fresh page differs from the cached rows it stands for. At the
    end the table holds exactly the fresh result (or the cached one the server confirmed).
    """

    def __init__(self, table: ResultsTable) -> None:
        self.table = table
        self.cached: list[IssueSummary] = []
        self.fresh: list[IssueSummary] = []
        self._differs = False  # a fresh page differed from the cached rows at its place

    def add(self, page: SearchPage) -> None:
        rows = self.cached if page.from_cache else self.fresh
        start = len(rows)
        rows.extend(page.issues)
        if page.from_cache or not self.cached:
            if start:
                self.table.append_rows(page.issues)
            else:
                self.table.set_rows(page.issues)
        elif self._differs or self.fresh[start:] != self.cached[start : len(self.fresh)]:
            self._differs = True
            self.table.set_rows(_merge(self.fresh, self.cached))
        # else: the table already shows these rows (the cached copy)

    def finish(self) -> None:
        final = self.fresh or self.cached
        if not self.table.holds(final):
            self.table.set_rows(final)


class SearchScreen(Screen[None]):
    TITLE = "Search"
    CSS_PATH = stylesheet("search.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_jql", "JQL"),
        Binding("f", "filters", "Filters"),
        Binding("t", "transition", "Transition"),
        Binding("a", "assign", "Assign"),
        Binding("A", "assign_to_me", "Assign to me", show=False),
        Binding("plus", "add_label", "Add label", show=False),
        Binding("n", "create", "New issue"),
        Binding("o", "open_in_browser", "Open in browser", show=False),
        Binding("y", "copy", "Copy key and URL", show=False),
        Binding("r", "refresh_data", "Refresh"),
        Binding("escape", "clear_selection", "Clear selection", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.jql = ""
        self._ran_once = False

    def compose(self) -> ComposeResult:
        # Kept as attributes: a search streaming in while the screen is torn down (quitting)
        # still has its widgets to write to, instead of a failing query.
        session = session_of(self)
        self.bar = JqlBar(session.default_jql, history_path=session.history_path)
        self.results = ResultsTable(columns=session.columns, clock=session.clock, id="results")
        self.status_line = StatusLine(id="status")
        yield self.bar
        yield self.results
        yield self.status_line
        yield IssueFooter()  # its keys rebuilt only when they change, not each time it is uncovered

    def on_mount(self) -> None:
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.call_after_refresh(self.app_milestone, FIRST_FRAME)
        self.results.focus()
        self.search(self.bar.value)

    # -- searching --------------------------------------------------------------------------

    def search(self, jql: str, *, refresh: bool = False) -> None:
        self.jql = jql
        self.bar.clear_error()
        self.status_line.update(loading=True, note="")
        self.results.set_empty_text("Searching…")
        self._run_search(jql, refresh)

    @work(exclusive=True, group="search")
    async def _run_search(self, jql: str, refresh: bool) -> None:
        feed = _Feed(self.results)
        total: int | None = None
        try:
            await bridge_of(self).ready()
            async for page in store_of(self).search(jql, refresh=refresh):
                total = page.total if page.total is not None else total
                feed.add(page)
                self.status_line.update(
                    loaded=self.results.row_count,
                    total=total,
                    from_cache=page.from_cache,
                    loading=not page.is_last or page.from_cache,
                    cursor=self.results.cursor_row,
                )
                if self.results.row_count:
                    self.call_after_refresh(self.app_milestone, FIRST_RESULT_ROW)
        except JqlError as error:
            self.bar.show_error(error.message, error.position)
            self.status_line.update(loading=False)
            self.results.set_empty_text("No issues: the query was refused.")
            return
        except StoreError as error:
            self.notify(error.message, title="Search failed", severity="error", timeout=8)
            self.status_line.update(loading=False, note="search failed")
            self.results.set_empty_text(f"Search failed: {safe_line(error.message)}")
            return
        self.results.set_empty_text("No issues match this query.")
        self._ran_once = True
        self.bar.remember(jql)
        # The store always asks the server; a search that ends with only the cached pages is
        # one the server confirmed unchanged, so it is no longer shown as "(cached)".
        feed.finish()
        self.status_line.update(loading=False, loaded=self.results.row_count, from_cache=False)

    def app_milestone(self, name: str) -> None:
        milestone = getattr(self.app, "milestone", None)
        if callable(milestone):
            milestone(name)

    def refresh_data(self) -> None:
        self.search(self.jql or self.bar.value, refresh=True)

    def run_jql(self, jql: str) -> None:
        """Put `jql` in the bar and run it (favourite filters, the palette)."""
        self.bar.value = jql
        self.search(jql)
        self.results.focus()

    def focus_jql(self) -> None:
        self.bar.focus_input()

    def step_issue(self, key: str, delta: int) -> str | None:
        return self.results.step(key, delta)

    # -- messages ---------------------------------------------------------------------------

    @on(JqlBar.Submitted)
    def _submitted(self, event: JqlBar.Submitted) -> None:
        self.search(event.jql)
        self.results.focus()

    @on(ResultsTable.Opened)
    def _opened(self, event: ResultsTable.Opened) -> None:
        open_issue = getattr(self.app, "open_issue", None)
        if callable(open_issue):
            open_issue(event.key)

    @on(ResultsTable.CursorMoved)
    def _cursor_moved(self, event: ResultsTable.CursorMoved) -> None:
        self.status_line.update(cursor=event.index)

    @on(ResultsTable.Sorted)
    def _sorted(self, event: ResultsTable.Sorted) -> None:
        self.status_line.update(sort=event.label)

    @on(ResultsTable.SelectionChanged)
    def _selection_changed(self, event: ResultsTable.SelectionChanged) -> None:
        self.status_line.update(selected=len(event.keys))

    def _store_changed(self, keys: frozenset[str]) -> None:
        shown = {k.removeprefix("issue:") for k in keys if k.startswith("issue:")}
        shown &= {row.key for row in self.results.rows}
        if shown:
            self._refresh_rows(sorted(shown))
        elif "search" in keys and self._ran_once:
            self.search(self.jql)

    @work(group="rows")
    async def _refresh_rows(self, keys: Sequence[str]) -> None:
        store = store_of(self)
        rows = []
        for key in keys:
            try:
                rows.append((await store.issue(key)).as_summary())
            except StoreError:
                continue
        self.results.update_rows(rows)

    # -- actions on the cursor row or the selection ------------------------------------------

    def _targets(self) -> tuple[str, ...]:
        selected = self.results.selected_keys
        if selected:
            return selected
        key = self.results.cursor_key
        return (key,) if key else ()

    def action_focus_jql(self) -> None:
        self.focus_jql()

    def action_clear_selection(self) -> None:
        self.results.clear_selection()

    @work(group="filters", exclusive=True)
    async def action_filters(self) -> None:
        await pick_filter(self, self.run_jql)

    def _action_modal(self, name: str, *args: Any) -> Screen[Any] | None:
        modal_class = load_class(f"{MODALS}:{name}")
        if modal_class is None:
            self.notify(f"{name} is not available in this build.", severity="warning")
            return None
        modal: Screen[Any] = modal_class(*args)
        return modal

    def _bulk(self, action: str, modal_name: str) -> None:
        keys = self._targets()
        if not keys:
            self.notify("No issue under the cursor.")
            return
        modal = self._action_modal(modal_name, list(keys))
        if modal is not None:
            self.app.push_screen(modal, lambda ms: self._apply(action, ms))

    def action_transition(self) -> None:
        self._bulk("Transition", "TransitionModal")

    def action_assign(self) -> None:
        self._bulk("Assign", "AssignModal")

    def action_add_label(self) -> None:
        self._bulk("Add label", "LabelModal")

    def action_assign_to_me(self) -> None:
        me = store_of(self).me
        keys = self._targets()
        if me is None or not keys:
            self.notify("Not connected yet." if me is None else "No issue under the cursor.")
            return
        self._apply(
            "Assign to me",
            [
                AssignIssue(key=key, account_id=me.account_id, display_name=me.display_name)
                for key in keys
            ],
        )

    def action_create(self) -> None:
        # The project of the issue under the cursor is the likeliest one: preselect it.
        current = self.results.cursor_issue
        modal = self._action_modal("CreateIssueModal", current.project_key if current else None)
        if modal is not None:
            self.app.push_screen(modal, lambda ms: self._apply("Create issue", ms))

    def _apply(self, action: str, mutations: Sequence[Mutation] | None) -> None:
        if mutations:
            self._dispatch(action, list(mutations))

    @work(group="mutations")
    async def _dispatch(self, action: str, mutations: list[Mutation]) -> None:
        outcomes = await dispatch_all(self, mutations)
        if len(outcomes) > 1:
            await self.app.push_screen(OutcomeScreen(action, outcomes))
            self.results.clear_selection()
            return
        outcome = outcomes[0]
        if outcome.error is not None:
            self.notify(
                outcome.error.message,
                title=outcome.mutation.describe(),
                severity="error",
                timeout=8,
            )
        elif action == "Create issue":
            self.notify(_created(outcome.result))
        else:
            self.notify(outcome.mutation.describe())

    def action_open_in_browser(self) -> None:
        key = self.results.cursor_key
        if key:
            url = store_of(self).browse_url(key)
            self.notify(f"Opening {key} in the browser")
            self._open_url(url)

    @work(group="browser", thread=True)
    def _open_url(self, url: str) -> None:
        webbrowser.open(url)

    def action_copy(self) -> None:
        key = self.results.cursor_key
        if key:
            url = store_of(self).browse_url(key)
            self.app.copy_to_clipboard(f"{key} {url}")
            self.notify(f"Copied {key} {url}")

    def action_refresh_data(self) -> None:
        self.refresh_data()


def _created(result: object) -> str:
    key = getattr(result, "key", result if isinstance(result, str) else "")
    return f"Created {key}" if key else "Issue created"
