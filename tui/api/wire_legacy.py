"""msgspec Structs for the 2.0.alpha1 shape (seed 001): every field wrapped as
`{"name", "type", "value"}`, ids only inside `self` links, transitions as a map keyed by id.

Ids may come as numbers or strings; both are accepted and read as strings by the decoder.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")
Id = str | int | None


class _Wire(msgspec.Struct, kw_only=True, rename="camel"):
    """Base: camelCase keys, unknown keys ignored."""


class F(_Wire, Generic[T], kw_only=True):
    """A legacy field: `value` is absent when the field is empty."""

    value: T | None = None


class LUser(_Wire, kw_only=True):
    self: str = ""
    name: str = ""
    display_name: str = ""
    email_address: str | None = None
    active: bool = True
    time_zone: str | None = None


class LRef(_Wire, kw_only=True):
    """Status, priority, resolution, issue type: a name and a `self` link ending in the id."""

    self: str = ""
    id: Id = None
    name: str = ""
    subtask: bool = False


class LProject(_Wire, kw_only=True):
    self: str = ""
    key: str = ""
    name: str = ""


class LNamed(_Wire, kw_only=True):
    self: str = ""
    id: Id = None
    name: str = ""
    released: bool = False
    archived: bool = False
    release_date: str | None = None


class LLinkTypeRef(_Wire, kw_only=True):
    name: str = ""
    direction: str = "OUTBOUND"
    description: str = ""


class LLink(_Wire, kw_only=True):
    issue_key: str
    issue: str = ""
    type: LLinkTypeRef = msgspec.field(default_factory=LLinkTypeRef)


class LComment(_Wire, kw_only=True):
    self: str = ""
    id: Id = None
    author: LUser | None = None
    body: str = ""
    created: str | None = None
    updated: str | None = None


class LWorklog(_Wire, kw_only=True):
    self: str = ""
    id: Id = None
    author: LUser | None = None
    comment: str | None = None
    started: str | None = None
    minutes_spent: int = 0
    time_spent_seconds: int | None = None


class LAttachment(_Wire, kw_only=True):
    self: str = ""
    id: Id = None
    filename: str = ""
    author: LUser | None = None
    created: str | None = None
    size: int = 0
    mime_type: str = ""


class LWatcher(_Wire, kw_only=True):
    is_watching: bool = False
    watch_count: int = 0


class LVotes(_Wire, kw_only=True):
    has_voted: bool = False
    votes: int = 0


class LTimeTracking(msgspec.Struct, kw_only=True):
    """Seed 001 spells these in lower case, in minutes."""

    timeoriginalestimate: int | None = None
    timeestimate: int | None = None
    timespent: int | None = None


class LSummaryFields(msgspec.Struct, kw_only=True):
    summary: F[str] | None = None
    issuetype: F[LRef] | None = None
    status: F[LRef] | None = None
    priority: F[LRef] | None = None
    resolution: F[LRef] | None = None
    assignee: F[LUser] | None = None
    reporter: F[LUser] | None = None
    created: F[str] | None = None
    updated: F[str] | None = None
    duedate: F[str] | None = None
    labels: F[list[str]] | None = None
    project: F[LProject] | None = None


class LFields(LSummaryFields, kw_only=True):
    resolutiondate: F[str] | None = None
    description: F[str] | None = None
    components: F[list[LNamed]] | None = None
    fix_versions: F[list[LNamed]] | None = msgspec.field(default=None, name="fixVersions")
    parent: F[LLink] | None = None
    links: F[list[LLink]] | None = None
    sub_tasks: F[list[LLink]] | None = msgspec.field(default=None, name="sub-tasks")
    attachment: F[list[LAttachment]] | None = None
    comment: F[list[LComment]] | None = None
    worklog: F[list[LWorklog]] | None = None
    watcher: F[LWatcher] | None = None
    votes: F[LVotes] | None = None
    timetracking: F[LTimeTracking] | None = None


class LFieldRequirement(_Wire, kw_only=True):
    id: str = ""
    required: bool = False
    type: str = ""


class LTransition(_Wire, kw_only=True):
    name: str = ""
    fields: list[LFieldRequirement] = []
    transition_destination: Id = None


class LHtml(msgspec.Struct, kw_only=True):
    description: str | None = None


class LSummaryIssue(_Wire, kw_only=True):
    self: str = ""
    id: Id = None
    key: str
    fields: LSummaryFields = msgspec.field(default_factory=LSummaryFields)


class LIssue(_Wire, kw_only=True):
    self: str = ""
    id: Id = None
    key: str
    fields: LFields = msgspec.field(default_factory=LFields)
    transitions: str | dict[str, LTransition] | None = None


class LSearch(_Wire, kw_only=True):
    start_at: int = 0
    max_results: int = 0
    total: int | None = None
    issues: list[LSummaryIssue] = []


class LLinkType(_Wire, kw_only=True):
    id: Id = None
    name: str = ""
    inward: str = ""
    outward: str = ""


class LLinkTypes(_Wire, kw_only=True):
    issue_link_types: list[LLinkType] = []
