"""An issue in the 2.0.alpha1 shape (seeds 001 and 002): every field wrapped as
`{"name": <field id>, "type": <Java type>, "value": <value>}` keyed by field id, `value` absent
when the field is empty, the transitions as a link, and the `html` expansion of wiki fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.sandbox.issue_index import links_of, subtasks_of
from tui.sandbox.shapes.common import (
    Out,
    component_json,
    issuetype_json,
    jira_date,
    jira_time,
    priority_json,
    project_ref_json,
    resolution_json,
    status_json,
    version_json,
)
from tui.sandbox.shapes.fields import FIELD_BY_ID, LEGACY_IDS, LEGACY_SKIP
from tui.sandbox.shapes.parts import (
    attachment_json,
    comment_json,
    legacy_link_json,
    rendered_html,
    rich_text,
    votes_json,
    watchers_json,
    worklog_json,
)
from tui.sandbox.world import SandboxIssue

Builder = Callable[[Out, SandboxIssue], Any]


def _ref(out: Out, table: str, key: str | None, fn: Callable[..., dict[str, Any]]) -> Any:
    if key is None:
        return None
    found = getattr(out.world, table).get(key)
    return fn(found, out.shape, base_url=out.root) if found is not None else None


def _subtasks(out: Out, issue: SandboxIssue) -> Any:
    return [
        {"issueKey": sub.key, "issue": f"{out.api}/issue/{sub.key}", "type": {"name": "Sub-task", "direction": "OUTBOUND"}}
        for sub in subtasks_of(out.world, issue)
    ]


def _parent(out: Out, issue: SandboxIssue) -> Any:
    if issue.parent_key is None:
        return None
    return {"issueKey": issue.parent_key, "issue": f"{out.api}/issue/{issue.parent_key}",
            "type": {"name": "Sub-task", "direction": "INBOUND"}}  # fmt: skip


def _links(out: Out, issue: SandboxIssue) -> Any:
    shown = (legacy_link_json(out, link, issue.key) for link in links_of(out.world, issue))
    return [link for link in shown if link is not None]


def _timetracking(out: Out, issue: SandboxIssue) -> Any:
    spent = sum(worklog.time_spent_seconds for worklog in issue.worklogs)
    if issue.original_estimate_seconds is None and issue.remaining_estimate_seconds is None and not spent:
        return None
    # seed 001 counts these in minutes
    value: dict[str, int] = {}
    if issue.original_estimate_seconds is not None:
        value["timeoriginalestimate"] = issue.original_estimate_seconds // 60
    if issue.remaining_estimate_seconds is not None:
        value["timeestimate"] = issue.remaining_estimate_seconds // 60
    value["timespent"] = spent // 60
    return value


def _components(out: Out, issue: SandboxIssue) -> Any:
    project = out.world.projects.get(issue.project_key)
    wanted = set(issue.component_ids)
    if project is None:
        return []
    return [{"self": c["self"], "name": c["name"]} for c in
            (component_json(c, out.shape, base_url=out.root) for c in project.components if c.id in wanted)]  # fmt: skip


def _versions(out: Out, issue: SandboxIssue) -> Any:
    project = out.world.projects.get(issue.project_key)
    wanted = set(issue.fix_version_ids)
    if project is None:
        return []
    return [version_json(v, out.shape, base_url=out.root) for v in project.versions if v.id in wanted]


def _watchers(out: Out, issue: SandboxIssue) -> Any:
    return watchers_json(out, issue, with_watchers=False)


BUILDERS: dict[str, Builder] = {
    "summary": lambda out, issue: issue.summary,
    "issuetype": lambda out, issue: _ref(out, "issue_types", issue.issuetype_id, issuetype_json),
    "project": lambda out, issue: _ref(out, "projects", issue.project_key, project_ref_json),
    "status": lambda out, issue: _ref(out, "statuses", issue.status_id, status_json),
    "priority": lambda out, issue: _ref(out, "priorities", issue.priority_id, priority_json),
    "resolution": lambda out, issue: _ref(out, "resolutions", issue.resolution_id, resolution_json),
    "resolutiondate": lambda out, issue: jira_time(issue.resolved) if issue.resolved else None,
    "assignee": lambda out, issue: out.user(issue.assignee),
    "reporter": lambda out, issue: out.user(issue.reporter),
    "created": lambda out, issue: jira_time(issue.created),
    "updated": lambda out, issue: jira_time(issue.updated),
    "duedate": lambda out, issue: jira_date(issue.duedate),
    "description": lambda out, issue: rich_text(out, issue.description) or None,
    "environment": lambda out, issue: None,
    "labels": lambda out, issue: list(issue.labels),
    "components": _components,
    "fixVersions": _versions,
    "versions": lambda out, issue: [],
    "parent": _parent,
    "subtasks": _subtasks,
    "issuelinks": _links,
    "timetracking": _timetracking,
    "watches": _watchers,
    "votes": lambda out, issue: votes_json(out, issue, with_voters=False),
    "attachment": lambda out, issue: [attachment_json(out, a) for a in issue.attachments],
    "comment": lambda out, issue: [comment_json(out, issue, c) for c in issue.comments],
    "worklog": lambda out, issue: [worklog_json(out, issue, w) for w in issue.worklogs],
}


def legacy_issue_json(out: Out, issue: SandboxIssue, field_ids: tuple[str, ...], expand: set[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for field_id in field_ids:
        if field_id in LEGACY_SKIP or field_id not in BUILDERS:
            continue
        value = BUILDERS[field_id](out, issue)
        if field_id == "parent" and value is None:
            continue  # seed 002: only sub-tasks have a link to their parent
        name = LEGACY_IDS.get(field_id, field_id)
        wrapper: dict[str, Any] = {"name": name, "type": FIELD_BY_ID[field_id].legacy_type}
        if value is not None:
            wrapper["value"] = value
        fields[name] = wrapper
    body: dict[str, Any] = {
        "expand": "html",
        "self": f"{out.api}/issue/{issue.key}",
        "key": issue.key,
        "fields": fields,
        "transitions": f"{out.api}/issue/{issue.key}/transitions",
    }
    if "html" in expand:
        body["html"] = {
            "environment": "",
            "description": rendered_html(issue.description) or "",
            "comment": [rendered_html(c.body) or "" for c in issue.comments],
            "worklog": [rendered_html(w.comment) or "" for w in issue.worklogs],
        }
    return body
