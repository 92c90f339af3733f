"""Users under `/rest/api/{version}/`: get one, search, assignable search, the picker, bulk.

v3 names users by `accountId`; v2 and 2.0.alpha1 by `username` (and `key`). Every shape here
also accepts the other spelling, so a user is resolvable both ways. Searches match the query
against the username, the display name and the email, case-insensitively; `.` on v2 lists
everyone, as on Data Center.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.app import Sandbox
from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    api_shape,
    page_bean,
    query_bool,
    query_int,
    query_list,
    sandbox_of,
)
from tui.sandbox.shapes.common import avatar_urls, user_json
from tui.sandbox.world import SandboxUser, World


def find_user(world: World, *, account_id: str | None = None, username: str | None = None) -> SandboxUser | None:
    if account_id:
        found = world.users.get(account_id)
        if found is not None:
            return found
    if username:
        wanted = username.lower()
        for user in world.users.values():
            if user.name.lower() == wanted:
                return user
    return None


def _matches(user: SandboxUser, query: str) -> bool:
    if query in ("", "."):
        return True
    q = query.lower()
    return q in user.name.lower() or q in user.display_name.lower() or q in user.email.lower() or q == user.account_id


def _search(world: World, query: str, *, active: bool = True, inactive: bool = False) -> list[SandboxUser]:
    return [
        user
        for user in world.users.values()
        if ((user.active and active) or (not user.active and inactive)) and _matches(user, query)
    ]


def _page(request: Request, users: list[SandboxUser], default_max: int = 50) -> list[SandboxUser]:
    start = query_int(request, "startAt", 0)
    size = min(query_int(request, "maxResults", default_max, minimum=1), 1000)
    return users[start : start + size]


def _json_list(sandbox: Sandbox, request: Request, users: Iterable[SandboxUser]) -> Response:
    shape = api_shape(request)
    return JiraJSONResponse([user_json(u, shape, base_url=sandbox.base_url) for u in users])


async def get_user(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    params = request.query_params
    account_id = params.get("accountId")
    username = params.get("username") or params.get("key")
    if not account_id and not username:
        wanted = "accountId" if shape == "3" else "username"
        raise JiraHTTPError(400, f"The '{wanted}' query parameter needs to be provided.")
    user = find_user(sandbox.world, account_id=account_id, username=username)
    if user is None:
        if account_id:
            raise JiraHTTPError(404, f"The user with account ID '{account_id}' does not exist.")
        raise JiraHTTPError(404, f"The user named '{username}' does not exist.")
    return JiraJSONResponse(user_json(user, shape, base_url=sandbox.base_url))


async def search_users(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    params = request.query_params
    if shape == "3":
        query = params.get("query")
        account_id = params.get("accountId")
        if query is None and not account_id and "property" not in params:
            raise JiraHTTPError(400, "One of 'query' or 'accountId' or 'property' query parameters must be provided.")
        if account_id:
            found = find_user(sandbox.world, account_id=account_id)
            return _json_list(sandbox, request, [found] if found else [])
        return _json_list(sandbox, request, _page(request, _search(sandbox.world, query or "")))
    username = params.get("username")
    if username is None:
        raise JiraHTTPError(400, "The username query parameter was not provided")
    users = _search(
        sandbox.world,
        username,
        active=query_bool(request, "includeActive", True),
        inactive=query_bool(request, "includeInactive", False),
    )
    return _json_list(sandbox, request, _page(request, users))


async def all_users(request: Request) -> Response:
    sandbox = sandbox_of(request)
    return _json_list(sandbox, request, _page(request, list(sandbox.world.users.values())))


async def assignable(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    world = sandbox.world
    params = request.query_params
    project_key = params.get("project")
    issue_key = params.get("issueKey")
    issue_id = params.get("issueId")
    if issue_key or issue_id:
        issue = world.issues.get(issue_key or "")
        if issue is None and issue_id:
            issue = next((i for i in world.issues.values() if i.id == issue_id), None)
        if issue is None:
            raise JiraHTTPError(404, f"Issue Does Not Exist: {issue_key or issue_id}")
    elif project_key:
        project = world.projects.get(project_key.upper()) or next(
            (p for p in world.projects.values() if p.id == project_key), None
        )
        if project is None or project.deleted:
            raise JiraHTTPError(404, f"No project could be found with key '{project_key}'.")
    else:
        raise JiraHTTPError(400, "The issue key or project key or issue ID must be specified.")
    account_id = params.get("accountId")
    if account_id:
        found = find_user(world, account_id=account_id)
        return _json_list(sandbox, request, [found] if found and found.active else [])
    query = params.get("query") if shape == "3" else params.get("username", params.get("query"))
    return _json_list(sandbox, request, _page(request, _search(world, query or "")))


def _highlight(value: str, query: str) -> str:
    at = value.lower().find(query.lower()) if query else -1
    if at < 0:
        return escape(value)
    end = at + len(query)
    return f"{escape(value[:at])}<strong>{escape(value[at:end])}</strong>{escape(value[end:])}"


async def picker(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    params = request.query_params
    query = params.get("query")
    if query is None:
        raise JiraHTTPError(400, "The 'query' query parameter needs to be provided.")
    excluded = set(query_list(request, "exclude") or []) | set(query_list(request, "excludeAccountIds") or [])
    found = [u for u in _search(sandbox.world, query) if u.account_id not in excluded and u.name not in excluded]
    shown = found[: min(query_int(request, "maxResults", 50, minimum=1), 1000)]
    users = []
    for user in shown:
        entry: dict[str, object] = {
            "html": f"{_highlight(user.display_name, query)} - {_highlight(user.email, query)}",
            "displayName": user.display_name,
            "avatarUrl": avatar_urls(sandbox.base_url, user.account_id if shape == "3" else user.name)["16x16"],
        }
        if shape == "3":
            entry.update(accountId=user.account_id, accountType="atlassian")
        else:
            entry.update(name=user.name, key=user.name)
        users.append(entry)
    return JiraJSONResponse(
        {"users": users, "total": len(found), "header": f"Showing {len(shown)} of {len(found)} matching users"}
    )


async def bulk(request: Request) -> Response:
    sandbox, shape = sandbox_of(request), api_shape(request)
    world = sandbox.world
    wanted_ids = request.query_params.getlist("accountId")
    wanted_names = request.query_params.getlist("username") + request.query_params.getlist("key")
    if not wanted_ids and not wanted_names:
        raise JiraHTTPError(400, "The 'accountId' query parameter needs to be provided.")
    users = [u for u in (find_user(world, account_id=a) for a in wanted_ids) if u is not None]
    users += [u for u in (find_user(world, username=n) for n in wanted_names) if u is not None]
    return JiraJSONResponse(
        page_bean(
            request,
            users,
            lambda u: user_json(u, shape, base_url=sandbox.base_url),
            start_at=query_int(request, "startAt", 0),
            max_results=min(query_int(request, "maxResults", 10, minimum=1), 200),
        )
    )


def routes() -> list[BaseRoute]:
    api = "/rest/api/{version}"
    return [
        Route(f"{api}/user", get_user, methods=["GET"]),
        Route(f"{api}/user/search", search_users, methods=["GET"]),
        Route(f"{api}/user/assignable/search", assignable, methods=["GET"]),
        Route(f"{api}/user/picker", picker, methods=["GET"]),
        Route(f"{api}/user/bulk", bulk, methods=["GET"]),
        Route(f"{api}/users/search", all_users, methods=["GET"]),
        Route(f"{api}/users", all_users, methods=["GET"]),
    ]
