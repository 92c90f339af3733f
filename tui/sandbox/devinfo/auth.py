"""Who may call the devinfo API: OAuth 2.0 client-credentials tokens and Connect JWTs.

- `POST /oauth/token` (form-encoded, or JSON as Atlassian's token endpoint takes) with
  `grant_type=client_credentials` and the client's id and secret (in the body or as HTTP Basic)
  answers `{"access_token", "token_type": "Bearer", "expires_in"}`. Tokens live in the runtime
  (not saved: a restarted sandbox forgets them, and clients fetch another on the 401) and expire
  after `DevinfoRuntime.token_seconds` by `DevinfoRuntime.clock`, which tests replace.
- `Authorization: JWT <token>`: HS256 signed with the Connect app's shared secret, `iss` the app
  key, `exp` in the future, and `qsh` the SHA-256 of the canonical request (Atlassian's query
  string hash: METHOD & path & sorted, percent-encoded query without `jwt`).

A missing or bad credential is 401; an app without the jiraDevelopmentTool module, or without
the scope the operation needs (READ < WRITE < DELETE), is 403.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

import jwt
from starlette.requests import Request

from tui.sandbox.devinfo.state import DevinfoState

SCOPE_ORDER = ("READ", "WRITE", "DELETE")
DEFAULT_TOKEN_SECONDS = 3600


class Denied(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


@dataclass
class IssuedToken:
    client_id: str
    expires_at: float


@dataclass
class DevinfoRuntime:
    """What the sandbox keeps for devinfo but does not save: issued tokens and the clock."""

    clock: Callable[[], float] = time.time
    token_seconds: float = DEFAULT_TOKEN_SECONDS
    tokens: dict[str, IssuedToken] = field(default_factory=dict)
    issued: int = 0  # tokens handed out, for tests


def allows(scopes: Iterable[str], needed: str) -> bool:
    """DELETE implies WRITE implies READ, as Connect scopes do."""
    have = max((SCOPE_ORDER.index(s) for s in scopes if s in SCOPE_ORDER), default=-1)
    return have >= SCOPE_ORDER.index(needed)


# --- the query string hash ---------------------------------------------------------------------


def _encode(text: str) -> str:
    return quote(text, safe="~")  # RFC 3986: space %20, '*' %2A, '~' kept


def canonical_request(method: str, path: str, query: Iterable[tuple[str, str]]) -> str:
    uri = "/" + path.strip("/") if path.strip("/") else "/"
    grouped: dict[str, list[str]] = {}
    for key, value in query:
        if key != "jwt":
            grouped.setdefault(_encode(key), []).append(_encode(value))
    params = "&".join(f"{k}={','.join(sorted(v))}" for k, v in sorted(grouped.items()))
    return f"{method.upper()}&{uri.replace('&', '%26')}&{params}"


def query_hash(method: str, path: str, raw_query: str) -> str:
    pairs = parse_qsl(raw_query, keep_blank_values=True)
    return hashlib.sha256(canonical_request(method, path, pairs).encode("utf-8")).hexdigest()


# --- checking a request ------------------------------------------------------------------------


def _check_jwt(token: str, request: Request, state: DevinfoState, now: float) -> frozenset[str]:
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
        app = state.apps.get(str(unverified.get("iss", "")))
        if app is None:
            raise Denied(401, "Missing a JWT token, or token is invalid: unknown issuer.")
        claims: dict[str, Any] = jwt.decode(token, app.shared_secret, algorithms=["HS256"],
                                            options={"verify_exp": False, "verify_iat": False})
    except jwt.PyJWTError as exc:
        raise Denied(401, f"Missing a JWT token, or token is invalid: {type(exc).__name__}.") from None
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= now:
        raise Denied(401, "The JWT token has expired.")
    expected = query_hash(request.method, request.url.path, request.url.query)
    if not hmac.compare_digest(str(claims.get("qsh", "")), expected):
        raise Denied(401, "The JWT token's query string hash (qsh) does not match the request.")
    if not app.development_tool:
        raise Denied(403, "The JWT token used does not correspond to an app that defines the "
                          "jiraDevelopmentTool module.")
    return app.scopes


def authorize(request: Request, state: DevinfoState, runtime: DevinfoRuntime, needed: str) -> None:
    """Raises `Denied` unless the caller may perform an operation needing `needed`."""
    header = request.headers.get("authorization", "")
    scheme, _, credential = header.partition(" ")
    credential = credential.strip()
    now = runtime.clock()
    if scheme.lower() == "jwt" and credential:
        scopes = _check_jwt(credential, request, state, now)
    elif scheme.lower() == "bearer" and credential:
        issued = runtime.tokens.get(credential)
        if issued is None:
            raise Denied(401, "Missing a JWT token, or token is invalid.")
        if issued.expires_at <= now:
            del runtime.tokens[credential]
            raise Denied(401, "The OAuth access token has expired.")
        client = state.clients.get(issued.client_id)
        if client is None:
            raise Denied(401, "The OAuth client of this token no longer exists.")
        scopes = client.scopes
    else:
        raise Denied(401, "Missing a JWT token, or token is invalid.")
    if not allows(scopes, needed):
        raise Denied(403, f"The app does not define the '{needed}' scope.")


def _client_credentials(request: Request, form: dict[str, str]) -> tuple[str, str]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            raw = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return "", ""
        client_id, _, secret = raw.partition(":")
        return client_id, secret
    return form.get("client_id", ""), form.get("client_secret", "")


def issue_token(request: Request, form: dict[str, str], state: DevinfoState,
                runtime: DevinfoRuntime) -> tuple[int, dict[str, Any]]:
    """(status, body) of the token endpoint, errors as RFC 6749 section 5.2 words them."""
    if form.get("grant_type") != "client_credentials":
        return 400, {"error": "unsupported_grant_type",
                     "error_description": "Only grant_type=client_credentials is supported."}
    client_id, secret = _client_credentials(request, form)
    client = state.clients.get(client_id)
    if client is None or not hmac.compare_digest(secret.encode(), client.client_secret.encode()):
        return 401, {"error": "invalid_client", "error_description": "Unknown client or wrong secret."}
    token = secrets.token_urlsafe(32)
    runtime.tokens[token] = IssuedToken(client_id, runtime.clock() + runtime.token_seconds)
    runtime.issued += 1
    return 200, {"access_token": token, "token_type": "Bearer", "expires_in": int(runtime.token_seconds)}
