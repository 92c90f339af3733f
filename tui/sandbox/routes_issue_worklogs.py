"""Worklogs: `GET`/`POST /issue/{key}/worklog`, `GET`/`PUT`/`DELETE /issue/{key}/worklog/{id}`
(v2, v3), and seed 001's `GET /worklog/{id}`.

Logging work updates time tracking as Jira does: `adjustEstimate=auto` (the default) reduces the
remaining estimate by the time spent, never below zero; `new`, `manual` and `leave` as documented.
Time spent comes as `timeSpent` ("1h 30m") or `timeSpentSeconds`; `started` in Jira's format.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, json_body, query_int, sandbox_of
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
from tui.sandbox.shapes import Out, parse_duration, parse_jira_time
from tui.sandbox.shapes.parts import worklog_json
from tui.sandbox.world import ChangelogItem, SandboxIssue, SandboxWorklog

_STARTED_FORMAT = "Invalid date format. Please enter the date in the format 'yyyy-MM-dd'T'HH:mm:ss.SSSZ'."


async def list_worklogs(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    start = query_int(request, "startAt", 0)
    size = min(query_int(request, "maxResults", 5000, minimum=0), 5000)
    page = issue.worklogs[start : start + size]
    return JiraJSONResponse({
        "startAt": start,
        "maxResults": size,
        "total": len(issue.worklogs),
        "worklogs": [worklog_json(out, issue, worklog) for worklog in page],
    })


def _seconds(body: dict[str, Any], errors: dict[str, str], *, required: bool) -> int | None:
    raw_seconds = body.get("timeSpentSeconds")
    raw_text = body.get("timeSpent")
    if raw_seconds is not None:
        if isinstance(raw_seconds, bool) or not isinstance(raw_seconds, int) or raw_seconds <= 0:
            errors["timeLogged"] = "Time Spent must be a positive number of seconds."
            return None
        return raw_seconds
    if raw_text is not None:
        try:
            seconds = parse_duration(str(raw_text))
        except ValueError:
            errors["timeLogged"] = "Invalid time duration entered."
            return None
        if seconds <= 0:
            errors["timeLogged"] = "Invalid time duration entered."
            return None
        return seconds
    if required:
        errors["timeLogged"] = "You must indicate the time spent working."
    return None


def _read(out: Out, body: Any, *, creating: bool) -> tuple[int | None, Any, Any]:
    if not isinstance(body, dict):
        raise JiraHTTPError(400, "Can not deserialize instance of the worklog out of a non-object token.")
    errors: dict[str, str] = {}
    seconds = _seconds(body, errors, required=creating)
    started: Any = None
    if body.get("started") is not None:
        try:
            started = parse_jira_time(str(body["started"]))
        except ValueError:
            errors["started"] = _STARTED_FORMAT
    comment: Any = None
    if "comment" in body:
        try:
            comment = rich_text_in(out.world, body["comment"], out.shape, "comment")
        except JiraHTTPError as exc:
            errors.update(exc.errors)
    if errors:
        raise JiraHTTPError(400, errors=errors)
    return seconds, started, comment


def _adjust(request: Request, issue: SandboxIssue, delta: int) -> ChangelogItem | None:
    """Apply `adjustEstimate` for `delta` more seconds spent (negative when work is removed)."""
    mode = request.query_params.get("adjustEstimate", "auto")
    before = issue.remaining_estimate_seconds
    if mode == "leave":
        return None
    if mode == "new":
        raw = request.query_params.get("newEstimate")
        if raw is None:
            raise JiraHTTPError(400, errors={"newEstimate": "You must supply a valid new estimate."})
        issue.remaining_estimate_seconds = _estimate(raw, "newEstimate")
    elif mode == "manual":
        raw = request.query_params.get("reduceBy") or request.query_params.get("increaseBy")
        if raw is None:
            raise JiraHTTPError(400, errors={"reduceBy": "You must supply a valid amount to reduce the estimate by."})
        change = _estimate(raw, "reduceBy") * (1 if "reduceBy" in request.query_params else -1)
        issue.remaining_estimate_seconds = max(0, (before or 0) - change)
    elif mode == "auto":
        if before is None and issue.original_estimate_seconds is None:
            return None
        start = before if before is not None else issue.original_estimate_seconds or 0
        issue.remaining_estimate_seconds = max(0, start - delta)
    else:
        raise JiraHTTPError(400, errors={"adjustEstimate": f"Invalid value '{mode}' for adjustEstimate."})
    after = issue.remaining_estimate_seconds
    if after == before:
        return None
    return ChangelogItem("timeestimate", _s(before), _s(after), _s(before), _s(after))


def _estimate(raw: str, name: str) -> int:
    try:
        return parse_duration(raw)
    except ValueError as exc:
        raise JiraHTTPError(400, errors={name: "Invalid time duration entered."}) from exc


def _s(seconds: int | None) -> str | None:
    return str(seconds) if seconds is not None else None


def _spent_item(issue: SandboxIssue, before: int) -> ChangelogItem:
    after = sum(w.time_spent_seconds for w in issue.worklogs)
    return ChangelogItem("timespent", _s(before or None), _s(after or None), _s(before or None), _s(after or None))


async def add_worklog(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    seconds, started, comment = _read(out, await json_body(request), creating=True)
    assert seconds is not None
    spent_before = sum(w.time_spent_seconds for w in issue.worklogs)
    estimate_item = _adjust(request, issue, seconds)
    when = now()
    worklog = SandboxWorklog(out.world.new_id(), out.viewer.account_id, started or when, seconds, comment, when, when)
    issue.worklogs.append(worklog)
    items = [_spent_item(issue, spent_before)]
    if estimate_item is not None:
        items.append(estimate_item)
    items.append(ChangelogItem("WorklogId", None, worklog.id, None, worklog.id))
    record(sandbox_of(request), issue, out.viewer, items)
    return JiraJSONResponse(worklog_json(out, issue, worklog), status_code=201)


def _find(issue: SandboxIssue, worklog_id: str) -> SandboxWorklog:
    for worklog in issue.worklogs:
        if worklog.id == worklog_id:
            return worklog
    raise JiraHTTPError(404, f"Cannot find worklog with id: '{worklog_id}'.")


def _may_change(out: Out, worklog: SandboxWorklog, verb: str) -> None:
    if worklog.author != out.viewer.account_id and not out.viewer.admin:
        raise JiraHTTPError(403, f"You do not have the permission to {verb} this worklog.")


async def get_worklog(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    return JiraJSONResponse(worklog_json(out, issue, _find(issue, str(request.path_params["id"]))))


async def edit_worklog(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    worklog = _find(issue, str(request.path_params["id"]))
    _may_change(out, worklog, "edit")
    body = await json_body(request)
    seconds, started, comment = _read(out, body, creating=False)
    spent_before = sum(w.time_spent_seconds for w in issue.worklogs)
    items: list[ChangelogItem] = []
    if seconds is not None and seconds != worklog.time_spent_seconds:
        estimate_item = _adjust(request, issue, seconds - worklog.time_spent_seconds)
        worklog.time_spent_seconds = seconds
        items.append(_spent_item(issue, spent_before))
        if estimate_item is not None:
            items.append(estimate_item)
    if started is not None:
        worklog.started = started
    if isinstance(body, dict) and "comment" in body:
        worklog.comment = comment
    worklog.updated = now()
    record(sandbox_of(request), issue, out.viewer, items)
    return JiraJSONResponse(worklog_json(out, issue, worklog))


async def delete_worklog(request: Request) -> Response:
    out = request_out(request, shapes=MODERN)
    issue = path_issue(request)
    worklog = _find(issue, str(request.path_params["id"]))
    _may_change(out, worklog, "delete")
    spent_before = sum(w.time_spent_seconds for w in issue.worklogs)
    estimate_item = _adjust(request, issue, -worklog.time_spent_seconds)
    issue.worklogs.remove(worklog)
    items = [_spent_item(issue, spent_before)]
    if estimate_item is not None:
        items.append(estimate_item)
    record(sandbox_of(request), issue, out.viewer, items)
    return Response(status_code=204)


async def legacy_worklog(request: Request) -> Response:
    out = request_out(request, shapes=LEGACY_ONLY)
    worklog_id = str(request.path_params["id"])
    for issue in out.world.issues.values():
        for worklog in issue.worklogs:
            if worklog.id == worklog_id:
                return JiraJSONResponse(worklog_json(out, issue, worklog))
    raise JiraHTTPError(404, f"Cannot find worklog with id: '{worklog_id}'.")


def routes() -> list[BaseRoute]:
    return [
        Route(ISSUE + "/worklog", list_worklogs, methods=["GET"]),
        Route(ISSUE + "/worklog", add_worklog, methods=["POST"]),
        Route(ISSUE + "/worklog/{id}", get_worklog, methods=["GET"]),
        Route(ISSUE + "/worklog/{id}", edit_worklog, methods=["PUT"]),
        Route(ISSUE + "/worklog/{id}", delete_worklog, methods=["DELETE"]),
        Route(API + "/worklog/{id}", legacy_worklog, methods=["GET"]),
    ]

