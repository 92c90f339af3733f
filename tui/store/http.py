"""The store's way to the network: sends `Call`s through one `httpx.AsyncClient` with retries,
coalescing, counters and typed errors.

- Safe calls (reads) are retried on connect errors, timeouts, 502/503/504 and 429, honouring
  `Retry-After` (capped) or else backing off exponentially with jitter; identical reads in
  flight share one request (and one decode), which is cancelled when the last reader waiting
  for it is.
- Unsafe calls (writes) are sent once, or again after a 429 (the server did nothing: it only
  asked to wait, and `Retry-After` is honoured). If the connection fails before the request went out
  the error says nothing happened (`NetworkError`); if it fails after, nobody knows whether the
  server applied it, and `AmbiguousFailure` says exactly that.
- Answers are read as a stream and never past `max_response_bytes` (the profile's
  `max_response_mb`, 20 MB by default): a bigger one (declared or as it arrives) stops the read
  and is `ResponseTooLarge` (`tui.api.capped.read_capped`, shared with the Skills and devinfo
  services), so a runaway body never takes the memory it claims; a response hook caps what httpx
  reads by itself inside the auth flow (a session login's answer) the same way (`cap_stream`). A write whose
  2xx answer is too big was applied: that is an `AmbiguousFailure`, reconciled like a lost answer.
- `sleep` and `rng` are injectable so tests run retries on a fake clock.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import httpx
import msgspec

from tui.api.call import Call
from tui.api.capped import DEFAULT_MAX_RESPONSE_BYTES, cap_stream, read_capped
from tui.api.errors import error_for, looks_like_html, retry_after_seconds, undecodable
from tui.store.counters import Counters
from tui.store.errors import (
    AmbiguousFailure,
    NetworkError,
    ResponseTooLarge,
    ServerError,
    StoreError,
)

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "Fetched", "Http", "RetryPolicy", "Sleep", "read_capped"]

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
RETRY_STATUSES = frozenset({429, 502, 503, 504})
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


class RetryPolicy(msgspec.Struct, frozen=True):
    retries: int = 4  # after the first attempt
    base_delay: float = 0.5
    max_delay: float = 8.0
    retry_after_cap: float = 30.0


class Fetched(msgspec.Struct, Generic[T], frozen=True):
    """A decoded answer, or `not_modified` (304) with no value."""

    value: T | None
    etag: str | None
    status: int

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _CutShort(Exception):
    """A success whose JSON did not decode: cut short on the way, worth one more read."""


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


class Http:
    def __init__(
        self,
        client: httpx.AsyncClient,
        counters: Counters,
        *,
        policy: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.client = client
        self.policy = policy or RetryPolicy()
        self.max_response_bytes = max_response_bytes
        self._counters = counters
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._inflight: dict[tuple[Any, ...], asyncio.Task[Any]] = {}
        self._waiters: dict[tuple[Any, ...], int] = {}
        hooks = client.event_hooks
        hooks["request"] = [*hooks.get("request", []), self._on_request]
        hooks["response"] = [*hooks.get("response", []), self._on_response]
        client.event_hooks = hooks

    @property
    def inflight(self) -> int:
        """Reads on the wire now (after coalescing)."""
        return len(self._inflight)

    async def _on_request(self, request: httpx.Request) -> None:
        """Every request that goes on the wire, logins and retries included, is counted here."""
        content = request.content if isinstance(request.stream, httpx.ByteStream) else b""
        self._counters.count_request(request.method, request.url.path, len(content))

    async def _on_response(self, response: httpx.Response) -> None:
        self._counters.responses[response.status_code] += 1
        # what httpx reads by itself (a session login's answer, a 401 before it) stops at the cap too
        cap_stream(response, self.max_response_bytes, path=response.request.url.path)

    async def run(
        self, call: Call[T], *, etag: str | None = None, answered: Callable[[], None] | None = None
    ) -> Fetched[T]:
        """`answered`, if given, is called once the answer's headers say success, before its
        body is read and decoded: the request is off the wire (a search sends the next page)."""
        if not call.safe:
            return await self._send(call, None, answered)
        key = (*call.identity(), etag)
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._send(call, etag, answered))
            self._inflight[key] = task
            self._waiters[key] = 0
            task.add_done_callback(lambda t: self._settled(key, t))
        else:
            self._counters.coalesced += 1
        self._waiters[key] += 1
        try:
            result: Fetched[T] = await asyncio.shield(task)
        except asyncio.CancelledError:
            # the view that asked went away; the request goes on only while someone else waits
            if not task.done() and self._waiters.get(key) == 1:
                task.cancel()
            raise
        finally:
            if key in self._waiters:
                self._waiters[key] -= 1
        return result

    def _settled(self, key: tuple[Any, ...], task: asyncio.Task[Any]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
            self._waiters.pop(key, None)
        if not task.cancelled():
            task.exception()  # retrieved: a read nobody waits for any more fails quietly

    def backoff(self, attempt: int) -> float:
        """Exponential, capped, with "equal jitter": half fixed, half random."""
        ceiling = min(self.policy.max_delay, self.policy.base_delay * 2.0 ** (attempt - 1))
        return ceiling / 2 + self._rng.random() * ceiling / 2

    async def _send(self, call: Call[T], etag: str | None, answered: Callable[[], None] | None = None) -> Fetched[T]:
        headers = dict(call.headers)
        if etag:
            headers["If-None-Match"] = etag
        request = self.client.build_request(
            call.method, call.path, params=call.params or None, content=call.body, headers=headers
        )
        if call.body is not None:
            request.headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            try:
                response = await self.client.send(request, stream=True)
                if answered is not None and 200 <= response.status_code < 300:
                    answered()
                    answered = None
                body = await self._read(call, response)
            except StoreError:
                raise
            except httpx.TransportError as exc:
                if call.safe and attempt < self.policy.retries:
                    attempt += 1
                    self._counters.retries += 1
                    await self._sleep(self.backoff(attempt))
                    continue
                raise self._transport_error(call, exc) from None
            self._counters.bytes_received += len(body)
            status = response.status_code
            # A 429 is a refusal before any work (Jira documents it so): even a write may go again.
            retry = status in RETRY_STATUSES if call.safe else status == 429
            if retry and attempt < self.policy.retries:
                attempt += 1
                self._counters.retries += 1
                wait = retry_after_seconds(response.headers)
                delay = min(wait, self.policy.retry_after_cap) if wait is not None else self.backoff(attempt)
                await self._sleep(delay)
                continue
            try:
                return self._answer(call, response, body)
            except _CutShort:
                if not call.safe:
                    # the change was accepted (2xx); only its answer was cut: never "refused"
                    raise AmbiguousFailure(
                        f"The server accepted the change (HTTP {status}) but its answer was cut short.",
                        status=status,
                    ) from None
                if attempt < self.policy.retries:
                    attempt += 1
                    self._counters.retries += 1
                    await self._sleep(self.backoff(attempt))
                    continue
                raise undecodable(status, response.headers, body) from None

    async def _read(self, call: Call[Any], response: httpx.Response) -> bytes:
        try:
            return await read_capped(response, self.max_response_bytes, path=call.path)
        except ResponseTooLarge as too_large:
            if call.safe or not 200 <= response.status_code < 300:
                raise
            # the change was accepted; only its answer is unreadable: never "refused"
            raise AmbiguousFailure(
                f"The server accepted the change (HTTP {response.status_code}) but its answer was "
                f"too big to read ({too_large.message}) Check before sending it again.",
                status=response.status_code,
            ) from None

    def _answer(self, call: Call[T], response: httpx.Response, body: bytes) -> Fetched[T]:
        status = response.status_code
        etag = response.headers.get("etag")
        if status == 304:
            return Fetched(None, etag, 304)
        if not 200 <= status < 300:
            if not call.safe and status in (502, 504):
                raise AmbiguousFailure(
                    f"A gateway answered HTTP {status} after the change was sent: it may or may not "
                    "have been applied. Check before sending it again.",
                    status=status,
                )
            raise error_for(status, response.headers, body, jql=call.jql)
        try:
            value = call.decode(body)
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
            if looks_like_html(response.headers.get("content-type", ""), body):
                raise undecodable(status, response.headers, body) from None
            raise _CutShort() from None
        return Fetched(value, etag, status)

    def _transport_error(self, call: Call[Any], exc: httpx.TransportError) -> StoreError:
        host = self.client.base_url.host or "the server"
        if isinstance(exc, _NOT_SENT):
            return NetworkError(f"Could not reach {host}: {_reason(exc)}.")
        if call.safe:
            return ServerError(f"The connection to {host} failed while waiting for the answer: {_reason(exc)}.")
        return AmbiguousFailure(
            f"The change was sent to {host} but no answer came back ({_reason(exc)}): it may or may not "
            "have been applied. Check before sending it again."
        )
