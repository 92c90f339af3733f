"""Project administration from the projects list and a project's page: create (`n`), edit (`e`),
archive (`a`), delete (`d`: to the trash, for good, or in the background with a progress bar)
and restore (`u`).

Each action asks first, naming the project and the effect (the forms for create and edit are in
`project_forms.py` and `project_edit.py`), then dispatches one mutation through the store's `ProjectsService`. A refusal
shows the server's own message — a form opens again with what was typed, anything else is a
notification — and the screen stays as it was. `ProjectAdminScreen` is the base of both screens:
it holds the bindings and the actions; a screen says which project they act on.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from tui.bridge import bridge_of, store_of
from tui.models import Project
from tui.models.project_detail import TaskProgress
from tui.render.safe import safe_line
from tui.store.errors import StoreError, Unsupported, ValidationError
from tui.store.mutations_projects import (
    ArchiveProject,
    CreateProject,
    DeleteMode,
    DeleteProject,
    ProjectMutation,
    RestoreProject,
    UpdateProject,
)
from tui.store.projects import ProjectsService
from tui.stylesheets import stylesheet

__all__ = ["DeleteProjectModal", "ProjectAdminScreen", "TaskProgressModal", "named"]

DELETE_CHOICES: tuple[tuple[DeleteMode, str], ...] = (
    ("trash", "Move to the trash: restorable (u) for 60 days"),
    ("permanent", "Delete for good, now, with all its issues"),
    ("background", "Delete for good in the background, with a progress bar"),
)


def named(project: Project) -> str:
    """`DASH (Dashboard)`, safe to show."""
    return f"{safe_line(project.key)} ({safe_line(project.name)})"


class DeleteProjectModal(ModalScreen[DeleteMode | None]):
    """How to delete: the trash, for good, or in the background. `enter` on a choice deletes
    that way; `escape` keeps the project."""

    CSS_PATH = stylesheet("actions.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Keep the project")]

    def __init__(self, project: Project, *, background: bool = True) -> None:
        super().__init__(classes="action-modal")
        self.project = project
        self._choices = [c for c in DELETE_CHOICES if background or c[0] != "background"]

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog"):
            yield Static(Text(f"Delete project {named(self.project)}?"), classes="action-title")
            yield OptionList(
                *(Option(label, id=mode) for mode, label in self._choices), id="delete-mode"
            )
            yield Static(
                Text("Deleting for good removes the project and every one of its issues."),
                classes="confirm-detail",
            )
            yield Static(Text("enter: delete as chosen · escape: keep"), classes="action-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next(mode for mode, _ in self._choices if mode == event.option.id)
        self.dismiss(chosen)

    def action_keep(self) -> None:
        self.dismiss(None)


class TaskProgressModal(ModalScreen[TaskProgress | None]):
    """The background delete's task, followed until it is done; dismisses with its last state."""

    CSS_PATH = [stylesheet("actions.tcss"), stylesheet("projects.tcss")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "hide", "Hide (the delete goes on)")]

    def __init__(self, project: Project, task: TaskProgress) -> None:
        super().__init__(classes="action-modal")
        self.project = project
        self.state = task

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-dialog"):
            yield Static(
                Text(f"Deleting {named(self.project)} in the background"), classes="action-title"
            )
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="task-progress")
            yield Static(Text(self._status()), id="task-message")
            yield Static(Text("escape: hide (the delete goes on)"), classes="action-hint")

    def _status(self) -> str:
        message = safe_line(self.state.message) or self.state.status.lower()
        return f"{self.state.progress}% · {self.state.status}: {message}"

    def on_mount(self) -> None:
        self._show(self.state)
        self._follow()

    def _show(self, task: TaskProgress) -> None:
        self.state = task
        self.query_one(ProgressBar).update(progress=task.progress)
        self.query_one("#task-message", Static).update(Text(self._status()))

    @work(exclusive=True, group="project-task")
    async def _follow(self) -> None:
        service = ProjectsService.of(store_of(self))
        try:
            done = await service.follow(self.project.key, self.state, self._show)
        except StoreError as error:
            done = TaskProgress(
                id=self.state.id,
                status="FAILED",
                progress=self.state.progress,
                message=error.message,
            )
        self._show(done)
        self.dismiss(done)

    def action_hide(self) -> None:
        self.dismiss(None)


