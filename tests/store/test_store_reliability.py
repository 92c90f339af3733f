"""Reliability fixes found by the fault session: a write refused with 429 goes again after
Retry-After (the server did nothing), and a comment whose arrival could not be checked stays
"sending" so the editor checks once more before offering to resend it."""

from __future__ import annotations

import contextlib

import httpx
import pytest
from starlette.applications import Starlette
from store_support import FakeClock, StoreFactory

from tui.sandbox.app import Sandbox
from tui.store.errors import AmbiguousFailure
from tui.store.mutations import AddComment, AssignIssue


class RateLimitedOnce(httpx.AsyncBaseTransport):
    """The first write is answered 429 with Retry-After: 2 without reaching the app."""

    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET" and self.refused == 0:
            self.refused += 1
            body = b'{"errorMessages":["Rate limit exceeded."],"errors":{}}'
            return httpx.Response(
                429, headers={"Retry-After": "2", "Content-Type": "application/json"}, content=body
            )
        return await self.inner.handle_async_request(request)


async def test_a_write_refused_with_429_goes_again_after_retry_after(
    make_store: StoreFactory, app: Starlette, sandbox: Sandbox, clock: FakeClock
) -> None:
    transport = RateLimitedOnce(app)
    store = make_store(transport=transport)
    await store.connect()
    await store.dispatch(AssignIssue(key="DASH-1", account_id=None))
    assert transport.refused == 1
    assert clock.slept == [2.0]
    assert store.stats.requests_to("PUT", "/assignee") == 2
    assert sandbox.world.issues["DASH-1"].assignee is None


class LostThenBlind(httpx.AsyncBaseTransport):
    """The comment is applied but its answer is lost; the check that follows cannot read."""

    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.lost = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/comment"):
            await self.inner.handle_async_request(request)
            self.lost = True
            raise httpx.ReadTimeout("timed out")
        if self.lost and request.method == "GET" and "/issue/" in request.url.path:
            return httpx.Response(503, json={"errorMessages": ["down"], "errors": {}})
        return await self.inner.handle_async_request(request)


async def test_a_comment_whose_arrival_is_unknown_is_checked_again_before_resending(
    make_store: StoreFactory, app: Starlette, sandbox: Sandbox
) -> None:
    transport = LostThenBlind(app)
    store = make_store(transport=transport)
    await store.connect()
    before = len(sandbox.world.issues["DASH-1"].comments)
    with pytest.raises(AmbiguousFailure, match="may or may not"):
        await store.dispatch(AddComment(key="DASH-1", body="arrived, unseen"))
    draft = store.drafts.pending("DASH-1", "comment")
    assert draft is not None and draft.state == "sending"  # not "failed": nobody knows yet
    transport.lost = False
    assert await store.reconcile(draft)  # the editor's check finds it: it is never sent twice
    assert store.drafts.all() == []
    assert len(sandbox.world.issues["DASH-1"].comments) == before + 1


async def test_a_comment_whose_answer_was_cut_short_is_not_sent_twice(
    make_store: StoreFactory, sandbox: Sandbox
) -> None:
    """A 201 whose JSON was truncated: the comment is there; the store must not call it refused."""
    store = make_store()
    await store.connect()
    before = len(sandbox.world.issues["DASH-1"].comments)
    sandbox.config.truncate_rate = 1.0
    # reconciled as arrived, or (every body is cut, the check too) unknown: never "refused"
    with contextlib.suppress(AmbiguousFailure):
        await store.dispatch(AddComment(key="DASH-1", body="cut short"))
    sandbox.config.truncate_rate = 0.0
    assert len(sandbox.world.issues["DASH-1"].comments) == before + 1
    pending = store.drafts.pending("DASH-1", "comment")
    assert pending is None or pending.state == "sending"
    if pending is not None:
        assert await store.reconcile(pending)
    assert store.drafts.all() == []
