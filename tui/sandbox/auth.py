"""Who is asking: HTTP Basic, Bearer tokens and JSESSIONID sessions, with Jira's CAPTCHA lockout.

Owns the session table and the failed-login counters (`AuthState`) and the ASGI middleware that
puts the authenticated `SandboxUser` on `request.state.user` (read it with
`tui.sandbox.http.current_user`). Rules, after seed 002 (the JIRA 4.2 REST guide):

- Basic takes an email or a username with the API token or the password; Bearer takes the token.
- A session cookie is good until `config.session_idle_seconds` pass without a request; after
  that the cookie gets 401 with a `text/html` body, as the guide warns.
- Three failed logins in a row (session POST or Basic) turn on the CAPTCHA: every further login
  for that user gets 403 with `X-Seraph-LoginReason: AUTHENTICATION_DENIED`, without the
  password being checked, until `AuthState.clear_captcha` (`POST /sandbox/captcha/clear`).
- Under `/rest/api/` and `/rest/auth/` anonymous requests get 401, except serverInfo (Jira
  serves it anonymously) and the login POST. Elsewhere (`/sandbox/*`, Skills, devinfo) the user
  is identified when the credentials are Jira's and the route decides; bad credentials there
  are not an error, since those APIs carry their own.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from tui.sandbox.http import JiraHTTPError, basic_credentials, bearer_token, error_response
from tui.sandbox.shapes.common import jira_time

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox
    from tui.sandbox.world import SandboxUser, World

CAPTCHA_THRESHOLD = 3
SESSION_COOKIE = "JSESSIONID"

NOT_AUTHENTICATED = "You are not authenticated. Authentication required to perform this operation."
_LOGIN_REASON = "X-Seraph-LoginReason"
_OPEN_PATHS = re.compile(r"^/rest/api/[^/]+/serverInfo/?$")
_SESSION_PATH = re.compile(r"^/rest/auth/(1|latest)/session/?$")

_EXPIRED_HTML = (
    "<html><head><title>Unauthorized (401)</title></head><body>"
    "<h1>Unauthorized (401)</h1><p>Your session has expired. You must log in again.</p>"
    "</body></html>"
)


@dataclass(slots=True)
class Session:
    id: str
    account_id: str
    last_seen: float  # AuthState.clock() at the last request


@dataclass(slots=True)
class LoginStats:
    """Jira's `loginInfo` for one user."""

    failed_in_a_row: int = 0
    failed_total: int = 0
    login_count: int = 0
    last_failed: datetime | None = None
    previous_login: datetime | None = None
    last_login: datetime | None = None

    def json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"failedLoginCount": self.failed_total, "loginCount": self.login_count}
        if self.last_failed is not None:
            body["lastFailedLoginTime"] = jira_time(self.last_failed)
        if self.previous_login is not None:
            body["previousLoginTime"] = jira_time(self.previous_login)
        return body


class CaptchaRequired(JiraHTTPError):
    def __init__(self) -> None:
        super().__init__(403, "Login denied", headers={_LOGIN_REASON: "AUTHENTICATION_DENIED"})


class LoginFailed(JiraHTTPError):
    def __init__(self) -> None:
        super().__init__(
            401,
            "Login failed",
            headers={_LOGIN_REASON: "AUTHENTICATED_FAILED", "WWW-Authenticate": 'Basic realm="protected-area"'},
        )


