"""The edit form of project administration (`e`): key, name, lead, category, description, URL.

Only what changed is sent. A new key is checked as on create (upper case, 2 to 10 letters and
digits, not reserved, not in use — on screen, then on the server, archive and trash included) and
the confirmation names the old and the new key; a blank category takes the project out of its
category (`categoryId: -1`, as Jira's update takes it). Dismisses with `[mutation]` or None.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from tui.models import Project, ProjectCategory
from tui.models.project_detail import KEY_MAX, key_problem, name_problem
from tui.render.safe import safe_line
from tui.screens.project_forms import NO_CATEGORY, ProjectForm, url_problem
from tui.store.errors import StoreError
from tui.store.mutations_projects import CLEAR_CATEGORY, UpdateProject

__all__ = ["UpdateProjectModal"]


class UpdateProjectModal(ProjectForm):
    """Key, name, lead, category (or none), description, URL: what changed is sent."""

    def __init__(
        self,
        project: Project,
        known: Iterable[Project] = (),
        *,
        draft: UpdateProject | None = None,
        error: str = "",
    ) -> None:
        super().__init__(f"Edit project {safe_line(project.key)}", project.key, error=error)
        self.project = project
        self._taken = tuple(p.key for p in known if p.key != project.key)
        self._draft = draft
        self._lead = (draft.lead_account_id if draft else None) or (
            project.lead.account_id if project.lead else None
        )
        cleared = draft is not None and draft.category_id == CLEAR_CATEGORY
        self._category = (
            None
            if cleared
            else (draft.category_id if draft else None)
            or (project.category.id if project.category else None)
        )
        self._categories_loaded = False

    def _initial(self, attribute: str, current: str) -> str:
        changed = getattr(self._draft, attribute, None) if self._draft else None
        return changed if isinstance(changed, str) else current

    def compose_form(self) -> ComposeResult:
        project = self.project
        yield Label("Key (upper case, 2–10 letters and digits)")
        yield Input(self._initial("new_key", project.key), max_length=KEY_MAX, id="project-key")
        yield Static("", id="project-key-hint", classes="form-note")
        yield Label("Name")
        yield Input(self._initial("new_name", project.name), id="project-name")
        yield Label("Lead")
        yield Select[str]([], prompt="Loading people…", id="project-lead")
        yield Label("Category (blank: none)")
        yield Select[str]([], prompt=NO_CATEGORY, id="project-category")
        yield Label("Description")
        yield Input(self._initial("description", project.description), id="project-description")
        yield Label("URL")
        yield Input(self._initial("url", project.url), placeholder="https://", id="project-url")

    def on_mount(self) -> None:
        self.query_one("#project-name", Input).focus()

    def _fill_categories(self, categories: Iterable[ProjectCategory]) -> None:
        super()._fill_categories(categories)
        self._categories_loaded = True

    def _key_problem(self, key: str) -> str | None:
        return None if key == self.project.key else key_problem(key, self._taken)

    @on(Input.Changed, "#project-key")
    def _key_changed(self, event: Input.Changed) -> None:
        problem = self._key_problem(event.value) if event.value else None
        self.query_one("#project-key-hint", Static).update(Text(problem or ""))

    def _category_change(self, project: Project) -> str | None:
        """The category to send: a new one, `CLEAR_CATEGORY` when blanked, None when unchanged
        (or while the choices are still loading, when a blank means nothing yet)."""
        category = self.value_of("#project-category")
        current = project.category.id if project.category else None
        if category:
            return category if category != current else None
        return CLEAR_CATEGORY if current and self._categories_loaded else None

    def submit(self) -> None:
        project = self.project
        key, name = self.text_of("#project-key"), self.text_of("#project-name")
        url = self.text_of("#project-url")
        description = self.text_of("#project-description")
        lead = self.value_of("#project-lead")
        problems = [p for p in (self._key_problem(key), name_problem(name), url_problem(url)) if p]
        if problems:
            self.show_error(Text(" ".join(problems)))
            return
        current_lead = project.lead.account_id if project.lead else None
        mutation = UpdateProject(
            key=project.key,
            name=project.name,
            new_key=key if key != project.key else None,
            new_name=name if name != project.name else None,
            lead_account_id=lead if lead and lead != current_lead else None,
            description=description if description != project.description else None,
            url=url if url != project.url else None,
            category_id=self._category_change(project),
        )
        if not mutation.body():
            self.show_error(Text("Nothing changed."))
            return
        if mutation.rekeys:
            self._check_key(mutation)
        else:
            self._confirm(mutation)

    @work(exclusive=True, group="project-key-check")
    async def _check_key(self, mutation: UpdateProject) -> None:
        """As on create: keys in the archive or the trash are taken too."""
        assert mutation.new_key is not None
        try:
            taken = await self.service.key_taken(mutation.new_key)
        except StoreError:
            taken = False  # the server checks again when it saves
        if taken:
            self.show_error(Text(f"The project key {mutation.new_key} is already in use."))
            return
        self._confirm(mutation)

    def _confirm(self, mutation: UpdateProject) -> None:
        project = self.project
        category = self.label_of("#project-category")
        changes = [
            f"{what}: {safe_line(before) or 'none'} → {safe_line(after) or 'none'}"
            for what, before, after, changed in (
                ("Key", project.key, mutation.final_key, mutation.rekeys),
                ("Name", project.name, mutation.new_name or "", mutation.new_name is not None),
                (
                    "Lead",
                    project.lead.display_name if project.lead else "",
                    self.label_of("#project-lead"),
                    mutation.lead_account_id is not None,
                ),
                (
                    "Category",
                    project.category.name if project.category else "",
                    "" if mutation.category_id == CLEAR_CATEGORY else category,
                    mutation.category_id is not None,
                ),
                (
                    "Description",
                    project.description,
                    mutation.description or "",
                    mutation.description is not None,
                ),
                ("URL", project.url, mutation.url or "", mutation.url is not None),
            )
            if changed
        ]
        if mutation.rekeys:
            old, new = safe_line(project.key), safe_line(mutation.final_key)
            changes.append(f"Its issues are renumbered: {old}-1 becomes {new}-1, and so on.")
        question = f"Save project {safe_line(project.key)} ({safe_line(project.name)})?"
        if mutation.rekeys:
            question = (
                f"Change the key of project {safe_line(project.name)} "
                f"from {safe_line(project.key)} to {safe_line(mutation.final_key)}?"
            )
        self.confirm(question, "\n".join(changes), "Save", mutation)
