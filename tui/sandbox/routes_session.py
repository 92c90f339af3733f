"""`/rest/auth/1/session` (and `/rest/auth/latest/session`): cookie login, who am I, logout.

After seed 001/002: `POST {"username","password"}` answers
`{"session": {"name": "JSESSIONID", "value": ...}, "loginInfo": {...}}` with a Set-Cookie;
401 for bad credentials, 403 with `X-Seraph-LoginReason: AUTHENTICATION_DENIED` once the CAPTCHA
is on. `GET` describes the current user (any auth), `DELETE` ends the cookie's session (204).
The password may be the user's password or API token; the username may be the email.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.auth import SESSION_COOKIE, session_cookie
from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, current_user, json_body, sandbox_of


async def login(request: Request) -> Response:
    sandbox = sandbox_of(request)
    body = await json_body(request)
    if not isinstance(body, dict) or not isinstance(body.get("username"), str) or not isinstance(body.get("password"), str):
        raise JiraHTTPError(400, "Expected a JSON object with a username and a password.")
    user = sandbox.auth.check_login(sandbox.world, body["username"], body["password"])
    session = sandbox.auth.open_session(user)
    payload = {
        "session": {"name": SESSION_COOKIE, "value": session.id},
        "loginInfo": sandbox.auth.stats_of(user.account_id).json(),
    }
    response = JiraJSONResponse(payload)
    response.set_cookie(SESSION_COOKIE, session.id, path="/", httponly=True, samesite="lax")
    return response


async def whoami(request: Request) -> Response:
    sandbox = sandbox_of(request)
    user = current_user(request)
    root = sandbox.base_url.rstrip("/")
    return JiraJSONResponse(
        {
            "self": f"{root}/rest/api/latest/user?username={quote(user.name, safe='')}",
            "name": user.name,
            "loginInfo": sandbox.auth.stats_of(user.account_id).json(),
        }
    )


async def logout(request: Request) -> Response:
    sandbox = sandbox_of(request)
    current_user(request)
    session_id = session_cookie(request.headers)
    if session_id is None or not sandbox.auth.close_session(session_id):
        raise JiraHTTPError(401, "You are not logged in with a session.")
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def routes() -> list[BaseRoute]:
    out: list[BaseRoute] = []
    for version in ("1", "latest"):
        path = f"/rest/auth/{version}/session"
        out += [
            Route(path, login, methods=["POST"]),
            Route(path, whoami, methods=["GET"]),
            Route(path, logout, methods=["DELETE"]),
        ]
    return out
