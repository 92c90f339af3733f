"""Workflow transitions: `GET`/`POST /issue/{key}/transitions` in all three shapes.

The transitions offered depend on the issue's status (`shapes.meta.available_transitions`);
moving to a done status needs a resolution when the transition says so (400 naming the field);
leaving done clears it. Status and resolution changes go to the changelog; an optional comment
(`update.comment[].add.body`, or the legacy `comment`) is added with the move.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, json_body, sandbox_of
from tui.sandbox.issue_edit import (
    ISSUE,
    UNSET,
    now,
    path_issue,
    record,
    request_out,
    rich_text_in,
    user_from,
    user_label,
)
from tui.sandbox.issue_input import named_id
from tui.sandbox.shapes.meta import available_transitions, legacy_transitions_json, transition_json
from tui.sandbox.world import ChangelogItem, SandboxComment, SandboxIssue, TransitionDef, World


async def get_transitions(request: Request) -> Response:
    out = request_out(request)
    issue = path_issue(request)
    if out.legacy:
        return JiraJSONResponse(legacy_transitions_json(out, issue))
    wanted = request.query_params.get("transitionId")
    transitions = [t for t in available_transitions(out.world, issue) if wanted in (None, "", t.id)]
    return JiraJSONResponse({"expand": "transitions", "transitions": [transition_json(out, t) for t in transitions]})


def _transition_id(body: dict[str, Any]) -> str | None:
    raw = body.get("transition")
    if isinstance(raw, dict):
        raw = raw.get("id")
    if isinstance(raw, bool) or raw is None:
        return None
    return str(raw)


def _pick(world: World, issue: SandboxIssue, transition_id: str | None) -> TransitionDef:
    if transition_id is None:
        raise JiraHTTPError(400, "Missing 'transition' identifier")
    for transition in available_transitions(world, issue):
        if transition.id == transition_id:
            return transition
    raise JiraHTTPError(400, f"Transition id '{transition_id}' is not valid for this issue.")


async def do_transition(request: Request) -> Response:
    out = request_out(request)
    sandbox = sandbox_of(request)
    world = out.world
    issue = path_issue(request)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "Can not deserialize instance of the request body out of a non-object token.")
    transition = _pick(world, issue, _transition_id(body))
    fields = body.get("fields") or {}
    if not isinstance(fields, dict):
        raise JiraHTTPError(400, "The 'fields' of a transition must be an object.")
    errors: dict[str, str] = {}
    resolution_id: str | None = None
    assignee: Any = UNSET
    for field_id, value in fields.items():
        if field_id == "resolution" and transition.requires_resolution:
            resolution_id = named_id(world.resolutions, value) if value is not None else None
            if resolution_id is None and value is not None:
                errors["resolution"] = "The resolution selected is invalid."
        elif field_id == "assignee":
            assignee = user_from(world, value, out.shape)
            if assignee is UNSET:
                errors["assignee"] = "User does not exist."
        else:
            errors[field_id] = f"Field '{field_id}' cannot be set. It is not on the appropriate screen, or unknown."
    if transition.requires_resolution and resolution_id is None and "resolution" not in errors:
        errors["resolution"] = "Resolution is required."
    comments = _comments(world, body, out.shape, errors)
    if errors:
        raise JiraHTTPError(400, errors=errors)

    items = _move(world, issue, transition, resolution_id)
    if assignee is not UNSET:
        account = getattr(assignee, "account_id", None)
        if account != issue.assignee:
            items.append(ChangelogItem("assignee", user_label(world, issue.assignee), user_label(world, account), issue.assignee, account))
            issue.assignee = account
    when = now()
    for adf in comments:
        issue.comments.append(SandboxComment(world.new_id(), out.viewer.account_id, adf, when, when))
    record(sandbox, issue, out.viewer, items)
    return Response(status_code=204)


def _comments(world: World, body: dict[str, Any], shape: Any, errors: dict[str, str]) -> list[dict[str, Any]]:
    raw: list[Any] = []
    update = body.get("update") or {}
    if isinstance(update, dict):
        for operation in update.get("comment") or []:
            if isinstance(operation, dict) and isinstance(operation.get("add"), dict):
                raw.append(operation["add"].get("body"))
    legacy = body.get("comment")
    if legacy is not None:
        raw.append(legacy.get("body") if isinstance(legacy, dict) else legacy)
    out: list[dict[str, Any]] = []
    for value in raw:
        try:
            adf = rich_text_in(world, value, shape, "comment")
        except JiraHTTPError as exc:
            errors.update(exc.errors)
            continue
        if adf is not None and adf["content"]:
            out.append(adf)
    return out


def _move(world: World, issue: SandboxIssue, transition: TransitionDef, resolution_id: str | None) -> list[ChangelogItem]:
    old = world.statuses.get(issue.status_id)
    new = world.statuses[transition.to_status_id]
    items = [ChangelogItem("status", old.name if old else None, new.name, issue.status_id, new.id)]
    issue.status_id = new.id
    old_resolution = world.resolutions.get(issue.resolution_id) if issue.resolution_id else None
    if new.category == "done" and resolution_id is not None:
        if resolution_id != issue.resolution_id:
            items.append(ChangelogItem("resolution", old_resolution.name if old_resolution else None,
                                       world.resolutions[resolution_id].name, issue.resolution_id, resolution_id))  # fmt: skip
        issue.resolution_id = resolution_id
        issue.resolved = now()
    elif new.category != "done" and issue.resolution_id is not None:
        items.append(ChangelogItem("resolution", old_resolution.name if old_resolution else None, None, issue.resolution_id, None))
        issue.resolution_id = None
        issue.resolved = None
    return items


def routes() -> list[BaseRoute]:
    return [
        Route(ISSUE + "/transitions", get_transitions, methods=["GET"]),
        Route(ISSUE + "/transitions", do_transition, methods=["POST"]),
    ]


