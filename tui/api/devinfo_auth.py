"""Credentials for the devinfo API: an OAuth 2.0 client-credentials token, or a Connect JWT.

- `OAuthClientCredentials` (on-premise integrations): POSTs `grant_type=client_credentials`
  with the client id and secret (form-encoded) to the token URL, sends `Bearer <token>`, fetches
  a new token shortly before `expires_in` runs out (by an injectable clock) and once more when a
  request comes back 401 (the server forgot or revoked it). One fetch serves concurrent requests.
  The token answer (and a 401's body) is read by httpx within the flow; `DevinfoService` caps
  every response's stream of its client (`tui.api.capped.cap_stream`), so a huge one stops at
  the profile's `max_response_mb` with `ResponseTooLarge` naming the token path.
- `ConnectJwtAuth` (Connect apps): signs every request with a fresh HS256 JWT (`iss` the app
  key, `iat`, `exp`, and `qsh`, the query string hash of the request per Atlassian's spec) using
  the shared secret, sent as `Authorization: JWT <token>`.

PyJWT signs, not `atlassian-jwt`: PyJWT is typed, maintained and already a dependency, while
atlassian-jwt wraps PyJWT for one extra helper, the query string hash, which is twenty lines
here and checked against Atlassian's documented example in the tests.
Secrets stay in `Secret`s (registered for log redaction); no repr or message here shows one.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import AsyncGenerator, Callable, Generator, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

import httpx
import msgspec

from tui.api.errors import retry_after_seconds
from tui.api.redact import Secret
from tui.store.errors import AuthError, RateLimited, ServerError, StoreError

Clock = Callable[[], float]
JWT_LIFETIME = 180  # seconds; Atlassian recommends short-lived tokens
RENEW_BEFORE = 60.0  # seconds before expiry that a token is renewed


# --- the query string hash ---------------------------------------------------------------------


def _encode(text: str) -> str:
    return quote(text, safe="~")  # RFC 3986: space -> %20, '*' -> %2A, '~' kept


def canonical_request(method: str, path: str, query: Iterable[tuple[str, str]], context_path: str = "") -> str:
    """`METHOD&/canonical/uri&sorted=encoded,values` as Atlassian's QSH spec defines it: the
    context path dropped, `&` in the path as `%26`, `jwt` left out, repeated keys joined with `,`."""
    if context_path and path.startswith(context_path.rstrip("/")):
        path = path[len(context_path.rstrip("/")):]
    stripped = path.strip("/")
    uri = f"/{stripped}".replace("&", "%26")
    grouped: dict[str, list[str]] = {}
    for key, value in query:
        if key != "jwt":
            grouped.setdefault(_encode(key), []).append(_encode(value))
    params = "&".join(f"{key}={','.join(sorted(values))}" for key, values in sorted(grouped.items()))
    return f"{method.upper()}&{uri}&{params}"


def query_string_hash(method: str, url: str | httpx.URL, context_path: str = "") -> str:
    parts = urlsplit(str(url))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    canonical = canonical_request(method, parts.path, pairs, context_path)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ConnectJwtAuth(httpx.Auth):
    def __init__(self, app_key: str, shared_secret: Secret, *, context_path: str = "",
                 clock: Clock = time.time, lifetime: int = JWT_LIFETIME) -> None:
        self.app_key = app_key
        self._secret = shared_secret
        self._context_path = context_path
        self._clock = clock
        self._lifetime = lifetime

    def __repr__(self) -> str:
        return f"ConnectJwtAuth({self.app_key!r}, ****)"

    def token_for(self, method: str, url: httpx.URL) -> str:
        now = int(self._clock())
        claims = {"iss": self.app_key, "iat": now, "exp": now + self._lifetime,
                  "qsh": query_string_hash(method, url, self._context_path)}
        import jwt  # PyJWT (and `cryptography`) only for the Connect JWT, not for OAuth profiles

        return jwt.encode(claims, self._secret.reveal(), algorithm="HS256")

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"JWT {self.token_for(request.method, request.url)}"
        yield request


# --- OAuth 2.0 client credentials ------------------------------------------------------------------


class _TokenAnswer(msgspec.Struct):
    access_token: str
    expires_in: float = 3600.0
    token_type: str = "Bearer"


class _TokenError(msgspec.Struct):
    error: str = ""
    error_description: str = ""


def token_error(response: httpx.Response) -> StoreError:
    try:
        err = msgspec.json.decode(response.content, type=_TokenError)
    except (msgspec.DecodeError, msgspec.ValidationError):
        err = _TokenError()
    detail = f" ({err.error})" if err.error else ""
    status = response.status_code
    if status in (400, 401, 403):
        return AuthError(f"The devinfo token endpoint refused the client credentials{detail}: check the "
                         "client id and secret.", status=status)
    if status == 429:
        return RateLimited("The devinfo token endpoint is rate limiting requests.",
                           retry_after=retry_after_seconds(response.headers))
    # 5xx and the rest: the caller may try again (the status says which)
    return ServerError(f"The devinfo token endpoint answered HTTP {status}{detail}.", status=status)


class OAuthClientCredentials(httpx.Auth):
    def __init__(self, token_url: str, client_id: str, client_secret: Secret, *,
                 clock: Clock = time.time, renew_before: float = RENEW_BEFORE) -> None:
        self.token_url = token_url
        self.client_id = client_id
        self._secret = client_secret
        self._clock = clock
        self._renew_before = renew_before
        self._token: Secret | None = None
        self._expires_at = 0.0
        self._renew_at = 0.0
        self._generation = 0
        self._lock: asyncio.Lock | None = None
        self.fetches = 0  # tokens fetched, for tests and --stats

    def __repr__(self) -> str:
        return f"OAuthClientCredentials({self.client_id!r}, ****)"

    def _token_request(self) -> httpx.Request:
        form = {"grant_type": "client_credentials", "client_id": self.client_id,
                "client_secret": self._secret.reveal()}
        return httpx.Request("POST", self.token_url, data=form, headers={"Accept": "application/json"})

    def _accept(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            raise token_error(response)
        try:
            answer = msgspec.json.decode(response.content, type=_TokenAnswer)
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise AuthError("The devinfo token endpoint's answer is not a token.", status=200) from None
        if answer.token_type.lower() != "bearer":
            raise AuthError(f"The devinfo token endpoint gave a {answer.token_type!r} token, not Bearer.")
        lifetime = max(0.0, answer.expires_in)
        self._token = Secret(answer.access_token)
        self._expires_at = self._clock() + lifetime
        self._renew_at = self._expires_at - min(self._renew_before, lifetime / 2)
        self._generation += 1
        self.fetches += 1

    def _needs_token(self) -> bool:
        return self._token is None or self._clock() >= self._renew_at

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._needs_token():
                answer = yield self._token_request()
                await answer.aread()
                self._accept(answer)
        assert self._token is not None
        used = self._generation
        request.headers["Authorization"] = f"Bearer {self._token.reveal()}"
        response = yield request
        if response.status_code != 401:
            return
        await response.aread()
        async with self._lock:
            if used == self._generation:  # nobody renewed it meanwhile
                answer = yield self._token_request()
                await answer.aread()
                self._accept(answer)
        assert self._token is not None
        request.headers["Authorization"] = f"Bearer {self._token.reveal()}"
        yield request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("OAuthClientCredentials works with httpx.AsyncClient only")


# --- which one -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DevinfoCredentials:
    """OAuth client credentials (`client_id`, `client_secret`, `token_url`) or a Connect app
    (`app_key`, `shared_secret`); the secrets are `Secret`s, so the repr shows none."""

    client_id: str = ""
    client_secret: Secret | None = None
    token_url: str = ""
    app_key: str = ""
    shared_secret: Secret | None = None

    @property
    def kind(self) -> str:
        if self.client_id and self.client_secret and self.token_url:
            return "oauth"
        if self.app_key and self.shared_secret:
            return "jwt"
        return ""

    def auth(self, *, context_path: str = "", clock: Clock = time.time) -> httpx.Auth:
        if self.kind == "oauth":
            assert self.client_secret is not None
            return OAuthClientCredentials(self.token_url, self.client_id, self.client_secret, clock=clock)
        if self.kind == "jwt":
            assert self.shared_secret is not None
            return ConnectJwtAuth(self.app_key, self.shared_secret, context_path=context_path, clock=clock)
        raise AuthError("No devinfo credentials: give an OAuth client id, secret and token URL, or a "
                        "Connect app key and shared secret.")
