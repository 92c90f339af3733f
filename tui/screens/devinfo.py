"""Screen 4: the repositories this profile knows, with their development information.

The devinfo API cannot list repositories, so the list is the profile's known ids (its
`devinfo_repositories`, those it pushed or met; in the demo, the sandbox's seeded ones), read
together. Keys: `enter` a repository's page, `+` add one by id (kept in the profile by the
store), `p` push the local checkout the profile names for the highlighted repository (after a
confirmation naming both; progress in the status line, then the store result), `-` forget the
highlighted repository (only this list and the profile change, after a confirmation naming it
and any `ID=PATH` line that goes with it), `d` delete the highlighted repository (and forget it,
as the CLI does), `x` delete by properties, `e` check existence by properties, `r` re-read.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.bridge import bridge_of, store_of
from tui.models.devinfo import VALID_ID, Repository
from tui.render.safe import safe_line, text
from tui.screens.devinfo_admin import (
    ConfirmModal,
    DeleteAnswer,
    DeleteModal,
    PromptModal,
    ReportModal,
    parse_properties,
)
from tui.screens.devinfo_repo import RepositoryScreen
from tui.screens.devinfo_send import send_devinfo
from tui.store.devinfo import DevinfoService
from tui.store.devinfo_known import checkout_entry, forget, local_path, push_local, remember
from tui.store.devinfo_push import PushProgress, report_lines
from tui.store.errors import StoreError
from tui.store.mutations_devinfo import DeleteByProperties, DeleteRepository, DevinfoMutation
from tui.stylesheets import stylesheet
from tui.widgets.devinfo_rows import last_update
from tui.widgets.fitted_footer import FittedFooter

__all__ = ["DevinfoScreen"]

COLUMNS = ("Repository", "Name", "Fork of", "Commits", "Branches", "PRs", "Last update (UTC)")


class DevinfoScreen(Screen[None]):
    TITLE = "Repositories"
    CSS_PATH = stylesheet("devinfo.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False),
        Binding("plus", "add", "Add by id"),
        Binding("p", "push", "Push checkout"),
        Binding("minus", "forget", "Forget"),
        Binding("d", "delete_repository", "Delete"),
        Binding("x", "delete_by_properties", "Delete by properties"),
        Binding("e", "exists", "Exists?"),
        Binding("r", "refresh_data", "Refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, Repository | None] = {}
        self.table: DataTable[Text] = DataTable(id="devinfo-repos", cursor_type="row", zebra_stripes=True)
        self.status_line = Static("", id="devinfo-status")
        self.notice = ""

    @property
    def service(self) -> DevinfoService | None:
        return store_of(self).devinfo

    @property
    def known(self) -> list[str]:
        return store_of(self).devinfo_repositories

    def compose(self) -> ComposeResult:
        yield self.table
        yield self.status_line
        yield FittedFooter()

    def on_mount(self) -> None:
        self.table.add_columns(*COLUMNS)
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.table.focus()
        self.load()

    @work(exclusive=True, group="devinfo-list")
    async def load(self, refresh: bool = False) -> None:
        service = self.service
        if service is None:
            self.status_line.update(Text("Development information is not configured: set the profile's "
                                         "devinfo credentials (docs/DEVINFO.md)."))
            return
        self.status_line.update(Text(f"Reading {len(self.known)} repositories…"))
        try:
            self.found = await service.repositories(list(self.known), refresh=refresh)
        except StoreError as error:
            self.status_line.update(Text("Could not read the repositories (r to retry)."))
            self.notify(error.message, title="Repositories", severity="error", timeout=8, markup=False)
            return
        self._show()

    def _show(self) -> None:
        table = self.table
        row = table.cursor_row
        table.clear()
        for repo_id in self.known:
            repo = self.found.get(repo_id)
            if repo is None:
                table.add_row(text(repo_id, "cyan"), Text("nothing stored", style="dim"), Text(""),
                              Text(""), Text(""), Text(""), Text(""), key=repo_id)
                continue
            table.add_row(text(repo.id, "cyan"), text(repo.name, "bold"), text(repo.fork_of or ""),
                          Text(str(len(repo.commits))), Text(str(len(repo.branches))),
                          Text(str(len(repo.pull_requests))), Text(last_update(repo)), key=repo_id)
        if self.known:
            table.move_cursor(row=min(max(row, 0), len(self.known) - 1))
        stored = sum(1 for r in self.found.values() if r is not None)
        counts = f"{len(self.known)} known · {stored} with data"
        if self.notice:  # the last push's result stays in view until the next one
            self.status_line.update(Text(f"{self.notice}  ({counts})"))
            return
        self.status_line.update(Text(f"{counts} · enter open · + add · p push · - forget · d delete · "
                                     "x delete by properties · e exists"))

    def highlighted(self) -> str | None:
        row = self.table.cursor_row
        return self.known[row] if self.known and 0 <= row < len(self.known) else None

    @on(DataTable.RowSelected, "#devinfo-repos")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        repo_id = self.highlighted()
        if repo_id is not None:
            self.app.push_screen(RepositoryScreen(repo_id))

    def refresh_data(self) -> None:
        self.load(refresh=True)

    def action_refresh_data(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        if self.is_mounted and set(self.found) != set(self.known):
            self.load()

    def _store_changed(self, keys: frozenset[str]) -> None:
        if any(k == "devinfo" or k.startswith("devinfo:") for k in keys):
            self.load()

    # -- adding, deleting, asking ----------------------------------------------------------------

    def action_add(self) -> None:
        def added(value: object) -> None:
            if not isinstance(value, str):
                return
            if not VALID_ID.match(value):
                self.notify(f"{safe_line(value)!r} is not a repository id (letters, digits and ~.-_ only).",
                            severity="error", markup=False)
                return
            try:
                if not remember(store_of(self), value):
                    self.load()
            except StoreError as error:
                self.notify(error.message, title="Add a repository", severity="warning", timeout=8,
                            markup=False)
            self.table.move_cursor(row=self.known.index(value))

        self.app.push_screen(PromptModal("Add a repository by id", placeholder="repository id",
                                         detail="The API cannot list repositories: name one it stores."), added)

    def action_push(self) -> None:
        repo_id = self.highlighted()
        if repo_id is None:
            return
        if any(w.group == "devinfo-push" and w.is_running for w in self.workers):
            self.notify("A push is still running: wait for its result.", title="Push", markup=False)
            return
        path = local_path(store_of(self), repo_id)
        if path is None:
            message = (f"The profile names no local checkout for {repo_id}: add \"{repo_id}=PATH\" to its "
                       "devinfo_repositories (docs/DEVINFO.md).")
            self.status_line.update(Text(message))
            self.notify(message, title="Push", severity="warning", timeout=8, markup=False)
            return

        def answered(answer: object) -> None:
            if answer is True:
                self.push(repo_id, str(path))

        self.app.push_screen(ConfirmModal(f"Push the git repository at {path} to repository {repo_id}?",
                                          detail="Its commits and branches that carry issue keys are stored "
                                                 "in Jira; what was pushed before and has not changed is "
                                                 "not sent again.", go="push"), answered)

    @work(group="devinfo-push")
    async def push(self, repo_id: str, path: str) -> None:
        self.status_line.update(Text(f"Pushing {path} to {repo_id}: reading git…"))

        def progress(p: PushProgress) -> None:
            self.status_line.update(Text(f"Pushing {path} to {repo_id}: sent {p.requests_sent}/"
                                         f"{p.requests_total} requests ({p.entities_sent}/"
                                         f"{p.entities_total} entities)…"))

        try:
            report = await push_local(store_of(self), repo_id, progress=progress)
        except StoreError as error:
            self.notice = f"Push to {repo_id} stopped (p to try again)."
            self.status_line.update(Text(self.notice))
            self.notify(error.message, title=f"Push to {repo_id} was not done", severity="error", timeout=8,
                        markup=False)
            return
        self.notice = (f"Pushed to {repo_id}: {report.accepted} accepted · {len(report.failures)} failed · "
                       f"{len(report.unknown_issue_keys)} unknown issue keys.")
        self.status_line.update(Text(self.notice))
        self.app.push_screen(ReportModal(f"Pushed {path} to {repo_id}",
                                         [safe_line(line) for line in report_lines(report)]))
        self.load(refresh=True)

    def action_forget(self) -> None:
        repo_id = self.highlighted()
        if repo_id is None:
            return
        entry = checkout_entry(store_of(self), repo_id)
        detail = "Only this list and the profile change: nothing is deleted in Jira, and + lists it again."
        if entry is not None:
            detail += (f" The line \"{entry}\" goes from the profile's devinfo_repositories too; the "
                       "checkout itself stays on disk.")

        def answered(answer: object) -> None:
            if answer is not True:
                return
            try:
                forget(store_of(self), repo_id, with_path=True)
            except StoreError as error:
                self.notify(error.message, title="Forget a repository", severity="warning", timeout=8,
                            markup=False)
                return
            self.notify(f"Forgot repository {repo_id}.", title="Repositories", markup=False)

        self.app.push_screen(ConfirmModal(f"Forget repository {repo_id}?", detail=detail, go="forget"), answered)

    def action_delete_repository(self) -> None:
        repo_id = self.highlighted()
        if repo_id is None:
            return
        repo = self.found.get(repo_id)
        what = (f"{len(repo.commits)} commits, {len(repo.branches)} branches and "
                f"{len(repo.pull_requests)} pull requests" if repo else "whatever is stored for it")

        def answered(answer: object) -> None:
            if isinstance(answer, DeleteAnswer):
                self.send(DeleteRepository(repository_id=repo_id, update_sequence_id=answer.update_sequence_id))

        self.app.push_screen(DeleteModal(f"Delete repository {repo_id} and all its development information?",
                                         detail=f"Goes: {what}. Without a bound, this list forgets it too "
                                                "(unless the profile names its checkout)."), answered)

    def action_delete_by_properties(self) -> None:
        def typed(value: object) -> None:
            if not isinstance(value, str):
                return
            try:
                properties, bound = parse_properties(value)
            except ValueError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            props = ", ".join(f"{k}={v}" for k, v in properties.items())

            def answered(answer: object) -> None:
                if isinstance(answer, DeleteAnswer):
                    limit = answer.update_sequence_id if answer.update_sequence_id is not None else bound
                    self.send(DeleteByProperties(properties=properties, update_sequence_id=limit))

            self.app.push_screen(DeleteModal(f"Delete every repository tagged {props}, with all its "
                                             "development information?",
                                             detail="Any repository stored with these properties goes, "
                                                    "known here or not."), answered)

        self.app.push_screen(PromptModal("Delete by properties", placeholder="key=value ... [_updateSequenceId=N]"),
                             typed)

    def action_exists(self) -> None:
        def typed(value: object) -> None:
            if isinstance(value, str):
                self.ask_exists(value)

        self.app.push_screen(PromptModal("Is data stored with these properties?",
                                         placeholder="key=value ... [_updateSequenceId=N]"), typed)

    @work(group="devinfo-exists")
    async def ask_exists(self, line: str) -> None:
        service = self.service
        if service is None:
            return
        try:
            properties, bound = parse_properties(line)
            found = await service.exists(properties, bound)
        except ValueError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        except StoreError as error:
            self.notify(error.message, title="Exists by properties", severity="error", timeout=8, markup=False)
            return
        props = ", ".join(f"{k}={v}" for k, v in properties.items())
        answer = Text(f"Exists by properties: data with {props}: {'yes, some is stored' if found else 'none stored'}.")
        self.status_line.update(answer)
        self.notify(answer.plain, title="Exists by properties", markup=False)

    @work(group="devinfo-mutation")
    async def send(self, mutation: DevinfoMutation) -> None:
        service = self.service
        if service is not None and await send_devinfo(self, service, mutation, forgotten="No longer listed."):
            self.load(refresh=True)
