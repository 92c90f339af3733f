"""Helpers every sandbox route module shares: the request's user, Jira's error body, JSON out.

Jira answers errors as `{"errorMessages": [...], "errors": {...}}` (the "Error Collection" of
the platform OpenAPI narrative); every route raises `JiraHTTPError` and `app.py` renders it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import msgspec
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox
    from tui.sandbox.world import SandboxUser


class JiraHTTPError(Exception):
    def __init__(
        self,
        status: int,
        messages: list[str] | str | None = None,
        errors: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, messages)
        self.status = status
        self.messages = [messages] if isinstance(messages, str) else list(messages or [])
        self.errors = dict(errors or {})
        self.headers = dict(headers or {})


class JiraJSONResponse(JSONResponse):
    """JSON out through msgspec: a 100-issue search page encodes several times faster."""

    def render(self, content: Any) -> bytes:
        return msgspec.json.encode(content)


def error_response(err: JiraHTTPError) -> Response:
    body: dict[str, Any] = {"errorMessages": err.messages, "errors": err.errors}
    return JiraJSONResponse(body, status_code=err.status, headers=err.headers)


def sandbox_of(request: Request) -> Sandbox:
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


def basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        raw = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    user, _, secret = raw.partition(":")
    return user, secret


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def current_user(request: Request) -> SandboxUser:
    """The authenticated Jira user, or a 401 in Jira's shape. Sessions are checked in auth.py."""
    user: SandboxUser | None = getattr(request.state, "user", None)
    if user is None:
        raise JiraHTTPError(401, "You are not authenticated. Authentication required to perform this operation.")
    return user


def require_admin(request: Request) -> SandboxUser:
    user = current_user(request)
    if not user.admin:
        raise JiraHTTPError(403, "You must have global administrator rights to perform this operation.")
    return user


async def json_body(request: Request) -> Any:
    """The request's JSON, or Jira's 400 for a body that is not JSON."""
    raw = await request.body()
    if not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise JiraHTTPError(400, f"Unexpected character in request body: {exc}") from exc


T = TypeVar("T")


# --- the API version in the path -------------------------------------------------------------

ApiShape = Literal["3", "2", "2.0.alpha1"]

# `/rest/api/{version}/...`: `latest` is the Server/DC alias of 2 (seed 002's URI structure).
API_VERSIONS: dict[str, ApiShape] = {"3": "3", "2": "2", "latest": "2", "2.0.alpha1": "2.0.alpha1"}


def api_shape(request: Request) -> ApiShape:
    """The JSON shape the `{version}` path segment asks for; 404 for a version Jira lacks."""
    version = str(request.path_params.get("version", ""))
    shape = API_VERSIONS.get(version)
    if shape is None:
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    return shape


# --- query parameters --------------------------------------------------------------------------


def query_int(request: Request, name: str, default: int, *, minimum: int = 0) -> int:
    """An integer query parameter, or Jira's 400 naming it."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise JiraHTTPError(400, f"The value '{raw}' is not a valid integer for '{name}'.") from exc
    return max(value, minimum)


def query_bool(request: Request, name: str, default: bool) -> bool:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() == "true"


def query_list(request: Request, name: str) -> list[str] | None:
    """A list parameter Jira accepts repeated and comma-separated (`fields=a,b&fields=c`)."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def page_bean(
    request: Request,
    items: Sequence[T],
    convert: Callable[[T], Any],
    *,
    start_at: int,
    max_results: int,
) -> dict[str, Any]:
    """Cloud's `PageBean` over the whole of `items`: slices the page and converts only it."""
    total = len(items)
    page = [convert(item) for item in items[start_at : start_at + max_results]]
    last = start_at + len(page) >= total
    body: dict[str, Any] = {
        "self": str(request.url),
        "maxResults": max_results,
        "startAt": start_at,
        "total": total,
        "isLast": last,
        "values": page,
    }
    if not last:
        body["nextPage"] = str(request.url.include_query_params(startAt=start_at + len(page), maxResults=max_results))
    return body
