"""Reading `fields` and `update` of a create or edit request into world values, and applying them.

Every problem is collected first and answered in one 400 whose `errors` name the fields, as Jira
does; nothing changes unless the whole request is valid. Values come in the request's shape
(ADF on v3, wiki strings on v2, usernames or accountIds) and leave as the world stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tui.sandbox.http import JiraHTTPError
from tui.sandbox.issue_edit import UNSET, rich_text_in, user_from, user_label
from tui.sandbox.issue_index import lookup_issue
from tui.sandbox.shapes import Shape
from tui.sandbox.world import ChangelogItem, IssueTypeDef, SandboxIssue, SandboxProject, World

SETTABLE = frozenset({"summary", "issuetype", "priority", "labels", "description", "duedate", "assignee",
                      "reporter", "components", "fixVersions", "environment", "project", "parent"})  # fmt: skip
_MULTI = {"labels", "components", "fixVersions"}


class FieldError(Exception):
    pass


@dataclass
class Changes:
    """World values by field id, plus comments to add (`update.comment`)."""

    values: dict[str, Any] = field(default_factory=dict)
    comments: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def read_changes(world: World, body: Any, shape: Shape, project: SandboxProject | None,
                 issue: SandboxIssue | None) -> Changes:  # fmt: skip
    """Parse a create (`issue` None) or edit request body; raises Jira's 400 on any error."""
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "Can not deserialize instance of the request body out of a non-object token.")
    fields = body.get("fields") or {}
    update = body.get("update") or {}
    if not isinstance(fields, dict) or not isinstance(update, dict):
        raise JiraHTTPError(400, "The request body's 'fields' and 'update' must be objects.")
    changes = Changes()
    reader = _Reader(world, shape, project, issue)
    for field_id, value in fields.items():
        if field_id in update:
            changes.errors[field_id] = f"Field '{field_id}' cannot be set in both 'fields' and 'update'."
            continue
        reader.set(changes, field_id, value)
    for field_id, operations in update.items():
        reader.update(changes, field_id, operations)
    return changes


