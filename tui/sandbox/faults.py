"""Fault injection for the sandbox: latency, a token-bucket rate limit, 5xx, drops, cut bodies.

A pure ASGI middleware (`FaultsMiddleware`) that reads its knobs from the live `SandboxConfig`
on every request, so tests change them at runtime (attributes or `POST /sandbox/faults`).
Random draws come from the sandbox's own `random.Random(config.seed)`, four per request, so a
run is repeatable for a given request order. Paths under `/sandbox/` are never faulted.

- rate limit: `config.rate_limit` requests a second, a bucket that holds one second's worth;
  over it: 429, `Retry-After` in whole seconds, Jira's error body.
- latency: `latency_ms` plus a uniform draw in +-`jitter_ms`, before the request runs.
- `fail_rate`: 503 with Jira's error body; the request does not run.
- `drop_rate`: the request runs (a write happens), then the connection goes before the body:
  the status line and headers are sent and `DroppedConnection` is raised. In process,
  `httpx.ASGITransport` re-raises it, so the client sees an `httpx.RemoteProtocolError`; under
  uvicorn the socket closes mid-response and the client sees a disconnect. This is the hard case
  for clients: the server did the work, the reply was lost.
- `truncate_rate`: a JSON body is cut to 20-80 % of its bytes with a matching Content-Length,
  so the HTTP exchange is complete and the JSON is not.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.sandbox.http import JiraHTTPError, error_response

if TYPE_CHECKING:
    from tui.sandbox.app import SandboxConfig

FAULT_KNOBS: dict[str, type] = {
    "latency_ms": float,
    "jitter_ms": float,
    "fail_rate": float,
    "drop_rate": float,
    "truncate_rate": float,
    "rate_limit": float,
}


class DroppedConnection(httpx.RemoteProtocolError):
    """The sandbox hung up on purpose (`drop_rate`)."""

    def __init__(self) -> None:
        super().__init__("Server disconnected without sending a complete response (sandbox drop_rate).")


@dataclass
class TokenBucket:
    rate: float
    tokens: float
    stamp: float

    def take(self, now: float) -> float:
        """0.0 when a token was taken, else the seconds until one is due."""
        capacity = max(1.0, self.rate)
        self.tokens = min(capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


@dataclass
class FaultState:
    config: SandboxConfig
    rng: random.Random = field(init=False)
    bucket: TokenBucket | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.config.seed)

    def settings(self) -> dict[str, Any]:
        return {name: getattr(self.config, name) for name in FAULT_KNOBS}

    def update(self, values: dict[str, Any]) -> None:
        """Set knobs from a JSON object; raises JiraHTTPError(400) naming a bad one."""
        errors: dict[str, str] = {}
        parsed: dict[str, Any] = {}
        for name, value in values.items():
            if name == "seed" and isinstance(value, int):
                continue
            if name not in FAULT_KNOBS:
                errors[name] = "Unknown fault setting."
            elif value is None and name == "rate_limit":
                parsed[name] = None
            elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                errors[name] = "Expected a number >= 0."
            elif name.endswith("_rate") and name != "rate_limit" and value > 1:
                errors[name] = "Expected a probability between 0 and 1."
            else:
                parsed[name] = float(value)
        if errors:
            raise JiraHTTPError(400, errors=errors)
        for name, value in parsed.items():
            if name == "rate_limit" and not value:
                value = None  # 0 turns the limit off
            setattr(self.config, name, value)
        if isinstance(values.get("seed"), int):
            self.config.seed = values["seed"]
            self.rng.seed(values["seed"])
        self.bucket = None

    def retry_after(self) -> float:
        """0.0 if the request may go on; else the seconds to wait (the rate limit is hit)."""
        rate = self.config.rate_limit
        if not rate:
            return 0.0
        now = time.monotonic()
        if self.bucket is None or self.bucket.rate != rate:
            self.bucket = TokenBucket(rate, max(1.0, rate), now)
        return self.bucket.take(now)


def _json_headers(message: Message) -> bool:
    for key, value in message.get("headers", []):
        if key.lower() == b"content-type":
            return b"json" in value.lower()
    return False


class FaultsMiddleware:
    def __init__(self, app: ASGIApp, faults: FaultState) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/sandbox/"):
            await self.app(scope, receive, send)
            return
        state = self.faults
        config = state.config
        wait = state.retry_after()
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            limit = int(config.rate_limit or 0)
            err = JiraHTTPError(
                429,
                "Rate limit exceeded.",
                headers={"Retry-After": str(seconds), "X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": "0"},
            )
            await error_response(err)(scope, receive, send)
            return
        jitter, fail, drop, cut = (state.rng.random() for _ in range(4))
        delay = config.latency_ms + (jitter * 2 - 1) * config.jitter_ms
        if delay > 0:
            await asyncio.sleep(delay / 1000)
        if fail < config.fail_rate:
            err = JiraHTTPError(503, "The service is temporarily unavailable. Please try again later.")
            await error_response(err)(scope, receive, send)
            return
        if drop < config.drop_rate:
            await self._drop(scope, receive, send)
        elif cut < config.truncate_rate:
            await self._truncate(scope, receive, send, 0.2 + 0.6 * state.rng.random())
        else:
            await self.app(scope, receive, send)

    async def _drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message

        await self.app(scope, receive, hold)
        if start is not None:
            await send(start)
        raise DroppedConnection()

    async def _truncate(self, scope: Scope, receive: Receive, send: Send, fraction: float) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, hold)
        if start is None:
            return
        body = b"".join(chunks)
        if _json_headers(start) and len(body) >= 2:
            body = body[: max(1, int(len(body) * fraction))]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})


class QuietDrops(logging.Filter):
    """Keeps uvicorn's log free of the tracebacks of deliberate drops."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedConnection)


def quiet_drops() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, QuietDrops) for f in logger.filters):
        logger.addFilter(QuietDrops())
