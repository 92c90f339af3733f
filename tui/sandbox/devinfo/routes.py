"""The six devinfo 0.10 operations under `/rest/devinfo/0.10/`, and the OAuth token endpoint.

Every answer has the documented shape: 202 with `StoreDevinfoResult` for a store, 202 with no
body for the deletes, 200 `Repository` / `ExistsForPropertiesResponse` for the reads, and
`{"errorMessages": [{"message": ...}]}` (the API's ErrorMessages, not the platform's strings)
for 400, 404 and 413. Auth and scopes: `auth.py`. Validation: `validate.py`. Each request first
applies the operations whose visibility delay has passed (`DevinfoState.settle`).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.models.devinfo import GET_LIMIT
from tui.sandbox.devinfo.auth import Denied, DevinfoRuntime, authorize, issue_token
from tui.sandbox.devinfo.state import (
    ENTITY_TYPE_KINDS,
    DeleteByPropertiesOp,
    DeleteEntityOp,
    DeleteRepositoryOp,
    DevinfoState,
    Operation,
    StoreOp,
)
from tui.sandbox.devinfo.validate import Refused, check_bulk
from tui.sandbox.http import JiraJSONResponse, sandbox_of

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox

ROOT = "/rest/devinfo/0.10"
TOKEN_PATH = "/oauth/token"
Handler = Callable[[Request, "Sandbox", DevinfoState], Awaitable[Response]]


def state_of(sandbox: Sandbox) -> DevinfoState:
    state: DevinfoState = sandbox.world.extra["devinfo"]
    return state


def runtime_of(sandbox: Sandbox) -> DevinfoRuntime:
    runtime = sandbox.runtime.get("devinfo")
    if runtime is None:
        seconds = float(sandbox.config.extra.get("devinfo_token_seconds", 3600))
        runtime = sandbox.runtime["devinfo"] = DevinfoRuntime(token_seconds=seconds)
    assert isinstance(runtime, DevinfoRuntime)
    return runtime


def errors(status: int, *messages: str) -> Response:
    return JiraJSONResponse({"errorMessages": [{"message": m} for m in messages]}, status_code=status)


def settle(sandbox: Sandbox) -> None:
    if state_of(sandbox).settle(runtime_of(sandbox).clock()):
        sandbox.mutated()


def submit(sandbox: Sandbox, op: Operation) -> None:
    """Queue `op` to become visible after the configured delay (at once when it is 0)."""
    runtime = runtime_of(sandbox)
    state_of(sandbox).submit(op, runtime.clock() + max(0.0, sandbox.config.devinfo_visibility_delay))
    settle(sandbox)


def operation(scope: str) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """Wrap a handler: auth with `scope`, due operations applied, refusals rendered."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            sandbox = sandbox_of(request)
            state = state_of(sandbox)
            try:
                authorize(request, state, runtime_of(sandbox), scope)
            except Denied as denied:
                return errors(denied.status, denied.message)
            settle(sandbox)
            try:
                return await handler(request, sandbox, state)
            except Refused as refused:
                return errors(refused.status, *refused.messages)

        return endpoint

    return wrap


def sequence_bound(request: Request) -> int | None:
    raw = request.query_params.get("_updateSequenceId")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Refused(400, f"_updateSequenceId must be a number, not {raw!r}.") from None


def query_properties(request: Request) -> dict[str, str]:
    """The properties of a ByProperties query: at least one, each key once."""
    out: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key == "_updateSequenceId":
            continue
        if key in out:
            raise Refused(400, f"Property {key!r} is given more than once; use one request per value.")
        out[key] = value
    if not out:
        raise Refused(400, "At least one property must be given as a query parameter.")
    return out


# --- the operations ----------------------------------------------------------------------------


@operation("WRITE")
async def store(request: Request, sandbox: Sandbox, state: DevinfoState) -> Response:
    raw = await request.body()
    try:
        body = json.loads(raw) if raw else None
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "The request body is not valid JSON.") from None
    checked = check_bulk(body, lambda key: key in sandbox.world.issues)
    if checked.repositories:
        submit(sandbox, StoreOp(checked.repositories, checked.properties))
    return JiraJSONResponse(checked.result(), status_code=202)


@operation("READ")
async def get_repository(request: Request, sandbox: Sandbox, state: DevinfoState) -> Response:
    body = state.repository_json(request.path_params["repositoryId"], GET_LIMIT)
    if body is None:
        return errors(404, "No data found for the given repository ID.")
    return JiraJSONResponse(body)


@operation("DELETE")
async def delete_repository(request: Request, sandbox: Sandbox, state: DevinfoState) -> Response:
    submit(sandbox, DeleteRepositoryOp(request.path_params["repositoryId"], sequence_bound(request)))
    return Response(status_code=202)


@operation("DELETE")
async def delete_entity(request: Request, sandbox: Sandbox, state: DevinfoState) -> Response:
    kind = ENTITY_TYPE_KINDS.get(request.path_params["entityType"])
    if kind is None:
        raise Refused(400, "Wrong entity type specified: use commit, branch or pull_request.")
    bound = sequence_bound(request)
    submit(sandbox, DeleteEntityOp(request.path_params["repositoryId"], kind,
                                   request.path_params["entityId"], bound))
    return Response(status_code=202)


@operation("DELETE")
async def delete_by_properties(request: Request, sandbox: Sandbox, state: DevinfoState) -> Response:
    bound = sequence_bound(request)
    submit(sandbox, DeleteByPropertiesOp(query_properties(request), bound))
    return Response(status_code=202)


@operation("READ")
async def exists_by_properties(request: Request, sandbox: Sandbox, state: DevinfoState) -> Response:
    bound = sequence_bound(request)
    return JiraJSONResponse({"hasDataMatchingProperties": state.exists(query_properties(request), bound)})


async def token(request: Request) -> Response:
    sandbox = sandbox_of(request)
    raw = await request.body()
    form: dict[str, str] = {}
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            parsed: Any = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            parsed = None
        if isinstance(parsed, dict):
            form = {str(k): str(v) for k, v in parsed.items()}
    else:
        form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    status, body = issue_token(request, form, state_of(sandbox), runtime_of(sandbox))
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    return JiraJSONResponse(body, status_code=status, headers=headers)


def routes() -> list[BaseRoute]:
    from tui.sandbox.devinfo import status

    return [*status.routes(),
        Route(TOKEN_PATH, token, methods=["POST"]),
        Route(f"{ROOT}/bulk", store, methods=["POST"]),
        Route(f"{ROOT}/bulkByProperties", delete_by_properties, methods=["DELETE"]),
        Route(f"{ROOT}/existsByProperties", exists_by_properties, methods=["GET"]),
        Route(f"{ROOT}/repository/{{repositoryId}}", get_repository, methods=["GET"]),
        Route(f"{ROOT}/repository/{{repositoryId}}", delete_repository, methods=["DELETE"]),
        Route(f"{ROOT}/repository/{{repositoryId}}/{{entityType}}/{{entityId}}", delete_entity,
              methods=["DELETE"]),
    ]
