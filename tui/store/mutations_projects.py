"""Project mutations: create, update, archive, delete (to the trash, for good, or in the
background) and restore, each naming the cache keys it invalidates.

Every one reaches `projects` (every project list, the recent ones included) and `project:KEY`
(the project, its statuses, hierarchy, notification scheme and roles); an update that changes the
key also reaches the new key's entries, `search` and `issue` (every issue key of the project
changes). Archiving, deleting and
restoring also reach `search`: Jira's searches leave out the issues of archived and trashed
projects, so every cached result may change. None is idempotent: the store sends each once.
`ProjectsService.dispatch` runs them (see `tui/store/projects.py`).
"""

from __future__ import annotations

from typing import Any, Literal

from tui.store.mutations import Mutation

__all__ = [
    "CLEAR_CATEGORY",
    "ArchiveProject",
    "CreateProject",
    "DeleteMode",
    "DeleteProject",
    "ProjectMutation",
    "RestoreProject",
    "UpdateProject",
]

DeleteMode = Literal["trash", "permanent", "background"]


class ProjectMutation(Mutation, frozen=True, kw_only=True):
    key: str
    name: str = ""  # the project's name, for messages

    def invalidates(self) -> frozenset[str]:
        return frozenset({"projects", f"project:{self.key}"})

    @property
    def subject(self) -> str:
        return f"{self.key} ({self.name})" if self.name else self.key


class CreateProject(ProjectMutation, frozen=True, kw_only=True):
    type_key: str
    template_key: str
    lead_account_id: str
    description: str = ""
    url: str = ""
    category_id: str | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "key": self.key,
            "name": self.name.strip(),
            "projectTypeKey": self.type_key,
            "projectTemplateKey": self.template_key,
            "leadAccountId": self.lead_account_id,
            "assigneeType": "UNASSIGNED",
        }
        if self.description:
            body["description"] = self.description
        if self.url:
            body["url"] = self.url
        if self.category_id:
            body["categoryId"] = int(self.category_id)
        return body

    def describe(self) -> str:
        return f"create project {self.subject}"


CLEAR_CATEGORY = "-1"  # Jira's way to take a project out of its category (`categoryId: -1`)


class UpdateProject(ProjectMutation, frozen=True, kw_only=True):
    """Only what is not None is sent; an empty description or URL clears it, and `category_id`
    `CLEAR_CATEGORY` takes the project out of its category. `new_key` renames the project's key
    (its issues are renumbered under it, so searches and issues change too)."""

    new_name: str | None = None
    new_key: str | None = None
    lead_account_id: str | None = None
    description: str | None = None
    url: str | None = None
    category_id: str | None = None

    @property
    def rekeys(self) -> bool:
        return self.new_key is not None and self.new_key != self.key

    @property
    def final_key(self) -> str:
        """The project's key once this is done."""
        return self.new_key if self.new_key is not None else self.key

    def body(self, *, lead_field: str = "leadAccountId") -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.rekeys:
            body["key"] = self.new_key
        if self.new_name is not None:
            body["name"] = self.new_name.strip()
        if self.lead_account_id is not None:
            body[lead_field] = self.lead_account_id
        if self.description is not None:
            body["description"] = self.description
        if self.url is not None:
            body["url"] = self.url
        if self.category_id is not None:
            body["categoryId"] = int(self.category_id)
        return body

    def invalidates(self) -> frozenset[str]:
        keys = super().invalidates()
        if self.rekeys:
            # Every issue of the project has a new key: cached searches and issues are stale.
            keys |= {f"project:{self.new_key}", "search", "issue"}
        return keys

    def describe(self) -> str:
        if self.rekeys:
            return f"update project {self.subject} (key to {self.new_key})"
        return f"update project {self.subject}"


class _Lifecycle(ProjectMutation, frozen=True, kw_only=True):
    def invalidates(self) -> frozenset[str]:
        return super().invalidates() | {"search"}


class ArchiveProject(_Lifecycle, frozen=True, kw_only=True):
    def describe(self) -> str:
        return f"archive project {self.subject}"


class DeleteProject(_Lifecycle, frozen=True, kw_only=True):
    """`trash`: restorable for 60 days; `permanent`: gone now; `background`: the asynchronous
    delete, whose result is the task to follow (`ProjectsService.follow`)."""

    mode: DeleteMode = "trash"

    def describe(self) -> str:
        how = {
            "trash": "move to the trash",
            "permanent": "delete for good",
            "background": "delete",
        }[self.mode]
        return f"{how}: project {self.subject}"


class RestoreProject(_Lifecycle, frozen=True, kw_only=True):
    def describe(self) -> str:
        return f"restore project {self.subject}"
