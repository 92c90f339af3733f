"""The create form of project administration (`n`), and what it shares with the edit form.

Create checks what Jira checks before anything is sent: an upper-case key of 2 to 10 letters and
digits starting with a letter, not reserved and not in use (against the projects on screen, then
the server), a name of 2 to 80 characters not in use, and a template of the chosen project type
(seed 003's table). The edit form (`project_edit.py`) shares `ProjectForm` with it.
Both dismiss with `[mutation]` or None (see `ActionModal`); the caller dispatches, and on a
refusal opens the form again with what was typed and the server's message.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from tui.bridge import bridge_of
from tui.models import Project, ProjectCategory, User
from tui.models.project_detail import (
    KEY_MAX,
    PROJECT_TEMPLATES,
    PROJECT_TYPES,
    key_problem,
    name_problem,
    template_label,
)
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal
from tui.store.errors import StoreError
from tui.store.mutations_projects import CreateProject, UpdateProject
from tui.store.projects import ProjectsService

__all__ = ["NO_CATEGORY", "CreateProjectModal", "ProjectForm", "url_problem"]

NO_CATEGORY = "No category"


def url_problem(url: str) -> str | None:
    if url and not url.startswith(("http://", "https://")):
        return "The URL must start with http:// or https://."
    return None


class ProjectForm(ActionModal[CreateProject | UpdateProject]):
    """What both forms share: the lead and category pickers, loaded from the store."""

    def __init__(self, title: str, keys: str = "", *, error: str = "") -> None:
        super().__init__(title, keys)
        self._error = error
        self._lead: str | None = None
        self._category: str | None = None
        self._names: dict[str, dict[str, str]] = {}  # select id -> value -> the name it shows

    @property
    def service(self) -> ProjectsService:
        return ProjectsService.of(self.store)

    def on_mount(self) -> None:
        # Textual runs every class's on_mount, ActionModal's (which hides the error line) last.
        if self._error:
            self.call_after_refresh(self.show_error, Text(self._error))
        self._load_choices()

    @work(exclusive=True, group="project-form-choices")
    async def _load_choices(self) -> None:
        try:
            await bridge_of(self).ready()
            users = await self.store.users("")
            categories = await self.service.categories()
        except StoreError as error:
            self.show_error(Text(f"Leads and categories could not be loaded: {error.message}"))
            return
        self._fill_leads(users)
        self._fill_categories(categories)

    def _fill_leads(self, users: Iterable[User]) -> None:
        me = self.store.me
        people = {u.account_id: u for u in ([me] if me else []) + [u for u in users if u.active]}
        if self._lead and self._lead not in people:
            people[self._lead] = User(account_id=self._lead, display_name=self._lead)
        lead: Select[str] = self.query_one("#project-lead", Select)
        self._names["#project-lead"] = {a: safe_line(u.display_name) for a, u in people.items()}
        lead.set_options((Text(name), a) for a, name in self._names["#project-lead"].items())
        wanted = self._lead or (me.account_id if me else None)
        if wanted in people:
            lead.value = wanted

    def _fill_categories(self, categories: Iterable[ProjectCategory]) -> None:
        select: Select[str] = self.query_one("#project-category", Select)
        self._names["#project-category"] = {c.id: safe_line(c.name) for c in categories}
        select.set_options((Text(name), c) for c, name in self._names["#project-category"].items())
        select.prompt = NO_CATEGORY
        if self._category:
            select.value = self._category

    def label_of(self, selector: str) -> str:
        """The name of what the lead or category select holds ('' when blank)."""
        value = self.value_of(selector)
        return self._names.get(selector, {}).get(value, "") if value else ""

    def confirm(
        self, question: str, detail: str, yes: str, mutation: CreateProject | UpdateProject
    ) -> None:
        """Ask once more, naming the project and the effect; `yes` dismisses with the mutation."""
        from tui.screens.actions.confirm import ConfirmModal

        def answered(ok: bool | None) -> None:
            if ok:
                self.dismiss([mutation])

        self.app.push_screen(ConfirmModal(Text(question), detail=Text(detail), yes=yes), answered)

    def value_of(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def text_of(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()


class CreateProjectModal(ProjectForm):
    """Key, name, type, template, lead, category, description, URL."""

    def __init__(
        self, known: Iterable[Project] = (), *, draft: CreateProject | None = None, error: str = ""
    ) -> None:
        super().__init__("Create project", error=error)
        self._known = tuple(known)
        self._draft = draft
        if draft is not None:
            self._lead, self._category = draft.lead_account_id, draft.category_id

    def compose_form(self) -> ComposeResult:
        draft = self._draft
        type_key = draft.type_key if draft else "software"
        yield Label("Key (upper case, 2–10 letters and digits)")
        yield Input(draft.key if draft else "", max_length=KEY_MAX, id="project-key")
        yield Static("", id="project-key-hint", classes="form-note")
        yield Label("Name")
        yield Input(draft.name if draft else "", id="project-name")
        yield Label("Project type")
        yield Select[str](
            [(Text(label), key) for key, label in PROJECT_TYPES.items()],
            value=type_key,
            allow_blank=False,
            id="project-type",
        )
        yield Label("Template")
        yield Select[str](
            self._templates(type_key),
            value=draft.template_key if draft else PROJECT_TEMPLATES[type_key][0],
            allow_blank=False,
            id="project-template",
        )
        yield Label("Lead")
        yield Select[str]([], prompt="Loading people…", id="project-lead")
        yield Label("Category")
        yield Select[str]([], prompt=NO_CATEGORY, id="project-category")
        yield Label("Description (optional)")
        yield Input(draft.description if draft else "", id="project-description")
        yield Label("URL (optional)")
        yield Input(draft.url if draft else "", placeholder="https://", id="project-url")

    @staticmethod
    def _templates(type_key: str) -> list[tuple[Text, str]]:
        return [(Text(template_label(t)), t) for t in PROJECT_TEMPLATES[type_key]]

    def on_mount(self) -> None:
        self.query_one("#project-key", Input).focus()

    @on(Select.Changed, "#project-type")
    def _type_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value not in PROJECT_TEMPLATES:
            return
        templates: Select[str] = self.query_one("#project-template", Select)
        if templates.value in PROJECT_TEMPLATES[event.value]:
            return
        templates.set_options(self._templates(event.value))
        templates.value = PROJECT_TEMPLATES[event.value][0]

    @on(Input.Changed, "#project-key")
    def _key_changed(self, event: Input.Changed) -> None:
        key = event.value
        problem = key_problem(key, (p.key for p in self._known)) if key else None
        self.query_one("#project-key-hint", Static).update(Text(problem or ""))

    def submit(self) -> None:
        key, name = self.text_of("#project-key"), self.text_of("#project-name")
        type_key, template = self.value_of("#project-type"), self.value_of("#project-template")
        lead, url = self.value_of("#project-lead"), self.text_of("#project-url")
        problems = [
            key_problem(key, (p.key for p in self._known)),
            name_problem(name, (p.name for p in self._known)),
            None if lead else "Choose the project's lead.",
            None
            if type_key and template in PROJECT_TEMPLATES.get(type_key, ())
            else "Choose a template.",
            url_problem(url),
        ]
        found = [p for p in problems if p]
        if found:
            self.show_error(Text(" ".join(found)))
            return
        assert type_key is not None and template is not None and lead is not None
        mutation = CreateProject(
            key=key,
            name=name,
            type_key=type_key,
            template_key=template,
            lead_account_id=lead,
            description=self.text_of("#project-description"),
            url=url,
            category_id=self.value_of("#project-category"),
        )
        self._check_key(mutation)

    @work(exclusive=True, group="project-key-check")
    async def _check_key(self, mutation: CreateProject) -> None:
        """Keys in the archive or the trash are taken too, and the list shows neither."""
        try:
            taken = await self.service.key_taken(mutation.key)
        except StoreError:
            taken = False  # the server checks again when it creates
        if taken:
            self.show_error(Text(f"The project key {mutation.key} is already in use."))
            return
        kind = PROJECT_TYPES.get(mutation.type_key, mutation.type_key)
        detail = (
            f"A {kind} project from the {template_label(mutation.template_key)!r} template, "
            f"led by {self.label_of('#project-lead')}"
        )
        category = self.label_of("#project-category")
        detail += f", in {category}." if category else ", with no category."
        question = f"Create project {safe_line(mutation.key)} ({safe_line(mutation.name)})?"
        self.confirm(question, detail, "Create", mutation)