class _Reader:
    def __init__(self, world: World, shape: Shape, project: SandboxProject | None, issue: SandboxIssue | None) -> None:
        self.world = world
        self.shape = shape
        self.project = project
        self.issue = issue

    def set(self, changes: Changes, field_id: str, value: Any) -> None:
        if field_id not in SETTABLE or (self.issue is not None and field_id in ("project", "reporter", "parent")):
            changes.errors[field_id] = f"Field '{field_id}' cannot be set. It is not on the appropriate screen, or unknown."
            return
        try:
            changes.values[field_id] = self.parse(field_id, value)
        except FieldError as exc:
            changes.errors[field_id] = str(exc)

    def update(self, changes: Changes, field_id: str, operations: Any) -> None:
        if not isinstance(operations, list):
            changes.errors[field_id] = f"Operations for field '{field_id}' must be a list."
            return
        if field_id == "comment":
            for operation in operations:
                body = operation.get("add", {}).get("body") if isinstance(operation, dict) else None
                try:
                    adf = rich_text_in(self.world, body, self.shape, "comment")
                except JiraHTTPError as exc:
                    changes.errors.update(exc.errors)
                    continue
                if adf is None or not adf["content"]:
                    changes.errors["comment"] = "Comment body can not be empty!"
                    continue
                changes.comments.append(adf)
            return
        if field_id not in SETTABLE:
            changes.errors[field_id] = f"Field '{field_id}' cannot be set. It is not on the appropriate screen, or unknown."
            return
        current: Any = self.current(field_id)
        try:
            for operation in operations:
                if not isinstance(operation, dict) or len(operation) != 1:
                    raise FieldError(f"Each operation on '{field_id}' must be one of add, set, remove.")
                verb, value = next(iter(operation.items()))
                if verb == "set":
                    current = self.parse(field_id, value)
                elif verb in ("add", "remove") and field_id in _MULTI:
                    items = self.parse(field_id, [value])
                    if verb == "add":
                        current = [*current, *(item for item in items if item not in current)]
                    else:
                        current = [item for item in current if item not in items]
                else:
                    raise FieldError(f"Operation '{verb}' is not supported on field '{field_id}'.")
        except FieldError as exc:
            changes.errors[field_id] = str(exc)
            return
        changes.values[field_id] = current

    def current(self, field_id: str) -> Any:
        issue = self.issue
        if issue is None:
            return []
        return {"labels": issue.labels, "components": issue.component_ids, "fixVersions": issue.fix_version_ids}.get(field_id)

    def parse(self, field_id: str, value: Any) -> Any:
        world = self.world
        if field_id == "summary":
            if not isinstance(value, str) or not value.strip():
                raise FieldError("You must specify a summary of the issue.")
            if len(value) > 255:
                raise FieldError("Summary must be less than 255 characters.")
            return value.strip()
        if field_id == "description":
            try:
                return rich_text_in(world, value, self.shape, "description")
            except JiraHTTPError as exc:
                raise FieldError(exc.errors["description"]) from exc
        if field_id == "environment":
            return None
        if field_id == "priority":
            found = named_id(world.priorities, value)
            if found is None:
                raise FieldError("The priority selected is invalid.")
            return found
        if field_id == "labels":
            if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
                raise FieldError("The labels must be a list of strings.")
            for label in value:
                if not label or any(char.isspace() for char in label):
                    raise FieldError(f"The label '{label}' contains spaces which is invalid.")
            return list(dict.fromkeys(value))
        if field_id == "duedate":
            if value is None or value == "":
                return None
            try:
                return date.fromisoformat(str(value))
            except ValueError as exc:
                raise FieldError(f"Error parsing date string: {value}") from exc
        if field_id in ("assignee", "reporter"):
            user = user_from(world, value, self.shape)
            if user is UNSET:
                ident = value.get("accountId", value.get("name")) if isinstance(value, dict) else value
                raise FieldError(f"User '{ident}' does not exist.")
            if user is None and field_id == "reporter":
                raise FieldError("Reporter is required.")
            return getattr(user, "account_id", None)
        if field_id in ("components", "fixVersions"):
            return self.project_items(field_id, value)
        if field_id == "issuetype":
            return self.issuetype(value).id
        if field_id == "project":
            return value  # resolved by the create route before reading the rest
        if field_id == "parent":
            return self.parent(value)
        raise FieldError(f"Field '{field_id}' cannot be set. It is not on the appropriate screen, or unknown.")

    def project_items(self, field_id: str, value: Any) -> list[str]:
        if not isinstance(value, list):
            raise FieldError(f"Field '{field_id}' must be a list.")
        project = self.project
        pool = (project.components if field_id == "components" else project.versions) if project else []
        ids: list[str] = []
        for item in value:
            ref = item if isinstance(item, dict) else {"name": item}
            match = next((x for x in pool if x.id == str(ref.get("id")) or x.name == ref.get("name")), None)
            if match is None:
                what = "Component" if field_id == "components" else "Version"
                name = ref.get("name", ref.get("id"))
                raise FieldError(f"{what} name '{name}' is not valid" if "name" in ref else f"{what} id '{name}' is not valid")
            ids.append(match.id)
        return list(dict.fromkeys(ids))

    def issuetype(self, value: Any) -> IssueTypeDef:
        found_id = named_id(self.world.issue_types, value)
        allowed = self.project.issue_type_ids if self.project is not None and self.project.issue_type_ids else None
        if found_id is None or (allowed is not None and found_id not in allowed):
            raise FieldError("The issue type selected is invalid.")
        return self.world.issue_types[found_id]

    def parent(self, value: Any) -> str:
        ref = value if isinstance(value, dict) else {"key": value}
        key = ref.get("key") or ref.get("id")
        parent = lookup_issue(self.world, str(key)) if key else None
        if parent is None:
            raise FieldError("Could not find issue by id or key.")
        return parent.key


