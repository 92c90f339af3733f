"""A search's pages on the wire: at most `in_flight` requests at once, a slot given back as soon
as an answer's headers are in (`Http.run(..., answered=...)`), pages still yielded in order."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.applications import Starlette
from store_support import StoreFactory

from tui.api.call import read
from tui.store.errors import NotFound


class WireCount:
    """ASGI wrapper: how many search requests the sandbox is answering at once, at most."""

    def __init__(self, app: Starlette) -> None:
        self.app, self.now, self.peak = app, 0, 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/search"):
            await self.app(scope, receive, send)
            return
        self.now += 1
        self.peak = max(self.peak, self.now)
        try:
            for _ in range(5):
                await asyncio.sleep(0)  # let the other pages' requests arrive meanwhile
            await self.app(scope, receive, send)
        finally:
            self.now -= 1


async def test_offset_search_keeps_in_flight_requests_on_the_wire_and_yields_in_order(
    make_store: StoreFactory, app: Starlette
) -> None:
    wire = WireCount(app)
    store = make_store(api_version="2", page_size=50, in_flight=3, on=wire)  # type: ignore[arg-type]
    await store.connect()
    pages = [page async for page in store.search("ORDER BY key ASC")]
    assert [p.start_at for p in pages] == list(range(0, 600, 50))
    assert wire.peak == 3
    assert sum(n for k, n in store.stats.requests.items() if "/search" in k) == 12
    await store.aclose()


async def test_answered_is_called_once_before_a_success_is_decoded_and_never_for_an_error(
    make_store: StoreFactory,
) -> None:
    store = make_store(api_version="2")
    seen: list[str] = []

    def decode(raw: bytes) -> bytes:
        seen.append("decoded")
        return raw

    await store.http.run(read("/rest/api/2/serverInfo", decode), answered=lambda: seen.append("answered"))
    assert seen == ["answered", "decoded"]
    seen.clear()
    try:
        await store.http.run(read("/rest/api/2/issue/NOPE-1", decode), answered=lambda: seen.append("answered"))
    except NotFound:
        seen.append("not found")
    assert seen == ["not found"]
    await store.aclose()
