"""The demo's Skills for Jira: the sandbox's six web triggers, found the way a person finds them.

The sandbox publishes its Skills URLs and token in `GET /sandbox/profile` (under `"skills"`, its
`profile_section`; `jiradash sandbox serve` prints the same). The demo builds its sandbox only
when the first request reaches it, so the Skills service is made before the URLs can be known:
it names each operation by a stand-in URL, and this transport reads the profile on the first
Skills request, then sends every request to the real trigger with the real token. Nothing here
imports the sandbox: it is the same in-process ASGI app the Jira requests go to.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

import httpx

from tui.api.redact import Secret
from tui.api.skills import HEADER, SkillsEndpoints
from tui.models.skills import OPERATIONS
from tui.store.skills import SkillsService

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["DiscoveringTransport", "demo_skills"]

STAND_IN = "/sandbox/skills-for-jira/"  # + operation: never sent, replaced by the real trigger


class DiscoveringTransport(httpx.AsyncBaseTransport):
    def __init__(self, app: Any, base_url: str) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._base = base_url.rstrip("/")
        self._found: tuple[dict[str, str], str] | None = None
        self._lock = asyncio.Lock()

    async def _discover(self) -> tuple[dict[str, str], str]:
        async with self._lock:
            if self._found is None:
                request = httpx.Request("GET", f"{self._base}/sandbox/profile")
                response = await self._inner.handle_async_request(request)
                body = json.loads(await response.aread())
                section = body["skills"]
                self._found = ({op: str(section["urls"][op]) for op in OPERATIONS}, str(section["token"]))
            return self._found

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        urls, token = await self._discover()
        operation = request.url.path.rsplit("/", 1)[-1]
        target = httpx.URL(urls.get(operation, str(request.url))).copy_with(query=request.url.query)
        headers = httpx.Headers(request.headers)
        headers[HEADER] = f"Bearer {token}"
        headers["Host"] = target.netloc.decode("ascii")
        real = httpx.Request(request.method, target, headers=headers, content=await request.aread())
        return await self._inner.handle_async_request(real)

    async def aclose(self) -> None:
        await self._inner.aclose()


def demo_skills(store: Store, app: Any) -> SkillsService:
    """The Store's Skills service on the demo's in-process sandbox `app`."""
    urls = {op: f"{store.base_url}{STAND_IN}{op}" for op in OPERATIONS}
    endpoints = SkillsEndpoints(urls=urls, token=Secret("found-on-first-use"))
    return SkillsService.for_store(
        store, endpoints, transport=DiscoveringTransport(app, store.base_url), allow_insecure_http=True
    )
