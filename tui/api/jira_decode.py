"""Wire Structs of the v3 (Cloud, ADF) and v2 (Server/DC, wiki) shapes -> `tui.models`.

The shapes differ in two places only: rich text (an ADF document vs a wiki string) and user
identity (`accountId` vs the username), so one set of functions serves both with a `Flavour`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from tui.api import wire as w
from tui.models import (
    Attachment,
    Body,
    ChangeItem,
    ChangelogEntry,
    Comment,
    Component,
    FieldSpec,
    Filter,
    Issue,
    IssueLink,
    IssueLinkType,
    IssueRef,
    IssueSummary,
    IssueType,
    NamedValue,
    Priority,
    Project,
    Resolution,
    ServerInfo,
    Status,
    TimeTracking,
    Transition,
    User,
    Version,
    Worklog,
)
from tui.models.issue import StatusCategoryKey

Flavour = Literal["3", "2"]
_CATEGORIES: frozenset[str] = frozenset({"new", "indeterminate", "done"})


def parse_datetime(raw: str | None) -> datetime | None:
    """Jira writes `2024-01-15T10:30:00.000+0000`; Python 3.11 reads that form."""
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def parse_date(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def category(raw: str | None) -> StatusCategoryKey:
    if raw in _CATEGORIES:
        return raw  # type: ignore[return-value]
    return "undefined"


def body(raw: Any, flavour: Flavour) -> Body | None:
    if raw is None:
        return None
    if flavour == "3" and isinstance(raw, dict):
        return Body(kind="adf", adf=raw)
    if isinstance(raw, str):
        return Body(kind="wiki", text=raw)
    return Body(kind="text", text=str(raw))


def user(raw: w.WUser | None) -> User | None:
    if raw is None:
        return None
    ident = raw.account_id or raw.name or raw.key or ""
    avatar = raw.avatar_urls.get("48x48") or next(iter(raw.avatar_urls.values()), None)
    return User(
        account_id=ident,
        display_name=raw.display_name or ident,
        email=raw.email_address,
        active=raw.active,
        avatar_url=avatar,
        time_zone=raw.time_zone,
    )


def status(raw: w.WStatus | None) -> Status | None:
    if raw is None:
        return None
    cat = raw.status_category.key if raw.status_category else None
    return Status(id=raw.id, name=raw.name, category=category(cat))


def hierarchy_level(name: str, subtask: bool) -> int:
    """Where v2 and the legacy shape omit `hierarchyLevel`: Jira's levels are -1 for sub-tasks,
    1 for epics and 0 for everything else."""
    if subtask:
        return -1
    return 1 if name.casefold() == "epic" else 0


def issuetype(raw: w.WIssueType | None) -> IssueType | None:
    if raw is None:
        return None
    level = raw.hierarchy_level if raw.hierarchy_level is not None else hierarchy_level(raw.name, raw.subtask)
    return IssueType(id=raw.id, name=raw.name, subtask=raw.subtask, hierarchy_level=level)


def issue_ref(raw: w.WIssueRef) -> IssueRef:
    f = raw.fields
    return IssueRef(
        key=raw.key,
        summary=f.summary if f else "",
        status=status(f.status) if f else None,
        issuetype=issuetype(f.issuetype) if f else None,
    )


def link_type(raw: w.WLinkType) -> IssueLinkType:
    return IssueLinkType(id=raw.id, name=raw.name, inward=raw.inward, outward=raw.outward)


def _link(raw: w.WLink) -> IssueLink | None:
    if raw.outward_issue is not None:
        return IssueLink(id=raw.id, type=link_type(raw.type), direction="outward", other=issue_ref(raw.outward_issue))
    if raw.inward_issue is not None:
        return IssueLink(id=raw.id, type=link_type(raw.type), direction="inward", other=issue_ref(raw.inward_issue))
    return None


def _version(raw: w.WVersion) -> Version:
    return Version(
        id=raw.id, name=raw.name, released=raw.released, archived=raw.archived,
        release_date=parse_date(raw.release_date),
    )


def comment(raw: w.WComment, flavour: Flavour) -> Comment:
    return Comment(
        id=raw.id,
        author=user(raw.author),
        body=body(raw.body, flavour) or Body(kind="text"),
        created=parse_datetime(raw.created),
        updated=parse_datetime(raw.updated),
    )


def worklog(raw: w.WWorklog, flavour: Flavour) -> Worklog:
    return Worklog(
        id=raw.id,
        author=user(raw.author),
        started=parse_datetime(raw.started),
        time_spent_seconds=raw.time_spent_seconds,
        comment=body(raw.comment, flavour),
    )


def _allowed(raw: w.WAllowedValue) -> NamedValue:
    label = raw.name or raw.value or raw.id or ""
    return NamedValue(id=raw.id or label, name=label)


def transition(raw: w.WTransition) -> Transition:
    fields = tuple(
        FieldSpec(
            id=fid,
            name=meta.name or fid,
            required=meta.required,
            schema_type=meta.schema.type if meta.schema else "string",
            allowed_values=tuple(_allowed(v) for v in meta.allowed_values),
        )
        for fid, meta in raw.fields.items()
    )
    to = status(raw.to) or Status(id="", name="")
    return Transition(id=raw.id, name=raw.name, to_status=to, fields=fields)


def time_tracking(original: int | None, remaining: int | None, spent: int | None) -> TimeTracking | None:
    """None when nothing is estimated or logged (v2 sends `{}` then, the legacy shape nothing)."""
    if original is None and remaining is None and spent is None:
        return None
    return TimeTracking(original_estimate_seconds=original, remaining_estimate_seconds=remaining,
                        time_spent_seconds=spent)


def _change(raw: w.WHistory) -> ChangelogEntry:
    return ChangelogEntry(
        id=raw.id,
        author=user(raw.author),
        created=parse_datetime(raw.created),
        items=tuple(ChangeItem(field=i.field, from_string=i.from_string, to_string=i.to_string) for i in raw.items),
    )


def summary(raw: w.WSummaryIssue) -> IssueSummary:
    f = raw.fields
    assignee, reporter = f.assignee, f.reporter
    return IssueSummary(
        id=raw.id,
        key=raw.key,
        summary=f.summary,
        issuetype=f.issuetype.name if f.issuetype else "",
        status=f.status.name if f.status else "",
        status_category=category(f.status.status_category.key if f.status and f.status.status_category else None),
        priority=f.priority.name if f.priority else "",
        assignee=(assignee.display_name or assignee.name or "") if assignee else "",
        reporter=(reporter.display_name or reporter.name or "") if reporter else "",
        created=parse_datetime(f.created),
        updated=parse_datetime(f.updated),
        duedate=parse_date(f.duedate),
        labels=tuple(f.labels),
        resolution=f.resolution.name if f.resolution else "",
        project_key=f.project.key if f.project else raw.key.rpartition("-")[0],
    )


def issue(raw: w.WIssue, flavour: Flavour, browse_base: str) -> Issue:
    f = raw.fields
    tt = f.timetracking
    return Issue(
        id=raw.id,
        key=raw.key,
        summary=f.summary,
        url=f"{browse_base}/browse/{raw.key}",
        issuetype=issuetype(f.issuetype),
        status=status(f.status),
        priority=Priority(id=f.priority.id, name=f.priority.name) if f.priority else None,
        resolution=Resolution(id=f.resolution.id, name=f.resolution.name) if f.resolution else None,
        assignee=user(f.assignee),
        reporter=user(f.reporter),
        created=parse_datetime(f.created),
        updated=parse_datetime(f.updated),
        resolved=parse_datetime(f.resolutiondate),
        duedate=parse_date(f.duedate),
        labels=tuple(f.labels),
        components=tuple(Component(id=c.id, name=c.name) for c in f.components),
        fix_versions=tuple(_version(v) for v in f.fix_versions),
        parent=issue_ref(f.parent) if f.parent else None,
        project_key=f.project.key if f.project else raw.key.rpartition("-")[0],
        description=body(f.description, flavour),
        comments=tuple(comment(c, flavour) for c in f.comment.comments) if f.comment else (),
        worklogs=tuple(worklog(wl, flavour) for wl in f.worklog.worklogs) if f.worklog else (),
        links=tuple(link for link in (_link(x) for x in f.issuelinks) if link is not None),
        subtasks=tuple(issue_ref(s) for s in f.subtasks),
        attachments=tuple(
            Attachment(
                id=a.id, filename=a.filename, size=a.size, mime_type=a.mime_type,
                author=user(a.author), created=parse_datetime(a.created),
            )
            for a in f.attachment
        ),
        watch_count=f.watches.watch_count if f.watches else 0,
        is_watching=f.watches.is_watching if f.watches else False,
        vote_count=f.votes.votes if f.votes else 0,
        has_voted=f.votes.has_voted if f.votes else False,
        time_tracking=time_tracking(tt.original_estimate_seconds, tt.remaining_estimate_seconds,
                                    tt.time_spent_seconds) if tt else None,
        transitions=tuple(transition(t) for t in raw.transitions),
        changelog=tuple(_change(h) for h in raw.changelog.histories) if raw.changelog else (),
        field_names=dict(raw.names),
    )


def server_info(raw: w.WServerInfo, shape: Literal["3", "2", "2.0.alpha1"]) -> ServerInfo:
    return ServerInfo(
        base_url=raw.base_url,
        version=raw.version,
        deployment_type=raw.deployment_type,
        server_title=raw.server_title,
        api_shape=shape,
    )


def create_project(raw: w.WMetaProject) -> Project:
    return Project(
        id=raw.id,
        key=raw.key,
        name=raw.name,
        issue_types=tuple(t for t in (issuetype(x) for x in raw.issuetypes) if t is not None),
    )


def filter_(raw: w.WFilter) -> Filter:
    owner = raw.owner.display_name if raw.owner else ""
    return Filter(id=raw.id, name=raw.name, jql=raw.jql, favourite=raw.favourite, owner=owner)
