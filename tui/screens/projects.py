"""Screen 2: the projects list — recently viewed projects on top, a filter that narrows as you
type, the project type (`t`), category (`c`) and order (`s`) of `/project/search`, live /
archived / trash views, `enter` for a project's page, and the admin keys. The status line says
which filters are active.

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
from textual.widgets import Input, Static

from tui.bridge import bridge_of
from tui.models import Project, ProjectCategory
from tui.render.safe import safe_line
from tui.screens.project_admin import ProjectAdminScreen
from tui.screens.project_detail import ProjectDetailScreen
from tui.store.errors import StoreError
from tui.stylesheets import stylesheet
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.project_list import ProjectList, type_label

__all__ = ["ProjectsScreen"]

VIEWS: dict[str, str] = {"live": "Projects", "archived": "Archived projects", "deleted": "Trash"}
TYPES: tuple[str | None, ...] = (None, "software", "service_desk", "business")
# `orderBy` values of /project/search (`-`: descending) and how the status line names them
ORDERS: dict[str, str] = {
    "key": "key",
    "-key": "key ↓",
    "name": "name",
    "-name": "name ↓",
    "category": "category",
    "owner": "lead",
    "-issueCount": "issues ↓",
    "-lastIssueUpdatedDate": "last update ↓",
}


def matches(
    project: Project, folded: str, type_key: str | None = None, category_id: str | None = None
) -> bool:
    return (
        (not folded or folded in project.key.casefold() or folded in project.name.casefold())
        and (type_key is None or project.type_key == type_key)
        and (
            category_id is None
            or (project.category is not None and project.category.id == category_id)
        )
    )


def _next(choices: list[str | None], current: str | None) -> str | None:
    return choices[(choices.index(current) + 1) % len(choices)] if current in choices else None


class ProjectsScreen(ProjectAdminScreen):
    TITLE = "Projects"
    CSS_PATH = stylesheet("projects.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "focus_filter", "Filter"),
        Binding("t", "cycle_type", "Type"),
        Binding("c", "cycle_category", "Category"),
        Binding("s", "cycle_order", "Sort"),
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
        self.type_key: str | None = None
        self.category: ProjectCategory | None = None
        self.order_by = "key"
        self._categories: list[ProjectCategory] = []
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
        yield FittedFooter()

    def on_mount(self) -> None:
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.project_list.focus()
        self._load("")
        self._load_recent()
        self._load_categories()

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
            pages = self.service.pages(
                query,
                type_key=self.type_key,
                category_id=self.category.id if self.category else None,
                order_by=self.order_by,
                status=self.view,
                refresh=refresh,
            )
            async for page in pages:
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

    @work(exclusive=True, group="project-categories")
    async def _load_categories(self) -> None:
        try:
            await bridge_of(self).ready()
            self._categories = await self.service.categories()
        except StoreError:
            self._categories = []

    def rows(self) -> list[Project]:
        """Recent projects first (in the live view), then the list; both narrowed by the filter,
        the type and the category (at once, before the server answers for them)."""
        folded = self.filter_text.strip().casefold()
        category = self.category.id if self.category else None

        def wanted(p: Project) -> bool:
            return matches(p, folded, self.type_key, category)

        listed = {p.key: p for p in self._projects}
        recent = (
            [listed.get(p.key, p) for p in self._recent if wanted(p)] if self.view == "live" else []
        )
        shown = {p.key for p in recent}
        return recent + [p for p in self._projects if p.key not in shown and wanted(p)]

    def active_filters(self) -> list[str]:
        """What narrows or orders the list, as the status line says it."""
        found = []
        if self.type_key:
            found.append(f"type: {type_label(self.type_key)}")
        if self.category:
            found.append(f"category: {safe_line(self.category.name)}")
        if self.filter_text.strip():
            found.append(f"filter: {safe_line(self.filter_text.strip())}")
        if self.order_by != "key":
            found.append(f"order: {ORDERS.get(self.order_by, self.order_by)}")
        return found

    def _show(self, note: str = "") -> None:
        rows = self.rows()
        table = self.project_list
        recent = {p.key for p in self._recent} if self.view == "live" else set()
        table.empty_text = (
            "Loading projects…"
            if self._loading
            else "No projects match."
            if self.filter_text or self.type_key or self.category
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
        parts.extend(self.active_filters())
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

    def _filters_changed(self) -> None:
        """Narrow what is loaded at once, then ask the server for the new list."""
        self._show()
        self._load(self.filter_text)

    def action_cycle_type(self) -> None:
        """All types, then software, service desk, business."""
        self.type_key = _next(list(TYPES), self.type_key)
        self._filters_changed()

    def action_cycle_category(self) -> None:
        """All categories, then each category the server has, in its order."""
        if not self._categories:
            self.notify("This Jira has no project categories.")
            return
        ids: list[str | None] = [None, *(c.id for c in self._categories)]
        chosen = _next(ids, self.category.id if self.category else None)
        self.category = next((c for c in self._categories if c.id == chosen), None)
        self._filters_changed()

    def action_cycle_order(self) -> None:
        orders: list[str | None] = list(ORDERS)
        self.order_by = _next(orders, self.order_by) or "key"
        self._projects, self._total = [], None  # a new order: the server's rows only
        self._filters_changed()

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
