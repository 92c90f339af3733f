"""The response-size cap (`max_response_mb`, 20 MB by default): a 50 MB answer is refused with a
clear error as soon as it passes the cap, and memory never holds the whole body.

The big answers come from a small fake server in front of the sandbox (an httpx transport that
produces the body chunk by chunk, as a socket would, and counts how much was asked of it); every
other request reaches the real in-process sandbox.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from store_support import StoreFactory

from tui.config import ConfigError, Profile, load_config
from tui.render.adf_plain import adf_to_plain
from tui.sandbox.app import Sandbox
from tui.store.build import settings_for
from tui.store.errors import ResponseTooLarge
from tui.store.mutations import AddComment

MB = 1024 * 1024
HUGE = 50 * MB


class HugeAnswers(httpx.AsyncBaseTransport):
    """Requests whose path ends with `suffix` (and whose method is `method`) reach the sandbox,
    then get a 50 MB answer; `declare` sends its Content-Length up front."""

    def __init__(self, app: Starlette, *, method: str = "GET", suffix: str = "/issue/DASH-1",
                 declare: bool = False) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.method, self.suffix, self.declare = method, suffix, declare
        self.chunks_sent = 0
        self.answered = 0

    async def _body(self) -> AsyncIterator[bytes]:
        yield b'{"id": "10001", "key": "DASH-1", "fields": {"summary": "'
        for _ in range(HUGE // MB):
            self.chunks_sent += 1
            yield b"x" * MB  # a fresh megabyte each time, as a socket read gives
        yield b'"}}'

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        inner = await self.inner.handle_async_request(request)
        if request.method != self.method or not request.url.path.endswith(self.suffix):
            return inner
        await inner.aclose()
        self.answered += 1
        headers = {"Content-Type": "application/json"}
        if self.declare:
            headers["Content-Length"] = str(HUGE + 64)
        status = 201 if request.method == "POST" else 200
        return httpx.Response(status, headers=headers, stream=_Stream(self._body()))


class _Stream(httpx.AsyncByteStream):
    def __init__(self, chunks: AsyncIterator[bytes]) -> None:
        self._chunks = chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._chunks:
            yield chunk


async def test_a_50_mb_answer_stops_at_the_cap_with_a_clear_error_and_bounded_memory(
    make_store: StoreFactory, app: Starlette
) -> None:
    transport = HugeAnswers(app)
    store = make_store(transport=transport)
    await store.connect()
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge) as refused:
            await store.issue("DASH-1", refresh=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = refused.value.message
    assert "/rest/api/3/issue/DASH-1" in message and "exceeded 20 MB" in message
    assert "max_response_mb" in message and len(message) < 300
    assert refused.value.limit_bytes == 20 * MB
    # the read stopped just past the cap (20 of the 50 megabytes asked for, plus the one over)
    assert transport.chunks_sent <= 21
    assert transport.answered == 1  # a body too big is not asked for again
    # memory held at most the cap and a chunk, never the 50 MB (before: 50 MB read, then copied)
    assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"
    assert store.stats.as_dict()  # the store is still usable: counters and all
    assert (await store.issue("DASH-2")).key == "DASH-2"


async def test_a_declared_50_mb_answer_is_refused_before_any_of_it_is_read(
    make_store: StoreFactory, app: Starlette
) -> None:
    transport = HugeAnswers(app, declare=True)
    store = make_store(transport=transport)
    await store.connect()
    with pytest.raises(ResponseTooLarge, match="exceeded 20 MB"):
        await store.issue("DASH-1", refresh=True)
    assert transport.chunks_sent == 0


async def test_the_cap_is_the_profiles_setting(make_store: StoreFactory, app: Starlette) -> None:
    transport = HugeAnswers(app)
    store = make_store(transport=transport, max_response_bytes=MB)
    await store.connect()
    with pytest.raises(ResponseTooLarge, match="exceeded 1 MB"):
        await store.issue("DASH-1", refresh=True)
    assert transport.chunks_sent <= 2
    profile = Profile(name="big", base_url="https://jira.example.org", max_response_mb=64)
    assert settings_for(profile).max_response_bytes == 64 * MB
    assert settings_for(Profile(name="x", base_url="https://jira.example.org")).max_response_bytes == 20 * MB


def test_a_cap_that_is_not_a_positive_number_is_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    for value, said in (("0", "above 0"), ('"lots"', "must be a number")):
        path.write_text(f'[profiles.work]\nbase_url = "https://jira.example.org"\nmax_response_mb = {value}\n')
        with pytest.raises(ConfigError, match="max_response_mb") as error:
            load_config(path)
        assert said in str(error.value)


async def test_a_change_whose_answer_is_too_big_is_checked_not_refused(
    make_store: StoreFactory, app: Starlette, sandbox: Sandbox
) -> None:
    """The server did the work (2xx); only its answer was too big: the store looks whether the
    comment arrived instead of calling it refused (which would invite a second copy)."""
    transport = HugeAnswers(app, method="POST", suffix="/issue/DASH-1/comment")
    store = make_store(transport=transport)
    await store.connect()
    before = len(sandbox.world.issues["DASH-1"].comments)
    await store.dispatch(AddComment(key="DASH-1", body="too big to hear back"))
    comments = sandbox.world.issues["DASH-1"].comments[before:]
    assert [adf_to_plain(c.body).strip() for c in comments] == ["too big to hear back"]
    assert store.drafts.all() == []
    assert transport.chunks_sent <= 21
