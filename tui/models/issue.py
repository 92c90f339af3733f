"""Issue records: the compact row a search returns and the full issue the issue view shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

from tui.models.common import Body, User

StatusCategoryKey = Literal["new", "indeterminate", "done", "undefined"]


class NamedValue(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str


class Status(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    category: StatusCategoryKey = "undefined"


class IssueType(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    subtask: bool = False
    hierarchy_level: int = 0


class Priority(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str


class Resolution(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str


class Component(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str


class Version(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    released: bool = False
    archived: bool = False
    release_date: date | None = None


class IssueRef(msgspec.Struct, frozen=True, kw_only=True):
    """Another issue as a link, parent or sub-task shows it."""

    key: str
    summary: str = ""
    status: Status | None = None
    issuetype: IssueType | None = None


class IssueSummary(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One search result row: only what the results table shows."""

    id: str
    key: str
    summary: str
    issuetype: str = ""
    status: str = ""
    status_category: StatusCategoryKey = "undefined"
    priority: str = ""
    assignee: str = ""
    reporter: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    duedate: date | None = None
    labels: tuple[str, ...] = ()
    resolution: str = ""
    project_key: str = ""


class SearchPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of a search. `total` is None where the server does not count (Cloud /search/jql)."""

    issues: tuple[IssueSummary, ...]
    start_at: int
    total: int | None = None
    next_page_token: str | None = None
    is_last: bool = True
    from_cache: bool = False


class Comment(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    author: User | None
    body: Body
    created: datetime | None = None
    updated: datetime | None = None


class Worklog(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    author: User | None
    started: datetime | None
    time_spent_seconds: int
    comment: Body | None = None


class IssueLinkType(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    inward: str
    outward: str


class IssueLink(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    type: IssueLinkType
    direction: Literal["inward", "outward"]
    other: IssueRef

    @property
    def phrase(self) -> str:
        return self.type.inward if self.direction == "inward" else self.type.outward


class Attachment(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    filename: str
    size: int
    mime_type: str = ""
    author: User | None = None
    created: datetime | None = None


class FieldSpec(msgspec.Struct, frozen=True, kw_only=True):
    """A field a transition or create screen asks for, with its allowed values when it has them."""

    id: str
    name: str
    required: bool = False
    schema_type: str = "string"
    allowed_values: tuple[NamedValue, ...] = ()


class Transition(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    to_status: Status
    fields: tuple[FieldSpec, ...] = ()

    @property
    def required_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.required)


class ChangeItem(msgspec.Struct, frozen=True, kw_only=True):
    field: str
    from_string: str | None = None
    to_string: str | None = None


class ChangelogEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    author: User | None
    created: datetime | None
    items: tuple[ChangeItem, ...] = ()


class TimeTracking(msgspec.Struct, frozen=True, kw_only=True):
    original_estimate_seconds: int | None = None
    remaining_estimate_seconds: int | None = None
    time_spent_seconds: int | None = None


class Filter(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    jql: str
    favourite: bool = False
    owner: str = ""


class Issue(msgspec.Struct, frozen=True, kw_only=True):
    """The whole issue as one `GET /issue/{key}?expand=renderedFields,names,transitions,changelog`."""

    id: str
    key: str
    summary: str
    url: str = ""
    issuetype: IssueType | None = None
    status: Status | None = None
    priority: Priority | None = None
    resolution: Resolution | None = None
    assignee: User | None = None
    reporter: User | None = None
    created: datetime | None = None
    updated: datetime | None = None
    resolved: datetime | None = None
    duedate: date | None = None
    labels: tuple[str, ...] = ()
    components: tuple[Component, ...] = ()
    fix_versions: tuple[Version, ...] = ()
    parent: IssueRef | None = None
    project_key: str = ""
    description: Body | None = None
    comments: tuple[Comment, ...] = ()
    worklogs: tuple[Worklog, ...] = ()
    links: tuple[IssueLink, ...] = ()
    subtasks: tuple[IssueRef, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    watch_count: int = 0
    is_watching: bool = False
    vote_count: int = 0
    has_voted: bool = False
    time_tracking: TimeTracking | None = None
    transitions: tuple[Transition, ...] = ()
    changelog: tuple[ChangelogEntry, ...] = ()
    field_names: dict[str, str] = msgspec.field(default_factory=dict)

    def as_summary(self) -> IssueSummary:
        return IssueSummary(
            id=self.id,
            key=self.key,
            summary=self.summary,
            issuetype=self.issuetype.name if self.issuetype else "",
            status=self.status.name if self.status else "",
            status_category=self.status.category if self.status else "undefined",
            priority=self.priority.name if self.priority else "",
            assignee=self.assignee.display_name if self.assignee else "",
            reporter=self.reporter.display_name if self.reporter else "",
            created=self.created,
            updated=self.updated,
            duedate=self.duedate,
            labels=self.labels,
            resolution=self.resolution.name if self.resolution else "",
            project_key=self.project_key,
        )
