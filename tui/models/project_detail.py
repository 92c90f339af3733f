"""What the projects screen shows beyond `Project`: list pages, issue type hierarchy levels,
statuses per issue type, the notification scheme, project roles, open-issue counts per status,
an asynchronous task's progress — and Jira's rules for a new project's key, name and template.

Plain records and pure functions (no I/O): the api client decodes into these, the store caches
them, the screens and the headless commands show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import msgspec

from tui.models.issue import IssueType, Status, StatusCategoryKey
from tui.models.project import Project

__all__ = [
    "KEY_MAX",
    "NAME_MAX",
    "NAME_MIN",
    "PROJECT_TEMPLATES",
    "PROJECT_TYPES",
    "HierarchyLevel",
    "IssueTypeStatuses",
    "NotificationEvent",
    "NotificationScheme",
    "ProjectListing",
    "ProjectPage",
    "ProjectRole",
    "RoleActor",
    "StatusCount",
    "TaskProgress",
    "key_problem",
    "name_problem",
    "template_label",
]


class ProjectPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of a project list, in the server's order."""

    projects: tuple[Project, ...]
    start_at: int = 0
    total: int | None = None
    is_last: bool = True
    from_cache: bool = False


class ProjectListing(msgspec.Struct, frozen=True, kw_only=True):
    """A whole project list as cached: its pages in order."""

    pages: tuple[ProjectPage, ...]


class HierarchyLevel(msgspec.Struct, frozen=True, kw_only=True):
    """One level of a project's issue type hierarchy: 1 epics, 0 base types, -1 sub-tasks."""

    level: int
    name: str
    issue_types: tuple[IssueType, ...] = ()


class IssueTypeStatuses(msgspec.Struct, frozen=True, kw_only=True):
    """An issue type of a project and the statuses its workflow uses."""

    issue_type: IssueType
    statuses: tuple[Status, ...] = ()


class NotificationEvent(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    recipients: tuple[str, ...] = ()  # e.g. "CurrentAssignee", "Group: jira-administrators"


class NotificationScheme(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    description: str = ""
    events: tuple[NotificationEvent, ...] = ()


class RoleActor(msgspec.Struct, frozen=True, kw_only=True):
    """Someone in a project role: a user (account id, or username on Data Center) or a group."""

    kind: str  # "user" or "group"
    name: str  # what to show: the display name, or the group's name
    id: str = ""  # the account id, username or group name


class ProjectRole(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    description: str = ""
    actors: tuple[RoleActor, ...] | None = None  # None: not read (the roles list names them only)


class StatusCount(msgspec.Struct, frozen=True, kw_only=True):
    """How many open issues of a project are in one status."""

    status: str
    category: StatusCategoryKey = "undefined"
    count: int = 0


FINISHED = frozenset({"COMPLETE", "FAILED", "CANCELLED", "DEAD"})


class TaskProgress(msgspec.Struct, frozen=True, kw_only=True):
    """A long-running Jira task (asynchronous project delete), as `GET /task/{id}` reports it."""

    id: str
    status: str = (
        "ENQUEUED"  # ENQUEUED, RUNNING, COMPLETE, FAILED, CANCEL_REQUESTED, CANCELLED, DEAD
    )
    progress: int = 0  # percent
    message: str = ""
    description: str = ""

    @property
    def done(self) -> bool:
        return self.status in FINISHED

    @property
    def succeeded(self) -> bool:
        return self.status == "COMPLETE"


# --- creating a project: Jira's rules ------------------------------------------------------

PROJECT_TYPES: dict[str, str] = {
    "software": "Software",
    "business": "Business",
    "service_desk": "Service desk",
}

_CORE = "com.atlassian.jira-core-project-templates:jira-core-simplified-"
_DESK = "com.atlassian.servicedesk:"
_SOFT = "com.pyxis.greenhopper.jira:gh-simplified-"
# The table of `POST /rest/api/3/project` (seed 003): project type -> its template keys.
PROJECT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "software": tuple(
        _SOFT + t
        for t in ("agility-kanban", "agility-scrum", "basic", "kanban-classic", "scrum-classic")
    ),
    "business": tuple(
        _CORE + t
        for t in (
            "content-management",
            "document-approval",
            "lead-tracking",
            "process-control",
            "procurement",
            "project-management",
            "recruitment",
            "task-tracking",
        )
    ),
    "service_desk": tuple(
        _DESK + t
        for t in (
            "simplified-it-service-management",
            "simplified-general-service-desk-it",
            "simplified-general-service-desk-business",
            "simplified-external-service-desk",
            "simplified-hr-service-desk",
            "simplified-facilities-service-desk",
            "simplified-legal-service-desk",
            "simplified-analytics-service-desk",
            "simplified-marketing-service-desk",
            "simplified-design-service-desk",
            "simplified-sales-service-desk",
            "simplified-blank-project-business",
            "simplified-blank-project-it",
            "simplified-finance-service-desk",
            "next-gen-it-service-desk",
            "next-gen-hr-service-desk",
            "next-gen-legal-service-desk",
            "next-gen-marketing-service-desk",
            "next-gen-facilities-service-desk",
            "next-gen-general-it-service-desk",
            "next-gen-general-business-service-desk",
            "next-gen-analytics-service-desk",
            "next-gen-finance-service-desk",
            "next-gen-design-service-desk",
            "next-gen-sales-service-desk",
        )
    ),
}


def template_label(template_key: str) -> str:
    """`com.pyxis.greenhopper.jira:gh-simplified-agility-scrum` -> `Agility scrum`."""
    tail = template_key.rpartition(":")[2]
    for prefix in ("jira-core-simplified-", "gh-simplified-", "simplified-"):
        tail = tail.removeprefix(prefix)
    return tail.replace("-", " ").capitalize()


KEY_MIN, KEY_MAX = 2, 10
NAME_MIN, NAME_MAX = 2, 80
_KEY = re.compile(r"^[A-Z][A-Z0-9]+$")
# Windows device names, which Jira refuses as project keys.
RESERVED_KEYS = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)


def key_problem(key: str, taken: Iterable[str] = ()) -> str | None:
    """What is wrong with `key` as a new project key, in Jira's words; None when it is fine."""
    if len(key) < KEY_MIN:
        return f"The project key must be at least {KEY_MIN} characters long."
    if len(key) > KEY_MAX:
        return f"The project key must not exceed {KEY_MAX} characters in length."
    if not _KEY.match(key):
        return (
            "Project keys must start with an uppercase letter, followed by one or more uppercase "
            "alphanumeric characters."
        )
    if key in RESERVED_KEYS:
        return "This keyword is invalid as it is a reserved word on this operating system."
    if key in set(taken):
        return f"The project key {key} is already in use."
    return None


def name_problem(name: str, taken: Iterable[str] = ()) -> str | None:
    """What is wrong with `name` as a project name; None when it is fine."""
    stripped = name.strip()
    if len(stripped) < NAME_MIN:
        return f"The project name should be at least {NAME_MIN} characters in length."
    if len(stripped) > NAME_MAX:
        return f"The project name must not exceed {NAME_MAX} characters in length."
    if stripped.casefold() in {t.casefold() for t in taken}:
        return "A project with that name already exists."
    return None
