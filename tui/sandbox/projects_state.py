"""Projects' own state and rules: lookup by id or key, Jira's checks on keys and names, the trash
and the archive, recent views, per-project issue counts, and removing a project for good.

What `SandboxProject` does not hold lives in `world.extra["projects"]`, as plain JSON so that it
is saved with the world: who archived or trashed a project and when, async delete tasks
(`projects_tasks.py`) and edited project role actors (`projects_roles.py`). Issues of archived
and trashed projects stay in the world; the JQL evaluator skips them, as Jira's search does.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from tui.sandbox.http import JiraHTTPError
from tui.sandbox.world import SandboxProject, World

EXTRA = "projects"
TRASH_RETENTION = timedelta(days=60)  # Jira Cloud keeps trashed projects for 60 days
RECENT_LIMIT = 20

KEY_PATTERN = re.compile(r"^[A-Z][A-Z0-9]+$")
KEY_MAX = 10
NAME_MIN, NAME_MAX = 2, 80
# Windows device names: Jira refuses them as keys.
RESERVED_KEYS = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)

# (formattedKey, descriptionI18nKey, color) per project type.
PROJECT_TYPES: dict[str, tuple[str, str, str]] = {
    "business": ("Business", "jira.project.type.business.description", "#FFAB00"),
    "software": ("Software", "jira.project.type.software.description", "#0052CC"),
    "service_desk": ("Service Desk", "jira.project.type.servicedesk.description", "#00B8D9"),
}

_CORE = "com.atlassian.jira-core-project-templates:jira-core-simplified-"
_DESK = "com.atlassian.servicedesk:"
_SOFT = "com.pyxis.greenhopper.jira:gh-"
# Seed 003's table, plus the keys the v3 contract's enum adds (the two disagree a little).
TEMPLATES: dict[str, frozenset[str]] = {
    "business": frozenset(
        _CORE + t
        for t in (
            "content-management",
            "document-approval",
            "lead-tracking",
            "process-control",
            "procurement",
            "project-management",
            "recruitment",
            "task-tracking",  # the contract's enum has it cut short as "...simplified-task-"
        )
    ),
    "service_desk": frozenset(
        _DESK + t
        for t in (
            "simplified-it-service-management",
            "simplified-it-service-management-basic",
            "simplified-it-service-management-operations",
            "simplified-general-service-desk",
            "simplified-general-service-desk-it",
            "simplified-general-service-desk-business",
            "simplified-internal-service-desk",
            "simplified-external-service-desk",
            "simplified-hr-service-desk",
            "simplified-facilities-service-desk",
            "simplified-legal-service-desk",
            "simplified-analytics-service-desk",
            "simplified-marketing-service-desk",
            "simplified-design-service-desk",
            "simplified-sales-service-desk",
            "simplified-halp-service-desk",
            "simplified-blank-project-business",
            "simplified-blank-project-it",
            "simplified-finance-service-desk",
            "next-gen-it-service-desk",
            "next-gen-hr-service-desk",
            "next-gen-legal-service-desk",
            "next-gen-marketing-service-desk",
            "next-gen-facilities-service-desk",
            "next-gen-general-service-desk",
            "next-gen-general-it-service-desk",
            "next-gen-general-business-service-desk",
            "next-gen-analytics-service-desk",
            "next-gen-finance-service-desk",
            "next-gen-design-service-desk",
            "next-gen-sales-service-desk",
        )
    ),
    "software": frozenset(
        _SOFT + t
        for t in (
            "simplified-agility-kanban",
            "simplified-agility-scrum",
            "simplified-basic",
            "simplified-kanban-classic",
            "simplified-scrum-classic",
            "cross-team-template",
            "cross-team-planning-template",
        )
    ),
}
TYPE_OF_TEMPLATE = {template: kind for kind, keys in TEMPLATES.items() for template in keys}


def extra(world: World) -> dict[str, Any]:
    """The projects' part of `world.extra`, created on first use."""
    state: dict[str, Any] = world.extra.setdefault(EXTRA, {})
    for part in ("archived", "deleted", "tasks", "roles"):
        state.setdefault(part, {})
    return state