def named_id(table: dict[str, Any], value: Any) -> str | None:
    """An id from `{"id"}`, `{"name"}` or a bare name/id (the legacy shape)."""
    if isinstance(value, dict):
        if "id" in value:
            return str(value["id"]) if str(value["id"]) in table else None
        name = value.get("name")
    else:
        name = value
    if name is None:
        return None
    if str(name) in table:
        return str(name)
    return next((key for key, item in table.items() if item.name.lower() == str(name).lower()), None)


def check_parent(world: World, issuetype: IssueTypeDef, parent_key: str | None, project_key: str) -> str | None:
    """Jira's hierarchy rule: a sub-task needs a standard parent in its project; a standard issue
    may have an epic parent; an epic none. Returns the error text, or None if fine."""
    if parent_key is None:
        return "Issue type is a sub-task but parent issue key or id not specified." if issuetype.subtask else None
    parent = world.issues[parent_key]
    parent_type = world.issue_types.get(parent.issuetype_id)
    parent_level = parent_type.hierarchy_level if parent_type else 0
    child_level = -1 if issuetype.subtask else issuetype.hierarchy_level
    if parent_level != child_level + 1 or (issuetype.subtask and parent.project_key != project_key):
        return "Given parent issue does not belong to appropriate hierarchy."
    return None


def apply_changes(world: World, issue: SandboxIssue, values: dict[str, Any]) -> list[ChangelogItem]:
    """Write the values into the issue; the changelog items of what actually changed."""
    items: list[ChangelogItem] = []
    project = world.projects.get(issue.project_key)
    for field_id, value in values.items():
        if field_id == "summary" and value != issue.summary:
            items.append(ChangelogItem("summary", issue.summary, value))
            issue.summary = value
        elif field_id == "priority" and value != issue.priority_id:
            items.append(ChangelogItem("priority", _name(world.priorities, issue.priority_id), _name(world.priorities, value),
                                       issue.priority_id, value))  # fmt: skip
            issue.priority_id = value
        elif field_id == "issuetype" and value != issue.issuetype_id:
            items.append(ChangelogItem("issuetype", _name(world.issue_types, issue.issuetype_id),
                                       _name(world.issue_types, value), issue.issuetype_id, value))  # fmt: skip
            issue.issuetype_id = value
        elif field_id == "labels" and value != issue.labels:
            items.append(ChangelogItem("labels", " ".join(issue.labels), " ".join(value)))
            issue.labels = list(value)
        elif field_id == "description" and value != issue.description:
            items.append(ChangelogItem("description", None, None))
            issue.description = value
        elif field_id == "duedate" and value != issue.duedate:
            before = issue.duedate.isoformat() if issue.duedate else None
            after = value.isoformat() if value else None
            items.append(ChangelogItem("duedate", before, after, before, after))
            issue.duedate = value
        elif field_id == "assignee" and value != issue.assignee:
            items.append(ChangelogItem("assignee", user_label(world, issue.assignee), user_label(world, value),
                                       issue.assignee, value))  # fmt: skip
            issue.assignee = value
        elif field_id == "reporter" and value != issue.reporter:
            issue.reporter = value
        elif field_id == "components" and value != issue.component_ids:
            names = {c.id: c.name for c in project.components} if project else {}
            items.extend(_list_items("Component", issue.component_ids, value, names))
            issue.component_ids = list(value)
        elif field_id == "fixVersions" and value != issue.fix_version_ids:
            names = {v.id: v.name for v in project.versions} if project else {}
            items.extend(_list_items("Fix Version", issue.fix_version_ids, value, names))
            issue.fix_version_ids = list(value)
    return items


def _name(table: dict[str, Any], key: str | None) -> str | None:
    item = table.get(key) if key is not None else None
    return item.name if item is not None else None


def _list_items(field_name: str, before: list[str], after: list[str], names: dict[str, str]) -> list[ChangelogItem]:
    removed = [ChangelogItem(field_name, names.get(i, i), None, i, None) for i in before if i not in after]
    added = [ChangelogItem(field_name, None, names.get(i, i), None, i) for i in after if i not in before]
    return removed + added
