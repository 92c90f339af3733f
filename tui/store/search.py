"""Searches: pages in order, the cached copy first, the rest of the pages fetched concurrently.

- Where the server counts (`/search` with `startAt`), the first page gives the total and the
  remaining pages go out together, at most `in_flight` on the wire at a time (a slot is free
  again once an answer's headers arrive, so decoding a page overlaps the next round trip),
  yielded in order as they come. Cloud's `/search/jql` pages by `nextPageToken`, so there they follow one another.
- A cached search is yielded at once (`from_cache=True`). Within the TTL only the first page
  is asked again: unchanged (304, or the same rows) ends the search there, one request in all;
  otherwise, and whenever the cache is older, the fresh pages follow.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import deque
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING

import msgspec

from tui.api.jira import SEARCH_FIELDS, JiraApi
from tui.models import SearchPage
from tui.store.cache import SearchResult

if TYPE_CHECKING:
    from tui.store.store import Store


def search_key(jql: str, fields: Sequence[str], limit: int | None) -> str:
    digest = hashlib.sha256(f"{jql}\0{','.join(fields)}\0{limit}".encode()).hexdigest()[:24]
    return f"search:{digest}"


def _trim(page: SearchPage, limit: int | None) -> SearchPage:
    if limit is None or page.start_at + len(page.issues) <= limit:
        return page
    keep = max(0, limit - page.start_at)
    return msgspec.structs.replace(page, issues=page.issues[:keep], is_last=True)


def _done(page: SearchPage, limit: int | None) -> bool:
    return page.is_last or (limit is not None and page.start_at + len(page.issues) >= limit)


def _same(a: SearchPage, b: SearchPage) -> bool:
    return a.issues == b.issues and a.total == b.total and a.is_last == b.is_last


class Searcher:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def pages(
        self, jql: str, *, fields: Sequence[str] | None, refresh: bool, limit: int | None
    ) -> AsyncIterator[SearchPage]:
        store = self._store
        api = store.api
        fields = tuple(fields or SEARCH_FIELDS)
        key = search_key(jql, fields, limit)
        size = store.settings.page_size if limit is None else max(1, min(store.settings.page_size, limit))
        cached = None if refresh else store.cache.get(key, SearchResult)
        if cached is not None and cached.value.pages:
            store.stats.cache_hits += 1
            store.stats.revalidations += 1
            for page in cached.value.pages:
                yield msgspec.structs.replace(page, from_cache=True)
        else:
            store.stats.cache_misses += 1
            cached = None

        first_call = api.search_token(jql, None, 0, size, fields) if api.token_search else api.search_offset(
            jql, 0, size, fields
        )
        fetched = await store.http.run(first_call, etag=cached.etag if cached else None)
        if fetched.not_modified:
            store.stats.not_modified += 1
        if cached is not None:
            old_first = cached.value.pages[0]
            unchanged = fetched.not_modified or (fetched.value is not None and _same(fetched.value, old_first))
            if unchanged and store.is_fresh(cached):
                return
            first = old_first if fetched.value is None else fetched.value
        else:
            assert fetched.value is not None
            first = fetched.value
        first = _trim(first, limit)
        collected = [first]
        yield first
        if not _done(first, limit):
            rest = self._by_token(api, jql, first, size, fields, limit) if api.token_search else self._by_offset(
                api, jql, first, fields, limit
            )
            async for page in rest:
                collected.append(page)
                yield page
        store.cache.put(key, SearchResult(pages=tuple(collected)), etag=fetched.etag)

    async def _by_token(
        self, api: JiraApi, jql: str, page: SearchPage, size: int, fields: Sequence[str], limit: int | None
    ) -> AsyncIterator[SearchPage]:
        while not _done(page, limit):
            start = page.start_at + len(page.issues)
            want = size if limit is None else max(1, min(size, limit - start))
            fetched = await self._store.http.run(api.search_token(jql, page.next_page_token, start, want, fields))
            assert fetched.value is not None
            page = _trim(fetched.value, limit)
            yield page

    async def _by_offset(
        self, api: JiraApi, jql: str, first: SearchPage, fields: Sequence[str], limit: int | None
    ) -> AsyncIterator[SearchPage]:
        """The pages after the first, `in_flight` at a time, yielded in order."""
        step = len(first.issues)  # a page that is not the last is full: the server's page size
        total = first.total or 0
        end = total if limit is None else min(total, limit)
        http = self._store.http
        starts: Iterator[int] = iter(range(step, end, step))
        pending: deque[asyncio.Task[SearchPage]] = deque()
        running = 0
        stopped = False

        def fetch(start: int) -> asyncio.Task[SearchPage]:
            freed = False

            def free() -> None:
                # the slot is given back as soon as the answer's headers are in: reading and
                # decoding this page overlap the next request's round trip
                nonlocal freed, running
                if not freed:
                    freed = True
                    running -= 1
                    fill()

            async def one() -> SearchPage:
                try:
                    call = api.search_offset(jql, start, min(step, end - start), fields)
                    fetched = await http.run(call, answered=free)
                finally:
                    free()
                assert fetched.value is not None
                return _trim(fetched.value, limit)

            return asyncio.ensure_future(one())

        def fill() -> None:
            # `in_flight` requests on the wire at all times: a page being read or decoded, or
            # done and waiting its turn to be yielded, does not hold a slot
            nonlocal running
            while not stopped and running < self._store.settings.in_flight:
                start = next(starts, None)
                if start is None:
                    return
                running += 1
                pending.append(fetch(start))

        fill()
        try:
            while pending:
                yield await pending.popleft()
        finally:
            stopped = True  # the reader went away: start nothing more
            for task in pending:
                task.cancel()
