"""Projects under `/rest/api/{version}/`: seed 003's operations (v3, and v2 where Data Center has
them), seed 001's legacy project, component, version and role resources, categories and types.

Reads live here; writes are in `projects_admin.py` (create, update, delete, archive, async
delete, restore) and `projects_settings.py` (categories, role actors), mounted with these.
Trashed projects are invisible except to `project/search?status=deleted`, restore and permanent
delete; archived ones are readable but leave search results, as in Jira.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox import projects_admin as admin
from tui.sandbox import projects_settings as settings
from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    api_shape,
    current_user,
    page_bean,
    query_int,
    query_list,
    sandbox_of,
)
from tui.sandbox.projects_roles import role_json, roles_map
from tui.sandbox.projects_shapes import (
    ProjectOut,
    category_json,
    component_json,
    hierarchy_json,
    notification_scheme_json,
    project_json,
    project_type_json,
    statuses_json,
    version_json,
)
from tui.sandbox.projects_state import PROJECT_TYPES, extra, find, recent, status_of, touch_recent
from tui.sandbox.projects_tasks import advance, get_task, task_json
from tui.sandbox.shapes.common import LEGACY
from tui.sandbox.world import SandboxProject

SEARCH_MAX = 100
ORDERS: tuple[str, ...] = (
    "category",
    "key",
    "name",
    "owner",
    "issueCount",
    "lastIssueUpdatedDate",
    "archived",
    "archivedDate",
    "deleted",
    "deletedDate",
)


def out_for(request: Request, *, modern: bool = False) -> ProjectOut:
    shape = api_shape(request)
    if modern and shape == LEGACY:
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    return ProjectOut(sandbox_of(request).world, shape, sandbox_of(request).base_url)


def expand_of(request: Request) -> set[str]:
    return {part.lower() for part in query_list(request, "expand") or []}


def project_of(request: Request, name: str = "projectIdOrKey") -> SandboxProject:
    return find(sandbox_of(request).world, str(request.path_params[name]))


# -- lists ---------------------------------------------------------------------------------


async def all_projects(request: Request) -> Response:
    out = out_for(request)
    viewer = current_user(request)
    count = request.query_params.get("recent")
    if count:
        chosen = recent(out.world, viewer.account_id)[: max(0, min(20, int(count)))]
    else:
        chosen = [p for p in out.world.projects.values() if status_of(p) == "live"]
    expand = expand_of(request)
    return JiraJSONResponse([project_json(out, p, expand, full=False) for p in chosen])


async def recent_projects(request: Request) -> Response:
    out = out_for(request, modern=True)
    viewer = current_user(request)
    expand = expand_of(request)
    chosen = recent(out.world, viewer.account_id)
    return JiraJSONResponse([project_json(out, p, expand, full=False) for p in chosen])


def _sort_key(out: ProjectOut, field: str) -> Callable[[SandboxProject], Any]:
    world = out.world
    if field == "category":
        return lambda p: (
            p.category_id is None,
            world.categories[p.category_id].name.lower()
            if p.category_id in world.categories
            else "",
        )
    if field == "name":
        return lambda p: p.name.lower()
    if field == "owner":
        return lambda p: world.users[p.lead].display_name.lower() if p.lead in world.users else ""
    if field == "issueCount":
        return lambda p: out.insight.get(p.key, (0, None))[0]
    if field == "lastIssueUpdatedDate":
        epoch = datetime.min.replace(tzinfo=UTC)
        return lambda p: out.insight.get(p.key, (0, epoch))[1]
    if field == "archived":
        return lambda p: p.archived
    if field == "deleted":
        return lambda p: p.deleted
    if field in ("archivedDate", "deletedDate"):
        state = extra(world)["archived"]
        if field == "archivedDate":
            return lambda p: state.get(p.key, {}).get("at", "")
        return lambda p: p.deleted_at.isoformat() if p.deleted_at else ""
    return lambda p: p.key


async def search_projects(request: Request) -> Response:
    out = out_for(request, modern=True)
    viewer = current_user(request)
    params = request.query_params
    order = params.get("orderBy", "key")
    descending = order.startswith("-")
    field = order.lstrip("+-")
    if field not in ORDERS:
        raise JiraHTTPError(
            400, f"Invalid orderBy value: '{order}'. Valid values: {', '.join(ORDERS)}."
        )
    statuses = set(query_list(request, "status") or ["live"])
    if not statuses <= {"live", "archived", "deleted"}:
        raise JiraHTTPError(
            400,
            f"Invalid status: {', '.join(sorted(statuses))}. Valid values: live, archived, deleted.",
        )
    types = set(query_list(request, "typeKey") or [])
    if not types <= set(PROJECT_TYPES):
        raise JiraHTTPError(
            400,
            f"The project type key '{', '.join(sorted(types - set(PROJECT_TYPES)))}' is invalid.",
        )
    ids = set(query_list(request, "id") or [])
    keys = {k.upper() for k in query_list(request, "keys") or []}
    category = params.get("categoryId")
    query = params.get("query", "").strip().lower()
    action = params.get("action", "view")
    if action not in ("view", "browse", "edit", "create"):
        raise JiraHTTPError(
            400, f"Invalid action: '{action}'. Valid values: view, browse, edit, create."
        )
    editing = action in ("edit", "create") and not viewer.admin

    def wanted(p: SandboxProject) -> bool:
        return (
            status_of(p) in statuses
            and (not types or p.type_key in types)
            and (not ids or p.id in ids)
            and (not keys or p.key in keys)
            and (category is None or p.category_id == category)
            and (not query or query in p.key.lower() or query in p.name.lower())
            and (not editing or p.lead == viewer.account_id)
        )

    found = [p for p in out.world.projects.values() if wanted(p)]
    found.sort(key=lambda p: p.key)
    if field != "key" or descending:
        found.sort(key=_sort_key(out, field), reverse=descending)
    expand = expand_of(request)
    start = query_int(request, "startAt", 0)
    size = min(query_int(request, "maxResults", 50), SEARCH_MAX)
    return JiraJSONResponse(
        page_bean(
            request,
            found,
            lambda p: project_json(out, p, expand, full=False),
            start_at=start,
            max_results=size,
        )
    )


# -- one project ---------------------------------------------------------------------------


async def get_project(request: Request) -> Response:
    out = out_for(request)
    project = project_of(request)
    viewer = current_user(request)
    touch_recent(out.world, project.key, viewer.account_id, datetime.now(UTC))
    sandbox_of(request).persister.changed()  # a view is saved state, but changes no search
    return JiraJSONResponse(project_json(out, project, expand_of(request), full=True))


async def project_statuses(request: Request) -> Response:
    out = out_for(request, modern=True)
    return JiraJSONResponse(statuses_json(out, project_of(request)))


async def project_hierarchy(request: Request) -> Response:
    out = out_for(request, modern=True)
    return JiraJSONResponse(hierarchy_json(out, project_of(request, "projectId")))


async def notification_scheme(request: Request) -> Response:
    out = out_for(request, modern=True)
    ref = str(request.path_params["projectKeyOrId"])
    project = find(out.world, ref)
    viewer = current_user(request)
    if not viewer.admin and viewer.account_id != project.lead:
        # Cloud answers 404 here, not 403: "the project is not found or the user is not an administrator".
        raise JiraHTTPError(
            404,
            f"No project could be found with key '{ref}', or you are not an administrator of it.",
        )
    return JiraJSONResponse(notification_scheme_json(out, project))


async def components(request: Request) -> Response:
    out = out_for(request)
    project = project_of(request)
    return JiraJSONResponse([component_json(out, project, c) for c in project.components])


async def components_page(request: Request) -> Response:
    out = out_for(request, modern=True)
    project = project_of(request)
    query = request.query_params.get("query", "").lower()
    chosen = [
        c for c in project.components if query in c.name.lower() or query in c.description.lower()
    ]
    return JiraJSONResponse(
        page_bean(
            request,
            chosen,
            lambda c: component_json(out, project, c),
            start_at=query_int(request, "startAt", 0),
            max_results=query_int(request, "maxResults", 50, minimum=1),
        )
    )


async def versions(request: Request) -> Response:
    out = out_for(request)
    project = project_of(request)
    return JiraJSONResponse([version_json(out, project, v) for v in project.versions])


async def versions_page(request: Request) -> Response:
    out = out_for(request, modern=True)
    project = project_of(request)
    query = request.query_params.get("query", "").lower()
    wanted = set(query_list(request, "status") or [])

    def status(v: Any) -> str:
        return "archived" if v.archived else "released" if v.released else "unreleased"

    chosen = [
        v
        for v in project.versions
        if query in v.name.lower() and (not wanted or status(v) in wanted)
    ]
    return JiraJSONResponse(
        page_bean(
            request,
            chosen,
            lambda v: version_json(out, project, v),
            start_at=query_int(request, "startAt", 0),
            max_results=query_int(request, "maxResults", 50, minimum=1),
        )
    )


async def roles(request: Request) -> Response:
    out = out_for(request)
    return JiraJSONResponse(roles_map(project_of(request), out.shape, out.base_url))


async def role(request: Request) -> Response:
    out = out_for(request)
    project = project_of(request)
    role_id = str(request.path_params["id"])
    return JiraJSONResponse(role_json(out.world, project, role_id, out.shape, out.base_url))


# -- categories, types, tasks --------------------------------------------------------------


async def categories(request: Request) -> Response:
    out = out_for(request, modern=True)
    return JiraJSONResponse([category_json(out, c) for c in out.world.categories])


async def category(request: Request) -> Response:
    out = out_for(request, modern=True)
    found = category_json(out, str(request.path_params["id"]))
    if found is None:
        raise JiraHTTPError(
            404, f"No project category with id '{request.path_params['id']}' exists."
        )
    return JiraJSONResponse(found)


async def project_types(request: Request) -> Response:
    out_for(request, modern=True)
    return JiraJSONResponse([project_type_json(k) for k in PROJECT_TYPES])


async def project_type(request: Request) -> Response:
    out_for(request, modern=True)
    key = str(request.path_params["projectTypeKey"])
    if key not in PROJECT_TYPES:
        raise JiraHTTPError(404, f"The project type '{key}' does not exist.")
    return JiraJSONResponse(project_type_json(key))


async def task(request: Request) -> Response:
    out_for(request, modern=True)
    sandbox = sandbox_of(request)
    viewer = current_user(request)
    task_id = str(request.path_params["taskId"])
    found = get_task(sandbox.world, task_id)
    if found is None or (not viewer.admin and found["submitted_by_account"] != viewer.account_id):
        raise JiraHTTPError(404, f"The task with id '{task_id}' does not exist.")
    if advance(sandbox.world, found, datetime.now(UTC)):
        sandbox.mutated()  # a GET that removed a project: search caches must notice
    else:
        sandbox.persister.changed()
    return JiraJSONResponse(task_json(found, sandbox.base_url))


def routes() -> list[BaseRoute]:
    api = "/rest/api/{version}"
    one = f"{api}/project/{{projectIdOrKey}}"
    return [
        Route(f"{api}/project", all_projects, methods=["GET"]),
        Route(f"{api}/project", admin.create_project, methods=["POST"]),
        Route(f"{api}/project/recent", recent_projects, methods=["GET"]),
        Route(f"{api}/project/search", search_projects, methods=["GET"]),
        Route(f"{api}/project/type", project_types, methods=["GET"]),
        Route(f"{api}/project/type/accessible", project_types, methods=["GET"]),
        Route(f"{api}/project/type/{{projectTypeKey}}", project_type, methods=["GET"]),
        Route(f"{api}/project/type/{{projectTypeKey}}/accessible", project_type, methods=["GET"]),
        Route(one, get_project, methods=["GET"]),
        Route(one, admin.update_project, methods=["PUT"]),
        Route(one, admin.delete_project, methods=["DELETE"]),
        Route(f"{one}/archive", admin.archive_project, methods=["POST", "PUT"]),
        Route(f"{one}/delete", admin.delete_project_async, methods=["POST"]),
        Route(f"{one}/restore", admin.restore_project, methods=["POST", "PUT"]),
        Route(f"{one}/statuses", project_statuses, methods=["GET"]),
        Route(f"{api}/project/{{projectId}}/hierarchy", project_hierarchy, methods=["GET"]),
        Route(
            f"{api}/project/{{projectKeyOrId}}/notificationscheme",
            notification_scheme,
            methods=["GET"],
        ),
        Route(f"{one}/components", components, methods=["GET"]),
        Route(f"{one}/component", components_page, methods=["GET"]),
        Route(f"{one}/versions", versions, methods=["GET"]),
        Route(f"{one}/version", versions_page, methods=["GET"]),
        Route(f"{one}/role", roles, methods=["GET"]),
        Route(f"{one}/role/{{id}}", role, methods=["GET"]),
        Route(f"{one}/role/{{id}}", settings.change_role_actors, methods=["POST", "PUT", "DELETE"]),
        Route(f"{api}/projectCategory", categories, methods=["GET"]),
        Route(f"{api}/projectCategory", settings.create_category, methods=["POST"]),
        Route(f"{api}/projectCategory/{{id}}", category, methods=["GET"]),
        Route(f"{api}/projectCategory/{{id}}", settings.change_category, methods=["PUT", "DELETE"]),
        Route(f"{api}/task/{{taskId}}", task, methods=["GET"]),
    ]
