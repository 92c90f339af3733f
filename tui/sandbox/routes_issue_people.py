"""Who is on an issue: watchers and votes (`GET`/`POST`/`DELETE`, all three shapes) and the
assignee (`PUT /issue/{key}/assignee`, v2 and v3).

Watchers: the POST body is a JSON string, an accountId on v3 and a username (or accountId) on
v2 and legacy; an empty body adds the caller. Only administrators manage other people's watching
(403 otherwise), as Jira's default "Manage Watchers" permission has it. Votes: you cannot vote on
an issue you reported (404, as the Data Center contract documents); unvoting without a vote 404s.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, json_body, sandbox_of
from tui.sandbox.issue_edit import (
    ISSUE,
    MODERN,
    UNSET,
    path_issue,
    record,
    request_out,
    user_from,
    user_label,
)
from tui.sandbox.shapes import Out
from tui.sandbox.shapes.parts import votes_json, watchers_json
from tui.sandbox.world import ChangelogItem, SandboxUser


async def get_watchers(request: Request) -> Response:
    out = request_out(request)
    return JiraJSONResponse(watchers_json(out, path_issue(request), with_watchers=True))


def _watcher(out: Out, ident: Any) -> SandboxUser:
    user = user_from(out.world, ident, out.shape) if ident not in (None, "") else out.viewer
    if not isinstance(user, SandboxUser):
        raise JiraHTTPError(404, f"The user \"{ident}\" does not exist.")
    if user.account_id != out.viewer.account_id and not out.viewer.admin:
        raise JiraHTTPError(403, "You do not have the permission to manage the watcher list.")
    return user


async def add_watcher(request: Request) -> Response:
    out = request_out(request)
    issue = path_issue(request)
    raw = (await request.body()).strip()
    ident: Any = None
    if raw:
        try:
            ident = json.loads(raw)
        except ValueError:
            ident = raw.decode("utf-8", "replace")  # seed 002's plugin posts the bare name
        if not isinstance(ident, str):
            raise JiraHTTPError(400, "The request body must be a JSON string: the user to add.")
    user = _watcher(out, ident)
    if user.account_id not in issue.watchers:
        issue.watchers.append(user.account_id)
        sandbox_of(request).mutated()
    return Response(status_code=204)


async def remove_watcher(request: Request) -> Response:
    out = request_out(request)
    issue = path_issue(request)
    ident = request.query_params.get("accountId") or request.query_params.get("username")
    if not ident:
        raise JiraHTTPError(400, "accountId is required." if out.v3 else "username is required.")
    user = _watcher(out, ident)
    if user.account_id in issue.watchers:
        issue.watchers.remove(user.account_id)
        sandbox_of(request).mutated()
    return Response(status_code=204)


async def get_votes(request: Request) -> Response:
    out = request_out(request)
    return JiraJSONResponse(votes_json(out, path_issue(request), with_voters=True))


async def add_vote(request: Request) -> Response:
    out = request_out(request)
    issue = path_issue(request)
    if issue.reporter == out.viewer.account_id:
        raise JiraHTTPError(404, "You cannot vote for an issue you have reported.")
    if out.viewer.account_id not in issue.voters:
        issue.voters.append(out.viewer.account_id)
        sandbox_of(request).mutated()
    # Data Center 10.3's contract answers 200 here; Cloud and seed 001 answer 204 No Content.
    return Response(status_code=200 if out.shape == "2" else 204)


async def remove_vote(request: Request) -> Response:
    out = request_out(request)
    issue = path_issue(request)
    if out.viewer.account_id not in issue.voters:
        raise JiraHTTPError(404, "You have not voted for this issue.")
    issue.voters.remove(out.viewer.account_id)
    sandbox_of(request).mutated()
    return Response(status_code=204)


async def assign(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    world = out.world
    issue = path_issue(request)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "The body must be an object with 'accountId' or 'name'.")
    keys = [key for key in ("accountId", "name", "key") if key in body]
    if not keys:
        raise JiraHTTPError(400, errors={"assignee": "One of accountId, name or key is required."})
    ident = body[keys[0]]
    account: str | None
    if ident == "-1":
        project = world.projects.get(issue.project_key)
        account = project.lead if project is not None and project.assignee_type == "PROJECT_LEAD" else None
    else:
        user = user_from(world, {keys[0]: ident} if keys[0] != "key" else {"name": ident}, out.shape)
        if user is UNSET:
            raise JiraHTTPError(400, errors={"assignee": f"User '{ident}' does not exist."})
        if isinstance(user, SandboxUser) and not user.active:
            raise JiraHTTPError(400, errors={"assignee": f"User '{user.display_name}' cannot be assigned issues."})
        account = user.account_id if isinstance(user, SandboxUser) else None
    items = []
    if account != issue.assignee:
        items.append(ChangelogItem("assignee", user_label(world, issue.assignee), user_label(world, account), issue.assignee, account))
        issue.assignee = account
    record(sandbox_of(request), issue, out.viewer, items)
    return Response(status_code=204)


def routes() -> list[BaseRoute]:
    return [
        Route(ISSUE + "/watchers", get_watchers, methods=["GET"]),
        Route(ISSUE + "/watchers", add_watcher, methods=["POST"]),
        Route(ISSUE + "/watchers", remove_watcher, methods=["DELETE"]),
        Route(ISSUE + "/votes", get_votes, methods=["GET"]),
        Route(ISSUE + "/votes", add_vote, methods=["POST"]),
        Route(ISSUE + "/votes", remove_vote, methods=["DELETE"]),
        Route(ISSUE + "/assignee", assign, methods=["PUT"]),
    ]
