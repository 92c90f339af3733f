"""What the sandbox tells clients they may send: field metadata, transitions, edit and create meta.

Owns the one workflow's availability rule (a transition is offered when the issue's status is
among its from-statuses, or it is global, and it does not lead where the issue already is) and
the `FieldMetadata` of every field the edit, create and transition screens accept.
"""

from __future__ import annotations

from typing import Any, Literal

from tui.sandbox.shapes.common import (
    Out,
    component_json,
    issuetype_json,
    priority_json,
    resolution_json,
    status_json,
    version_json,
)
from tui.sandbox.shapes.fields import FIELD_BY_ID
from tui.sandbox.world import IssueTypeDef, SandboxIssue, SandboxProject, TransitionDef, World

KeyStyle = Literal["key", "fieldId", "both"]

EDITABLE = ("summary", "issuetype", "priority", "labels", "description", "duedate", "assignee", "components",
            "fixVersions", "comment")  # fmt: skip
CREATABLE = ("summary", "issuetype", "project", "parent", "priority", "labels", "description", "duedate",
             "assignee", "reporter", "components", "fixVersions")  # fmt: skip
_OPERATIONS: dict[str, list[str]] = {
    "labels": ["add", "set", "remove"],
    "components": ["add", "set", "remove"],
    "fixVersions": ["set", "add", "remove"],
    "comment": ["add", "edit", "remove"],
}


def available_transitions(world: World, issue: SandboxIssue) -> list[TransitionDef]:
    return [
        transition
        for transition in world.transitions
        if transition.to_status_id != issue.status_id
        and (not transition.from_status_ids or issue.status_id in transition.from_status_ids)
    ]


def field_meta(out: Out, field_id: str, *, required: bool, style: KeyStyle = "key",
               project: SandboxProject | None = None, for_create: bool = False) -> dict[str, Any]:  # fmt: skip
    """One field's `FieldMetadata` (v3) / `FieldMetaBean` (v2)."""
    field = FIELD_BY_ID[field_id]
    body: dict[str, Any] = {"required": required, "schema": field.schema(), "name": field.display_name(out.shape)}
    # v3's FieldMetadata forbids extra properties: `key` there, `fieldId` too where asked for
    if not out.v3 or style in ("fieldId", "both"):
        body["fieldId"] = field_id
    if not out.v3 or style in ("key", "both"):
        body["key"] = field_id
    body["hasDefaultValue"] = field_id == "priority" and for_create
    body["operations"] = list(_OPERATIONS.get(field_id, ["set"]))
    allowed = _allowed_values(out, field_id, project)
    if allowed is not None:
        body["allowedValues"] = allowed
    if field_id in ("assignee", "reporter"):
        key = "project" if for_create else "issueKey"
        param = "query" if out.v3 else "username"
        body["autoCompleteUrl"] = f"{out.api}/user/assignable/search?{key}=&{param}="
    if field_id == "labels":
        body["autoCompleteUrl"] = f"{out.root}/rest/api/1.0/labels/suggest?query="
    return body


def _allowed_values(out: Out, field_id: str, project: SandboxProject | None) -> list[Any] | None:
    world = out.world
    if field_id == "priority":
        return [priority_json(p, out.shape, base_url=out.root) for p in world.priorities.values()]
    if field_id == "resolution":
        return [resolution_json(r, out.shape, base_url=out.root) for r in world.resolutions.values()]
    if field_id == "issuetype" and project is not None:
        return [issuetype_json(t, out.shape, base_url=out.root) for t in project_issue_types(world, project)]
    if field_id == "components" and project is not None:
        return [component_json(c, out.shape, base_url=out.root) for c in project.components]
    if field_id == "fixVersions" and project is not None:
        return [version_json(v, out.shape, base_url=out.root) for v in project.versions if not v.archived]
    if field_id == "project" and project is not None:
        return [{"self": f"{out.api}/project/{project.id}", "id": project.id, "key": project.key, "name": project.name}]
    return None


def project_issue_types(world: World, project: SandboxProject) -> list[IssueTypeDef]:
    ids = project.issue_type_ids or list(world.issue_types)
    return [world.issue_types[type_id] for type_id in ids if type_id in world.issue_types]


def transition_json(out: Out, transition: TransitionDef) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if transition.requires_resolution:
        fields["resolution"] = field_meta(out, "resolution", required=True)
    body: dict[str, Any] = {"id": transition.id, "name": transition.name}
    status = out.world.statuses.get(transition.to_status_id)
    if status is not None:
        body["to"] = status_json(status, out.shape, base_url=out.root)
    if out.v3:
        body.update(hasScreen=transition.requires_resolution, isGlobal=not transition.from_status_ids,
                    isInitial=False, isAvailable=True, isConditional=False, isLooped=False)  # fmt: skip
    body["fields"] = fields
    return body


def legacy_transitions_json(out: Out, issue: SandboxIssue) -> dict[str, Any]:
    """Seed 001: a map keyed by transition id, with the required fields and the destination."""
    result: dict[str, Any] = {}
    for transition in available_transitions(out.world, issue):
        fields = []
        if transition.requires_resolution:
            fields.append({"id": "resolution", "required": True, "type": FIELD_BY_ID["resolution"].legacy_type})
        result[transition.id] = {"name": transition.name, "fields": fields, "transitionDestination": transition.to_status_id}
    return result


def editmeta_json(out: Out, issue: SandboxIssue) -> dict[str, Any]:
    project = out.world.projects.get(issue.project_key)
    return {
        "fields": {
            field_id: field_meta(out, field_id, required=field_id in ("summary", "issuetype"), project=project)
            for field_id in EDITABLE
        }
    }


def create_fields(out: Out, project: SandboxProject, issuetype: IssueTypeDef, *,
                  style: KeyStyle) -> dict[str, dict[str, Any]]:  # fmt: skip
    fields: dict[str, dict[str, Any]] = {}
    for field_id in CREATABLE:
        if field_id == "parent" and not issuetype.subtask:
            continue
        required = field_id in ("summary", "issuetype", "project") or field_id == "parent"
        meta = field_meta(out, field_id, required=required, style=style, project=project, for_create=True)
        fields[field_id] = meta
    return fields
