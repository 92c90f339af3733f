"""Reads through the real store against the real sandbox (in process): caching, coalescing,
stale-while-revalidate and search paging."""

from __future__ import annotations

import asyncio
import hashlib

import httpx
import pytest
from starlette.applications import Starlette
from store_support import FakeClock, StoreFactory

from tui.models import Issue
from tui.sandbox.app import Sandbox
from tui.store.errors import JqlError, NotFound
from tui.store.store import Store

ISSUE = "/issue/{key}"


async def test_second_read_of_an_issue_sends_no_request(store: Store) -> None:
    first = await store.issue("DASH-1")
    before = store.stats.total_requests
    second = await store.issue("DASH-1")
    assert second == first
    assert store.stats.total_requests == before
    assert store.stats.requests_to("GET", ISSUE) == 1


async def test_opening_an_issue_is_one_request_with_everything(store: Store) -> None:
    issue = await store.issue("DASH-1")
    assert store.stats.requests_to("GET", ISSUE) == 1
    assert issue.comments and issue.transitions and issue.field_names
    # the transitions picker needs no second request
    assert await store.transitions("DASH-1") == list(issue.transitions)
    assert store.stats.requests_to("GET", ISSUE) == 1
    assert store.stats.requests_to("GET", "/transitions") == 0


async def test_two_concurrent_reads_send_one_request(store: Store) -> None:
    a, b = await asyncio.gather(store.issue("DASH-2"), store.issue("DASH-2"))
    assert a == b
    assert store.stats.requests_to("GET", ISSUE) == 1
    assert store.stats.coalesced == 1


async def test_a_cancelled_read_cancels_its_request(store: Store, sandbox: Sandbox) -> None:
    sandbox.config.latency_ms = 2000
    reading = asyncio.ensure_future(store.issue("DASH-4"))
    while store.stats.requests_to("GET", ISSUE) == 0:
        await asyncio.sleep(0)
    assert store.http.inflight == 1
    reading.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reading
    await asyncio.sleep(0)
    assert store.http.inflight == 0 and store.stats.responses.total() == 2  # serverInfo, myself


async def test_a_read_shared_by_two_goes_on_when_one_leaves(store: Store, sandbox: Sandbox) -> None:
    sandbox.config.latency_ms = 20
    leaving = asyncio.ensure_future(store.issue("DASH-4"))
    staying = asyncio.ensure_future(store.issue("DASH-4"))
    while store.stats.requests_to("GET", ISSUE) == 0:
        await asyncio.sleep(0)
    leaving.cancel()
    assert (await staying).key == "DASH-4"
    assert store.stats.requests_to("GET", ISSUE) == 1


async def test_a_stale_issue_is_returned_at_once_then_revalidated_and_announced(
    store: Store, sandbox: Sandbox, clock: FakeClock
) -> None:
    old = await store.issue("DASH-3")
    sandbox.world.issues["DASH-3"].summary = "Changed behind our back"
    clock.advance(store.settings.ttl_seconds + 1)
    changed: list[frozenset[str]] = []
    store.subscribe(changed.append)

    shown = await store.issue("DASH-3")
    assert shown == old  # the cached copy, at once
    await store.settle()
    assert changed == [frozenset({"issue:DASH-3"})]
    fresh = await store.issue("DASH-3")
    assert fresh.summary == "Changed behind our back"
    assert store.stats.requests_to("GET", ISSUE) == 2


async def test_an_unchanged_revalidation_announces_nothing(store: Store, clock: FakeClock) -> None:
    await store.issue("DASH-3")
    clock.advance(store.settings.ttl_seconds + 1)
    changed: list[frozenset[str]] = []
    store.subscribe(changed.append)
    await store.issue("DASH-3")
    await store.settle()
    assert changed == []
    assert store.stats.revalidations == 1


class EtagServer(httpx.AsyncBaseTransport):
    """The sandbox behind a proxy that adds `ETag`s and answers `If-None-Match` with 304."""

    def __init__(self, app: Starlette) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.conditional = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method != "GET" or response.status_code != 200:
            return response
        body = await response.aread()
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("if-none-match") == tag:
            self.conditional += 1
            return httpx.Response(304, headers={"ETag": tag})
        return httpx.Response(200, headers={**response.headers, "ETag": tag}, content=body)