def not_found(ref: str) -> JiraHTTPError:
    return JiraHTTPError(404, f"No project could be found with key '{ref}'.")


def find(world: World, ref: str, *, trashed: bool = False) -> SandboxProject:
    """The project with key (any case) or id `ref`; trashed ones only when `trashed`."""
    project = world.projects.get(ref) or world.projects.get(ref.upper())
    if project is None and ref.isdigit():
        project = next((p for p in world.projects.values() if p.id == ref), None)
    if project is None or (project.deleted and not trashed):
        raise not_found(ref)
    return project


def status_of(project: SandboxProject) -> str:
    return "deleted" if project.deleted else "archived" if project.archived else "live"


# -- checks ---------------------------------------------------------------------------------


def key_errors(world: World, key: Any, *, current: str | None = None) -> dict[str, str]:
    if not isinstance(key, str) or not key:
        return {"projectKey": "You must specify a unique project key, at least 2 characters long."}
    if len(key) > KEY_MAX:
        return {"projectKey": f"The project key must not exceed {KEY_MAX} characters in length."}
    if not KEY_PATTERN.match(key):
        return {
            "projectKey": "Project keys must start with an uppercase letter, followed by one or "
            "more uppercase alphanumeric characters."
        }
    if key in RESERVED_KEYS:
        return {
            "projectKey": "This keyword is invalid as it is a reserved word on this operating system."
        }
    taken = world.projects.get(key)
    if taken is not None and key != current:
        return {"projectKey": f"Project '{taken.name}' uses this project key."}
    return {}


def name_errors(world: World, name: Any, *, current: str | None = None) -> dict[str, str]:
    if not isinstance(name, str) or not name.strip():
        return {"projectName": "You must specify a valid project name."}
    if len(name) < NAME_MIN:
        return {
            "projectName": f"The project name should be at least {NAME_MIN} characters in length."
        }
    if len(name) > NAME_MAX:
        return {"projectName": f"The project name must not exceed {NAME_MAX} characters in length."}
    lowered = name.strip().lower()
    for project in world.projects.values():
        if project.key != current and project.name.lower() == lowered:
            return {"projectName": "A project with that name already exists."}
    return {}


def lead_of(world: World, body: dict[str, Any]) -> tuple[str | None, dict[str, str]]:
    """The lead's account id from `leadAccountId` (Cloud) or `lead` (a username, Server)."""
    ref = body.get("leadAccountId", body.get("lead"))
    if ref is None:
        return None, {}
    user = world.users.get(ref) if isinstance(ref, str) else None
    if user is None and isinstance(ref, str):
        user = world.user_by_name(ref)
    if user is None or not user.active:
        return None, {"projectLead": "The user you have specified as project lead does not exist."}
    return user.account_id, {}


def category_errors(world: World, category: Any) -> dict[str, str]:
    if category is None or str(category) in world.categories:
        return {}
    return {"categoryId": f"The project category with id '{category}' does not exist."}


