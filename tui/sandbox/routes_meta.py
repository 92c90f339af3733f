"""Site-wide metadata under `/rest/api/{version}/`: who the server is, who I am, the catalogues.

serverInfo (anonymous, and the way a client tells the shapes apart: v3 answers Cloud, v2 and
`latest` answer Data Center 10.3, 2.0.alpha1 answers JIRA 4.2), myself (not in the 4.2 API:
there the session resource says who you are), priority, status, statuscategory, resolution,
issuetype, field, label and issueLinkType. The catalogue objects come from
`tui.sandbox.shapes.common`, so they look the same here as inside an issue.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.app import Sandbox
from tui.sandbox.http import (
    ApiShape,
    JiraHTTPError,
    JiraJSONResponse,
    api_shape,
    current_user,
    page_bean,
    query_int,
    sandbox_of,
)
from tui.sandbox.shapes import FIELDS, FieldDef, link_type_json, make_out
from tui.sandbox.shapes.common import (
    issuetype_json,
    jira_time,
    priority_json,
    resolution_json,
    status_category_json,
    status_json,
    user_json,
)
from tui.sandbox.shapes.meta import CREATABLE, EDITABLE

_PRIORITY_COLOURS = {"1": "#d04437", "2": "#f15c75", "3": "#f79232", "4": "#707070", "5": "#999999"}
_CATEGORY_KEYS = {"undefined": 1, "new": 2, "done": 3, "indeterminate": 4}
_BUILD_DATE = datetime(2026, 10, 1, tzinfo=UTC)

# JQL clause names where they differ from the field id.
_CLAUSES: dict[str, list[str]] = {
    "issuetype": ["issuetype", "type"],
    "components": ["component"],
    "fixVersions": ["fixVersion"],
    "versions": ["affectedVersion"],
    "resolutiondate": ["resolved", "resolutiondate"],
    "duedate": ["due", "duedate"],
    "created": ["created", "createdDate"],
    "updated": ["updated", "updatedDate"],
    "issuelinks": ["issueLink"],
    "watches": ["watchers"],
    "attachment": ["attachments"],
    "timeoriginalestimate": ["originalEstimate"],
    "timeestimate": ["remainingEstimate"],
    "timespent": ["timeSpent"],
}
_NOT_SEARCHABLE = frozenset({"subtasks", "aggregatetimespent", "timetracking", "worklog"})

def _root(sandbox: Sandbox) -> str:
    return sandbox.base_url.rstrip("/")


def server_info_json(sandbox: Sandbox, shape: ApiShape) -> dict[str, Any]:
    # Cloud's contract types the times as RFC 3339 `date-time` (a colon in the offset);
    # Data Center and 4.2 keep Jira's own `+0000`.
    stamp = (lambda t: t.isoformat(timespec="milliseconds")) if shape == "3" else jira_time
    common = {
        "baseUrl": _root(sandbox),
        "buildDate": stamp(_BUILD_DATE),
        "serverTime": stamp(datetime.now(UTC)),
        "scmInfo": "8f3c2b1e",
    }
    if shape == "3":
        return {
            **common,
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100300,
            "serverTitle": "Jira",
        }
    if shape == "2":
        return {
            **common,
            "version": "10.3.0",
            "versionNumbers": [10, 3, 0],
            "deploymentType": "DataCenter",
            "buildNumber": 10030000,
            "databaseBuildNumber": 10030000,
            "serverTitle": "jiradash sandbox",
        }
    return {**common, "version": "4.2", "buildNumber": 582, "serverTitle": "jiradash sandbox"}


async def server_info(request: Request) -> Response:
    return JiraJSONResponse(server_info_json(sandbox_of(request), api_shape(request)))


async def myself(request: Request) -> Response:
    shape = api_shape(request)
    if shape == "2.0.alpha1":
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    sandbox = sandbox_of(request)
    user = current_user(request)
    body = user_json(user, shape, base_url=sandbox.base_url)
    groups = ["jira-software-users"] + (["jira-administrators", "site-admins"] if user.admin else [])
    body["locale"] = "en_US"
    body["groups"] = {"size": len(groups), "items": []}
    body["applicationRoles"] = {"size": 1, "items": []}
    body["expand"] = "groups,applicationRoles"
    return JiraJSONResponse(body)


def _priority(sandbox: Sandbox, shape: ApiShape, priority_id: str) -> dict[str, Any]:
    priority = sandbox.world.priorities[priority_id]
    body = priority_json(priority, shape, base_url=sandbox.base_url)
    if shape != "2.0.alpha1":
        body["description"] = priority.description
        body["statusColor"] = _PRIORITY_COLOURS.get(priority.id, "#707070")
    if shape == "3":
        body["isDefault"] = priority.id == "3"
    return body


async def priorities(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    return JiraJSONResponse([_priority(sandbox, shape, pid) for pid in sandbox.world.priorities])


async def priority_search(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    wanted = request.query_params.getlist("id")
    name = request.query_params.get("priorityName", "").lower()
    ids = [p.id for p in sandbox.world.priorities.values() if (not wanted or p.id in wanted) and name in p.name.lower()]
    return JiraJSONResponse(
        page_bean(
            request,
            ids,
            lambda pid: _priority(sandbox, shape, pid),
            start_at=query_int(request, "startAt", 0),
            max_results=min(query_int(request, "maxResults", 50, minimum=1), 1000),
        )
    )


async def priority(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    pid = request.path_params["id"]
    if pid not in sandbox.world.priorities:
        raise JiraHTTPError(404, f"The priority with ID '{pid}' does not exist.")
    return JiraJSONResponse(_priority(sandbox, shape, pid))


async def statuses(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    return JiraJSONResponse([status_json(s, shape, base_url=sandbox.base_url) for s in sandbox.world.statuses.values()])


async def status(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    wanted = request.path_params["id_or_name"]
    for found in sandbox.world.statuses.values():
        if wanted in (found.id, found.name) or wanted.lower() == found.name.lower():
            return JiraJSONResponse(status_json(found, shape, base_url=sandbox.base_url))
    raise JiraHTTPError(404, f"The status with ID or name '{wanted}' does not exist.")


async def status_categories(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    return JiraJSONResponse([status_category_json(key, shape, base_url=sandbox.base_url) for key in _CATEGORY_KEYS])


async def status_category(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    wanted = request.path_params["id_or_key"]
    for key, number in _CATEGORY_KEYS.items():
        if wanted in (key, str(number)):
            return JiraJSONResponse(status_category_json(key, shape, base_url=sandbox.base_url))
    raise JiraHTTPError(404, f"The status category with ID or key '{wanted}' does not exist.")


def _resolution(sandbox: Sandbox, shape: ApiShape, rid: str, *, page: bool = False) -> dict[str, Any]:
    body = resolution_json(sandbox.world.resolutions[rid], shape, base_url=sandbox.base_url)
    if page:
        body["default"] = rid == "10000"
    return body


async def resolutions(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    return JiraJSONResponse([_resolution(sandbox, shape, rid) for rid in sandbox.world.resolutions])


async def resolution_search(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    wanted = request.query_params.getlist("id")
    ids = [rid for rid in sandbox.world.resolutions if not wanted or rid in wanted]
    return JiraJSONResponse(
        page_bean(
            request,
            ids,
            lambda rid: _resolution(sandbox, shape, rid, page=True),
            start_at=query_int(request, "startAt", 0),
            max_results=min(query_int(request, "maxResults", 50, minimum=1), 1000),
        )
    )


async def resolution(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    rid = request.path_params["id"]
    if rid not in sandbox.world.resolutions:
        raise JiraHTTPError(404, f"The resolution with ID '{rid}' does not exist.")
    return JiraJSONResponse(_resolution(sandbox, shape, rid))


async def issue_types(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    return JiraJSONResponse([issuetype_json(t, shape, base_url=sandbox.base_url) for t in sandbox.world.issue_types.values()])


async def issue_types_for_project(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    project_id = request.query_params.get("projectId", "")
    project = next((p for p in sandbox.world.projects.values() if p.id == project_id and not p.deleted), None)
    if project is None:
        raise JiraHTTPError(404, f"No project could be found with id '{project_id}'.")
    level = request.query_params.get("level")
    types = [sandbox.world.issue_types[tid] for tid in project.issue_type_ids]
    if level is not None:
        types = [t for t in types if str(t.hierarchy_level) == level]
    return JiraJSONResponse([issuetype_json(t, shape, base_url=sandbox.base_url) for t in types])


async def issue_type(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    found = sandbox.world.issue_types.get(request.path_params["id"])
    if found is None:
        raise JiraHTTPError(404, "The issue type with the specified ID does not exist.")
    return JiraJSONResponse(issuetype_json(found, shape, base_url=sandbox.base_url))


def field_json(field: FieldDef, shape: ApiShape) -> dict[str, Any]:
    return {
        "id": field.id,
        "key": field.id,
        "name": field.display_name(shape),
        "custom": False,
        "orderable": field.id in EDITABLE or field.id in CREATABLE,
        "navigable": field.navigable,
        "searchable": field.id not in _NOT_SEARCHABLE,
        "clauseNames": _CLAUSES.get(field.id, [field.id]),
        "schema": field.schema(),
    }


async def fields(request: Request) -> Response:
    shape = api_shape(request)
    return JiraJSONResponse([field_json(f, shape) for f in FIELDS])


def _labels(sandbox: Sandbox) -> list[str]:
    """Every label in use, sorted; cached per world version."""
    cache: tuple[int, list[str]] | None = sandbox.runtime.get("labels")
    if cache is None or cache[0] != sandbox.world.version:
        labels = sorted({label for issue in sandbox.world.issues.values() for label in issue.labels})
        cache = (sandbox.world.version, labels)
        sandbox.runtime["labels"] = cache
    return cache[1]


async def labels(request: Request) -> Response:
    api_shape(request)
    sandbox = sandbox_of(request)
    return JiraJSONResponse(
        page_bean(
            request,
            _labels(sandbox),
            str,
            start_at=query_int(request, "startAt", 0),
            max_results=min(query_int(request, "maxResults", 1000, minimum=1), 1000),
        )
    )


async def link_types(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    out = make_out(sandbox, shape, current_user(request))
    return JiraJSONResponse({"issueLinkTypes": [link_type_json(out, t) for t in sandbox.world.link_types.values()]})


async def link_type(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    found = sandbox.world.link_types.get(request.path_params["id"])
    if found is None:
        raise JiraHTTPError(404, f"No issue link type with id '{request.path_params['id']}' found.")
    return JiraJSONResponse(link_type_json(make_out(sandbox, shape, current_user(request)), found))


def routes() -> list[BaseRoute]:
    api = "/rest/api/{version}"
    return [
        Route(f"{api}/serverInfo", server_info, methods=["GET"]),
        Route(f"{api}/myself", myself, methods=["GET"]),
        Route(f"{api}/priority", priorities, methods=["GET"]),
        Route(f"{api}/priority/search", priority_search, methods=["GET"]),
        Route(f"{api}/priority/{{id}}", priority, methods=["GET"]),
        Route(f"{api}/status", statuses, methods=["GET"]),
        Route(f"{api}/status/{{id_or_name}}", status, methods=["GET"]),
        Route(f"{api}/statuscategory", status_categories, methods=["GET"]),
        Route(f"{api}/statuscategory/{{id_or_key}}", status_category, methods=["GET"]),
        Route(f"{api}/resolution", resolutions, methods=["GET"]),
        Route(f"{api}/resolution/search", resolution_search, methods=["GET"]),
        Route(f"{api}/resolution/{{id}}", resolution, methods=["GET"]),
        Route(f"{api}/issuetype", issue_types, methods=["GET"]),
        Route(f"{api}/issuetype/project", issue_types_for_project, methods=["GET"]),
        Route(f"{api}/issuetype/{{id}}", issue_type, methods=["GET"]),
        Route(f"{api}/field", fields, methods=["GET"]),
        Route(f"{api}/label", labels, methods=["GET"]),
        Route(f"{api}/issueLinkType", link_types, methods=["GET"]),
        Route(f"{api}/issueLinkType/{{id}}", link_type, methods=["GET"]),
    ]
