"""Screen 2: the projects list — recently viewed projects on top, a filter that narrows as you
type, live / archived / trash views, `enter` for a project's page, and the admin keys.

The list streams from the store page by page (the first page shows after one request). Typing
in the filter narrows the rows already loaded at once, and asks the server for the query after a
short pause in one exclusive worker, so a new key press cancels the previous question instead of
waiting for it: typing never waits on the network.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input, Static

from tui.bridge import bridge_of
from tui.models import Project
from tui.screens.project_admin import ProjectAdminScreen
from tui.screens.project_detail import ProjectDetailScreen
from tui.store.errors import StoreError
from tui.stylesheets import stylesheet
from tui.widgets.project_list import ProjectList

__all__ = ["ProjectsScreen"]

VIEWS: dict[str, str] = {"live": "Projects", "archived": "Archived projects", "deleted": "Trash"}


def matches(project: Project, folded: str) -> bool:
    return not folded or folded in project.key.casefold() or folded in project.name.casefold()


class ProjectsScreen(ProjectAdminScreen):
    TITLE = "Projects"
    CSS_PATH = stylesheet("projects.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "focus_filter", "Filter"),
        Binding("v", "cycle_view", "Live/archived/trash"),
        *ProjectAdminScreen.ADMIN_BINDINGS,
        Binding("r", "refresh_data", "Refresh"),
        Binding("escape", "clear_filter", "Clear the filter", show=False),
        Binding("down", "to_list", "To the list", show=False),
    ]
    debounce = 0.3  # seconds of quiet in the filter before the server is asked

    def __init__(self) -> None:
        super().__init__()
        self.view = "live"
        self.filter_text = ""
        self._projects: list[Project] = []  # the server's rows for the last query asked
        self._recent: list[Project] = []
        self._total: int | None = None
        self._loading = True
        self._from_cache = False
        self._select_key: str | None = None
        # Held, not queried: a worker finishing while the app quits must not fail looking.
        self.filter_field = Input(placeholder="Filter by key or name (f)", id="project-filter")
        self.project_list = ProjectList(id="project-list", empty_text="Loading projects…")
        self.status_line = Static("", id="projects-status")

    def compose(self) -> ComposeResult:
        yield self.filter_field
        yield self.project_list
        yield self.status_line
        yield Footer()

    def on_mount(self) -> None:
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.project_list.focus()
        self._load("")
        self._load_recent()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self._load_recent(refresh=True)  # a project just viewed is now the most recent

    # -- loading ------------------------------------------------------------------------------

    @work(exclusive=True, group="project-list")
    async def _load(self, query: str, refresh: bool = False, wait: float = 0.0) -> None:
        if wait:
            await asyncio.sleep(wait)
        self._loading = True
        self._show()
        cached: list[Project] = []
        fresh: list[Project] = []
        answered = False  # a fresh page came (it may be empty): the cached copy is done with
        try:
            await bridge_of(self).ready()
            async for page in self.service.pages(query, status=self.view, refresh=refresh):
                (cached if page.from_cache else fresh).extend(page.projects)
                answered = answered or not page.from_cache
                seen = {p.key for p in fresh}
                rest = [] if answered and page.is_last else cached[len(fresh) :]
                self._projects = fresh + [p for p in rest if p.key not in seen]
                self._total = page.total
                self._from_cache = not answered
                self._loading = page.from_cache or not page.is_last
                self._show()
        except StoreError as error:
            self._loading = False
            self._show(note="could not load")
            self.notify(error.message, title="Projects", severity="error", timeout=8)
            return
        self._loading = False
        self._show()

    @work(exclusive=True, group="project-recent")
    async def _load_recent(self, refresh: bool = False) -> None:
        try:
            await bridge_of(self).ready()
            self._recent = await self.service.recent(refresh=refresh) if self.view == "live" else []
        except StoreError:
            self._recent = []
        self._show()

    def rows(self) -> list[Project]:
        """Recent projects first (in the live view), then the list; both narrowed by the filter."""
        folded = self.filter_text.strip().casefold()
        listed = {p.key: p for p in self._projects}
        recent = (
            [listed.get(p.key, p) for p in self._recent if matches(p, folded)]
            if self.view == "live"
            else []
        )
        shown = {p.key for p in recent}
        return recent + [p for p in self._projects if p.key not in shown and matches(p, folded)]

    def _show(self, note: str = "") -> None:
        rows = self.rows()
        table = self.project_list
        recent = {p.key for p in self._recent} if self.view == "live" else set()
        table.empty_text = (
            "Loading projects…"
            if self._loading
            else "No projects match."
            if self.filter_text
            else "No projects."
        )
        table.set_rows(rows, recent)
        if self._select_key is not None and table.move_to(self._select_key):
            self._select_key = None
        parts = [VIEWS[self.view], f"{len(rows):,} shown"]
        if self._total is not None:
            parts.append(f"{len(self._projects):,} of {self._total:,} loaded")
        if recent & {p.key for p in rows}:
            parts.append(f"★ {len(recent & {p.key for p in rows})} recent")
        if self.filter_text:
            parts.append(f"filter: {self.filter_text.strip()}")
        if self._from_cache and not self._loading:
            parts.append("cached")
        if self._loading:
            parts.append("loading…")
        if note:
            parts.append(note)
        self.status_line.update(" · ".join(parts))

    # -- the filter ---------------------------------------------------------------------------

    @on(Input.Changed, "#project-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._show()  # at once, over what is loaded
        self._load(self.filter_text, wait=self.debounce)  # then the server, once typing pauses

    @on(Input.Submitted, "#project-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.project_list.focus()

    def action_focus_filter(self) -> None:
        self.filter_field.focus()

    def action_clear_filter(self) -> None:
        """`escape` in the filter: empty it; again (or from elsewhere): back to the list."""
        field = self.filter_field
        if field.has_focus and field.value:
            field.value = ""
        else:
            self.project_list.focus()

    def action_to_list(self) -> None:
        self.project_list.focus()

    # -- views, opening, refreshing --------------------------------------------------------------

    def action_cycle_view(self) -> None:
        names = list(VIEWS)
        self.view = names[(names.index(self.view) + 1) % len(names)]
        self.title = VIEWS[self.view]
        self._projects, self._total = [], None
        self._load(self.filter_text)
        self._load_recent()

    @on(ProjectList.Opened)
    def _opened(self, event: ProjectList.Opened) -> None:
        self.app.push_screen(ProjectDetailScreen(event.key))

    def refresh_data(self) -> None:
        self._load(self.filter_text, refresh=True)
        self._load_recent(refresh=True)

    def action_refresh_data(self) -> None:
        self.refresh_data()

    def _store_changed(self, keys: frozenset[str]) -> None:
        if "projects" in keys or any(k.startswith("project:") for k in keys):
            self._load(self.filter_text)
            self._load_recent()
        elif "projects:recent" in keys:
            self._load_recent()

    # -- administration -----------------------------------------------------------------------

    def admin_project(self) -> Project | None:
        return self.project_list.cursor_project

    def known_projects(self) -> tuple[Project, ...]:
        return (*self._projects, *self._recent)

    def project_changed(self, key: str) -> None:
        self._select_key = key
