"""Credentials on the wire: Basic (email + API token), Bearer (personal access token) and the
session cookie of seed 002 (`POST /rest/auth/1/session`), plus the plain-http refusal.

Session auth logs in lazily, and once more when a request comes back 401 (the cookie expired;
Jira may say so in HTML); a login refused with `X-Seraph-LoginReason: AUTHENTICATION_DENIED`
means a CAPTCHA stands in the way, which only a browser can clear, so it is never retried.
Secrets stay inside `Secret`s; no repr, log line or error here shows one.
"""

from __future__ import annotations

import asyncio
import base64
import ipaddress
from collections.abc import AsyncGenerator, Generator
from typing import Literal
from urllib.parse import urlsplit

import httpx
import msgspec

from tui.api.errors import CAPTCHA
from tui.api.redact import Secret, register
from tui.store.errors import AuthError, CaptchaRequired, InsecureTransport

AuthKind = Literal["basic", "bearer", "session"]
SESSION_PATH = "/rest/auth/1/session"


def is_loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_transport(base_url: str, *, allow_insecure_http: bool) -> None:
    """Refuse credentials over plain http to a host that is not this machine."""
    parts = urlsplit(base_url)
    if parts.scheme == "https" or allow_insecure_http:
        return
    if parts.scheme != "http":
        raise InsecureTransport(f"The base URL must start with https:// (got {parts.scheme or 'no'} scheme).")
    if not is_loopback(parts.hostname or ""):
        raise InsecureTransport(
            f"Refusing to send credentials over plain http to {parts.hostname}: anyone on the way could "
            "read them. Use https://, or set allow_insecure_http = true in the profile if you accept that."
        )


class BasicAuth(httpx.Auth):
    def __init__(self, user: str, secret: Secret) -> None:
        register(secret.reveal(), user=user)
        self._header = Secret("Basic " + base64.b64encode(f"{user}:{secret.reveal()}".encode()).decode("ascii"))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header.reveal()
        yield request

    def __repr__(self) -> str:
        return "BasicAuth(****)"


class BearerAuth(httpx.Auth):
    def __init__(self, secret: Secret) -> None:
        self._header = Secret("Bearer " + secret.reveal())

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header.reveal()
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(****)"


class _Session(msgspec.Struct):
    name: str = "JSESSIONID"
    value: str = ""


class _LoginAnswer(msgspec.Struct):
    session: _Session | None = None


def login_error(response: httpx.Response) -> AuthError:
    reason = response.headers.get("x-seraph-loginreason", "").upper()
    if reason.startswith("AUTHENTICATION_DENIED"):
        return CaptchaRequired(CAPTCHA, status=response.status_code)
    return AuthError(
        f"Jira refused the session login (HTTP {response.status_code}): check the user name and password.",
        status=response.status_code,
    )


class SessionAuth(httpx.Auth):
    """Cookie sessions: one login shared by all requests; one re-login per request on 401."""

    requires_response_body = False  # the flow reads the login and 401 answers itself; the rest stay capped streams (tui/store/http.py)

    def __init__(self, base_url: str, user: str, secret: Secret) -> None:
        self._login_url = base_url.rstrip("/") + SESSION_PATH
        self._user = user
        self._secret = secret
        self._cookie: Secret | None = None
        self._generation = 0
        self._lock: asyncio.Lock | None = None
        self.logins = 0

    def __repr__(self) -> str:
        return "SessionAuth(****)"

    def _login_request(self) -> httpx.Request:
        return httpx.Request(
            "POST", self._login_url, json={"username": self._user, "password": self._secret.reveal()}
        )

    async def _login(self, response: httpx.Response) -> None:
        await response.aread()
        self._accept(response)

    def _accept(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            raise login_error(response)
        try:
            answer = msgspec.json.decode(response.content, type=_LoginAnswer)
        except (msgspec.DecodeError, msgspec.ValidationError):
            answer = _LoginAnswer()
        session = answer.session
        cookie = f"{session.name}={session.value}" if session and session.value else None
        if cookie is None:
            jar = response.cookies.get("JSESSIONID")
            cookie = f"JSESSIONID={jar}" if jar else None
        if cookie is None:
            raise AuthError("Jira accepted the login but sent no session cookie.", status=200)
        self._cookie = Secret(cookie)
        self._generation += 1
        self.logins += 1

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._cookie is None:
                await self._login((yield self._login_request()))
        assert self._cookie is not None
        used = self._generation
        request.headers["Cookie"] = self._cookie.reveal()
        response = yield request
        if response.status_code != 401:
            return
        await response.aread()
        async with self._lock:
            if used == self._generation:  # nobody renewed it meanwhile
                self._cookie = None
                await self._login((yield self._login_request()))
        assert self._cookie is not None
        request.headers["Cookie"] = self._cookie.reveal()
        yield request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("SessionAuth works with httpx.AsyncClient only")


def make_auth(kind: AuthKind, *, base_url: str, user: str, secret: Secret) -> httpx.Auth:
    if kind == "basic":
        return BasicAuth(user, secret)
    if kind == "bearer":
        return BearerAuth(secret)
    return SessionAuth(base_url, user, secret)
