"""Typed, version-neutral records: what every layer above `api/` sees of Jira.

The api clients decode the three Jira shapes (v3 ADF, v2 wiki, 2.0.alpha1 wrappers) into these;
nothing above them knows which server answered.
"""

from tui.models.common import Body, ServerInfo, User
from tui.models.issue import (
    Attachment,
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
    Resolution,
    SearchPage,
    Status,
    TimeTracking,
    Transition,
    Version,
    Worklog,
)
from tui.models.project import Project, ProjectCategory

__all__ = [
    "Attachment",
    "Body",
    "ChangeItem",
    "ChangelogEntry",
    "Comment",
    "Component",
    "FieldSpec",
    "Filter",
    "Issue",
    "IssueLink",
    "IssueLinkType",
    "IssueRef",
    "IssueSummary",
    "IssueType",
    "NamedValue",
    "Priority",
    "Project",
    "ProjectCategory",
    "Resolution",
    "SearchPage",
    "ServerInfo",
    "Status",
    "TimeTracking",
    "Transition",
    "User",
    "Version",
    "Worklog",
]
