"""The sandbox's state: every user, project and issue, as plain mutable records.

Routes read and change a `World`; `seed.py` builds one deterministically; `persist.py` writes it.
Rich text is stored once, as ADF (the v3 shape); the v2 and legacy shapes convert on the way out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(slots=True)
class SandboxUser:
    account_id: str  # Cloud accountId; v2 shows `name`/`key` instead
    name: str  # Server/DC username, e.g. "alice"
    display_name: str
    email: str
    token: str = ""  # API token / personal access token
    password: str = ""  # for session login (the token works too)
    admin: bool = False
    active: bool = True
    time_zone: str = "UTC"


@dataclass(slots=True)
class SandboxComponent:
    id: str
    name: str
    description: str = ""
    lead: str | None = None  # account id


@dataclass(slots=True)
class SandboxVersion:
    id: str
    name: str
    description: str = ""
    released: bool = False
    archived: bool = False
    release_date: date | None = None
    start_date: date | None = None


@dataclass(slots=True)
class SandboxCategory:
    id: str
    name: str
    description: str = ""


@dataclass(slots=True)
class SandboxProject:
    id: str
    key: str
    name: str
    type_key: str  # "software", "business", "service_desk"
    lead: str  # account id
    description: str = ""
    url: str = ""
    category_id: str | None = None
    components: list[SandboxComponent] = field(default_factory=list)
    versions: list[SandboxVersion] = field(default_factory=list)
    issue_type_ids: list[str] = field(default_factory=list)
    assignee_type: str = "UNASSIGNED"
    template_key: str = ""
    archived: bool = False
    deleted: bool = False  # in the trash (enableUndo)
    deleted_at: datetime | None = None
    last_viewed: dict[str, datetime] = field(default_factory=dict)  # account id -> when


@dataclass(slots=True)
class SandboxComment:
    id: str
    author: str  # account id
    body: dict[str, Any]  # ADF document
    created: datetime
    updated: datetime


@dataclass(slots=True)
class SandboxWorklog:
    id: str
    author: str
    started: datetime
    time_spent_seconds: int
    comment: dict[str, Any] | None
    created: datetime
    updated: datetime


@dataclass(slots=True)
class SandboxLink:
    id: str
    type_id: str
    outward_key: str  # the issue that "blocks"
    inward_key: str  # the issue that "is blocked by"


@dataclass(slots=True)
class SandboxAttachment:
    id: str
    filename: str
    size: int
    mime_type: str
    author: str
    created: datetime


@dataclass(slots=True)
class ChangelogItem:
    field: str
    from_string: str | None
    to_string: str | None
    from_id: str | None = None
    to_id: str | None = None


@dataclass(slots=True)
class SandboxChange:
    id: str
    author: str
    created: datetime
    items: list[ChangelogItem]


@dataclass(slots=True)
class SandboxIssue:
    """The attributes the JQL evaluator reads are named after the JQL fields they answer."""

    id: str
    key: str
    project_key: str
    issuetype_id: str
    summary: str
    status_id: str
    priority_id: str
    reporter: str  # account id
    created: datetime
    updated: datetime
    assignee: str | None = None
    description: dict[str, Any] | None = None  # ADF
    labels: list[str] = field(default_factory=list)
    component_ids: list[str] = field(default_factory=list)
    fix_version_ids: list[str] = field(default_factory=list)
    resolution_id: str | None = None
    resolved: datetime | None = None
    duedate: date | None = None
    parent_key: str | None = None
    original_estimate_seconds: int | None = None
    remaining_estimate_seconds: int | None = None
    comments: list[SandboxComment] = field(default_factory=list)
    worklogs: list[SandboxWorklog] = field(default_factory=list)
    watchers: list[str] = field(default_factory=list)
    voters: list[str] = field(default_factory=list)
    attachments: list[SandboxAttachment] = field(default_factory=list)
    changelog: list[SandboxChange] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StatusDef:
    id: str
    name: str
    category: str  # "new", "indeterminate", "done"


@dataclass(frozen=True, slots=True)
class IssueTypeDef:
    id: str
    name: str
    subtask: bool = False
    hierarchy_level: int = 0
    description: str = ""


@dataclass(frozen=True, slots=True)
class NamedDef:
    """Priorities, resolutions: an id, a name and a description."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class LinkTypeDef:
    id: str
    name: str
    inward: str
    outward: str


@dataclass(frozen=True, slots=True)
class TransitionDef:
    id: str
    name: str
    to_status_id: str
    requires_resolution: bool = False
    from_status_ids: tuple[str, ...] = ()  # empty: a global transition, from any status


@dataclass(slots=True)
class SandboxFilter:
    id: str
    name: str
    jql: str
    owner: str
    favourite_of: list[str] = field(default_factory=list)
    description: str = ""


@dataclass(slots=True)
class World:
    """Everything the sandbox knows. Counters hand out ids; `version` bumps on every change."""

    users: dict[str, SandboxUser] = field(default_factory=dict)  # by account id
    projects: dict[str, SandboxProject] = field(default_factory=dict)  # by key
    categories: dict[str, SandboxCategory] = field(default_factory=dict)
    issues: dict[str, SandboxIssue] = field(default_factory=dict)  # by key, in creation order
    statuses: dict[str, StatusDef] = field(default_factory=dict)
    issue_types: dict[str, IssueTypeDef] = field(default_factory=dict)
    priorities: dict[str, NamedDef] = field(default_factory=dict)
    resolutions: dict[str, NamedDef] = field(default_factory=dict)
    link_types: dict[str, LinkTypeDef] = field(default_factory=dict)
    links: dict[str, SandboxLink] = field(default_factory=dict)
    transitions: list[TransitionDef] = field(default_factory=list)  # the one shared workflow
    filters: dict[str, SandboxFilter] = field(default_factory=dict)
    next_id: int = 10000
    version: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # state owned by other route modules

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def user_by_name(self, name_or_email: str) -> SandboxUser | None:
        for user in self.users.values():
            if name_or_email in (user.name, user.email, user.account_id):
                return user
        return None
