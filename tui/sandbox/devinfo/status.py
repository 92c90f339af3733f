"""Jira's per-issue development information in the sandbox, the dev-status resource Jira's own
development panel reads (undocumented upstream; shapes as public clients of it show them), with
Jira's own credentials and an `issueId` (an unknown one is Jira's 404):

- `GET /rest/dev-status/latest/issue/summary?issueId=ID` (also `/1.0/`): per data type
  (`repository` counting commits, `branch`, `pullrequest`) the `overall` count and
  `byInstanceType`, the application types holding data that carries the issue's key:
  `{"errors": [], "configErrors": [], "summary": {"repository": {"overall": {...},
  "byInstanceType": {"stash": {"count", "name"}}}, ...}}`.
- `GET /rest/dev-status/latest/issue/detail?issueId=ID&applicationType=T&dataType=D`: one
  `detail` entry per application type (only `T` when given; none for a type without
  repositories), each `{"repositories": [...], "_instance": {"type": T, ...}}`, with
  `branches` for `dataType=branch` and `pullRequests` (and `branches`) for `pullrequest`;
  repositories carry their commits carrying the key. Another `dataType` is 400.

`config.extra["dev_status"] = False` makes a Jira without the resource (no Jira Software): both
paths answer 404, as an unknown REST path does.

A repository's application type follows its URL's host (the sandbox's choice: github.com
`github`, bitbucket.org `bitbucket`, gitlab.com `gitlab`, anything else `stash`, Bitbucket Server).
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

DETAIL_PATHS = ("/rest/dev-status/latest/issue/detail", "/rest/dev-status/1.0/issue/detail")
SUMMARY_PATHS = ("/rest/dev-status/latest/issue/summary", "/rest/dev-status/1.0/issue/summary")
# the summary's data types, and the stored entity kind each counts
DATA_TYPES = {"repository": "commits", "branch": "branches", "pullrequest": "pullRequests"}
HOSTS = {"github.com": ("github", "GitHub"), "bitbucket.org": ("bitbucket", "Bitbucket Cloud"),
         "gitlab.com": ("gitlab", "GitLab")}
STASH = ("stash", "Bitbucket Server")


def application_type(repo: StoredRepository) -> tuple[str, str]:
    """(applicationType, its name) of a stored repository, by its URL's host."""
    url = str(repo.data.get("url") or "")
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return HOSTS.get(host.removeprefix("www."), STASH)


def _carrying(repo: StoredRepository, kind: str, key: str) -> list[dict[str, Any]]:
    return [s.data for s in repo.entities[kind].values() if key in s.data.get("issueKeys", ())]


def _commit(data: dict[str, Any]) -> dict[str, Any]:
    author = data.get("author") or {}
    return {"id": data.get("hash") or data.get("id"), "displayId": data.get("displayId"),
            "message": data.get("message"), "url": data.get("url"),
            "authorTimestamp": data.get("authorTimestamp"), "author": {"name": author.get("name")},
            "fileCount": data.get("fileCount", 0), "merge": "MERGE_COMMIT" in (data.get("flags") or [])}


def _repository(repo_id: str, repo: StoredRepository, key: str) -> dict[str, Any]:
    return {"id": repo_id, "name": repo.data.get("name"), "url": repo.data.get("url"),
            "avatar": repo.data.get("avatar"),
            "commits": [_commit(c) for c in _carrying(repo, "commits", key)]}


def _branch(repo_id: str, repo: StoredRepository, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": data.get("name"), "url": data.get("url"), "createPullRequestUrl": data.get("createPullRequestUrl"),
            "repository": {"id": repo_id, "name": repo.data.get("name"), "url": repo.data.get("url")},
            "lastCommit": _commit(data.get("lastCommit") or {})}


