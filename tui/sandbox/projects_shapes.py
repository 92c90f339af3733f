"""Projects as JSON in the three API shapes: the project, its components, versions, issue types
with statuses, issue type hierarchy, notification scheme, categories, types and roles map.

v3 follows the Cloud `Project` schema (times as RFC 3339, which its `date-time` fields want);
v2 follows Data Center's `ProjectBean`; 2.0.alpha1 follows seed 001's examples. `ProjectOut`
carries what every builder needs, and the issue counts of `expand=insight`, computed once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from tui.sandbox.projects_roles import roles_map
from tui.sandbox.projects_state import PROJECT_TYPES, TRASH_RETENTION, extra, insight
from tui.sandbox.shapes.common import (
    LEGACY,
    Shape,
    api_base,
    issuetype_json,
    jira_time,
    status_json,
    user_json,
)
from tui.sandbox.world import SandboxComponent, SandboxProject, SandboxVersion, World

DEFAULT_EXPAND = "description,lead,issueTypes,url,projectKeys,permissions,insight"


def cloud_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="milliseconds")


@dataclass
class ProjectOut:
    world: World
    shape: Shape
    base_url: str
    today: date = field(default_factory=lambda: datetime.now(UTC).date())

    @property
    def api(self) -> str:
        return api_base(self.base_url, self.shape)

    @property
    def root(self) -> str:
        return self.base_url.rstrip("/")

    @cached_property
    def insight(self) -> dict[str, tuple[int, datetime]]:
        return insight(self.world)

    def time(self, moment: datetime) -> str:
        return cloud_time(moment) if self.shape == "3" else jira_time(moment)

    def user(self, account_id: str | None) -> dict[str, Any] | None:
        found = self.world.users.get(account_id) if account_id else None
        return user_json(found, self.shape, base_url=self.base_url) if found else None

    def avatars(self, project: SandboxProject) -> dict[str, str]:
        return {
            f"{s}x{s}": f"{self.root}/secure/projectavatar?size={s}&pid={project.id}"
            for s in (48, 24, 16, 32)
        }


def category_json(out: ProjectOut, category_id: str) -> dict[str, Any] | None:
    category = out.world.categories.get(category_id)
    if category is None:
        return None
    return {
        "self": f"{out.api}/projectCategory/{category.id}",
        "id": category.id,
        "name": category.name,
        "description": category.description,
    }


def component_json(
    out: ProjectOut, project: SandboxProject, component: SandboxComponent
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": f"{out.api}/component/{component.id}",
        "id": component.id if out.shape != LEGACY else int(component.id),
        "name": component.name,
        "description": component.description,
    }
    lead = out.user(component.lead)
    if lead is not None:
        body["lead"] = lead
    if out.shape == "2":
        body["leadUserName"] = lead["name"] if lead else ""
    body["assigneeType"] = "PROJECT_DEFAULT" if out.shape == "3" else "PROJECT_LEAD"
    if out.shape != "2":  # Cloud and seed 001 also say who gets the component's issues
        assignee = out.user(project.lead)
        if assignee is not None:
            body["assignee"] = assignee
            body["realAssignee"] = assignee
        body["realAssigneeType"] = "PROJECT_LEAD"
        body["isAssigneeTypeValid"] = False
    if out.shape != LEGACY:
        body["project"] = project.key
        body["projectId"] = int(project.id)
    return body


def version_json(
    out: ProjectOut, project: SandboxProject, version: SandboxVersion
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": f"{out.api}/version/{version.id}",
        "id": version.id if out.shape != LEGACY else int(version.id),
        "description": version.description,
        "name": version.name,
        "archived": version.archived,
        "released": version.released,
    }
    if version.start_date is not None and out.shape != LEGACY:
        body["startDate"] = version.start_date.isoformat()
        body["userStartDate"] = f"{version.start_date.day}/{version.start_date:%b/%Y}"
    if version.release_date is not None:
        body["releaseDate"] = version.release_date.isoformat()
        body["userReleaseDate"] = f"{version.release_date.day}/{version.release_date:%b/%Y}"
        body["overdue"] = not version.released and version.release_date < out.today
    if out.shape != LEGACY:
        body["projectId"] = int(project.id)
    return body


def issue_types_of(out: ProjectOut, project: SandboxProject) -> list[dict[str, Any]]:
    types = out.world.issue_types
    return [
        issuetype_json(types[t], out.shape, base_url=out.base_url)
        for t in project.issue_type_ids
        if t in types
    ]


def project_json(
    out: ProjectOut, project: SandboxProject, expand: set[str], *, full: bool
) -> dict[str, Any]:
    """A project: `full` as GET /project/{k} answers, else the short form of lists and search."""
    if out.shape == LEGACY:
        return _legacy_project(out, project, full=full)
    body: dict[str, Any] = {
        "expand": DEFAULT_EXPAND,
        "self": f"{out.api}/project/{project.id}",
        "id": project.id,
        "key": project.key,
    }
    if full or "description" in expand:
        body["description"] = project.description
    if full or "lead" in expand:
        body["lead"] = out.user(project.lead)
    if full:
        body["components"] = [component_json(out, project, c) for c in project.components]
    if full or "issuetypes" in expand:
        body["issueTypes"] = issue_types_of(out, project)
    if (full or "url" in expand) and project.url:
        body["url"] = project.url
    if full:
        body["assigneeType"] = project.assignee_type
        body["versions"] = [version_json(out, project, v) for v in project.versions]
    body["name"] = project.name
    if full:
        body["roles"] = roles_map(project, out.shape, out.base_url)
    body["avatarUrls"] = out.avatars(project)
    category = category_json(out, project.category_id) if project.category_id else None
    if category is not None:
        body["projectCategory"] = category
    body["projectTypeKey"] = project.type_key
    if out.shape == "3":
        body.update(simplified=False, style="classic", isPrivate=False, properties={})
        if "insight" in expand:
            count, last = out.insight.get(project.key, (0, None))
            body["insight"] = {"totalIssueCount": count}
            if last is not None:
                body["insight"]["lastIssueUpdateTime"] = cloud_time(last)
        if "permissions" in expand:
            body["permissions"] = {"canEdit": True}
    _lifecycle(out, project, body)
    return body


def _lifecycle(out: ProjectOut, project: SandboxProject, body: dict[str, Any]) -> None:
    state = extra(out.world)
    if project.archived:
        body["archived"] = True
        if out.shape == "3":
            info = state["archived"].get(project.key, {})
            if "at" in info:
                body["archivedDate"] = cloud_time(datetime.fromisoformat(info["at"]))
            if out.user(info.get("by")) is not None:
                body["archivedBy"] = out.user(info.get("by"))
    elif out.shape == "2":
        body["archived"] = False
    if project.deleted and out.shape == "3":
        body["deleted"] = True
        if project.deleted_at is not None:
            body["deletedDate"] = cloud_time(project.deleted_at)
            body["retentionTillDate"] = cloud_time(project.deleted_at + TRASH_RETENTION)
        by = out.user(state["deleted"].get(project.key, {}).get("by"))
        if by is not None:
            body["deletedBy"] = by


def _legacy_project(out: ProjectOut, project: SandboxProject, *, full: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"self": f"{out.api}/project/{project.key}", "key": project.key}
    if not full:
        body["name"] = project.name
        return body
    body["description"] = project.description
    body["lead"] = out.user(project.lead)
    body["components"] = [component_json(out, project, c) for c in project.components]
    body["url"] = project.url or f"{out.root}/browse/{project.key}"
    body["assigneeType"] = project.assignee_type
    body["versions"] = [version_json(out, project, v) for v in project.versions]
    body["name"] = project.name
    body["roles"] = roles_map(project, out.shape, out.base_url)
    return body


def statuses_json(out: ProjectOut, project: SandboxProject) -> list[dict[str, Any]]:
    """Each issue type of the project with the statuses its workflow uses (one shared workflow)."""
    statuses = [
        status_json(s, out.shape, base_url=out.base_url) for s in out.world.statuses.values()
    ]
    found = []
    for type_json in issue_types_of(out, project):
        found.append(
            {
                "self": type_json["self"],
                "id": type_json["id"],
                "name": type_json["name"],
                "subtask": type_json["subtask"],
                "statuses": statuses,
            }
        )
    return found


_LEVEL_NAMES = {1: "Epic", 0: "Base", -1: "Subtask"}


def hierarchy_json(out: ProjectOut, project: SandboxProject) -> dict[str, Any]:
    levels: dict[int, list[dict[str, Any]]] = {}
    for type_id in project.issue_type_ids:
        issue_type = out.world.issue_types.get(type_id)
        if issue_type is None:
            continue
        levels.setdefault(issue_type.hierarchy_level, []).append(
            {
                "id": int(issue_type.id),
                "name": issue_type.name,
                "avatarId": 10300 + int(issue_type.id) % 100,
            }
        )
    hierarchy = [
        {
            "entityId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"jiradash:{project.id}:{level}")),
            "level": level,
            "name": _LEVEL_NAMES.get(level, f"Level {level}"),
            "issueTypes": types,
        }
        for level, types in sorted(levels.items(), reverse=True)
    ]
    return {"projectId": int(project.id), "hierarchy": hierarchy}


# Jira's default notification scheme: (event id, event name, recipients).
_EVENTS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (1, "Issue created", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (2, "Issue updated", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (3, "Issue assigned", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (4, "Issue resolved", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (5, "Issue closed", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (6, "Issue commented", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (14, "Issue comment edited", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (17, "Issue comment deleted", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (7, "Issue reopened", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (8, "Issue deleted", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (9, "Issue moved", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (10, "Work logged on issue", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (11, "Work started on issue", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (12, "Work stopped on issue", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (15, "Issue worklog updated", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (16, "Issue worklog deleted", ("CurrentAssignee", "Reporter", "AllWatchers")),
    (13, "Generic event", ("CurrentAssignee", "Reporter", "AllWatchers", "ProjectLead")),
)


def notification_scheme_json(out: ProjectOut, project: SandboxProject) -> dict[str, Any]:
    events = []
    counter = 10100
    for event_id, name, recipients in _EVENTS:
        notifications = []
        for recipient in recipients:
            counter += 1
            notifications.append({"id": counter, "notificationType": recipient})
        events.append(
            {
                "event": {"id": event_id, "name": name, "description": ""},
                "notifications": notifications,
            }
        )
    return {
        "expand": "notificationSchemeEvents,user,group,projectRole,field,all",
        "id": 10000,
        "self": f"{out.api}/notificationscheme/10000",
        "name": "Default Notification Scheme",
        "description": "The scheme every project uses unless it is given another.",
        "notificationSchemeEvents": events,
    }


def project_type_json(key: str) -> dict[str, Any]:
    formatted, description, color = PROJECT_TYPES[key]
    return {
        "key": key,
        "formattedKey": formatted,
        "descriptionI18nKey": description,
        "icon": "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=",  # an empty SVG
        "color": color,
    }