def type_and_template(body: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(projectTypeKey, projectTemplateKey, errors): each may be given alone, as Jira allows."""
    type_key = body.get("projectTypeKey")
    template = body.get("projectTemplateKey")
    if template is not None and template not in TYPE_OF_TEMPLATE:
        return "", "", {"projectTemplateKey": f"The project template '{template}' does not exist."}
    if type_key is None and template is None:
        return "", "", {"projectTypeKey": "You must specify a valid project type."}
    if type_key is None:
        type_key = TYPE_OF_TEMPLATE[str(template)]
    if type_key not in PROJECT_TYPES:
        return "", "", {"projectTypeKey": f"The project type '{type_key}' does not exist."}
    if template is None:
        template = sorted(TEMPLATES[type_key])[0]
    elif TYPE_OF_TEMPLATE[str(template)] != type_key:
        return (
            "",
            "",
            {
                "projectTemplateKey": f"The project template '{template}' cannot be used to create "
                f"a project of type '{type_key}'."
            },
        )
    return str(type_key), str(template), {}


# -- recent views ---------------------------------------------------------------------------


def touch_recent(world: World, project_key: str, account_id: str, when: datetime) -> None:
    """Remember that a user looked at a project (or at one of its issues)."""
    project = world.projects.get(project_key)
    if project is not None:
        project.last_viewed[account_id] = when


def recent(world: World, account_id: str) -> list[SandboxProject]:
    viewed = [
        p for p in world.projects.values() if account_id in p.last_viewed and status_of(p) == "live"
    ]
    viewed.sort(key=lambda p: p.last_viewed[account_id], reverse=True)
    return viewed[:RECENT_LIMIT]


# -- issue counts ---------------------------------------------------------------------------

_INSIGHT: OrderedDict[int, tuple[World, int, dict[str, tuple[int, datetime]]]] = OrderedDict()


def insight(world: World) -> dict[str, tuple[int, datetime]]:
    """Per project key: (issue count, last issue update), one pass per world version."""
    cached = _INSIGHT.get(id(world))
    if cached is not None and cached[0] is world and cached[1] == world.version:
        return cached[2]
    found: dict[str, tuple[int, datetime]] = {}
    for issue in world.issues.values():
        count, last = found.get(issue.project_key, (0, issue.updated))
        found[issue.project_key] = (count + 1, max(last, issue.updated))
    _INSIGHT[id(world)] = (world, world.version, found)
    while len(_INSIGHT) > 4:
        _INSIGHT.popitem(last=False)
    return found


# -- archive, trash, restore, purge ----------------------------------------------------------


def archive(world: World, project: SandboxProject, by: str, now: datetime) -> None:
    project.archived = True
    extra(world)["archived"][project.key] = {"by": by, "at": now.isoformat()}


def trash(world: World, project: SandboxProject, by: str, now: datetime) -> None:
    project.deleted = True
    project.deleted_at = now
    extra(world)["deleted"][project.key] = {"by": by}


def restore(world: World, project: SandboxProject) -> None:
    project.archived = False
    project.deleted = False
    project.deleted_at = None
    state = extra(world)
    state["archived"].pop(project.key, None)
    state["deleted"].pop(project.key, None)


def purge(world: World, project: SandboxProject) -> None:
    """Delete a project for good: its issues, their links, its extra state."""
    key = project.key
    gone = {k for k, issue in world.issues.items() if issue.project_key == key}
    for issue_key in gone:
        del world.issues[issue_key]
    for link_id in [
        i for i, link in world.links.items() if {link.inward_key, link.outward_key} & gone
    ]:
        del world.links[link_id]
    for issue in world.issues.values():
        if issue.parent_key in gone:
            issue.parent_key = None
    del world.projects[key]
    state = extra(world)
    for part in ("archived", "deleted", "roles"):
        state[part].pop(key, None)


def rekey(world: World, project: SandboxProject, new_key: str) -> None:
    """Change a project's key: its issues are renumbered under the new key, links follow."""
    old = project.key
    renamed: dict[str, str] = {}
    rebuilt = {}
    for key, issue in world.issues.items():
        if issue.project_key == old:
            new_issue_key = f"{new_key}-{key.rpartition('-')[2]}"
            renamed[key] = new_issue_key
            issue.key = new_issue_key
            issue.project_key = new_key
            rebuilt[new_issue_key] = issue
        else:
            rebuilt[key] = issue
    world.issues.clear()
    world.issues.update(rebuilt)
    for issue in world.issues.values():
        if issue.parent_key in renamed:
            issue.parent_key = renamed[issue.parent_key]
    for link in world.links.values():
        link.inward_key = renamed.get(link.inward_key, link.inward_key)
        link.outward_key = renamed.get(link.outward_key, link.outward_key)
    projects = {(new_key if k == old else k): p for k, p in world.projects.items()}
    world.projects.clear()
    world.projects.update(projects)
    project.key = new_key
    state = extra(world)
    for part in ("archived", "deleted", "roles"):
        if old in state[part]:
            state[part][new_key] = state[part].pop(old)