class ProjectAdminScreen(Screen[None]):
    """The admin keys; a subclass names the project they act on (`admin_project`) and what to do
    once a project is created or edited (`project_changed`) or gone (`project_deleted`)."""

    ADMIN_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "create_project", "New project"),
        Binding("e", "edit_project", "Edit"),
        Binding("a", "archive_project", "Archive"),
        Binding("d", "delete_project", "Delete"),
        Binding("u", "restore_project", "Restore"),
    ]

    def admin_project(self) -> Project | None:
        raise NotImplementedError

    def known_projects(self) -> tuple[Project, ...]:
        """Projects already on screen: the create form checks keys and names against them."""
        return ()

    def project_deleted(self, key: str) -> None:
        """The project is gone (to the trash or for good)."""

    def project_changed(self, key: str) -> None:
        """A project was created or edited."""

    @property
    def service(self) -> ProjectsService:
        return ProjectsService.of(store_of(self))

    def _target(self) -> Project | None:
        project = self.admin_project()
        if project is None:
            self.notify("No project under the cursor.")
        return project

    # -- create and edit -----------------------------------------------------------------------

    def action_create_project(self, draft: CreateProject | None = None, error: str = "") -> None:
        from tui.screens.project_forms import CreateProjectModal

        modal = CreateProjectModal(self.known_projects(), draft=draft, error=error)
        self.app.push_screen(modal, self._create)

    def _create(self, mutations: list[CreateProject | UpdateProject] | None) -> None:
        for mutation in mutations or ():
            self._dispatch(mutation)

    def action_edit_project(self, draft: UpdateProject | None = None, error: str = "") -> None:
        project = self._target()
        if project is not None:
            from tui.screens.project_edit import UpdateProjectModal

            modal = UpdateProjectModal(project, self.known_projects(), draft=draft, error=error)
            self.app.push_screen(modal, self._edit)

    def _edit(self, mutations: list[CreateProject | UpdateProject] | None) -> None:
        for mutation in mutations or ():
            self._dispatch(mutation)

    # -- archive, delete, restore -------------------------------------------------------------

    def action_archive_project(self) -> None:
        project = self._target()
        if project is None:
            return
        question = Text(f"Archive project {named(project)}?")
        detail = (
            "Its issues leave every search and it can no longer be changed; "
            "restore it (u) from the archived view (v)."
        )
        mutation = ArchiveProject(key=project.key, name=project.name)
        self._ask(question, detail, "Archive", mutation)

    def action_delete_project(self) -> None:
        project = self._target()
        if project is None:
            return
        background = self.service.api.cloud if self._connected() else False

        def chosen(mode: DeleteMode | None) -> None:
            if mode is not None:
                self._dispatch(DeleteProject(key=project.key, name=project.name, mode=mode))

        self.app.push_screen(DeleteProjectModal(project, background=background), chosen)

    def action_restore_project(self) -> None:
        project = self._target()
        if project is None:
            return
        if not (project.archived or project.deleted):
            self.notify(f"{named(project)} is neither archived nor in the trash (v shows those).")
            return
        where = "the trash" if project.deleted else "the archive"
        question = Text(f"Restore project {named(project)} from {where}?")
        detail = "It becomes a live project again and its issues come back to searches."
        mutation = RestoreProject(key=project.key, name=project.name)
        self._ask(question, detail, "Restore", mutation)

    def _ask(self, question: Text, detail: str, yes: str, mutation: ProjectMutation) -> None:
        # The action modals' package is imported when first needed, not when screen 2 opens.
        from tui.screens.actions.confirm import ConfirmModal

        self.app.push_screen(
            ConfirmModal(question, detail=detail, yes=yes), lambda ok: self._confirmed(ok, mutation)
        )

    def _confirmed(self, yes: bool | None, mutation: ProjectMutation) -> None:
        if yes:
            self._dispatch(mutation)

    def _connected(self) -> bool:
        try:
            self.service.api  # noqa: B018 - raises until the store is connected
        except StoreError:
            return False
        return True

    # -- dispatching ----------------------------------------------------------------------------

    @work(group="project-mutations")
    async def _dispatch(self, mutation: ProjectMutation) -> None:
        try:
            await bridge_of(self).ready()
            result = await self.service.dispatch(mutation)
        except StoreError as error:
            self._refused(mutation, error)
            return
        if isinstance(mutation, DeleteProject) and isinstance(result, TaskProgress):
            project = self.admin_project() or Project(id="", key=mutation.key, name=mutation.name)
            self.app.push_screen(
                TaskProgressModal(project, result), lambda task: self._task_ended(project, task)
            )
            return
        self.notify(_done(mutation))
        if isinstance(mutation, UpdateProject):
            self.project_changed(mutation.final_key)
        elif isinstance(mutation, CreateProject):
            self.project_changed(mutation.key)
        elif isinstance(mutation, DeleteProject):
            self.project_deleted(mutation.key)

    def _task_ended(self, project: Project, task: TaskProgress | None) -> None:
        if task is None:
            self.notify(f"Deleting {named(project)} goes on in the background.")
        elif task.succeeded:
            self.notify(f"Deleted project {named(project)}")
            self.project_deleted(project.key)
        else:
            message = safe_line(task.message) or task.status
            self.notify(
                message, title=f"Deleting {named(project)} failed", severity="error", timeout=8
            )

    def _refused(self, mutation: ProjectMutation, error: StoreError) -> None:
        message = error.message
        if isinstance(error, ValidationError) and error.errors:
            message = "; ".join(error.errors.values())
        if isinstance(mutation, CreateProject) and not isinstance(error, Unsupported):
            self.action_create_project(mutation, message)
        elif isinstance(mutation, UpdateProject) and not isinstance(error, Unsupported):
            self.action_edit_project(mutation, message)
        else:
            title = mutation.describe()
            self.notify(message, title=title[:1].upper() + title[1:], severity="error", timeout=8)


def _done(mutation: ProjectMutation) -> str:
    who = safe_line(mutation.subject)
    if isinstance(mutation, CreateProject):
        return f"Created project {who}"
    if isinstance(mutation, UpdateProject) and mutation.rekeys:
        return f"Saved project {who}: its key is now {safe_line(mutation.final_key)}"
    if isinstance(mutation, UpdateProject):
        return f"Saved project {who}"
    if isinstance(mutation, ArchiveProject):
        return f"Archived project {who}"
    if isinstance(mutation, RestoreProject):
        return f"Restored project {who}"
    assert isinstance(mutation, DeleteProject)
    return (
        f"Moved project {who} to the trash"
        if mutation.mode == "trash"
        else f"Deleted project {who}"
    )
