"""`n` (search screen): create an issue. Project, issue type (of that project), summary and an
optional Markdown description. `ctrl+s` creates, `escape` cancels.

Dismisses with `[CreateIssue]` (or None); the caller dispatches it (the store's result names
the new issue's key).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, TextArea

from tui.models import Project
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal
from tui.store.errors import StoreError
from tui.store.mutations import CreateIssue

__all__ = ["CreateIssueModal"]


class CreateIssueModal(ActionModal[CreateIssue]):
    """Project and type pickers, summary, description. Dismisses with `[CreateIssue]` or None.

    `project_key` preselects a project (e.g. the one the current search is about).
    """

    def __init__(self, project_key: str | None = None) -> None:
        super().__init__("Create issue")
        self._project_key = project_key
        self._projects: dict[str, Project] = {}

    def compose_form(self) -> ComposeResult:
        yield Label("Project")
        yield Select[str]([], prompt="Loading projects…", id="create-project", compact=True)
        yield Label("Issue type")
        yield Select[str]([], prompt="Choose a project first", id="create-type", compact=True)
        yield Label("Summary")
        yield Input(id="create-summary", compact=True)
        yield Label("Description (optional, Markdown)")
        yield TextArea(id="create-description", classes="form-comment", compact=True)

    def on_mount(self) -> None:
        self.query_one("#create-project", Select).focus()
        self._load()

    @work(exclusive=True, group="create-projects")
    async def _load(self) -> None:
        try:
            projects = await (await self.connected()).projects_for_create()
        except StoreError as error:
            self.show_error(Text(f"Projects could not be loaded: {error.message}"))
            return
        self._projects = {p.key: p for p in projects if p.issue_types and not p.archived}
        select: Select[str] = self.query_one("#create-project", Select)
        select.set_options(
            (Text(f"{safe_line(p.key)}  {safe_line(p.name)}"), p.key)
            for p in self._projects.values()
        )
        select.prompt = "Choose a project"
        if self._project_key in self._projects:
            select.value = self._project_key
        elif len(self._projects) == 1:
            select.value = next(iter(self._projects))

    @on(Select.Changed, "#create-project")
    def _project_changed(self, event: Select.Changed) -> None:
        types: Select[str] = self.query_one("#create-type", Select)
        project = self._projects.get(event.value) if isinstance(event.value, str) else None
        if project is None:
            types.set_options([])
            return
        usable = [t for t in project.issue_types if not t.subtask]
        types.set_options((Text(safe_line(t.name)), t.id) for t in usable)
        types.prompt = "Choose a type"
        default = next(
            (t for t in usable if t.name.lower() == "task"), usable[0] if usable else None
        )
        if default is not None:
            types.value = default.id

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        project = self.query_one("#create-project", Select).value
        issuetype = self.query_one("#create-type", Select).value
        summary = self.query_one("#create-summary", Input).value.strip()
        missing = [
            name
            for name, ok in (
                ("project", isinstance(project, str)),
                ("issue type", isinstance(issuetype, str)),
                ("summary", bool(summary)),
            )
            if not ok
        ]
        if missing:
            self.show_error(f"Required: {', '.join(missing)}")
            return
        assert isinstance(project, str) and isinstance(issuetype, str)
        description = self.query_one("#create-description", TextArea).text.strip()
        self.dismiss(
            [
                CreateIssue(
                    project_key=project,
                    issuetype_id=issuetype,
                    summary=summary,
                    description=description,
                )
            ]
        )
