"""msgspec Structs for the projects API in its three shapes, and their decoding into models.

v3 (Cloud `Project`, `PageBeanProject`, `IssueTypeWithStatus`, `ProjectIssueTypeHierarchy`,
`NotificationScheme`, `TaskProgressBeanObject`), v2 (Data Center `ProjectBean`) and 2.0.alpha1
(seed 001: a project without an id, numeric component and version ids) share these Structs:
every key the models do not need is skipped, and ids are read as strings or numbers alike.
"""

from __future__ import annotations

import msgspec

from tui.api import jira_decode as d
from tui.api import wire as w
from tui.models import Component, IssueType, Project, ProjectCategory, Version
from tui.models.project_detail import (
    HierarchyLevel,
    IssueTypeStatuses,
    NotificationEvent,
    NotificationScheme,
    ProjectPage,
    ProjectRole,
    RoleActor,
    TaskProgress,
)

Id = str | int | None


def ident(raw: Id) -> str:
    return "" if raw is None else str(raw)


class _Wire(msgspec.Struct, kw_only=True, rename="camel"):
    """Base: Jira's camelCase keys, unknown keys ignored."""


class WCategory(_Wire, kw_only=True):
    id: Id = None
    name: str = ""
    description: str = ""


class WInsight(_Wire, kw_only=True):
    total_issue_count: int | None = None


class WComponent(_Wire, kw_only=True):
    id: Id = None
    name: str = ""


class WVersion(_Wire, kw_only=True):
    id: Id = None
    name: str = ""
    released: bool = False
    archived: bool = False
    release_date: str | None = None


class WProject(_Wire, kw_only=True):
    id: Id = None
    key: str = ""
    name: str = ""
    description: str | None = None
    lead: w.WUser | None = None
    url: str | None = None
    project_type_key: str | None = None
    project_category: WCategory | None = None
    archived: bool = False
    deleted: bool = False
    insight: WInsight | None = None
    components: list[WComponent] = []
    versions: list[WVersion] = []
    issue_types: list[w.WIssueType] = []


class WProjectPage(_Wire, kw_only=True):
    start_at: int = 0
    max_results: int = 0
    total: int | None = None
    is_last: bool | None = None
    values: list[WProject] = []


class WTypeStatuses(_Wire, kw_only=True):
    id: Id = None
    name: str = ""
    subtask: bool = False
    statuses: list[w.WStatus] = []


class WLevelType(_Wire, kw_only=True):
    id: Id = None
    name: str = ""


class WLevel(_Wire, kw_only=True):
    level: int = 0
    name: str = ""
    issue_types: list[WLevelType] = []


class WHierarchy(_Wire, kw_only=True):
    hierarchy: list[WLevel] = []


class WGroup(_Wire, kw_only=True):
    name: str = ""


class WRole(_Wire, kw_only=True):
    name: str = ""


class WActorUser(_Wire, kw_only=True):
    account_id: str | None = None


class WActorGroup(_Wire, kw_only=True):
    name: str | None = None
    display_name: str | None = None
    group_id: str | None = None


class WActor(_Wire, kw_only=True):
    """A role actor: v3 has `actorUser` / `actorGroup`; v2 and 2.0.alpha1 a `name`."""

    id: Id = None
    display_name: str = ""
    type: str = ""
    name: str | None = None
    actor_user: WActorUser | None = None
    actor_group: WActorGroup | None = None


class WRoleDetail(_Wire, kw_only=True):
    id: Id = None
    name: str = ""
    description: str | None = None
    actors: list[WActor] = []


class WNotification(_Wire, kw_only=True):
    notification_type: str = ""
    parameter: str | None = None
    group: WGroup | None = None
    project_role: WRole | None = None
    user: w.WUser | None = None
    email_address: str | None = None


class WEventRef(_Wire, kw_only=True):
    id: Id = None
    name: str = ""


class WEvent(_Wire, kw_only=True):
    event: WEventRef
    notifications: list[WNotification] = []


class WNotificationScheme(_Wire, kw_only=True):
    id: Id = None
    name: str = ""
    description: str | None = None
    notification_scheme_events: list[WEvent] = []


class WTask(_Wire, kw_only=True):
    id: Id = None
    status: str = "ENQUEUED"
    progress: int = 0
    message: str | None = None
    description: str | None = None


class WCreated(_Wire, kw_only=True):
    id: Id = None
    key: str = ""


# --- decoding ------------------------------------------------------------------------------


def category(raw: WCategory | None) -> ProjectCategory | None:
    if raw is None or raw.id is None:
        return None
    return ProjectCategory(id=ident(raw.id), name=raw.name, description=raw.description)


def version(raw: WVersion) -> Version:
    return Version(
        id=ident(raw.id),
        name=raw.name,
        released=raw.released,
        archived=raw.archived,
        release_date=d.parse_date(raw.release_date),
    )


