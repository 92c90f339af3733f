"""When the network or the server misbehaves: retries for reads (on a fake clock), never for
writes, ambiguous answers reconciled, and error bodies turned into messages."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from starlette.applications import Starlette
from store_support import FakeClock, StoreFactory

from tui.render.adf_plain import adf_to_plain
from tui.sandbox.app import Sandbox
from tui.store.errors import AmbiguousFailure, NetworkError, RateLimited, ServerError
from tui.store.http import RetryPolicy
from tui.store.mutations import AddComment, AssignIssue
from tui.store.store import Store

Match = Callable[[httpx.Request], bool]


class LostAnswer(httpx.AsyncBaseTransport):
    """Forwards to the app; for matching requests the app's answer is then lost (`exc` raised),
    as when a connection drops after the server did the work."""

    def __init__(self, app: Starlette, match: Match, exc: Exception, *, forward: bool = True) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.match = match
        self.exc = exc
        self.forward = forward
        self.hits = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self.match(request):
            return await self.inner.handle_async_request(request)
        self.hits += 1
        if self.forward:
            await self.inner.handle_async_request(request)
        raise self.exc


def posts_to(suffix: str) -> Match:
    return lambda r: r.method == "POST" and r.url.path.endswith(suffix)


async def test_429_with_retry_after_is_honoured(store: Store, sandbox: Sandbox, clock: FakeClock) -> None:
    await store.issue("DASH-1")
    sandbox.config.rate_limit = 1.0  # one request a second: the next but one is refused
    await store.issue("DASH-2")
    clock.on_sleep = lambda seconds: setattr(sandbox.config, "rate_limit", None)  # the second passes
    issue = await store.issue("DASH-3")
    assert issue.key == "DASH-3"
    assert clock.slept == [1.0]  # exactly the server's Retry-After, no backoff guess
    assert store.stats.retries == 1 and store.stats.responses[429] == 1


async def test_retry_after_is_capped(make_store: StoreFactory, sandbox: Sandbox, clock: FakeClock) -> None:
    store = make_store(retry=RetryPolicy(retries=2, retry_after_cap=0.25))
    await store.connect()
    sandbox.config.rate_limit = 1.0
    await store.issue("DASH-1")
    clock.on_sleep = lambda seconds: setattr(sandbox.config, "rate_limit", None)
    await store.issue("DASH-2")
    assert clock.slept == [0.25]
    await store.aclose()


async def test_429_that_outlasts_the_retries_is_rate_limited(
    make_store: StoreFactory, sandbox: Sandbox, clock: FakeClock
) -> None:
    store = make_store(retry=RetryPolicy(retries=2))
    await store.connect()
    sandbox.config.rate_limit = 0.001  # a token every 1000 s; the fake clock does not move the bucket
    await store.issue("DASH-1")
    with pytest.raises(RateLimited) as refused:
        await store.issue("DASH-2")
    assert refused.value.retry_after is not None and len(clock.slept) == 2
    assert "rate limiting" in refused.value.message
    await store.aclose()


async def test_reads_back_off_exponentially_with_jitter_on_503(
    store: Store, sandbox: Sandbox, clock: FakeClock
) -> None:
    sandbox.config.fail_rate = 1.0
    with pytest.raises(ServerError):
        await store.issue("DASH-1")
    assert store.stats.requests_to("GET", "/issue/{key}") == 4  # 1 + 3 retries
    base = store.http.policy.base_delay
    for attempt, slept in enumerate(clock.slept, start=1):
        ceiling = min(store.http.policy.max_delay, base * 2 ** (attempt - 1))
        assert ceiling / 2 <= slept <= ceiling


async def test_a_failed_post_is_not_retried(store: Store, sandbox: Sandbox, clock: FakeClock) -> None:
    sandbox.config.fail_rate = 1.0
    with pytest.raises(ServerError):
        await store.dispatch(AddComment(key="DASH-1", body="once only"))
    assert store.stats.requests_to("POST", "/comment") == 1
    assert clock.slept == [] and store.stats.retries == 0
    sandbox.config.fail_rate = 0.0
    pending = store.drafts.pending("DASH-1", "comment")
    assert pending is not None and pending.state == "failed" and pending.text == "once only"


async def test_a_put_that_loses_its_answer_is_ambiguous_and_not_retried(
    make_store: StoreFactory, app: Starlette, sandbox: Sandbox
) -> None:
    lost = LostAnswer(app, lambda r: r.method == "PUT", httpx.ReadTimeout("timed out"))
    store = make_store(transport=lost)
    await store.connect()
    with pytest.raises(AmbiguousFailure, match="may or may not"):
        await store.dispatch(AssignIssue(key="DASH-1", account_id=None))
    assert lost.hits == 1
    assert sandbox.world.issues["DASH-1"].assignee is None  # it did apply: that is the ambiguity
    await store.aclose()


async def test_a_write_that_never_left_is_a_network_error(make_store: StoreFactory, app: Starlette) -> None:
    refused = LostAnswer(app, lambda r: r.method == "PUT", httpx.ConnectError("refused"), forward=False)
    store = make_store(transport=refused)
    await store.connect()
    with pytest.raises(NetworkError, match="Could not reach"):
        await store.dispatch(AssignIssue(key="DASH-1", account_id=None))
    await store.aclose()


async def test_a_comment_whose_answer_was_lost_is_found_on_the_issue(
    make_store: StoreFactory, app: Starlette, sandbox: Sandbox
) -> None:
    lost = LostAnswer(app, posts_to("/comment"), httpx.ReadTimeout("timed out"))
    store = make_store(transport=lost)
    await store.connect()
    count = len(sandbox.world.issues["DASH-1"].comments)
    await store.dispatch(AddComment(key="DASH-1", body="Arrived after all"))  # no error: it arrived
    comments = sandbox.world.issues["DASH-1"].comments
    assert len(comments) == count + 1 and adf_to_plain(comments[-1].body).strip() == "Arrived after all"
    assert store.drafts.all() == []
    assert store.stats.requests_to("POST", "/comment") == 1
    await store.aclose()


async def test_a_comment_that_did_not_arrive_is_kept_to_send_again(
    make_store: StoreFactory, app: Starlette, sandbox: Sandbox
) -> None:
    lost = LostAnswer(app, posts_to("/comment"), httpx.ReadError("reset"), forward=False)
    store = make_store(transport=lost)
    await store.connect()
    with pytest.raises(AmbiguousFailure, match="did not arrive"):
        await store.dispatch(AddComment(key="DASH-1", body="Lost on the way"))
    draft = store.drafts.pending("DASH-1", "comment")
    assert draft is not None and draft.text == "Lost on the way" and draft.state == "failed"
    await store.aclose()


class RefusesFirst(httpx.AsyncBaseTransport):
    """The first `n` connections are refused (the server restarting), then all goes well."""

    def __init__(self, app: Starlette, n: int) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.left = n

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.left > 0:
            self.left -= 1
            raise httpx.ConnectError("connection refused")
        return await self.inner.handle_async_request(request)


async def test_reads_are_retried_after_connect_errors(
    make_store: StoreFactory, app: Starlette, clock: FakeClock
) -> None:
    store = make_store(transport=RefusesFirst(app, 2))
    await store.connect()
    assert store.me is not None and store.stats.retries == 2 and len(clock.slept) == 2
    await store.aclose()


async def test_a_dropped_connection_under_a_read_is_retried(store: Store, sandbox: Sandbox) -> None:
    sandbox.config.drop_rate = 1.0
    sandbox.config.seed = 1
    with pytest.raises(ServerError, match="connection"):
        await store.issue("DASH-1")
    assert store.stats.requests_to("GET", "/issue/{key}") == 4


async def test_a_truncated_body_is_read_again(store: Store, sandbox: Sandbox, clock: FakeClock) -> None:
    sandbox.config.truncate_rate = 1.0
    clock.on_sleep = lambda seconds: setattr(sandbox.config, "truncate_rate", 0.0)
    issue = await store.issue("DASH-1")
    assert issue.key == "DASH-1" and store.stats.retries == 1


async def test_a_body_that_stays_truncated_says_so(store: Store, sandbox: Sandbox) -> None:
    sandbox.config.truncate_rate = 1.0
    with pytest.raises(ServerError, match="cut short"):
        await store.issue("DASH-1")


async def test_an_html_answer_asks_about_the_base_url(make_store: StoreFactory) -> None:
    async def login_page(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, html="<!DOCTYPE html><html><body>Log in</body></html>")

    store = make_store(transport=httpx.MockTransport(login_page))
    with pytest.raises(ServerError, match="HTML, not JSON — is the base URL right"):
        await store.connect()
    await store.aclose()
