"""The projects client: `ProjectsApi` builds the `Call`s of seed 003's operations (Cloud v3) and
what Data Center v2 and the 2.0.alpha1 shape have of them, and decodes their answers.

- v3: `/project/search` (query, typeKey, categoryId, orderBy, status, expand), `/project/recent`,
  get, `/statuses`, `/{id}/hierarchy`, `/notificationscheme`, components, versions, roles,
  categories; create, update, archive (POST), delete (`enableUndo`), asynchronous delete (303 to
  a task, `GET /task/{id}`), restore (POST).
- v2 (Data Center): no search, recent or hierarchy resource: the list is `GET /project` (with
  `recent=N` for the recent ones), filtered by the store; archive and restore are PUT; there is no
  asynchronous delete.
- 2.0.alpha1 (seed 001): the list, one project, its versions, components and roles; no writes.

`Unsupported` names what a shape lacks. Sending, caching and following the task are the store's.
"""

from __future__ import annotations

from typing import Any

from tui.api import projects_wire as pw
from tui.api.call import Call, no_content, read
from tui.api.jira import LEGACY, JiraApi, decoder
from tui.models import Component, Project, ProjectCategory, Version
from tui.models.project_detail import (
    HierarchyLevel,
    IssueTypeStatuses,
    NotificationScheme,
    ProjectPage,
    ProjectRole,
    TaskProgress,
)
from tui.store.errors import Unsupported

__all__ = ["LIST_EXPAND", "ORDERS", "SEARCH_MAX", "TYPE_KEYS", "ProjectsApi"]

LIST_EXPAND = "insight,lead,description,url,issueTypes"
DETAIL_EXPAND = "description,lead,url,issueTypes,insight"
SEARCH_MAX = 100  # Jira's cap on `maxResults` for `/project/search`
RECENT_MAX = 20
ORDERS = ("key", "name", "category", "owner", "issueCount", "lastIssueUpdatedDate")
TYPE_KEYS = ("software", "service_desk", "business")
ProjectStatus = str  # "live", "archived" or "deleted" (the trash)


def _params(**values: str | int | None) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(v)) for k, v in values.items() if v is not None and v != "")


