"""Project writes, all for site admins: create, update, delete (trash or for good), archive,
asynchronous delete (303 to a task) and restore. (Categories and role actors: `projects_settings`.)

Status codes follow the v3 contract where it lists them: a plain user gets 403 where the
contract has one (create, update, archive, category writes) and 404 where it says "not found or
no permission" (delete, async delete, restore, role actors). Deleting an archived project is
refused with 400, which the contract omits for DELETE but Jira's text requires ("You can't
delete a project if it's archived"). On v2 (Data Center, which has no trash) DELETE removes the
project for good unless `enableUndo=true`; restore answers 202 there, as Data Center does.
An update's `categoryId: -1` takes the project out of its category (the v3 contract's words) and
`categoryId: null` changes nothing, as Jira reads it; a `key` renumbers the project's issues.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    api_shape,
    current_user,
    json_body,
    query_bool,
    sandbox_of,
)
from tui.sandbox.projects_shapes import ProjectOut, project_json
from tui.sandbox.projects_state import (
    archive,
    category_errors,
    extra,
    find,
    key_errors,
    lead_of,
    name_errors,
    purge,
    rekey,
    restore,
    trash,
    type_and_template,
)
from tui.sandbox.projects_tasks import submit_delete, task_json
from tui.sandbox.seed_catalog import TYPE_MIX
from tui.sandbox.shapes.common import LEGACY, Shape, api_base
from tui.sandbox.world import SandboxProject, SandboxUser

CREATE_FIELDS = frozenset(
    [
        "assigneeType",
        "avatarId",
        "categoryId",
        "description",
        "fieldConfigurationScheme",
        "issueSecurityScheme",
        "issueTypeScheme",
        "issueTypeScreenScheme",
        "key",
        "lead",
        "leadAccountId",
        "name",
        "notificationScheme",
        "permissionScheme",
        "projectTemplateKey",
        "projectTypeKey",
        "url",
        "workflowScheme",
        "workflowSchemeId",
    ]
)
UPDATE_FIELDS = frozenset(
    [
        "assigneeType",
        "avatarId",
        "categoryId",
        "description",
        "issueSecurityScheme",
        "key",
        "lead",
        "leadAccountId",
        "name",
        "notificationScheme",
        "permissionScheme",
        "releasedProjectKeys",
        "url",
        "projectTypeKey",
        "projectTemplateKey",
    ]
)
ASSIGNEE_TYPES = ("PROJECT_LEAD", "UNASSIGNED")


def modern_shape(request: Request) -> Shape:
    shape = api_shape(request)
    if shape == LEGACY:
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    return shape


def admin_only(request: Request, status: int, message: str) -> SandboxUser:
    user = current_user(request)
    if not user.admin:
        raise JiraHTTPError(status, message)
    return user


async def json_object(request: Request, allowed: frozenset[str]) -> dict[str, Any]:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "The request body must be a JSON object.")
    for name in body:
        if name not in allowed:
            raise JiraHTTPError(400, f'Unrecognized field "{name}", not marked as ignorable.')
    return body


def _common_errors(request: Request, body: dict[str, Any]) -> dict[str, str]:
    world = sandbox_of(request).world
    errors: dict[str, str] = {}
    if "assigneeType" in body and body["assigneeType"] not in ASSIGNEE_TYPES:
        errors["assigneeType"] = "The default assignee must be PROJECT_LEAD or UNASSIGNED."
    for text_field in ("description", "url"):
        if text_field in body and not isinstance(body[text_field], str | None):
            errors[text_field] = f"The {text_field} must be a string."
    if (
        "url" in body
        and isinstance(body["url"], str)
        and body["url"]
        and not body["url"].startswith(("http://", "https://"))
    ):
        errors["projectUrl"] = (
            "The URL specified is not valid - it must start with http:// or https://"
        )
    category = body.get("categoryId")
    if category not in (None, -1):
        errors |= category_errors(world, category)
    scheme = body.get("notificationScheme")
    if scheme is not None and scheme != 10000:
        errors["notificationScheme"] = f"The notification scheme with id '{scheme}' does not exist."
    return errors


async def create_project(request: Request) -> Response:
    shape = modern_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    admin_only(
        request, 403, "You must have global administrator rights in order to create projects."
    )
    body = await json_object(request, CREATE_FIELDS)
    errors = key_errors(world, body.get("key")) | name_errors(world, body.get("name"))
    type_key, template, problems = type_and_template(body)
    errors |= problems
    lead, problems = lead_of(world, body)
    errors |= problems or (
        {} if lead else {"projectLead": "You must specify a valid project lead."}
    )
    errors |= _common_errors(request, body)
    if errors:
        raise JiraHTTPError(400, [], errors)
    category = body.get("categoryId")
    project = SandboxProject(
        id=world.new_id(),
        key=body["key"],
        name=body["name"].strip(),
        type_key=type_key,
        lead=str(lead),
        description=body.get("description") or "",
        url=body.get("url") or "",
        category_id=str(category) if category not in (None, -1) else None,
        issue_type_ids=[type_id for type_id, _ in TYPE_MIX[type_key]],
        assignee_type=body.get("assigneeType", "UNASSIGNED"),
        template_key=template,
    )
    world.projects[project.key] = project
    api = api_base(sandbox.base_url, shape)
    return JiraJSONResponse(
        {"self": f"{api}/project/{project.id}", "id": int(project.id), "key": project.key},
        status_code=201,
    )


async def update_project(request: Request) -> Response:
    shape = modern_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    project = find(world, str(request.path_params["projectIdOrKey"]))
    admin_only(
        request, 403, "You must have global administrator rights in order to modify projects."
    )
    body = await json_object(request, UPDATE_FIELDS)
    if project.archived:
        raise JiraHTTPError(
            400, f"The project '{project.key}' is archived; restore it before changing it."
        )
    errors: dict[str, str] = {}
    if "key" in body and body["key"] != project.key:
        errors |= key_errors(world, body["key"], current=project.key)
    if "name" in body:
        errors |= name_errors(world, body["name"], current=project.key)
    lead, problems = lead_of(world, body)
    errors |= problems | _common_errors(request, body)
    if errors:
        raise JiraHTTPError(400, [], errors)
    if "name" in body:
        project.name = body["name"].strip()
    for attr, name in (("description", "description"), ("url", "url")):
        if name in body:
            setattr(project, attr, body[name] or "")
    if lead:
        project.lead = lead
    if "assigneeType" in body:
        project.assignee_type = body["assigneeType"]
    category = body.get("categoryId")
    if (
        category is not None
    ):  # as in Jira: -1 takes the project out of its category, null is no change
        project.category_id = str(category) if category != -1 else None
    if "key" in body and body["key"] != project.key:
        rekey(world, project, body["key"])
    out = ProjectOut(world, shape, sandbox.base_url)
    expand = {
        e.strip().lower() for e in request.query_params.get("expand", "").split(",") if e.strip()
    }
    return JiraJSONResponse(project_json(out, project, expand, full=True))


def no_permission(project_ref: str, what: str) -> JiraHTTPError:
    return JiraHTTPError(
        404,
        f"No project could be found with key '{project_ref}', or you do not have permission to {what} it.",
    )


def _refuse_archived(project: SandboxProject) -> None:
    if project.archived:
        raise JiraHTTPError(
            400,
            f"The project '{project.key}' is archived. You can't delete an archived project; restore it first.",
        )


async def delete_project(request: Request) -> Response:
    shape = modern_shape(request)
    world = sandbox_of(request).world
    ref = str(request.path_params["projectIdOrKey"])
    user = current_user(request)
    if not user.admin:
        raise no_permission(ref, "delete")
    undo = query_bool(request, "enableUndo", shape == "3")
    project = find(world, ref, trashed=not undo)
    _refuse_archived(project)
    if undo:
        trash(world, project, user.account_id, datetime.now(UTC))
    else:
        purge(world, project)
    return Response(status_code=204)


async def archive_project(request: Request) -> Response:
    modern_shape(request)
    world = sandbox_of(request).world
    project = find(world, str(request.path_params["projectIdOrKey"]))
    user = admin_only(
        request, 403, "You must have global administrator rights in order to archive projects."
    )
    if project.archived:
        raise JiraHTTPError(400, f"The project '{project.key}' is already archived.")
    archive(world, project, user.account_id, datetime.now(UTC))
    return Response(status_code=204)


async def delete_project_async(request: Request) -> Response:
    modern_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    ref = str(request.path_params["projectIdOrKey"])
    user = current_user(request)
    if not user.admin:
        raise no_permission(ref, "delete")
    project = find(world, ref, trashed=True)
    _refuse_archived(project)
    for task in extra(world)["tasks"].values():
        if task["project_key"] == project.key and task["status"] in ("ENQUEUED", "RUNNING"):
            raise JiraHTTPError(400, f"The project '{project.key}' is already being deleted.")
    task = submit_delete(world, project, user.account_id, datetime.now(UTC))
    body = task_json(task, sandbox.base_url)
    return JiraJSONResponse(body, status_code=303, headers={"Location": body["self"]})


async def restore_project(request: Request) -> Response:
    shape = modern_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    ref = str(request.path_params["projectIdOrKey"])
    user = current_user(request)
    if not user.admin:
        raise no_permission(ref, "restore")
    project = find(world, ref, trashed=True)
    if not (project.archived or project.deleted):
        raise JiraHTTPError(
            400, f"The project '{project.key}' is neither archived nor in the trash."
        )
    restore(world, project)
    if shape == "2":
        return Response(status_code=202)
    out = ProjectOut(world, shape, sandbox.base_url)
    return JiraJSONResponse(project_json(out, project, set(), full=True))
