"""Saved filters under `/rest/api/{version}/filter`: favourites, mine, search, get, create, edit.

Every filter is shared with all logged-in users (`sharePermissions: [{"type": "authenticated"}]`);
only its owner (or a site admin) may change or delete it. Creating or editing one checks the
JQL with the sandbox's JQL engine, answering 400 with `errors.jql` as Jira does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

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
    json_body,
    page_bean,
    query_bool,
    query_int,
    sandbox_of,
)
from tui.sandbox.jql import JqlError, compile_jql
from tui.sandbox.shapes.common import api_base, user_json
from tui.sandbox.world import SandboxFilter, SandboxUser

_NOT_AVAILABLE = "The selected filter is not available to you, perhaps it has been deleted or had its permissions changed."


def filter_json(sandbox: Sandbox, found: SandboxFilter, shape: ApiShape, viewer: SandboxUser) -> dict[str, Any]:
    root = sandbox.base_url.rstrip("/")
    owner = sandbox.world.users.get(found.owner)
    body: dict[str, Any] = {
        "self": f"{api_base(root, shape)}/filter/{found.id}",
        "id": found.id,
        "name": found.name,
        "description": found.description,
        "jql": found.jql,
        "viewUrl": f"{root}/issues/?filter={found.id}",
        "searchUrl": f"{api_base(root, shape)}/search?jql={quote(found.jql, safe='')}",
        "favourite": viewer.account_id in found.favourite_of,
        "favouritedCount": len(found.favourite_of),
        "sharePermissions": [{"type": "authenticated"}],
        "editPermissions": [],
    }
    if owner is not None:
        body["owner"] = user_json(owner, shape, base_url=root)
    return body


def _find(sandbox: Sandbox, request: Request) -> SandboxFilter:
    found = sandbox.world.filters.get(str(request.path_params["id"]))
    if found is None:
        raise JiraHTTPError(400, _NOT_AVAILABLE)
    return found


def _respond(request: Request, found: SandboxFilter) -> Response:
    sandbox = sandbox_of(request)
    return JiraJSONResponse(filter_json(sandbox, found, api_shape(request), current_user(request)))


def _check_jql(sandbox: Sandbox, jql: str, viewer: SandboxUser) -> None:
    try:
        compile_jql(jql, sandbox.world, current_user=viewer.account_id, now=datetime.now(UTC))
    except JqlError as exc:
        raise JiraHTTPError(400, errors={"jql": exc.messages[0]}) from exc


async def favourites(request: Request) -> Response:
    sandbox, shape, viewer = sandbox_of(request), api_shape(request), current_user(request)
    return JiraJSONResponse(
        [filter_json(sandbox, f, shape, viewer) for f in sandbox.world.filters.values() if viewer.account_id in f.favourite_of]
    )


async def mine(request: Request) -> Response:
    sandbox, shape, viewer = sandbox_of(request), api_shape(request), current_user(request)
    with_favourites = query_bool(request, "includeFavourites", False)
    return JiraJSONResponse(
        [
            filter_json(sandbox, f, shape, viewer)
            for f in sandbox.world.filters.values()
            if f.owner == viewer.account_id or (with_favourites and viewer.account_id in f.favourite_of)
        ]
    )


_ORDERS = {
    "id": lambda f: int(f.id),
    "name": lambda f: f.name.lower(),
    "description": lambda f: f.description.lower(),
    "owner": lambda f: f.owner,
    "favourite_count": lambda f: len(f.favourite_of),
}


async def search(request: Request) -> Response:
    sandbox, shape, viewer = sandbox_of(request), api_shape(request), current_user(request)
    params = request.query_params
    name = params.get("filterName", "").lower()
    owner = params.get("accountId") or params.get("owner")
    ids = set(params.getlist("id"))
    found = [
        f
        for f in sandbox.world.filters.values()
        if name in f.name.lower() and (not owner or owner == f.owner) and (not ids or f.id in ids)
    ]
    order = params.get("orderBy", "name")
    descending = order.startswith("-")
    key = _ORDERS.get(order.lstrip("+-"))
    if key is None:
        raise JiraHTTPError(400, f"Invalid orderBy value '{order}'.")
    found.sort(key=key, reverse=descending)
    return JiraJSONResponse(
        page_bean(
            request,
            found,
            lambda f: filter_json(sandbox, f, shape, viewer),
            start_at=query_int(request, "startAt", 0),
            max_results=min(query_int(request, "maxResults", 50, minimum=1), 100),
        )
    )


async def get_filter(request: Request) -> Response:
    return _respond(request, _find(sandbox_of(request), request))


def _fields(body: Any) -> tuple[str | None, str | None, str | None]:
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "Expected a JSON object describing the filter.")
    name, jql, description = body.get("name"), body.get("jql"), body.get("description")
    for label, value in (("name", name), ("jql", jql), ("description", description)):
        if value is not None and not isinstance(value, str):
            raise JiraHTTPError(400, errors={label: f"The {label} must be a string."})
    return name, jql, description


def _check_name(sandbox: Sandbox, name: str, owner: str, skip: str | None = None) -> None:
    if not name.strip():
        raise JiraHTTPError(400, errors={"filterName": "You must specify a name for the filter."})
    for other in sandbox.world.filters.values():
        if other.owner == owner and other.name.lower() == name.strip().lower() and other.id != skip:
            raise JiraHTTPError(400, errors={"filterName": "Filter with same name already exists."})


async def create(request: Request) -> Response:
    sandbox, viewer = sandbox_of(request), current_user(request)
    body = await json_body(request)
    name, jql, description = _fields(body)
    _check_name(sandbox, name or "", viewer.account_id)
    _check_jql(sandbox, jql or "", viewer)
    favourite = bool(body.get("favourite", False))
    created = SandboxFilter(
        sandbox.world.new_id(), (name or "").strip(), jql or "", viewer.account_id,
        [viewer.account_id] if favourite else [], description or "",
    )  # fmt: skip
    sandbox.world.filters[created.id] = created
    sandbox.mutated()
    return _respond(request, created)


def _owned(request: Request) -> SandboxFilter:
    sandbox, viewer = sandbox_of(request), current_user(request)
    found = _find(sandbox, request)
    if found.owner != viewer.account_id and not viewer.admin:
        raise JiraHTTPError(400, "You must be the owner of this filter to change it.")
    return found


async def update(request: Request) -> Response:
    sandbox, viewer = sandbox_of(request), current_user(request)
    found = _owned(request)
    name, jql, description = _fields(await json_body(request))
    if name is not None:
        _check_name(sandbox, name, found.owner, skip=found.id)
        found.name = name.strip()
    if jql is not None:
        _check_jql(sandbox, jql, viewer)
        found.jql = jql
    if description is not None:
        found.description = description
    sandbox.mutated()
    return _respond(request, found)


async def delete(request: Request) -> Response:
    sandbox = sandbox_of(request)
    found = _owned(request)
    del sandbox.world.filters[found.id]
    sandbox.mutated()
    return Response(status_code=204)


async def favourite(request: Request) -> Response:
    sandbox, viewer = sandbox_of(request), current_user(request)
    found = _find(sandbox, request)
    if request.method == "PUT" and viewer.account_id not in found.favourite_of:
        found.favourite_of.append(viewer.account_id)
    elif request.method == "DELETE" and viewer.account_id in found.favourite_of:
        found.favourite_of.remove(viewer.account_id)
    sandbox.mutated()
    return _respond(request, found)


def routes() -> list[BaseRoute]:
    api = "/rest/api/{version}"
    return [
        Route(f"{api}/filter", create, methods=["POST"]),
        Route(f"{api}/filter/favourite", favourites, methods=["GET"]),
        Route(f"{api}/filter/my", mine, methods=["GET"]),
        Route(f"{api}/filter/search", search, methods=["GET"]),
        Route(f"{api}/filter/{{id}}", get_filter, methods=["GET"]),
        Route(f"{api}/filter/{{id}}", update, methods=["PUT"]),
        Route(f"{api}/filter/{{id}}", delete, methods=["DELETE"]),
        Route(f"{api}/filter/{{id}}/favourite", favourite, methods=["PUT", "DELETE"]),
    ]
