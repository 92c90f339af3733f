"""Project categories and project role actors: their writes, for site admins (and, for role
actors, the project lead). A plain user gets 403 on category writes and 404 on role actors, as
the v3 contract lists them.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    api_shape,
    current_user,
    json_body,
    sandbox_of,
)
from tui.sandbox.projects_admin import admin_only, json_object, modern_shape, no_permission
from tui.sandbox.projects_roles import actors, find_role, parse_actors, role_json, set_actors
from tui.sandbox.projects_shapes import ProjectOut, category_json
from tui.sandbox.projects_state import find
from tui.sandbox.world import SandboxCategory


def _category_body(body: dict[str, Any], *, creating: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = body.get("name")
    if creating or "name" in body:
        if not isinstance(name, str) or not name.strip():
            errors["name"] = "The project category name must not be empty."
        elif len(name) > 255:
            errors["name"] = "The project category name must not exceed 255 characters."
    description = body.get("description", "")
    if not isinstance(description, str) or len(description) > 1000:
        errors["description"] = (
            "The project category description must be text of at most 1000 characters."
        )
    return errors


async def create_category(request: Request) -> Response:
    shape = modern_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    admin_only(
        request, 403, "You must have global administrator rights to manage project categories."
    )
    body = await json_object(request, frozenset({"name", "description", "id", "self"}))
    errors = _category_body(body, creating=True)
    if errors:
        raise JiraHTTPError(400, [], errors)
    name = body["name"].strip()
    if any(c.name.lower() == name.lower() for c in world.categories.values()):
        raise JiraHTTPError(409, f"The project category '{name}' already exists.")
    created = SandboxCategory(world.new_id(), name, body.get("description", ""))
    world.categories[created.id] = created
    out = ProjectOut(world, shape, sandbox.base_url)
    return JiraJSONResponse(category_json(out, created.id), status_code=201)


async def change_category(request: Request) -> Response:
    shape = modern_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    category_id = str(request.path_params["id"])
    admin_only(
        request, 403, "You must have global administrator rights to manage project categories."
    )
    found = world.categories.get(category_id)
    if found is None:
        raise JiraHTTPError(404, f"No project category with id '{category_id}' exists.")
    if request.method == "DELETE":
        del world.categories[category_id]
        for project in world.projects.values():
            if project.category_id == category_id:
                project.category_id = None
        return Response(status_code=204)
    body = await json_object(request, frozenset({"name", "description", "id", "self"}))
    errors = _category_body(body, creating=False)
    name = body.get("name", found.name).strip()
    if any(
        c.id != category_id and c.name.lower() == name.lower() for c in world.categories.values()
    ):
        errors["name"] = f"The project category '{name}' already exists."
    if errors:
        raise JiraHTTPError(400, [], errors)
    found.name = name
    found.description = body.get("description", found.description)
    return JiraJSONResponse(category_json(ProjectOut(world, shape, sandbox.base_url), category_id))


# -- role actors ------------------------------------------------------------------------------


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


async def change_role_actors(request: Request) -> Response:
    shape = api_shape(request)
    sandbox = sandbox_of(request)
    world = sandbox.world
    ref = str(request.path_params["projectIdOrKey"])
    project = find(world, ref)
    user = current_user(request)
    if not user.admin and user.account_id != project.lead:
        raise no_permission(ref, "administer")
    role_id = str(request.path_params["id"])
    find_role(role_id)
    current = actors(world, project, role_id)
    if request.method == "DELETE":
        params = request.query_params
        gone = parse_actors(
            world, params.getlist("user"), params.getlist("group") + params.getlist("groupId")
        )
        set_actors(world, project, role_id, [a for a in current if a not in gone])
        return Response(status_code=204)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "The request body must be a JSON object.")
    if request.method == "PUT":
        categorised = body.get("categorisedActors", body)
        new = parse_actors(
            world,
            _listed(categorised.get("atlassian-user-role-actor", categorised.get("user"))),
            _listed(categorised.get("atlassian-group-role-actor", categorised.get("group"))),
        )
        set_actors(world, project, role_id, new)
    else:
        added = parse_actors(
            world,
            _listed(body.get("user")),
            _listed(body.get("group")) + _listed(body.get("groupId")),
        )
        set_actors(world, project, role_id, current + added)
    return JiraJSONResponse(role_json(world, project, role_id, shape, sandbox.base_url))
