"""The JQL fields and functions the sandbox knows: names, aliases, operators, types, sorting.

One table feeds the evaluator (which operators a field takes), ORDER BY (whether it sorts) and
`jql/autocompletedata` (the Java types Jira reports). Names are matched case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass

EQUALITY = ("=", "!=", "in", "not in")
EMPTY_OPS = ("is", "is not")
RANGE = (">", ">=", "<", "<=")
TEXT = ("~", "!~")

_USER = "com.atlassian.jira.user.ApplicationUser"
_DATE = "java.util.Date"
_ISSUE = "com.atlassian.jira.issue.Issue"
_STRING = "java.lang.String"


@dataclass(frozen=True)
class FieldDef:
    name: str  # canonical JQL name
    kind: str  # how evaluate.py treats it
    operators: tuple[str, ...]
    java_type: str
    aliases: tuple[str, ...] = ()
    orderable: bool = True
    auto: bool = True  # offers value suggestions


FIELDS: tuple[FieldDef, ...] = (
    FieldDef("project", "project", EQUALITY, "com.atlassian.jira.project.Project"),
    FieldDef("key", "key", EQUALITY + RANGE, _ISSUE, ("issuekey", "id", "issue"), auto=False),
    FieldDef(
        "issuetype",
        "issuetype",
        EQUALITY,
        "com.atlassian.jira.issue.issuetype.IssueType",
        ("type",),
    ),
    FieldDef("status", "status", EQUALITY, "com.atlassian.jira.issue.status.Status"),
    FieldDef(
        "statusCategory",
        "statusCategory",
        EQUALITY,
        "com.atlassian.jira.issue.status.category.StatusCategory",
    ),
    FieldDef(
        "priority",
        "priority",
        EQUALITY + RANGE + EMPTY_OPS,
        "com.atlassian.jira.issue.priority.Priority",
    ),
    FieldDef("assignee", "user", EQUALITY + EMPTY_OPS, _USER),
    FieldDef("reporter", "user", EQUALITY + EMPTY_OPS, _USER),
    FieldDef("watcher", "users", EQUALITY + EMPTY_OPS, _USER, orderable=False),
    FieldDef("voter", "users", EQUALITY + EMPTY_OPS, _USER, orderable=False),
    FieldDef("labels", "labels", EQUALITY + EMPTY_OPS, "com.atlassian.jira.issue.label.Label"),
    FieldDef(
        "component",
        "component",
        EQUALITY + EMPTY_OPS,
        "com.atlassian.jira.bc.project.component.ProjectComponent",
    ),
    FieldDef(
        "fixVersion",
        "fixVersion",
        EQUALITY + EMPTY_OPS,
        "com.atlassian.jira.project.version.Version",
    ),
    FieldDef(
        "resolution",
        "resolution",
        EQUALITY + RANGE + EMPTY_OPS,
        "com.atlassian.jira.issue.resolution.Resolution",
    ),
    FieldDef(
        "created", "datetime", EQUALITY + RANGE + EMPTY_OPS, _DATE, ("createdDate",), auto=False
    ),
    FieldDef(
        "updated", "datetime", EQUALITY + RANGE + EMPTY_OPS, _DATE, ("updatedDate",), auto=False
    ),
    FieldDef(
        "resolved", "datetime", EQUALITY + RANGE + EMPTY_OPS, _DATE, ("resolutiondate",), auto=False
    ),
    FieldDef("duedate", "date", EQUALITY + RANGE + EMPTY_OPS, _DATE, ("due",), auto=False),
    FieldDef("parent", "parent", EQUALITY + EMPTY_OPS, _ISSUE, auto=False),
    FieldDef("summary", "text", TEXT + EMPTY_OPS, _STRING, auto=False),
    FieldDef("description", "text", TEXT + EMPTY_OPS, _STRING, orderable=False, auto=False),
    FieldDef("comment", "text", TEXT, _STRING, orderable=False, auto=False),
    FieldDef("text", "text", ("~",), _STRING, orderable=False, auto=False),
)

BY_NAME: dict[str, FieldDef] = {}
for _field in FIELDS:
    for _name in (_field.name, *_field.aliases):
        BY_NAME[_name.lower()] = _field


def field_named(name: str) -> FieldDef | None:
    return BY_NAME.get(name.lower())


@dataclass(frozen=True)
class FunctionDef:
    name: str
    kinds: tuple[str, ...]  # field kinds it can feed
    java_type: str
    is_list: bool = False
    min_args: int = 0
    max_args: int = 0


_DATE_KINDS = ("datetime", "date")

FUNCTIONS: tuple[FunctionDef, ...] = (
    FunctionDef("currentUser", ("user", "users"), _USER),
    FunctionDef("membersOf", ("user", "users"), _USER, is_list=True, min_args=1, max_args=1),
    FunctionDef("now", _DATE_KINDS, _DATE),
    *(
        FunctionDef(f"{edge}Of{span}", _DATE_KINDS, _DATE, max_args=1)
        for span in ("Day", "Week", "Month", "Year")
        for edge in ("start", "end")
    ),
    FunctionDef(
        "standardIssueTypes",
        ("issuetype",),
        "com.atlassian.jira.issue.issuetype.IssueType",
        is_list=True,
    ),
    FunctionDef(
        "subTaskIssueTypes",
        ("issuetype",),
        "com.atlassian.jira.issue.issuetype.IssueType",
        is_list=True,
    ),
    FunctionDef(
        "releasedVersions",
        ("fixVersion",),
        "com.atlassian.jira.project.version.Version",
        is_list=True,
        max_args=1,
    ),
    FunctionDef(
        "unreleasedVersions",
        ("fixVersion",),
        "com.atlassian.jira.project.version.Version",
        is_list=True,
        max_args=1,
    ),
    FunctionDef("linkedIssues", ("key", "parent"), _ISSUE, is_list=True, min_args=1, max_args=2),
)

FUNCTIONS_BY_NAME: dict[str, FunctionDef] = {f.name.lower(): f for f in FUNCTIONS}


def function_named(name: str) -> FunctionDef | None:
    return FUNCTIONS_BY_NAME.get(name.lower())
