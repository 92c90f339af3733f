"""What the store leaves on disk: private cache and drafts files, corrupt entries dropped with a
warning, a warm restart that shows data before a slow server answers, and drafts that survive
a crash between "sent" and "confirmed"."""

from __future__ import annotations

import asyncio
import logging
import stat
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from store_support import FakeClock, StoreFactory

from tui.sandbox.app import SandboxConfig, create_app
from tui.store.mutations import AddComment
from tui.store.store import Store


def modes(root: Path) -> tuple[set[int], set[int]]:
    files = {stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*") if p.is_file()}
    dirs = {stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")] if p.is_dir()}
    return files, dirs


async def test_cache_files_are_0600_in_0700_directories(store: Store, tmp_path: Path) -> None:
    await store.issue("DASH-1")
    [p async for p in store.search("project = DASH")]
    root = tmp_path / "cache"
    files, dirs = modes(root)
    assert files == {0o600} and dirs == {0o700}
    assert len(list(root.rglob("*.json"))) >= 4  # server, me, the issue, the search


async def test_drafts_file_is_0600(store: Store, tmp_path: Path) -> None:
    draft = store.drafts.save("DASH-1", "comment", "half written")
    path = store.drafts.path
    assert path is not None and path.is_relative_to(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.drafts.pending("DASH-1", "comment") == draft


async def test_a_corrupt_cache_file_is_dropped_with_a_warning(
    make_store: StoreFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = make_store()
    await first.connect()
    await first.issue("DASH-1")
    await first.aclose()
    assert first.cache.disk is not None
    path = first.cache.disk.path_for("issue:DASH-1")
    path.write_bytes(b'{"format": 1, "key": "issue:DASH-1", "stored_at": 1.0, "payload": {"id": ')

    second = make_store()
    await second.connect()
    with caplog.at_level(logging.WARNING, logger="tui.store.disk"):
        issue = await second.issue("DASH-1")
    assert issue.key == "DASH-1"  # fetched again, no crash
    assert any("dropping unreadable cache file" in r.getMessage() for r in caplog.records)
    assert second.stats.requests_to("GET", "/issue/{key}") == 1
    assert path.exists()  # rewritten with the fresh copy
    await second.aclose()


async def test_a_restart_shows_cached_data_before_a_slow_server_answers(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    jql = "project = DASH ORDER BY key ASC"
    warm = make_store()
    await warm.connect()
    issue = await warm.issue("DASH-5")
    pages = [p async for p in warm.search(jql)]
    await warm.aclose()

    slow = create_app(SandboxConfig(base_url="http://sandbox.invalid", latency_ms=2000))
    clock.advance(3600)  # older than the TTL: everything will be revalidated in the background
    restarted = make_store(on=slow)
    await restarted.connect()  # serverInfo and myself: from disk, no request
    shown = await restarted.issue("DASH-5")
    assert shown == issue
    assert restarted.stats.responses.total() == 0  # shown before any response arrived
    assert restarted.stats.disk_hits >= 3

    search = restarted.search(jql)
    first = await anext(search)
    assert first.from_cache and first.issues == pages[0].issues
    assert restarted.stats.responses.total() == 0
    await search.aclose()
    await restarted.aclose()  # cancels the revalidations still waiting on the slow server


class Crash(BaseException):
    """The process dies: nothing after this point runs (not an Exception: nothing handles it)."""


class DiesAfterSending(httpx.AsyncBaseTransport):
    """The server gets the comment; the process dies before it reads the answer."""

    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/comment"):
            raise Crash()
        return response


async def test_a_draft_survives_a_crash_between_sent_and_confirmed(
    make_store: StoreFactory, app: Starlette
) -> None:
    doomed = make_store(transport=DiesAfterSending(app))
    await doomed.connect()
    draft = doomed.drafts.save("DASH-7", "comment", "Written just before the crash")
    with pytest.raises(Crash):
        await doomed.dispatch(AddComment(key="DASH-7", body=draft.text, draft_id=draft.id))
    # no aclose, no cleanup: the process is gone

    after = make_store()  # the next start, same directories
    await after.connect()
    pending = after.drafts.pending("DASH-7", "comment")
    assert pending is not None and pending.text == "Written just before the crash"
    assert pending.state == "sending"  # sent, never confirmed
    assert await after.reconcile(pending) is True  # it did arrive: nothing to resend
    assert after.drafts.pending("DASH-7", "comment") is None
    await after.aclose()
    await asyncio.sleep(0)
