"""Issue links and attachment metadata: `POST /issueLink`, `GET`/`DELETE /issueLink/{id}`
(v2, v3; seed 001's `{"linkType","fromIssueKey","toIssueKey"}` body on 2.0.alpha1), and
`GET /attachment/{id}`, `GET /attachment/meta`.

Jira's naming for a link "A blocks B": the request's `inwardIssue` is A (the source, which the
type's `outward` phrase describes) and `outwardIssue` is B; the world stores A as `outward_key`.
A duplicate request answers 201 and creates nothing, as the Cloud contract says.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, json_body, sandbox_of
from tui.sandbox.issue_edit import API, MODERN, find_issue, now, record, request_out, rich_text_in
from tui.sandbox.issue_index import attachment_owner
from tui.sandbox.shapes import Out
from tui.sandbox.shapes.parts import attachment_json, issue_link_json
from tui.sandbox.world import ChangelogItem, LinkTypeDef, SandboxComment, SandboxIssue, SandboxLink


def _link_type(out: Out, ref: Any) -> LinkTypeDef:
    ref = ref if isinstance(ref, dict) else {"name": ref}
    for link_type in out.world.link_types.values():
        if link_type.id == str(ref.get("id")) or (ref.get("name") is not None and link_type.name.lower() == str(ref["name"]).lower()):
            return link_type
    name = ref.get("name", ref.get("id"))
    raise JiraHTTPError(404, f"No issue link type with name '{name}' found.")


def _issue_ref(out: Out, ref: Any, field: str) -> SandboxIssue:
    ident = (ref.get("key") or ref.get("id")) if isinstance(ref, dict) else ref
    if not ident:
        raise JiraHTTPError(400, errors={field: f"The '{field}' must name an issue by key or id."})
    return find_issue(out.world, str(ident))


def _create(request: Request, out: Out, link_type: LinkTypeDef, source: SandboxIssue, target: SandboxIssue,
            comment: Any) -> SandboxLink | None:  # fmt: skip
    if source.key == target.key:
        raise JiraHTTPError(400, "You cannot link an issue to itself.")
    adf = rich_text_in(out.world, comment, out.shape, "comment") if comment is not None else None
    world = out.world
    for existing in world.links.values():
        if (existing.type_id, existing.outward_key, existing.inward_key) == (link_type.id, source.key, target.key):
            return None
    link = SandboxLink(world.new_id(), link_type.id, source.key, target.key)
    world.links[link.id] = link
    sandbox = sandbox_of(request)
    when = now()
    if adf is not None and adf["content"]:
        source.comments.append(SandboxComment(world.new_id(), out.viewer.account_id, adf, when, when))
    record(sandbox, source, out.viewer, [ChangelogItem("Link", None, f"This issue {link_type.outward} {target.key}", None, target.key)])
    record(sandbox, target, out.viewer, [ChangelogItem("Link", None, f"This issue {link_type.inward} {source.key}", None, source.key)])
    return link


async def create_link(request: Request) -> Response:
    out = request_out(request)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "Can not deserialize instance of the issue link out of a non-object token.")
    comment_body: Any = None
    if out.legacy:
        link_type = _link_type(out, body.get("linkType"))
        source = _issue_ref(out, body.get("fromIssueKey"), "fromIssueKey")
        target = _issue_ref(out, body.get("toIssueKey"), "toIssueKey")
    else:
        link_type = _link_type(out, body.get("type") or {})
        source = _issue_ref(out, body.get("inwardIssue"), "inwardIssue")
        target = _issue_ref(out, body.get("outwardIssue"), "outwardIssue")
    comment = body.get("comment")
    if isinstance(comment, dict):
        comment_body = comment.get("body")
    link = _create(request, out, link_type, source, target, comment_body)
    if out.legacy:
        return Response(status_code=200)
    headers = {"Location": f"{out.api}/issueLink/{link.id}"} if link is not None else {}
    return Response(status_code=201, headers=headers)


def _find_link(out: Out, link_id: str) -> SandboxLink:
    link = out.world.links.get(link_id)
    if link is None or link.outward_key not in out.world.issues or link.inward_key not in out.world.issues:
        raise JiraHTTPError(404, f"No issue link with id '{link_id}' exists.")
    return link


async def get_link(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    link = _find_link(out, str(request.path_params["linkId"]))
    body = issue_link_json(out, link, seen_from=None)
    assert body is not None
    return JiraJSONResponse(body)


async def delete_link(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    world = out.world
    link = _find_link(out, str(request.path_params["linkId"]))
    link_type = world.link_types.get(link.type_id)
    del world.links[link.id]
    sandbox = sandbox_of(request)
    outward = link_type.outward if link_type else "links to"
    inward = link_type.inward if link_type else "links to"
    source, target = world.issues[link.outward_key], world.issues[link.inward_key]
    record(sandbox, source, out.viewer, [ChangelogItem("Link", f"This issue {outward} {target.key}", None, target.key, None)])
    record(sandbox, target, out.viewer, [ChangelogItem("Link", f"This issue {inward} {source.key}", None, source.key, None)])
    return Response(status_code=204)


async def attachment_meta(request: Request) -> Response:
    request_out(request, shapes=MODERN)
    return JiraJSONResponse({"enabled": True, "uploadLimit": 10485760})


async def get_attachment(request: Request) -> Response:
    out = request_out(request)
    attachment_id = str(request.path_params["id"])
    issue = attachment_owner(out.world, attachment_id)
    found = next((a for a in issue.attachments if a.id == attachment_id), None) if issue is not None else None
    project = out.world.projects.get(issue.project_key) if issue is not None else None
    if found is None or (project is not None and project.deleted):
        raise JiraHTTPError(404, f"The attachment with id '{attachment_id}' does not exist.")
    return JiraJSONResponse(attachment_json(out, found, meta=True))


def routes() -> list[BaseRoute]:
    return [
        Route(API + "/issueLink", create_link, methods=["POST"]),
        Route(API + "/issueLink/{linkId}", get_link, methods=["GET"]),
        Route(API + "/issueLink/{linkId}", delete_link, methods=["DELETE"]),
        Route(API + "/attachment/meta", attachment_meta, methods=["GET"]),
        Route(API + "/attachment/{id}", get_attachment, methods=["GET"]),
    ]
