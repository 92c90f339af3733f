"""Comments: `GET`/`POST /issue/{key}/comment`, `GET`/`PUT`/`DELETE /issue/{key}/comment/{id}`
(v2, v3), and the legacy `GET /comment/{id}` of seed 001.

Only the author or an administrator may edit or delete a comment (403 otherwise). Bodies are
ADF on v3 and wiki markup on v2 and legacy; the world stores ADF.
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
    sandbox_of,
)
from tui.sandbox.issue_edit import (
    API,
    ISSUE,
    LEGACY_ONLY,
    MODERN,
    now,
    path_issue,
    record,
    request_out,
    rich_text_in,
)
from tui.sandbox.shapes import Out
from tui.sandbox.shapes.parts import comment_json
from tui.sandbox.world import SandboxComment, SandboxIssue


def _rendered(request: Request) -> bool:
    return "renderedBody" in request.query_params.get("expand", "")


async def list_comments(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    start = query_int(request, "startAt", 0)
    size = min(query_int(request, "maxResults", 5000, minimum=0), 5000)
    order = request.query_params.get("orderBy", "created").strip()
    comments = list(reversed(issue.comments)) if order == "-created" else issue.comments
    page = comments[start : start + size]
    rendered = _rendered(request)
    return JiraJSONResponse({
        "startAt": start,
        "maxResults": size,
        "total": len(issue.comments),
        "comments": [comment_json(out, issue, comment, rendered=rendered) for comment in page],
    })


def _body_adf(out: Out, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "Can not deserialize instance of the comment out of a non-object token.")
    adf = rich_text_in(out.world, body.get("body"), out.shape, "comment")
    if adf is None or not adf["content"]:
        raise JiraHTTPError(400, errors={"comment": "Comment body can not be empty!"})
    return adf


async def add_comment(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    adf = _body_adf(out, await json_body(request))
    when = now()
    comment = SandboxComment(out.world.new_id(), out.viewer.account_id, adf, when, when)
    issue.comments.append(comment)
    record(sandbox_of(request), issue, out.viewer, [])
    return JiraJSONResponse(comment_json(out, issue, comment, rendered=_rendered(request)), status_code=201)


def _find(issue: SandboxIssue, comment_id: str) -> SandboxComment:
    for comment in issue.comments:
        if comment.id == comment_id:
            return comment
    raise JiraHTTPError(404, f"Can not find a comment for the id: {comment_id}.")


def _may_change(out: Out, comment: SandboxComment, verb: str) -> None:
    if comment.author != out.viewer.account_id and not out.viewer.admin:
        raise JiraHTTPError(403, f"You do not have the permission to {verb} this comment.")


async def get_comment(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    comment = _find(issue, str(request.path_params["id"]))
    return JiraJSONResponse(comment_json(out, issue, comment, rendered=_rendered(request)))


async def edit_comment(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    comment = _find(issue, str(request.path_params["id"]))
    _may_change(out, comment, "edit")
    comment.body = _body_adf(out, await json_body(request))
    comment.updated = now()
    record(sandbox_of(request), issue, out.viewer, [])
    return JiraJSONResponse(comment_json(out, issue, comment, rendered=_rendered(request)))


async def delete_comment(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    comment = _find(issue, str(request.path_params["id"]))
    _may_change(out, comment, "delete")
    issue.comments.remove(comment)
    record(sandbox_of(request), issue, out.viewer, [])
    return Response(status_code=204)


async def legacy_comment(request: Request) -> Response:
    """Seed 001's `GET /comment/{id}`; `render` (default true) returns the body as HTML."""
    out = request_out(request, shapes=LEGACY_ONLY)
    comment_id = str(request.path_params["id"])
    for issue in out.world.issues.values():
        for comment in issue.comments:
            if comment.id == comment_id:
                return JiraJSONResponse(comment_json(out, issue, comment, rendered=query_bool(request, "render", True)))
    raise JiraHTTPError(404, f"Can not find a comment for the id: {comment_id}.")


def routes() -> list[BaseRoute]:
    return [
        Route(ISSUE + "/comment", list_comments, methods=["GET"]),
        Route(ISSUE + "/comment", add_comment, methods=["POST"]),
        Route(ISSUE + "/comment/{id}", get_comment, methods=["GET"]),
        Route(ISSUE + "/comment/{id}", edit_comment, methods=["PUT"]),
        Route(ISSUE + "/comment/{id}", delete_comment, methods=["DELETE"]),
        Route(API + "/comment/{id}", legacy_comment, methods=["GET"]),
    ]
