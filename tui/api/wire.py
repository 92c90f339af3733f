"""msgspec Structs for the v3 (Cloud) and v2 (Server/DC) JSON, decoded straight from bytes.

Only what the models need is declared; msgspec skips every other key without building it, so a
search page decodes without materialising custom fields, and no raw payload is kept. The two
shapes differ only in rich text (ADF object vs wiki string, both `Any` here) and in user
identity (`accountId` vs `name`/`key`), so one set of Structs reads both.
"""

from __future__ import annotations

from typing import Any

import msgspec


class _Wire(msgspec.Struct, kw_only=True, rename="camel"):
    """Base: Jira's camelCase keys, unknown keys ignored."""


class WUser(_Wire, kw_only=True):
    account_id: str | None = None
    name: str | None = None
    key: str | None = None
    display_name: str = ""
    email_address: str | None = None
    active: bool = True
    time_zone: str | None = None
    avatar_urls: dict[str, str] = {}


class WUserName(_Wire, kw_only=True):
    """A user as a search row shows one: skipping the rest (avatars, ...) decodes a third faster."""

    display_name: str = ""
    name: str | None = None


class WStatusCategory(_Wire, kw_only=True):
    key: str = "undefined"


class WStatus(_Wire, kw_only=True):
    id: str = ""
    name: str = ""
    status_category: WStatusCategory | None = None


class WIssueType(_Wire, kw_only=True):
    id: str = ""
    name: str = ""
    subtask: bool = False
    hierarchy_level: int | None = None  # v3 only


class WNamed(_Wire, kw_only=True):
    id: str = ""
    name: str = ""


class WVersion(_Wire, kw_only=True):
    id: str = ""
    name: str = ""
    released: bool = False
    archived: bool = False
    release_date: str | None = None


class WProjectRef(_Wire, kw_only=True):
    id: str = ""
    key: str = ""


class WRefFields(_Wire, kw_only=True):
    summary: str = ""
    status: WStatus | None = None
    issuetype: WIssueType | None = None


class WIssueRef(_Wire, kw_only=True):
    id: str = ""
    key: str
    fields: WRefFields | None = None


class WLinkType(_Wire, kw_only=True):
    id: str = ""
    name: str = ""
    inward: str = ""
    outward: str = ""


class WLink(_Wire, kw_only=True):
    id: str = ""
    type: WLinkType
    inward_issue: WIssueRef | None = None
    outward_issue: WIssueRef | None = None


class WComment(_Wire, kw_only=True):
    id: str
    author: WUser | None = None
    body: Any = None
    created: str | None = None
    updated: str | None = None


class WCommentPage(_Wire, kw_only=True):
    comments: list[WComment] = []
    total: int = 0


class WWorklog(_Wire, kw_only=True):
    id: str
    author: WUser | None = None
    started: str | None = None
    time_spent_seconds: int = 0
    comment: Any = None


class WWorklogPage(_Wire, kw_only=True):
    worklogs: list[WWorklog] = []
    total: int = 0


class WAttachment(_Wire, kw_only=True):
    id: str
    filename: str = ""
    size: int = 0
    mime_type: str = ""
    author: WUser | None = None
    created: str | None = None


class WWatches(_Wire, kw_only=True):
    watch_count: int = 0
    is_watching: bool = False


class WVotes(_Wire, kw_only=True):
    votes: int = 0
    has_voted: bool = False


class WTimeTracking(_Wire, kw_only=True):
    original_estimate_seconds: int | None = None
    remaining_estimate_seconds: int | None = None
    time_spent_seconds: int | None = None


class WSchema(_Wire, kw_only=True):
    type: str = "string"


class WAllowedValue(_Wire, kw_only=True):
    id: str | None = None
    name: str | None = None
    value: str | None = None


class WFieldMeta(_Wire, kw_only=True):
    required: bool = False
    name: str = ""
    schema: WSchema | None = None
    allowed_values: list[WAllowedValue] = []


