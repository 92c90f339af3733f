"""Helpers every sandbox route module shares: the request's user, Jira's error body, JSON out.

Jira answers errors as `{"errorMessages": [...], "errors": {...}}` (the "Error Collection" of
the platform OpenAPI narrative); every route raises `JiraHTTPError` and `app.py` renders it.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

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


def error_response(err: JiraHTTPError) -> Response:
    body: dict[str, Any] = {"errorMessages": err.messages, "errors": err.errors}
    return JSONResponse(body, status_code=err.status, headers=err.headers)


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
    import json

    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise JiraHTTPError(400, f"Unexpected character in request body: {exc}") from exc
