"""Jira's per-issue development detail in the sandbox: `GET /rest/dev-status/latest/issue/detail`
(also `/1.0/`), with Jira's own credentials, `issueId` and `dataType=repository`.

It answers the repositories holding a commit, branch or pull request that carries the issue's
key, each with those of its commits, in the shape Jira's dev-status resource uses
(`{"errors": [], "detail": [{"repositories": [...], "_instance": {...}}]}`). Only
`dataType=repository` is served; an unknown issue id is Jira's 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.devinfo.routes import settle, state_of
from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    current_user,
    error_response,
    sandbox_of,
)

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox
    from tui.sandbox.devinfo.state import StoredRepository

PATHS = ("/rest/dev-status/latest/issue/detail", "/rest/dev-status/1.0/issue/detail")


def _commit(data: dict[str, Any]) -> dict[str, Any]:
    author = data.get("author") or {}
    return {"id": data.get("hash") or data.get("id"), "displayId": data.get("displayId"),
            "message": data.get("message"), "url": data.get("url"),
            "authorTimestamp": data.get("authorTimestamp"), "author": {"name": author.get("name")},
            "fileCount": data.get("fileCount", 0), "merge": "MERGE_COMMIT" in (data.get("flags") or [])}


def _carries(repo: StoredRepository, key: str) -> bool:
    return any(key in stored.data.get("issueKeys", ()) for items in repo.entities.values()
               for stored in items.values())


def repositories_for(sandbox: Sandbox, key: str) -> list[dict[str, Any]]:
    settle(sandbox)
    out = []
    for repo_id, repo in sorted(state_of(sandbox).repositories.items()):
        if not _carries(repo, key):
            continue
        commits = [_commit(s.data) for s in repo.entities["commits"].values() if key in s.data.get("issueKeys", ())]
        out.append({"id": repo_id, "name": repo.data.get("name"), "url": repo.data.get("url"),
                    "avatar": repo.data.get("avatar"), "commits": commits})
    return out


async def issue_detail(request: Request) -> Response:
    sandbox = sandbox_of(request)
    try:
        current_user(request)
        issue_id = request.query_params.get("issueId", "")
        issue = next((i for i in sandbox.world.issues.values() if i.id == issue_id), None)
        if issue is None:
            raise JiraHTTPError(404, "Issue does not exist or you do not have permission to see it.")
        kind = request.query_params.get("dataType", "repository")
        if kind != "repository":
            raise JiraHTTPError(400, f"The sandbox serves dataType=repository only, not {kind!r}.")
    except JiraHTTPError as err:
        return error_response(err)
    instance = {"id": "devinfo", "name": "Development Information", "type": "devinfo",
                "typeName": "Development Information", "baseUrl": sandbox.base_url, "singleInstance": True}
    return JiraJSONResponse({"errors": [], "detail": [{"repositories": repositories_for(sandbox, issue.key),
                                                       "_instance": instance}]})


def routes() -> list[BaseRoute]:
    return [Route(path, issue_detail, methods=["GET"]) for path in PATHS]
