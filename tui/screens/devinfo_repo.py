"""One repository's development information: its fields, then tabs of commits, branches and pull
requests, the highlighted entity's details below, a filter, and the deletes.

Keys: `c` / `b` / `p` the tabs, `f` the filter (issue key, author or status), `enter` opens the
highlighted row's issue, `d` deletes the highlighted entity, `D` the whole repository (both ask
first, naming what goes, with an optional `_updateSequenceId`; a whole delete without one also
forgets the repository, as the CLI does), `r` re-reads, `escape` back.
Writes are asynchronous in Jira: after a delete the repository is read again.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from tui.bridge import bridge_of, store_of
from tui.models.devinfo import Branch, Commit, EntityType, Repository
from tui.render.safe import safe_line
from tui.screens.devinfo_admin import DeleteAnswer, DeleteModal
from tui.screens.devinfo_send import send_devinfo
from tui.store.devinfo import DevinfoService
from tui.store.errors import NotFound, StoreError
from tui.store.mutations_devinfo import DeleteEntity, DeleteRepository, DevinfoMutation
from tui.stylesheets import stylesheet
from tui.widgets.devinfo_rows import (
    COLUMNS,
    KINDS,
    Entity,
    branch_detail,
    branch_row,
    commit_detail,
    commit_row,
    entity_label,
    entity_type,
    matches,
    pull_request_detail,
    pull_request_row,
    repository_head,
)
from tui.widgets.fitted_footer import FittedFooter

__all__ = ["RepositoryScreen"]

class RepositoryScreen(Screen[None]):
    CSS_PATH = stylesheet("devinfo.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        Binding("c", "tab('commit')", "Commits"),
        Binding("b", "tab('branch')", "Branches"),
        Binding("p", "tab('pull_request')", "Pull requests"),
        Binding("f", "focus_filter", "Filter"),
        Binding("d", "delete_entity", "Delete"),
        Binding("D", "delete_repository", "Delete repository"),
        Binding("r", "refresh_data", "Refresh"),
    ]

    def __init__(self, repository_id: str, *, kind: EntityType = "commit") -> None:
        super().__init__()
        self.repository_id = repository_id
        self.repository: Repository | None = None
        self.filter_text = ""
        self._first_kind = kind
        self._shown: dict[EntityType, list[Entity]] = {k: [] for k in KINDS}
        self.head_view = Static(Text(f"{safe_line(repository_id)} · loading…"), id="devinfo-head")
        self.filter_field = Input(placeholder="Filter by issue key, author or status (f)", id="devinfo-filter")
        self.tables: dict[EntityType, DataTable[Text]] = {
            k: DataTable(id=f"devinfo-{k.replace('_', '-')}", cursor_type="row", zebra_stripes=True)
            for k in KINDS
        }
        self.detail_view = Static("", id="devinfo-detail")

    @property
    def service(self) -> DevinfoService | None:
        return store_of(self).devinfo

    def compose(self) -> ComposeResult:
        yield self.head_view
        yield self.filter_field
        with TabbedContent(id="devinfo-tabs", initial=f"tab-{self._first_kind}"):
            for kind, title in KINDS.items():
                with TabPane(title, id=f"tab-{kind}"):
                    yield self.tables[kind]
        with VerticalScroll(id="devinfo-detail-scroll", can_focus=False):
            yield self.detail_view
        yield FittedFooter()

    def on_mount(self) -> None:
        self.title = f"Repository {self.repository_id}"
        for kind, table in self.tables.items():
            table.add_columns(*COLUMNS[kind])
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.tables[self._first_kind].focus()
        self.load()

    # -- loading and showing ------------------------------------------------------------------

    @work(exclusive=True, group="devinfo-repository")
    async def load(self, refresh: bool = False) -> None:
        service = self.service
        if service is None:
            self.head_view.update(Text("Development information is not configured for this profile."))
            return
        try:
            self.repository = await service.repository(self.repository_id, refresh=refresh)
        except NotFound:
            self.repository = None
            self.head_view.update(Text(f"Nothing is stored for repository {safe_line(self.repository_id)}."))
            self._fill()
            return
        except StoreError as error:
            self.head_view.update(Text(f"{safe_line(self.repository_id)} · could not load (r to retry)"))
            self.notify(error.message, title="Repository", severity="error", timeout=8, markup=False)
            return
        self.head_view.update(repository_head(self.repository))
        self._fill()

    def _fill(self) -> None:
        repo = self.repository
        entities: dict[EntityType, list[Entity]] = {
            "commit": list(repo.commits) if repo else [],
            "branch": list(repo.branches) if repo else [],
            "pull_request": list(repo.pull_requests) if repo else [],
        }
        tabs = self.query_one(TabbedContent)
        for kind, items in entities.items():
            shown = [e for e in items if matches(e, self.filter_text)]
            self._shown[kind] = shown
            table = self.tables[kind]
            row = table.cursor_row
            table.clear()
            for entity in shown:
                table.add_row(*_row(entity))
            if shown:
                table.move_cursor(row=min(row, len(shown) - 1))
            label = f"{KINDS[kind]} ({len(shown)})" if not self.filter_text else \
                f"{KINDS[kind]} ({len(shown)} of {len(items)})"
            tabs.get_tab(f"tab-{kind}").label = label
        self._show_detail()

    def current_kind(self) -> EntityType:
        active = self.query_one(TabbedContent).active
        return next((k for k in KINDS if f"tab-{k}" == active), "commit")

    def current_entity(self) -> Entity | None:
        kind = self.current_kind()
        shown = self._shown[kind]
        row = self.tables[kind].cursor_row
        return shown[row] if 0 <= row < len(shown) else None

    def _show_detail(self) -> None:
        entity = self.current_entity()
        if entity is None:
            self.detail_view.update(Text("Nothing here." if not self.filter_text else "Nothing matches the filter.",
                                         style="dim"))
        elif isinstance(entity, Commit):
            self.detail_view.update(commit_detail(entity))
        elif isinstance(entity, Branch):
            self.detail_view.update(branch_detail(entity))
        else:
            self.detail_view.update(pull_request_detail(entity))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        """`enter`: the row's issue (its first key)."""
        event.stop()
        entity = self.current_entity()
        if entity is None or not entity.issue_keys:
            return
        open_issue = getattr(self.app, "open_issue", None)
        if callable(open_issue):
            open_issue(safe_line(entity.issue_keys[0]))

    # -- keys ---------------------------------------------------------------------------------

    def action_tab(self, kind: str) -> None:
        found: EntityType = next((k for k in KINDS if k == kind), "commit")
        self.query_one(TabbedContent).active = f"tab-{found}"
        self.tables[found].focus()

    def action_focus_filter(self) -> None:
        self.filter_field.focus()

    @on(Input.Changed, "#devinfo-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._fill()

    @on(Input.Submitted, "#devinfo-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.tables[self.current_kind()].focus()

    def action_back(self) -> None:
        if self.filter_field.has_focus:
            if self.filter_field.value:
                self.filter_field.value = ""
            else:
                self.tables[self.current_kind()].focus()
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def refresh_data(self) -> None:
        self.load(refresh=True)

    def action_refresh_data(self) -> None:
        self.refresh_data()

    def _store_changed(self, keys: frozenset[str]) -> None:
        if "devinfo" in keys or f"devinfo:{self.repository_id}" in keys:
            self.load()

    # -- deletes ------------------------------------------------------------------------------

    def action_delete_entity(self) -> None:
        entity = self.current_entity()
        if entity is None:
            self.notify("Nothing highlighted to delete.")
            return
        label = entity_label(entity)
        kind = entity_type(entity)

        def answered(answer: object) -> None:
            if isinstance(answer, DeleteAnswer):
                self.send(DeleteEntity(repository_id=self.repository_id, entity_type=kind,
                                       entity_id=entity.id, update_sequence_id=answer.update_sequence_id))

        self.app.push_screen(DeleteModal(f"Delete {label} from {self.repository_id}?",
                                         detail=f"Only this {kind.replace('_', ' ')} goes; the repository "
                                                "and its other entities stay."), answered)

    def action_delete_repository(self) -> None:
        repo = self.repository
        what = (f"{len(repo.commits)} commits, {len(repo.branches)} branches and "
                f"{len(repo.pull_requests)} pull requests" if repo else "everything stored for it")

        def answered(answer: object) -> None:
            if isinstance(answer, DeleteAnswer):
                self.send(DeleteRepository(repository_id=self.repository_id,
                                           update_sequence_id=answer.update_sequence_id))

        self.app.push_screen(DeleteModal(f"Delete repository {self.repository_id} and all its development "
                                         "information?", detail=f"Goes: {what}. Without a bound, the repositories "
                                         "screen forgets it too (unless the profile names its checkout)."),
                             answered)

    @work(group="devinfo-mutation")
    async def send(self, mutation: DevinfoMutation) -> None:
        service = self.service
        if service is not None and await send_devinfo(self, service, mutation, forgotten="No longer listed on the repositories screen."):
            self.load(refresh=True)


def _row(entity: Entity) -> tuple[Text, ...]:
    if isinstance(entity, Commit):
        return commit_row(entity)
    if isinstance(entity, Branch):
        return branch_row(entity)
    return pull_request_row(entity)
