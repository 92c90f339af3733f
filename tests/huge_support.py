"""A 50 MB answer in front of the sandbox, for the response-cap tests of the Skills and devinfo
services (store, Pilot and headless command tests).

- `HugeAnswer(app, path, ...)`: an httpx transport. Requests to `path` (with `method`) get a
  50 MB body produced chunk by chunk, as a socket gives it (`chunks_sent` counts how much was
  asked for); `forward=True` lets the sandbox do the work first (its status is kept), so a
  write is applied and only its answer is huge. Every other request reaches the sandbox.
- `huge_asgi(app, path, ...)`: the same as an ASGI app, for serving over a loopback port.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any

import httpx
from starlette.applications import Starlette

MB = 1024 * 1024
HUGE = 50 * MB
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class HugeAnswer(httpx.AsyncBaseTransport):
    def __init__(self, app: Starlette, path: str, *, method: str = "GET", forward: bool = False,
                 status: int = 200, declare: bool = False) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.path, self.method, self.forward = path, method, forward
        self.status, self.declare = status, declare
        self.chunks_sent = 0
        self.answered = 0

    async def _body(self) -> AsyncIterator[bytes]:
        yield b'{"junk": "'
        for _ in range(HUGE // MB):
            self.chunks_sent += 1
            yield b"x" * MB  # a fresh megabyte each time
        yield b'"}'

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != self.method or request.url.path != self.path:
            return await self.inner.handle_async_request(request)
        status = self.status
        if self.forward:
            done = await self.inner.handle_async_request(request)
            await done.aclose()
            status = done.status_code
        self.answered += 1
        headers = {"Content-Type": "application/json"}
        if self.declare:
            headers["Content-Length"] = str(HUGE + 12)
        return httpx.Response(status, headers=headers, stream=_Stream(self._body()))


class _Stream(httpx.AsyncByteStream):
    def __init__(self, chunks: AsyncIterator[bytes]) -> None:
        self._chunks = chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._chunks:
            yield chunk


def huge_asgi(app: Starlette, path: str, *, method: str = "GET") -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """`app`, except that `method path` answers 200 with 50 MB of JSON-looking junk."""

    async def serve(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != method or scope["path"] != path:
            await app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"junk": "', "more_body": True})
        for _ in range(HUGE // MB):
            await send({"type": "http.response.body", "body": b"x" * MB, "more_body": True})
        await send({"type": "http.response.body", "body": b'"}', "more_body": False})

    return serve
