"""Reading an answer within a size cap (the profile's `max_response_mb`): one implementation for
every client — the Jira store's `Http`, the Skills for Jira and devinfo services, and the devinfo
OAuth token fetch.

- `read_capped(response, cap, path=...)` reads a streamed response's (decoded) body and stops
  as soon as it is known to pass `cap`: by its `Content-Length` (nothing is read), or as it
  arrives; the error is `ResponseTooLarge` naming `path`. At most the cap is ever held.
- `cap_stream(response, cap, path=...)` puts the same limit on a response that httpx itself
  will read: the intermediate answers of an auth flow (a token endpoint's answer, a 401 before a
  renewed token) are read whole by httpx before the flow goes on, so their stream is wrapped
  (an httpx response hook does it) and stops at the cap in the same way.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator

import httpx

from tui.store.errors import ResponseTooLarge

MB = 1024 * 1024
DEFAULT_MAX_RESPONSE_BYTES = 20 * MB


def too_large(path: str, cap: int, status: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"The response from {path} exceeded {cap / MB:g} MB (HTTP {status}); it was not read "
        "further. Narrow the request, or raise max_response_mb in the profile.",
        status=status,
        limit_bytes=cap,
    )


async def _within(chunks: AsyncIterable[bytes], response: httpx.Response, cap: int,
                  path: str) -> AsyncIterator[bytes]:
    """`chunks` as they come, until they pass `cap` bytes (or the answer declares it will)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large(path, cap, response.status_code)
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > cap:
            raise too_large(path, cap, response.status_code)
        yield chunk


async def read_capped(response: httpx.Response, cap: int, *, path: str) -> bytes:
    """The whole body of a streamed `response` (then closed), or `ResponseTooLarge` naming
    `path` as soon as it is known to pass `cap` bytes: at most the cap is ever held."""
    try:
        return b"".join([chunk async for chunk in _within(response.aiter_bytes(), response, cap, path)])
    finally:
        await response.aclose()


class _CappedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, response: httpx.Response, cap: int, path: str) -> None:
        self._inner, self._response, self._cap, self._path = inner, response, cap, path

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in _within(self._inner, self._response, self._cap, self._path):
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


def cap_stream(response: httpx.Response, cap: int, *, path: str) -> None:
    """Make any later read of `response` (httpx's own included) stop at `cap` bytes."""
    if isinstance(response.stream, httpx.AsyncByteStream):
        response.stream = _CappedStream(response.stream, response, cap, path)
