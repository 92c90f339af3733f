"""The issue resource: `GET`/`PUT /issue/{key}`, `POST /issue`, createmeta (old and paged),
editmeta, and the v3 changelog page, under `/rest/api/{version}/` in the shapes that have them.

Its `routes()` also mounts the issue's parts (`routes_issue_*`: transitions, comments,
worklogs, watchers/votes/assignee, links/attachments), so the app lists one module.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    json_body,
    query_bool,
    query_int,
    query_list,
    sandbox_of,
)
from tui.sandbox.issue_edit import API, ISSUE, MODERN, V3_ONLY, now, path_issue, record, request_out
from tui.sandbox.issue_input import apply_changes, check_parent, read_changes
from tui.sandbox.projects_state import touch_recent
from tui.sandbox.shapes import Out, issue_json_out, issuetype_json, project_ref_json
from tui.sandbox.shapes.issue import change_json
from tui.sandbox.shapes.meta import create_fields, editmeta_json, project_issue_types
from tui.sandbox.world import SandboxComment, SandboxIssue, SandboxProject, World


async def get_issue(request: Request) -> Response:
    out = request_out(request)
    issue = path_issue(request)
    touch_recent(out.world, issue.project_key, out.viewer.account_id, now())  # /project/recent
    fields = None if out.legacy else query_list(request, "fields")
    expand = set(query_list(request, "expand") or [])
    return JiraJSONResponse(issue_json_out(out, issue, fields=fields or ["*all"], expand=expand))


async def edit_issue(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    sandbox = sandbox_of(request)
    issue = path_issue(request)
    body = await json_body(request)
    changes = read_changes(out.world, body, out.shape, out.world.projects.get(issue.project_key), issue)
    if "issuetype" in changes.values and not changes.errors:
        new_type = out.world.issue_types[changes.values["issuetype"]]
        current_type = out.world.issue_types.get(issue.issuetype_id)
        if current_type is not None and new_type.subtask != current_type.subtask:
            changes.errors["issuetype"] = "Issue type of a sub-task cannot be changed to a standard type, or back."
    if changes.errors:
        raise JiraHTTPError(400, errors=changes.errors)
    items = apply_changes(out.world, issue, changes.values)
    for adf in changes.comments:
        when = now()
        issue.comments.append(SandboxComment(out.world.new_id(), out.viewer.account_id, adf, when, when))
    record(sandbox, issue, out.viewer, items)
    if out.v3 and query_bool(request, "returnIssue", False):
        expand = set(query_list(request, "expand") or [])
        return JiraJSONResponse(issue_json_out(out, issue, fields=["*all"], expand=expand))
    return Response(status_code=204)


def _project_ref(world: World, value: Any) -> SandboxProject | None:
    ident = (value.get("key") or value.get("id")) if isinstance(value, dict) else value
    if ident is None:
        return None
    return project_by_key_or_id(world, str(ident))


def project_by_key_or_id(world: World, ident: str) -> SandboxProject | None:
    project = world.projects.get(ident) or world.projects.get(ident.upper())
    if project is None:
        project = next((p for p in world.projects.values() if p.id == ident), None)
    if project is None or project.deleted:
        return None
    return project


def _next_key(world: World, project: SandboxProject) -> str:
    counters: dict[str, int] = world.extra.setdefault("routes_issue", {}).setdefault("next_number", {})
    if project.key not in counters:
        prefix = project.key + "-"
        numbers = [int(key[len(prefix) :]) for key in world.issues if key.startswith(prefix) and key[len(prefix) :].isdigit()]
        counters[project.key] = max(numbers, default=0)
    counters[project.key] += 1
    return f"{project.key}-{counters[project.key]}"


async def create_issue(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    sandbox = sandbox_of(request)
    world = out.world
    body = await json_body(request)
    fields = body.get("fields") if isinstance(body, dict) else None
    if not isinstance(fields, dict):
        raise JiraHTTPError(400, errors={"project": "Specify a valid project ID or key", "summary": "You must specify a summary of the issue.", "issuetype": "Specify an issue type"})
    errors: dict[str, str] = {}
    project = _project_ref(world, fields.get("project"))
    if project is None:
        errors["project"] = "Specify a valid project ID or key" if fields.get("project") else "Project is required."
    changes = read_changes(world, body, out.shape, project, None)
    errors.update(changes.errors)
    values = changes.values
    if "summary" not in values and "summary" not in errors:
        errors["summary"] = "You must specify a summary of the issue."
    if "issuetype" not in values and "issuetype" not in errors:
        errors["issuetype"] = "Specify an issue type"
    if project is not None and project.archived:
        errors["project"] = f"Project '{project.key}' is archived; issues cannot be created in it."
    if not errors and project is not None:
        problem = check_parent(world, world.issue_types[values["issuetype"]], values.get("parent"), project.key)
        if problem:
            errors["parent"] = problem
    if errors or project is None:
        raise JiraHTTPError(400, errors=errors)
    created = now()
    initial = next((s.id for s in world.statuses.values() if s.category == "new"), next(iter(world.statuses)))
    issue = SandboxIssue(
        id=world.new_id(),
        key=_next_key(world, project),
        project_key=project.key,
        issuetype_id=values["issuetype"],
        summary=values["summary"],
        status_id=initial,
        priority_id=values.get("priority") or _default_priority(world),
        reporter=values.get("reporter") or out.viewer.account_id,
        created=created,
        updated=created,
        parent_key=values.get("parent"),
    )
    apply_changes(world, issue, {k: v for k, v in values.items() if k not in ("summary", "issuetype", "priority", "reporter")})
    for adf in changes.comments:
        issue.comments.append(SandboxComment(world.new_id(), out.viewer.account_id, adf, created, created))
    issue.watchers = [out.viewer.account_id]
    world.issues[issue.key] = issue
    sandbox.mutated()
    return JiraJSONResponse({"id": issue.id, "key": issue.key, "self": f"{out.api}/issue/{issue.id}"}, status_code=201)


def _default_priority(world: World) -> str:
    return next((p.id for p in world.priorities.values() if p.name == "Medium"), next(iter(world.priorities)))


async def editmeta(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    return JiraJSONResponse(editmeta_json(out, path_issue(request)))


async def createmeta(request: Request) -> Response:
    """The old createmeta: projects, their issue types, and with `expand` their fields."""
    out = request_out(request, shapes=MODERN)
    world = out.world
    keys = set(query_list(request, "projectKeys") or [])
    ids = set(query_list(request, "projectIds") or [])
    type_ids = set(query_list(request, "issuetypeIds") or [])
    type_names = {name.lower() for name in query_list(request, "issuetypeNames") or []}
    with_fields = "projects.issuetypes.fields" in set(query_list(request, "expand") or [])
    projects = []
    for project in world.projects.values():
        if project.deleted or project.archived or (keys and project.key not in keys) or (ids and project.id not in ids):
            continue
        types = []
        for issuetype in project_issue_types(world, project):
            if (type_ids and issuetype.id not in type_ids) or (type_names and issuetype.name.lower() not in type_names):
                continue
            entry = issuetype_json(issuetype, out.shape, base_url=out.root)
            if with_fields:
                entry["fields"] = create_fields(out, project, issuetype, style="key")
            types.append(entry)
        ref = project_ref_json(project, out.shape, base_url=out.root)
        projects.append({key: ref[key] for key in ("self", "id", "key", "name", "avatarUrls")} | {"issuetypes": types})
    return JiraJSONResponse({"expand": "projects", "projects": projects})


def _meta_project(request: Request, out: Out) -> SandboxProject:
    ident = str(request.path_params["projectIdOrKey"])
    project = project_by_key_or_id(out.world, ident)
    if project is None:
        if out.v3:
            raise JiraHTTPError(400, f"No project could be found with id or key '{ident}'.")
        raise JiraHTTPError(404, f"No project could be found with key '{ident}'.")
    return project


def _page(out: Out, request: Request, items: list[Any], name: str) -> dict[str, Any]:
    start = query_int(request, "startAt", 0)
    size = min(query_int(request, "maxResults", 50, minimum=1), 200)
    page = items[start : start + size]
    body: dict[str, Any] = {"maxResults": size, "startAt": start, "total": len(items)}
    if out.v3:
        body[name] = page
    else:
        body.update(isLast=start + len(page) >= len(items), values=page)
    return body


async def createmeta_issuetypes(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    project = _meta_project(request, out)
    types = [issuetype_json(t, out.shape, base_url=out.root) for t in project_issue_types(out.world, project)]
    return JiraJSONResponse(_page(out, request, types, "issueTypes"))


async def createmeta_fields(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    project = _meta_project(request, out)
    type_id = str(request.path_params["issueTypeId"])
    issuetype = next((t for t in project_issue_types(out.world, project) if t.id == type_id), None)
    if issuetype is None:
        raise JiraHTTPError(400 if out.v3 else 404, f"The issue type with id '{type_id}' does not exist in the project.")
    fields = list(create_fields(out, project, issuetype, style="both").values())
    return JiraJSONResponse(_page(out, request, fields, "fields"))


async def changelog(request: Request) -> Response:
    out = request_out(request, shapes=V3_ONLY)
    issue = path_issue(request)
    start = query_int(request, "startAt", 0)
    size = min(query_int(request, "maxResults", 100, minimum=1), 100)
    page = [change_json(out, change) for change in issue.changelog[start : start + size]]
    return JiraJSONResponse({
        "self": f"{out.api}/issue/{issue.key}/changelog?maxResults={size}&startAt={start}",
        "maxResults": size,
        "startAt": start,
        "total": len(issue.changelog),
        "isLast": start + len(page) >= len(issue.changelog),
        "values": page,
    })


def routes() -> list[BaseRoute]:
    """This module's routes, then the other issue modules': one entry in `ROUTE_MODULES`."""
    from tui.sandbox import (
        routes_issue_comments,
        routes_issue_links,
        routes_issue_people,
        routes_issue_transitions,
        routes_issue_worklogs,
    )

    parts = (routes_issue_transitions, routes_issue_comments, routes_issue_worklogs, routes_issue_people, routes_issue_links)
    return [*_own_routes(), *(route for part in parts for route in part.routes())]


def _own_routes() -> list[BaseRoute]:
    return [
        Route(API + "/issue", create_issue, methods=["POST"]),
        Route(API + "/issue/createmeta", createmeta, methods=["GET"]),
        Route(API + "/issue/createmeta/{projectIdOrKey}/issuetypes", createmeta_issuetypes, methods=["GET"]),
        Route(API + "/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}", createmeta_fields, methods=["GET"]),
        Route(ISSUE, get_issue, methods=["GET"]),
        Route(ISSUE, edit_issue, methods=["PUT"]),
        Route(ISSUE + "/editmeta", editmeta, methods=["GET"]),
        Route(ISSUE + "/changelog", changelog, methods=["GET"]),
    ]