def project(raw: WProject) -> Project:
    """A project in any shape; the legacy one has no id, so its key stands in."""
    types = tuple(t for t in (d.issuetype(x) for x in raw.issue_types) if t is not None)
    insight = raw.insight.total_issue_count if raw.insight is not None else None
    return Project(
        id=ident(raw.id) or raw.key,
        key=raw.key,
        name=raw.name,
        type_key=raw.project_type_key or "",
        category=category(raw.project_category),
        lead=d.user(raw.lead),
        description=raw.description or "",
        url=raw.url or "",
        archived=raw.archived,
        deleted=raw.deleted,
        issue_count=insight,
        components=tuple(Component(id=ident(c.id), name=c.name) for c in raw.components),
        versions=tuple(version(v) for v in raw.versions),
        issue_types=types,
    )


def page(raw: WProjectPage) -> ProjectPage:
    projects = tuple(project(p) for p in raw.values)
    end = raw.start_at + len(projects)
    last = raw.is_last if raw.is_last is not None else (raw.total is None or end >= raw.total)
    return ProjectPage(
        projects=projects, start_at=raw.start_at, total=raw.total, is_last=last or not projects
    )


def type_statuses(raw: WTypeStatuses) -> IssueTypeStatuses:
    level = d.hierarchy_level(raw.name, raw.subtask)
    statuses = tuple(s for s in (d.status(x) for x in raw.statuses) if s is not None)
    return IssueTypeStatuses(
        issue_type=IssueType(
            id=ident(raw.id), name=raw.name, subtask=raw.subtask, hierarchy_level=level
        ),
        statuses=statuses,
    )


def hierarchy(raw: WHierarchy) -> list[HierarchyLevel]:
    return [
        HierarchyLevel(
            level=level.level,
            name=level.name,
            issue_types=tuple(
                IssueType(
                    id=ident(t.id),
                    name=t.name,
                    subtask=level.level < 0,
                    hierarchy_level=level.level,
                )
                for t in level.issue_types
            ),
        )
        for level in sorted(raw.hierarchy, key=lambda x: -x.level)
    ]


def hierarchy_from_types(types: tuple[IssueType, ...]) -> list[HierarchyLevel]:
    """Where the server has no hierarchy resource (v2, legacy): the levels the types carry."""
    names = {1: "Epic", 0: "Base", -1: "Subtask"}
    levels: dict[int, list[IssueType]] = {}
    for issue_type in types:
        levels.setdefault(issue_type.hierarchy_level, []).append(issue_type)
    return [
        HierarchyLevel(level=n, name=names.get(n, f"Level {n}"), issue_types=tuple(levels[n]))
        for n in sorted(levels, reverse=True)
    ]


def _recipient(raw: WNotification) -> str:
    kind = raw.notification_type
    if raw.group is not None and raw.group.name:
        return f"{kind}: {raw.group.name}"
    if raw.project_role is not None and raw.project_role.name:
        return f"{kind}: {raw.project_role.name}"
    if raw.user is not None and raw.user.display_name:
        return f"{kind}: {raw.user.display_name}"
    if raw.email_address:
        return f"{kind}: {raw.email_address}"
    if raw.parameter and kind not in ("CurrentAssignee", "Reporter", "AllWatchers", "ProjectLead"):
        return f"{kind}: {raw.parameter}"
    return kind


def notification_scheme(raw: WNotificationScheme) -> NotificationScheme:
    return NotificationScheme(
        id=ident(raw.id),
        name=raw.name,
        description=raw.description or "",
        events=tuple(
            NotificationEvent(
                id=ident(e.event.id),
                name=e.event.name,
                recipients=tuple(_recipient(n) for n in e.notifications),
            )
            for e in raw.notification_scheme_events
        ),
    )


def roles(raw: dict[str, str]) -> list[ProjectRole]:
    """`{"Developers": ".../role/10000"}` -> roles, the id read from the end of each link."""
    return sorted(
        (
            ProjectRole(id=url.rstrip("/").rpartition("/")[2], name=name)
            for name, url in raw.items()
        ),
        key=lambda r: r.name.casefold(),
    )


def _actor(raw: WActor) -> RoleActor:
    if raw.type == "atlassian-group-role-actor" or raw.actor_group is not None:
        group = raw.actor_group
        name = (group.name if group else None) or raw.name or raw.display_name
        return RoleActor(
            kind="group", name=(group.display_name if group else None) or name, id=name
        )
    account = raw.actor_user.account_id if raw.actor_user else None
    return RoleActor(
        kind="user", name=raw.display_name or raw.name or "", id=account or raw.name or ""
    )


def role_detail(raw: WRoleDetail) -> ProjectRole:
    """One role with its actors: groups first, then users, each by name."""
    found = sorted(
        (_actor(a) for a in raw.actors), key=lambda a: (a.kind != "group", a.name.casefold())
    )
    return ProjectRole(
        id=ident(raw.id), name=raw.name, description=raw.description or "", actors=tuple(found)
    )


def task(raw: WTask) -> TaskProgress:
    return TaskProgress(
        id=ident(raw.id),
        status=raw.status,
        progress=max(0, min(100, raw.progress)),
        message=raw.message or "",
        description=raw.description or "",
    )
