"""The 2.0.alpha1 shape (seed 001) -> `tui.models`: unwraps `{"name","type","value"}` fields,
reads ids from `self` links, and turns the transitions map into `Transition`s.

The legacy API leaves things out that later shapes carry (status categories, both phrases of a
link type). `LegacyLookups`, filled once per connection from the server's own lists, supplies
them so that the same issue reads the same whichever shape answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tui.api import wire_legacy as lw
from tui.api.jira_decode import hierarchy_level, parse_date, parse_datetime, time_tracking
from tui.models import (
    Attachment,
    Body,
    Comment,
    Component,
    FieldSpec,
    Issue,
    IssueLink,
    IssueLinkType,
    IssueRef,
    IssueSummary,
    IssueType,
    Priority,
    Resolution,
    Status,
    Transition,
    User,
    Version,
    Worklog,
)


@dataclass
class LegacyLookups:
    """What the legacy issue JSON omits, by id (statuses, issue types) or name (link types)."""

    statuses: dict[str, Status] = field(default_factory=dict)
    issue_types: dict[str, IssueType] = field(default_factory=dict)
    link_types: dict[str, IssueLinkType] = field(default_factory=dict)


def ident(raw_id: lw.Id, self_link: str) -> str:
    """The id: given outright, or the last segment of the `self` link."""
    if raw_id is not None:
        return str(raw_id)
    tail = self_link.rstrip("/").rpartition("/")[2]
    return tail.rpartition("=")[2] if "=" in tail else tail


def _value(wrapped: lw.F[lw.T] | None) -> lw.T | None:
    return wrapped.value if wrapped is not None else None


def user(raw: lw.LUser | None) -> User | None:
    if raw is None:
        return None
    return User(
        account_id=raw.name,
        display_name=raw.display_name or raw.name,
        email=raw.email_address,
        active=raw.active,
        time_zone=raw.time_zone,
    )


def status(raw: lw.LRef | None, lookups: LegacyLookups) -> Status | None:
    if raw is None:
        return None
    sid = ident(raw.id, raw.self)
    known = lookups.statuses.get(sid)
    return Status(id=sid, name=raw.name or (known.name if known else ""), category=known.category if known else "undefined")


def issuetype(raw: lw.LRef | None, lookups: LegacyLookups) -> IssueType | None:
    if raw is None:
        return None
    tid = ident(raw.id, raw.self)
    known = lookups.issue_types.get(tid)
    if known is not None:
        return known
    return IssueType(id=tid, name=raw.name, subtask=raw.subtask, hierarchy_level=hierarchy_level(raw.name, raw.subtask))


def _link_type(ref: lw.LLinkTypeRef, lookups: LegacyLookups) -> IssueLinkType:
    known = lookups.link_types.get(ref.name)
    if known is not None:
        return known
    outward = ref.direction.upper() != "INBOUND"
    return IssueLinkType(
        id="", name=ref.name,
        inward="" if outward else ref.description,
        outward=ref.description if outward else "",
    )


def _link(raw: lw.LLink, lookups: LegacyLookups) -> IssueLink:
    direction: Literal["inward", "outward"] = "inward" if raw.type.direction.upper() == "INBOUND" else "outward"
    return IssueLink(
        id="", type=_link_type(raw.type, lookups), direction=direction, other=IssueRef(key=raw.issue_key),
    )


def comment(raw: lw.LComment) -> Comment:
    return Comment(
        id=ident(raw.id, raw.self),
        author=user(raw.author),
        body=Body(kind="wiki", text=raw.body),
        created=parse_datetime(raw.created),
        updated=parse_datetime(raw.updated),
    )


def worklog(raw: lw.LWorklog) -> Worklog:
    seconds = raw.time_spent_seconds if raw.time_spent_seconds is not None else raw.minutes_spent * 60
    return Worklog(
        id=ident(raw.id, raw.self),
        author=user(raw.author),
        started=parse_datetime(raw.started),
        time_spent_seconds=seconds,
        comment=Body(kind="wiki", text=raw.comment) if raw.comment is not None else None,
    )


def transitions(raw: dict[str, lw.LTransition], lookups: LegacyLookups) -> tuple[Transition, ...]:
    out = []
    for tid, t in raw.items():
        dest = "" if t.transition_destination is None else str(t.transition_destination)
        known = lookups.statuses.get(dest)
        to = known if known is not None else Status(id=dest, name="")
        fields = tuple(FieldSpec(id=f.id, name=f.id, required=f.required, schema_type=f.type) for f in t.fields)
        out.append(Transition(id=tid, name=t.name, to_status=to, fields=fields))
    return tuple(out)


def _labels(wrapped: lw.F[list[str]] | None) -> tuple[str, ...]:
    value = wrapped.value if wrapped is not None else None
    return tuple(value) if value else ()


def _minutes(value: int | None) -> int | None:
    return value * 60 if value is not None else None


def summary(raw: lw.LSummaryIssue, lookups: LegacyLookups) -> IssueSummary:
    f = raw.fields
    st = status(_value(f.status), lookups)
    it = _value(f.issuetype)
    prio, res, proj = _value(f.priority), _value(f.resolution), _value(f.project)
    assignee, reporter = _value(f.assignee), _value(f.reporter)
    return IssueSummary(
        id=ident(raw.id, "") if raw.id is not None else "",
        key=raw.key,
        summary=_value(f.summary) or "",
        issuetype=it.name if it else "",
        status=st.name if st else "",
        status_category=st.category if st else "undefined",
        priority=prio.name if prio else "",
        assignee=(assignee.display_name or assignee.name) if assignee else "",
        reporter=(reporter.display_name or reporter.name) if reporter else "",
        created=parse_datetime(_value(f.created)),
        updated=parse_datetime(_value(f.updated)),
        duedate=parse_date(_value(f.duedate)),
        labels=_labels(f.labels),
        resolution=res.name if res else "",
        project_key=proj.key if proj else raw.key.rpartition("-")[0],
    )


def issue(raw: lw.LIssue, lookups: LegacyLookups, browse_base: str) -> Issue:
    f = raw.fields
    prio, res, proj = _value(f.priority), _value(f.resolution), _value(f.project)
    tt, watch, votes = _value(f.timetracking), _value(f.watcher), _value(f.votes)
    desc = _value(f.description)
    parent = _value(f.parent)
    return Issue(
        id=ident(raw.id, "") if raw.id is not None else "",
        key=raw.key,
        summary=_value(f.summary) or "",
        url=f"{browse_base}/browse/{raw.key}",
        issuetype=issuetype(_value(f.issuetype), lookups),
        status=status(_value(f.status), lookups),
        priority=Priority(id=ident(prio.id, prio.self), name=prio.name) if prio else None,
        resolution=Resolution(id=ident(res.id, res.self), name=res.name) if res else None,
        assignee=user(_value(f.assignee)),
        reporter=user(_value(f.reporter)),
        created=parse_datetime(_value(f.created)),
        updated=parse_datetime(_value(f.updated)),
        resolved=parse_datetime(_value(f.resolutiondate)),
        duedate=parse_date(_value(f.duedate)),
        labels=_labels(f.labels),
        components=tuple(Component(id=ident(c.id, c.self), name=c.name) for c in _value(f.components) or ()),
        fix_versions=tuple(
            Version(
                id=ident(v.id, v.self), name=v.name, released=v.released, archived=v.archived,
                release_date=parse_date(v.release_date),
            )
            for v in _value(f.fix_versions) or ()
        ),
        parent=IssueRef(key=parent.issue_key) if parent else None,
        project_key=proj.key if proj else raw.key.rpartition("-")[0],
        description=Body(kind="wiki", text=desc) if desc is not None else None,
        comments=tuple(comment(c) for c in _value(f.comment) or ()),
        worklogs=tuple(worklog(w) for w in _value(f.worklog) or ()),
        links=tuple(_link(x, lookups) for x in _value(f.links) or ()),
        subtasks=tuple(IssueRef(key=s.issue_key) for s in _value(f.sub_tasks) or ()),
        attachments=tuple(
            Attachment(
                id=ident(a.id, a.self), filename=a.filename, size=a.size, mime_type=a.mime_type,
                author=user(a.author), created=parse_datetime(a.created),
            )
            for a in _value(f.attachment) or ()
        ),
        watch_count=watch.watch_count if watch else 0,
        is_watching=watch.is_watching if watch else False,
        vote_count=votes.votes if votes else 0,
        has_voted=votes.has_voted if votes else False,
        # v2/v3 omit the time spent until work is logged; seed 001 says 0
        time_tracking=time_tracking(_minutes(tt.timeoriginalestimate), _minutes(tt.timeestimate),
                                    _minutes(tt.timespent) or None) if tt else None,
        transitions=transitions(raw.transitions, lookups) if isinstance(raw.transitions, dict) else (),
    )