class ProjectsApi:
    """Project requests for the shape of `jira` (its base URL and API path)."""

    def __init__(self, jira: JiraApi) -> None:
        self.jira = jira
        self.api = jira.api
        self.shape = jira.shape
        self._project = decoder(pw.WProject)
        self._projects = decoder(list[pw.WProject])
        self._task = decoder(pw.WTask)

    @property
    def cloud(self) -> bool:
        return self.shape == "3"

    @property
    def legacy(self) -> bool:
        return self.shape == LEGACY

    def _need(self, what: str, *, cloud: bool = False) -> None:
        if self.legacy or (cloud and not self.cloud):
            server = (
                "this Jira's API (2.0.alpha1)" if self.legacy else "Jira Data Center's API (v2)"
            )
            raise Unsupported(f"{server} has no way to {what}.")

    def _list(self, raw: bytes) -> list[Project]:
        return [pw.project(p) for p in self._projects(raw)]

    # --- lists ---------------------------------------------------------------------------

    def search(
        self,
        query: str = "",
        start_at: int = 0,
        max_results: int = SEARCH_MAX,
        *,
        type_key: str | None = None,
        category_id: str | None = None,
        order_by: str = "key",
        status: ProjectStatus = "live",
        keys: str | None = None,
    ) -> Call[ProjectPage]:
        """One page of `/project/search` (Cloud only: see `all_projects` for the others).
        `status` may list several, comma-separated (`live,archived,deleted`)."""
        self._need("search projects page by page", cloud=True)
        dec = decoder(pw.WProjectPage)
        params = _params(
            startAt=start_at,
            maxResults=min(max_results, SEARCH_MAX),
            orderBy=order_by,
            query=query.strip(),
            typeKey=type_key,
            categoryId=category_id,
            status=status if status != "live" else None,
            keys=keys,
            expand=LIST_EXPAND,
        )
        return read(f"{self.api}/project/search", lambda b: pw.page(dec(b)), params=params)

    def all_projects(self, *, include_archived: bool = False) -> Call[list[Project]]:
        """Every project the user may browse, in one answer (v2 and 2.0.alpha1)."""
        archived = "true" if include_archived else None
        params = (
            () if self.legacy else _params(expand="description,lead,url", includeArchived=archived)
        )
        return read(f"{self.api}/project", self._list, params=params)

    def recent(self) -> Call[list[Project]]:
        self._need("list recently viewed projects")
        if self.cloud:
            return read(
                f"{self.api}/project/recent", self._list, params=_params(expand=LIST_EXPAND)
            )
        return read(
            f"{self.api}/project", self._list, params=_params(recent=RECENT_MAX, expand="lead")
        )

    def categories(self) -> Call[list[ProjectCategory]]:
        self._need("list project categories")
        dec = decoder(list[pw.WCategory])
        return read(
            f"{self.api}/projectCategory",
            lambda b: [c for c in (pw.category(x) for x in dec(b)) if c is not None],
        )

    # --- one project ---------------------------------------------------------------------

    def project(self, key: str) -> Call[Project]:
        params = (
            ()
            if self.legacy
            else _params(expand=DETAIL_EXPAND if self.cloud else "description,lead,url,issueTypes")
        )
        return read(
            f"{self.api}/project/{key}", lambda b: pw.project(self._project(b)), params=params
        )

    def statuses(self, key: str) -> Call[list[IssueTypeStatuses]]:
        self._need("list a project's statuses")
        dec = decoder(list[pw.WTypeStatuses])
        return read(
            f"{self.api}/project/{key}/statuses", lambda b: [pw.type_statuses(t) for t in dec(b)]
        )

    def hierarchy(self, project_id: str) -> Call[list[HierarchyLevel]]:
        self._need("read the issue type hierarchy", cloud=True)
        dec = decoder(pw.WHierarchy)
        return read(f"{self.api}/project/{project_id}/hierarchy", lambda b: pw.hierarchy(dec(b)))

    def notification_scheme(self, key: str) -> Call[NotificationScheme]:
        self._need("read a project's notification scheme")
        dec = decoder(pw.WNotificationScheme)
        return read(
            f"{self.api}/project/{key}/notificationscheme",
            lambda b: pw.notification_scheme(dec(b)),
            params=_params(expand="all"),
        )

    def components(self, key: str) -> Call[list[Component]]:
        dec = decoder(list[pw.WComponent])
        return read(
            f"{self.api}/project/{key}/components",
            lambda b: [Component(id=pw.ident(c.id), name=c.name) for c in dec(b)],
        )

    def versions(self, key: str) -> Call[list[Version]]:
        dec = decoder(list[pw.WVersion])
        return read(f"{self.api}/project/{key}/versions", lambda b: [pw.version(v) for v in dec(b)])

    def roles(self, key: str) -> Call[list[ProjectRole]]:
        dec = decoder(dict[str, str])
        return read(f"{self.api}/project/{key}/role", lambda b: pw.roles(dec(b)))

    def role(self, key: str, role_id: str) -> Call[ProjectRole]:
        """One role with its actors (users and groups); every shape has it."""
        dec = decoder(pw.WRoleDetail)
        return read(f"{self.api}/project/{key}/role/{role_id}", lambda b: pw.role_detail(dec(b)))

    # --- writes --------------------------------------------------------------------------

    def create(self, body: dict[str, Any]) -> Call[Project]:
        """`body` as `POST /project` takes it (key, name, projectTypeKey, projectTemplateKey, ...)."""
        self._need("create projects")
        dec = decoder(pw.WCreated)

        def decode(raw: bytes) -> Project:
            made = dec(raw)
            return Project(
                id=pw.ident(made.id),
                key=made.key or str(body.get("key", "")),
                name=str(body.get("name", "")),
            )

        return Call("POST", f"{self.api}/project", decode, json=body)

    def update(self, key: str, body: dict[str, Any]) -> Call[Project]:
        self._need("change projects")
        return Call(
            "PUT", f"{self.api}/project/{key}", lambda b: pw.project(self._project(b)), json=body
        )

    def archive(self, key: str) -> Call[None]:
        self._need("archive projects")
        return Call(
            "POST" if self.cloud else "PUT", f"{self.api}/project/{key}/archive", no_content
        )

    def delete(self, key: str, *, undo: bool) -> Call[None]:
        """`undo`: to the trash (restorable); otherwise deleted for good."""
        self._need("delete projects")
        params = _params(enableUndo="true" if undo else "false")
        return Call("DELETE", f"{self.api}/project/{key}", no_content, params=params)

    def delete_async(self, key: str) -> Call[TaskProgress]:
        """Answered 303 with the task; the store sends it itself (it reads the `Location`)."""
        self._need("delete projects in the background", cloud=True)
        return Call("POST", f"{self.api}/project/{key}/delete", self.decode_task)

    def decode_task(self, raw: bytes) -> TaskProgress:
        return pw.task(self._task(raw))

    def task(self, task_id: str) -> Call[TaskProgress]:
        return read(f"{self.api}/task/{task_id}", self.decode_task)

    def restore(self, key: str) -> Call[None]:
        """Out of the archive or the trash. Cloud answers the project, Data Center 202 and nothing."""
        self._need("restore projects")
        return Call(
            "POST" if self.cloud else "PUT", f"{self.api}/project/{key}/restore", no_content
        )