def _pull_request(repo_id: str, repo: StoredRepository, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": data.get("displayId") or data.get("id"), "name": data.get("title"), "status": data.get("status"),
            "url": data.get("url"), "author": {"name": (data.get("author") or {}).get("name")},
            "source": {"branch": data.get("sourceBranch"), "url": data.get("sourceBranchUrl")},
            "destination": {"branch": data.get("destinationBranch"), "url": data.get("destinationBranchUrl")},
            "lastUpdate": data.get("lastUpdate"), "commentCount": data.get("commentCount", 0),
            "reviewers": [{"name": r.get("name"), "approved": r.get("approvalStatus") == "APPROVED"}
                          for r in data.get("reviewers") or []],
            "repositoryId": repo_id, "repositoryName": repo.data.get("name"), "repositoryUrl": repo.data.get("url")}


def _issue_key(request: Request) -> str:
    """The key of the issue `issueId` names, after Jira's credentials are checked."""
    sandbox = sandbox_of(request)
    if sandbox.config.extra.get("dev_status") is False:
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    current_user(request)
    issue_id = request.query_params.get("issueId", "")
    issue = next((i for i in sandbox.world.issues.values() if i.id == issue_id), None)
    if issue is None:
        raise JiraHTTPError(404, "Issue does not exist or you do not have permission to see it.")
    return issue.key


async def issue_summary(request: Request) -> Response:
    sandbox = sandbox_of(request)
    try:
        key = _issue_key(request)
    except JiraHTTPError as err:
        return error_response(err)
    settle(sandbox)
    summary: dict[str, Any] = {}
    for data_type, kind in DATA_TYPES.items():
        by_type: dict[str, dict[str, Any]] = {}
        for repo in state_of(sandbox).repositories.values():
            count = len(_carrying(repo, kind, key))
            if count:
                app_type, name = application_type(repo)
                by_type.setdefault(app_type, {"count": 0, "name": name})["count"] += count
        overall = {"count": sum(t["count"] for t in by_type.values()), "dataType": data_type}
        summary[data_type] = {"overall": overall, "byInstanceType": by_type}
    return JiraJSONResponse({"errors": [], "configErrors": [], "summary": summary})


async def issue_detail(request: Request) -> Response:
    sandbox = sandbox_of(request)
    try:
        key = _issue_key(request)
        data_type = request.query_params.get("dataType", "repository")
        if data_type not in DATA_TYPES:
            raise JiraHTTPError(400, f"dataType must be one of {', '.join(DATA_TYPES)}, not {data_type!r}.")
    except JiraHTTPError as err:
        return error_response(err)
    settle(sandbox)
    wanted = request.query_params.get("applicationType")
    entries: dict[str, dict[str, Any]] = {}
    for repo_id, repo in sorted(state_of(sandbox).repositories.items()):
        app_type, name = application_type(repo)
        if wanted is not None and wanted != app_type:
            continue
        entry = entries.setdefault(app_type, _entry(sandbox, app_type, name, data_type))
        branches = [_branch(repo_id, repo, b) for b in _carrying(repo, "branches", key)]
        pulls = [_pull_request(repo_id, repo, p) for p in _carrying(repo, "pullRequests", key)]
        if not (branches or pulls or _carrying(repo, "commits", key)):
            continue
        entry["repositories"].append(_repository(repo_id, repo, key))
        if data_type != "repository":
            entry["branches"].extend(branches)
        if data_type == "pullrequest":
            entry["pullRequests"].extend(pulls)
    return JiraJSONResponse({"errors": [], "detail": list(entries.values())})


def _entry(sandbox: Sandbox, app_type: str, name: str, data_type: str) -> dict[str, Any]:
    instance = {"id": app_type, "name": name, "type": app_type, "typeName": name, "baseUrl": sandbox.base_url,
                "singleInstance": True}
    entry: dict[str, Any] = {"repositories": [], "_instance": instance}
    if data_type != "repository":
        entry["branches"] = []
    if data_type == "pullrequest":
        entry["pullRequests"] = []
    return entry


def routes() -> list[BaseRoute]:
    return [*(Route(path, issue_detail, methods=["GET"]) for path in DETAIL_PATHS),
            *(Route(path, issue_summary, methods=["GET"]) for path in SUMMARY_PATHS)]
