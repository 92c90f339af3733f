"""The issue fields the sandbox knows: id, display name, JSON type, navigability, legacy type.

Owns the catalogue (what `names`, `schema`, editmeta and createmeta describe) and the resolution
of a `fields` parameter — `*all`, `*navigable`, `-field`, plain ids — into the ids to build.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldDef:
    id: str
    name: str  # Cloud's display name
    type: str  # JsonTypeBean.type
    items: str | None = None  # JsonTypeBean.items for arrays
    navigable: bool = True
    legacy_type: str = "java.lang.String"  # the 2.0.alpha1 `type` of the wrapper
    dc_name: str | None = None  # Data Center's name where it differs

    def schema(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "system": self.id}
        if self.items is not None:
            body["items"] = self.items
        return body

    def display_name(self, shape: str) -> str:
        return self.dc_name if shape != "3" and self.dc_name else self.name


_USER = "com.opensymphony.user.User"
_DATE = "java.util.Date"
_VERSION = "com.atlassian.jira.project.version.Version"

FIELDS: tuple[FieldDef, ...] = (
    FieldDef("summary", "Summary", "string"),
    FieldDef("issuetype", "Issue Type", "issuetype", legacy_type="com.atlassian.jira.issue.issuetype.IssueType"),
    FieldDef("project", "Project", "project", legacy_type="com.atlassian.jira.project.Project"),
    FieldDef("status", "Status", "status", legacy_type="com.atlassian.jira.issue.status.Status"),
    FieldDef("statusCategory", "Status Category", "statusCategory", legacy_type="statusCategory"),
    FieldDef("priority", "Priority", "priority", legacy_type="com.atlassian.jira.issue.priority.Priority"),
    FieldDef("resolution", "Resolution", "resolution", legacy_type="com.atlassian.jira.issue.resolution.Resolution"),
    FieldDef("resolutiondate", "Resolved", "datetime", legacy_type=_DATE),
    FieldDef("assignee", "Assignee", "user", legacy_type=_USER),
    FieldDef("reporter", "Reporter", "user", legacy_type=_USER),
    FieldDef("creator", "Creator", "user", legacy_type=_USER),
    FieldDef("created", "Created", "datetime", legacy_type=_DATE),
    FieldDef("updated", "Updated", "datetime", legacy_type=_DATE),
    FieldDef("duedate", "Due date", "date", legacy_type=_DATE, dc_name="Due Date"),
    FieldDef("description", "Description", "string"),
    FieldDef("environment", "Environment", "string"),
    FieldDef("labels", "Labels", "array", "string", legacy_type="com.atlassian.jira.issue.label.Label"),
    FieldDef("components", "Components", "array", "component",
             legacy_type="com.atlassian.jira.bc.project.component.ProjectComponent", dc_name="Component/s"),
    FieldDef("fixVersions", "Fix versions", "array", "version", legacy_type=_VERSION, dc_name="Fix Version/s"),
    FieldDef("versions", "Affects versions", "array", "version", legacy_type=_VERSION, dc_name="Affects Version/s"),
    FieldDef("parent", "Parent", "issuelink", legacy_type="issuelinks"),
    FieldDef("subtasks", "Sub-tasks", "array", "issuelinks", legacy_type="issuelinks"),
    FieldDef("issuelinks", "Linked Issues", "array", "issuelinks", legacy_type="issuelinks"),
    FieldDef("timetracking", "Time tracking", "timetracking", navigable=False,
             legacy_type="com.atlassian.jira.issue.fields.TimeTrackingSystemField", dc_name="Time Tracking"),
    FieldDef("timeoriginalestimate", "Original estimate", "number", dc_name="Original Estimate"),
    FieldDef("timeestimate", "Remaining Estimate", "number"),
    FieldDef("timespent", "Time Spent", "number"),
    FieldDef("aggregatetimespent", "Σ Time Spent", "number"),
    FieldDef("watches", "Watchers", "watches", legacy_type="watcher"),
    FieldDef("votes", "Votes", "votes", legacy_type="com.atlassian.jira.issue.fields.VotesSystemField"),
    FieldDef("attachment", "Attachment", "array", "attachment", legacy_type="attachment"),
    FieldDef("comment", "Comment", "comments-page", navigable=False,
             legacy_type="com.atlassian.jira.issue.fields.CommentSystemField"),
    FieldDef("worklog", "Log Work", "array", "worklog", navigable=False, legacy_type="worklog"),
)  # fmt: skip

FIELD_BY_ID: dict[str, FieldDef] = {field.id: field for field in FIELDS}
ALL_IDS: tuple[str, ...] = tuple(field.id for field in FIELDS)
NAVIGABLE_IDS: tuple[str, ...] = tuple(field.id for field in FIELDS if field.navigable)

# The legacy shape names some fields differently (seed 001/002) and has no statusCategory.
LEGACY_IDS: dict[str, str] = {
    "subtasks": "sub-tasks",
    "issuelinks": "links",
    "watches": "watcher",
}
LEGACY_SKIP = frozenset({"statusCategory", "creator", "timeoriginalestimate", "timeestimate", "timespent",
                         "aggregatetimespent"})  # fmt: skip


def resolve_fields(requested: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The field ids to build for a `fields` parameter; None means `*navigable`, as search does."""
    if requested is None:
        return NAVIGABLE_IDS
    return _resolve(tuple(requested))


@lru_cache(maxsize=256)
def _resolve(requested: tuple[str, ...]) -> tuple[str, ...]:
    chosen: list[str] = []
    excluded: set[str] = set()
    for raw in requested:
        for part in raw.split(","):
            name = part.strip()
            if not name:
                continue
            if name.startswith("-"):
                excluded.add(name[1:])
            elif name == "*all":
                chosen.extend(ALL_IDS)
            elif name == "*navigable":
                chosen.extend(NAVIGABLE_IDS)
            elif name in FIELD_BY_ID:
                chosen.append(name)
            elif name.lower() == "fixversion":
                chosen.append("fixVersions")
    if not chosen and excluded:
        chosen.extend(NAVIGABLE_IDS)
    seen: set[str] = set()
    ordered: list[str] = []
    for name in chosen:
        if name not in seen and name not in excluded:
            seen.add(name)
            ordered.append(name)
    return tuple(ordered)