async def test_revalidation_uses_etags(make_store: StoreFactory, app: Starlette, clock: FakeClock) -> None:
    server = EtagServer(app)
    store = make_store(transport=server)
    await store.connect()
    await store.issue("DASH-1")
    clock.advance(store.settings.ttl_seconds + 1)
    changed: list[frozenset[str]] = []
    store.subscribe(changed.append)
    await store.issue("DASH-1")
    await store.settle()
    assert server.conditional == 1 and store.stats.not_modified == 1 and changed == []
    before = store.stats.total_requests
    await store.issue("DASH-1")  # fresh again after the 304
    assert store.stats.total_requests == before
    await store.aclose()


async def test_refresh_bypasses_the_cache(store: Store) -> None:
    await store.issue("DASH-1")
    await store.issue("DASH-1", refresh=True)
    assert store.stats.requests_to("GET", ISSUE) == 2


async def test_missing_issue_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.issue("DASH-99999")


@pytest.mark.parametrize("api_version", ["3", "2", "2.0.alpha1"])
async def test_search_fetches_every_page_in_order(make_store: StoreFactory, api_version: str) -> None:
    store = make_store(api_version=api_version)
    await store.connect()
    pages = [page async for page in store.search("created <= now() ORDER BY key ASC")]
    keys = [issue.key for page in pages for issue in page.issues]
    assert len(keys) == 600 == len(set(keys))
    assert [p.start_at for p in pages] == [0, 100, 200, 300, 400, 500]
    assert not any(p.from_cache for p in pages)
    searches = sum(n for k, n in store.stats.requests.items() if "/search" in k)
    assert searches == 6
    await store.aclose()


async def test_offset_search_keeps_at_most_in_flight_pages_going(make_store: StoreFactory) -> None:
    store = make_store(api_version="2", page_size=50, in_flight=3)
    await store.connect()
    pages = [page async for page in store.search("ORDER BY key ASC")]
    assert len(pages) == 12 and pages[-1].is_last
    assert [p.start_at for p in pages] == list(range(0, 600, 50))
    await store.aclose()


async def test_cloud_refuses_unbounded_jql(store: Store) -> None:
    with pytest.raises(JqlError, match="Unbounded"):
        [page async for page in store.search("ORDER BY key ASC")]


async def test_search_limit_stops_early(store: Store) -> None:
    pages = [page async for page in store.search("created <= now() ORDER BY key ASC", limit=150)]
    assert sum(len(p.issues) for p in pages) == 150
    assert sum(n for k, n in store.stats.requests.items() if "/search" in k) == 2


async def test_a_cached_search_comes_first_then_one_revalidation_within_ttl(store: Store) -> None:
    first = [page async for page in store.search("project = DASH ORDER BY key ASC")]
    before = store.stats.total_requests
    again = [page async for page in store.search("project = DASH ORDER BY key ASC")]
    assert [p.from_cache for p in again] == [True] * len(first)
    assert [p.issues for p in again] == [p.issues for p in first]
    assert store.stats.total_requests - before == 1  # the first page, found unchanged


async def test_a_changed_search_yields_cached_then_fresh_pages(store: Store, sandbox: Sandbox) -> None:
    jql = "project = DASH ORDER BY key ASC"
    cached = [page async for page in store.search(jql)]
    first_key = cached[0].issues[0].key
    sandbox.world.issues[first_key].summary = "Renamed"
    sandbox.mutated()  # a change the sandbox records, as its routes do: search keeps encoded issues per version
    pages = [page async for page in store.search(jql)]
    fresh = [p for p in pages if not p.from_cache]
    assert len(fresh) == len(cached)
    assert fresh[0].issues[0].summary == "Renamed"


async def test_bad_jql_raises_jql_error_with_the_servers_message(store: Store) -> None:
    with pytest.raises(JqlError) as caught:
        [page async for page in store.search("project = NOPE")]
    assert "NOPE" in caught.value.message


async def test_cached_issue_is_memory_only_and_sync(store: Store) -> None:
    assert store.cached_issue("DASH-1") is None
    issue = await store.issue("dash-1")
    assert isinstance(store.cached_issue("DASH-1"), Issue)
    assert store.cached_issue("DASH-1") == issue


async def test_small_reads_are_cached(store: Store) -> None:
    priorities = await store.priorities()
    link_types = await store.link_types()
    filters = await store.favourite_filters()
    users = await store.assignable_users("DASH-1", "bob")
    before = store.stats.total_requests
    assert await store.priorities() == priorities and priorities
    assert await store.link_types() == link_types and link_types
    assert await store.favourite_filters() == filters and filters
    assert await store.assignable_users("DASH-1", "bob") == users
    assert store.stats.total_requests == before