class WTransition(_Wire, kw_only=True):
    id: str
    name: str = ""
    to: WStatus | None = None
    fields: dict[str, WFieldMeta] = {}


class WTransitions(_Wire, kw_only=True):
    transitions: list[WTransition] = []


class WChangeItem(_Wire, kw_only=True):
    field: str = ""
    from_string: str | None = None
    to_string: str | None = None


class WHistory(_Wire, kw_only=True):
    id: str = ""
    author: WUser | None = None
    created: str | None = None
    items: list[WChangeItem] = []


class WChangelog(_Wire, kw_only=True):
    histories: list[WHistory] = []


class WSummaryFields(_Wire, kw_only=True):
    """What a search row needs; a search asks for exactly these fields."""

    summary: str = ""
    issuetype: WIssueType | None = None
    status: WStatus | None = None
    priority: WNamed | None = None
    assignee: WUserName | None = None
    reporter: WUserName | None = None
    created: str | None = None
    updated: str | None = None
    duedate: str | None = None
    labels: list[str] = []
    resolution: WNamed | None = None
    project: WProjectRef | None = None


class WFields(WSummaryFields, kw_only=True):
    """Everything the issue view shows."""

    assignee: WUser | None = None  # type: ignore[assignment]
    reporter: WUser | None = None  # type: ignore[assignment]
    resolutiondate: str | None = None
    components: list[WNamed] = []
    fix_versions: list[WVersion] = []
    parent: WIssueRef | None = None
    description: Any = None
    comment: WCommentPage | None = None
    worklog: WWorklogPage | None = None
    issuelinks: list[WLink] = []
    subtasks: list[WIssueRef] = []
    attachment: list[WAttachment] = []
    watches: WWatches | None = None
    votes: WVotes | None = None
    timetracking: WTimeTracking | None = None


class WSummaryIssue(_Wire, kw_only=True):
    id: str = ""
    key: str
    fields: WSummaryFields = msgspec.field(default_factory=WSummaryFields)


class WIssue(_Wire, kw_only=True):
    id: str = ""
    key: str
    fields: WFields = msgspec.field(default_factory=WFields)
    names: dict[str, str] = {}
    transitions: list[WTransition] = []
    changelog: WChangelog | None = None


class WSearchOffset(_Wire, kw_only=True):
    """`/search` on v2 (and Cloud's retired v3 `/search`): `startAt`, `total`."""

    start_at: int = 0
    max_results: int = 0
    total: int | None = None
    issues: list[WSummaryIssue] = []


class WSearchToken(_Wire, kw_only=True):
    """Cloud's `/search/jql`: `nextPageToken` and `isLast`, no total."""

    issues: list[WSummaryIssue] = []
    next_page_token: str | None = None
    is_last: bool = True


class WServerInfo(_Wire, kw_only=True):
    base_url: str = ""
    version: str = ""
    deployment_type: str = "Server"
    server_title: str = ""
    version_numbers: list[int] = []


class WLinkTypes(_Wire, kw_only=True):
    issue_link_types: list[WLinkType] = []


class WMetaProject(_Wire, kw_only=True):
    id: str = ""
    key: str
    name: str = ""
    issuetypes: list[WIssueType] = []


class WCreateMeta(_Wire, kw_only=True):
    """`GET /issue/createmeta`: the projects one may create issues in, with their issue types."""

    projects: list[WMetaProject] = []


class WFilter(_Wire, kw_only=True):
    id: str
    name: str = ""
    jql: str = ""
    favourite: bool = False
    owner: WUser | None = None


class WSuggestion(_Wire, kw_only=True):
    value: str = ""
    display_name: str = ""


class WSuggestions(_Wire, kw_only=True):
    results: list[WSuggestion] = []


class WCreated(_Wire, kw_only=True):
    id: str = ""
    key: str = ""
