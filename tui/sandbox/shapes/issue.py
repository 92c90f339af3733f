"""An issue as `/rest/api/3` (Cloud) and `/rest/api/2` (Server/DC) return it.

Owns the per-field builders (only the requested fields are built: search calls this for every
result) and the `expand` sections: renderedFields, names, schema, transitions, changelog,
editmeta. The legacy 2.0.alpha1 wrapper shape lives in `legacy.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.sandbox.issue_index import links_of, subtasks_of
from tui.sandbox.shapes.common import (
    Out,
    component_json,
    format_duration,
    issuetype_json,
    jira_date,
    jira_time,
    priority_json,
    project_ref_json,
    rendered_time,
    resolution_json,
    status_category_json,
    status_json,
    version_json,
)
from tui.sandbox.shapes.fields import FIELD_BY_ID
from tui.sandbox.shapes.meta import available_transitions, editmeta_json, transition_json
from tui.sandbox.shapes.parts import (
    attachment_json,
    comments_page,
    issue_link_json,
    issue_ref_json,
    rendered_html,
    rich_text,
    votes_json,
    watchers_json,
    worklogs_page,
)
from tui.sandbox.world import SandboxChange, SandboxIssue

Builder = Callable[[Out, SandboxIssue], Any]

EXPAND_ALL = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"


def _status(out: Out, issue: SandboxIssue) -> Any:
    status = out.world.statuses.get(issue.status_id)
    return out.ref("status", issue.status_id, lambda: status_json(status, out.shape, base_url=out.root) if status else None)


def _status_category(out: Out, issue: SandboxIssue) -> Any:
    status = out.world.statuses.get(issue.status_id)
    if status is None:
        return None
    return out.ref("category", status.category, lambda: status_category_json(status.category, out.shape, base_url=out.root))


def _priority(out: Out, issue: SandboxIssue) -> Any:
    priority = out.world.priorities.get(issue.priority_id)
    return out.ref("priority", issue.priority_id, lambda: priority_json(priority, out.shape, base_url=out.root) if priority else None)


def _issuetype(out: Out, issue: SandboxIssue) -> Any:
    issuetype = out.world.issue_types.get(issue.issuetype_id)
    return out.ref("issuetype", issue.issuetype_id,
                   lambda: issuetype_json(issuetype, out.shape, base_url=out.root) if issuetype else None)  # fmt: skip


def _project(out: Out, issue: SandboxIssue) -> Any:
    project = out.world.projects.get(issue.project_key)
    return out.ref("project", issue.project_key, lambda: project_ref_json(project, out.shape, base_url=out.root) if project else None)


def _resolution(out: Out, issue: SandboxIssue) -> Any:
    resolution = out.world.resolutions.get(issue.resolution_id) if issue.resolution_id else None
    return out.ref("resolution", issue.resolution_id,
                   lambda: resolution_json(resolution, out.shape, base_url=out.root) if resolution else None)  # fmt: skip


def _components(out: Out, issue: SandboxIssue) -> Any:
    project = out.world.projects.get(issue.project_key)
    if project is None:
        return []
    wanted = set(issue.component_ids)
    return [component_json(c, out.shape, base_url=out.root) for c in project.components if c.id in wanted]


def _fix_versions(out: Out, issue: SandboxIssue) -> Any:
    project = out.world.projects.get(issue.project_key)
    if project is None:
        return []
    wanted = set(issue.fix_version_ids)
    return [version_json(v, out.shape, base_url=out.root) for v in project.versions if v.id in wanted]


def _parent(out: Out, issue: SandboxIssue) -> Any:
    parent = out.world.issues.get(issue.parent_key) if issue.parent_key else None
    return issue_ref_json(out, parent) if parent else None


def _links(out: Out, issue: SandboxIssue) -> Any:
    shown = (issue_link_json(out, link, seen_from=issue.key) for link in links_of(out.world, issue))
    return [link for link in shown if link is not None]


def time_spent(issue: SandboxIssue) -> int:
    return sum(worklog.time_spent_seconds for worklog in issue.worklogs)


def timetracking_json(issue: SandboxIssue) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if issue.original_estimate_seconds is not None:
        body["originalEstimate"] = format_duration(issue.original_estimate_seconds)
    if issue.remaining_estimate_seconds is not None:
        body["remainingEstimate"] = format_duration(issue.remaining_estimate_seconds)
    spent = time_spent(issue)
    if spent:
        body["timeSpent"] = format_duration(spent)
    if issue.original_estimate_seconds is not None:
        body["originalEstimateSeconds"] = issue.original_estimate_seconds
    if issue.remaining_estimate_seconds is not None:
        body["remainingEstimateSeconds"] = issue.remaining_estimate_seconds
    if spent:
        body["timeSpentSeconds"] = spent
    return body


BUILDERS: dict[str, Builder] = {
    "summary": lambda out, issue: issue.summary,
    "issuetype": _issuetype,
    "project": _project,
    "status": _status,
    "statusCategory": _status_category,
    "priority": _priority,
    "resolution": _resolution,
    "resolutiondate": lambda out, issue: jira_time(issue.resolved) if issue.resolved else None,
    "assignee": lambda out, issue: out.user(issue.assignee),
    "reporter": lambda out, issue: out.user(issue.reporter),
    "creator": lambda out, issue: out.user(issue.reporter),
    "created": lambda out, issue: jira_time(issue.created),
    "updated": lambda out, issue: jira_time(issue.updated),
    "duedate": lambda out, issue: jira_date(issue.duedate),
    "description": lambda out, issue: rich_text(out, issue.description),
    "environment": lambda out, issue: None,
    "labels": lambda out, issue: list(issue.labels),
    "components": _components,
    "fixVersions": _fix_versions,
    "versions": lambda out, issue: [],
    "parent": _parent,
    "subtasks": lambda out, issue: [issue_ref_json(out, sub) for sub in subtasks_of(out.world, issue)],
    "issuelinks": _links,
    "timetracking": lambda out, issue: timetracking_json(issue),
    "timeoriginalestimate": lambda out, issue: issue.original_estimate_seconds,
    "timeestimate": lambda out, issue: issue.remaining_estimate_seconds,
    "timespent": lambda out, issue: time_spent(issue) or None,
    "aggregatetimespent": lambda out, issue: time_spent(issue) or None,
    "watches": lambda out, issue: watchers_json(out, issue, with_watchers=False),
    "votes": lambda out, issue: votes_json(out, issue, with_voters=False),
    "attachment": lambda out, issue: [attachment_json(out, a) for a in issue.attachments],
    "comment": lambda out, issue: comments_page(out, issue),
    "worklog": lambda out, issue: worklogs_page(out, issue, max_results=20),
}


def build_fields(out: Out, issue: SandboxIssue, field_ids: tuple[str, ...]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for field_id in field_ids:
        value = BUILDERS[field_id](out, issue)
        if value is None and field_id == "parent":
            continue  # Jira leaves `parent` out of issues that have none
        fields[field_id] = value
    return fields


def modern_issue_json(out: Out, issue: SandboxIssue, field_ids: tuple[str, ...], expand: set[str]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "expand": EXPAND_ALL,
        "id": issue.id,
        "self": f"{out.api}/issue/{issue.id}",
        "key": issue.key,
        "fields": build_fields(out, issue, field_ids),
    }
    if "renderedFields" in expand:
        body["renderedFields"] = rendered_fields(out, issue, field_ids)
    if "names" in expand:
        body["names"] = {field_id: FIELD_BY_ID[field_id].display_name(out.shape) for field_id in field_ids}
    if "schema" in expand:
        body["schema"] = {field_id: FIELD_BY_ID[field_id].schema() for field_id in field_ids}
    if "transitions" in expand or "transitions.fields" in expand:
        body["transitions"] = [transition_json(out, t) for t in available_transitions(out.world, issue)]
    if "editmeta" in expand:
        body["editmeta"] = editmeta_json(out, issue)
    if "changelog" in expand:
        body["changelog"] = changelog_page(out, issue, 0, len(issue.changelog))
    return body


def rendered_fields(out: Out, issue: SandboxIssue, field_ids: tuple[str, ...]) -> dict[str, Any]:
    rendered: dict[str, Any] = {}
    for field_id in field_ids:
        value: Any = None
        if field_id == "description":
            value = rendered_html(issue.description)
        elif field_id == "comment":
            value = comments_page(out, issue, rendered=True)
            for comment in value["comments"]:
                comment["body"] = comment.pop("renderedBody", "")
        elif field_id == "worklog":
            value = worklogs_page(out, issue, max_results=20, rendered=True)
        elif field_id in ("created", "updated"):
            value = rendered_time(getattr(issue, field_id))
        elif field_id == "resolutiondate" and issue.resolved is not None:
            value = rendered_time(issue.resolved)
        elif field_id == "duedate" and issue.duedate is not None:
            value = issue.duedate.strftime("%d/%b/%y")
        elif field_id == "timetracking":
            value = {k: v for k, v in timetracking_json(issue).items() if not k.endswith("Seconds")}
        rendered[field_id] = value
    return rendered


def change_json(out: Out, change: SandboxChange) -> dict[str, Any]:
    items = []
    for item in change.items:
        entry: dict[str, Any] = {"field": item.field, "fieldtype": "jira"}
        if out.v3:
            entry["fieldId"] = item.field
        # Jira sends nulls here; the contracts type them as plain strings, so absent means null
        values = {"from": item.from_id, "fromString": item.from_string, "to": item.to_id, "toString": item.to_string}
        entry.update({key: value for key, value in values.items() if value is not None})
        items.append(entry)
    return {"id": change.id, "author": out.user(change.author), "created": jira_time(change.created), "items": items}


def changelog_page(out: Out, issue: SandboxIssue, start_at: int, max_results: int) -> dict[str, Any]:
    page = issue.changelog[start_at : start_at + max_results]
    return {
        "startAt": start_at,
        "maxResults": max_results,
        "total": len(issue.changelog),
        "histories": [change_json(out, change) for change in page],
    }