@dataclass
class AuthState:
    """Sessions and login counters. `clock` is monotonic seconds; tests may pass their own."""

    idle_seconds: Callable[[], float]
    clock: Callable[[], float] = time.monotonic
    sessions: dict[str, Session] = field(default_factory=dict)
    stats: dict[str, LoginStats] = field(default_factory=dict)  # by account id

    def stats_of(self, account_id: str) -> LoginStats:
        return self.stats.setdefault(account_id, LoginStats())

    def captcha_on(self, account_id: str) -> bool:
        return self.stats_of(account_id).failed_in_a_row >= CAPTCHA_THRESHOLD

    def clear_captcha(self, account_id: str | None = None) -> None:
        for key, stat in self.stats.items():
            if account_id is None or key == account_id:
                stat.failed_in_a_row = 0

    def check_login(self, world: World, login: str, secret: str) -> SandboxUser:
        """The user `login` names if `secret` is theirs; raises LoginFailed or CaptchaRequired."""
        user = find_login(world, login)
        if user is None:
            raise LoginFailed()
        stat = self.stats_of(user.account_id)
        if stat.failed_in_a_row >= CAPTCHA_THRESHOLD:
            raise CaptchaRequired()
        if not user.active or not secret or secret not in (user.token, user.password):
            stat.failed_in_a_row += 1
            stat.failed_total += 1
            stat.last_failed = datetime.now(UTC)
            raise LoginFailed()
        stat.failed_in_a_row = 0
        return user

    def open_session(self, user: SandboxUser) -> Session:
        stat = self.stats_of(user.account_id)
        stat.login_count += 1
        stat.previous_login, stat.last_login = stat.last_login, datetime.now(UTC)
        session = Session(secrets.token_hex(16).upper(), user.account_id, self.clock())
        self.sessions[session.id] = session
        return session

    def session(self, session_id: str) -> Session | None:
        """The live session for a cookie, touched; None when unknown or idle too long."""
        found = self.sessions.get(session_id)
        if found is None:
            return None
        now = self.clock()
        if now - found.last_seen >= self.idle_seconds():
            del self.sessions[session_id]
            return None
        found.last_seen = now
        return found

    def close_session(self, session_id: str) -> bool:
        return self.sessions.pop(session_id, None) is not None


def find_login(world: World, login: str) -> SandboxUser | None:
    """A user by email, username or account id (case-insensitive for email and username)."""
    wanted = login.strip().lower()
    if not wanted:
        return None
    for user in world.users.values():
        if wanted in (user.email.lower(), user.name.lower()) or login == user.account_id:
            return user
    return None


def find_token(world: World, token: str) -> SandboxUser | None:
    if not token:
        return None
    for user in world.users.values():
        if user.token == token and user.active:
            return user
    return None


def session_cookie(headers: Headers) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:
        return None
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel is not None else None


def _expired_response() -> Response:
    return HTMLResponse(_EXPIRED_HTML, status_code=401, headers={_LOGIN_REASON: "AUTHENTICATION_DENIED"})


def _anonymous_response() -> Response:
    return error_response(
        JiraHTTPError(401, NOT_AUTHENTICATED, headers={"WWW-Authenticate": 'Basic realm="protected-area"'})
    )


class AuthMiddleware:
    """Identifies the caller and turns away anonymous or failed requests to Jira's REST paths."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        jira_path = path.startswith(("/rest/api/", "/rest/auth/"))
        response, user = self._identify(scope, jira_path)
        if response is None and user is None and jira_path and not self._anonymous_ok(scope, path):
            response = _anonymous_response()
        if response is not None:
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["user"] = user
        await self.app(scope, receive, send)

    @staticmethod
    def _anonymous_ok(scope: Scope, path: str) -> bool:
        if _OPEN_PATHS.match(path):
            return True
        return bool(_SESSION_PATH.match(path)) and scope["method"] == "POST"

    def _identify(self, scope: Scope, jira_path: bool) -> tuple[Response | None, SandboxUser | None]:
        """(a response that ends the request, or None; the user, or None for anonymous)."""
        request = Request(scope)
        world = self.sandbox.world
        auth = self.sandbox.auth
        basic = basic_credentials(request)
        if basic is not None:
            try:
                return None, auth.check_login(world, *basic)
            except JiraHTTPError as err:
                return (error_response(err) if jira_path else None), None
        token = bearer_token(request)
        if token is not None:
            user = find_token(world, token)
            if user is None and jira_path:
                return error_response(LoginFailed()), None
            return None, user
        session_id = session_cookie(request.headers)
        if session_id is not None:
            session = auth.session(session_id)
            user = world.users.get(session.account_id) if session is not None else None
            if user is not None and user.active:
                return None, user
            if jira_path and not _SESSION_PATH.match(scope["path"]):
                return _expired_response(), None
        return None, None
