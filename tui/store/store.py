"""The Store: every screen's one way to Jira. Reads are awaitable and cached (stale-while-
revalidate), identical reads share a request, mutations run in order and announce what changed.

No Textual here: the app's bridge subscribes (`subscribe`) and turns `Changed(keys)` into a
Signal. Searches are in `search.py`, mutations in `mutate.py`, the wiring from a profile in
`build.py`; this module holds the connection, the reads and the notifications.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import httpx
import msgspec

from tui import __version__
from tui.api.call import Call
from tui.api.jira import LEGACY, JiraApi, Shape, detect_shape, server_info_call
from tui.api.redact import install_log_redaction
from tui.models import (
    Filter,
    Issue,
    IssueLinkType,
    Priority,
    Project,
    SearchPage,
    ServerInfo,
    Transition,
    User,
)
from tui.store.attached import AttachedServices
from tui.store.cache import Cache, Entry
from tui.store.counters import Counters
from tui.store.disk import DiskCache
from tui.store.drafts import Draft, Drafts
from tui.store.errors import NotFound, StoreError
from tui.store.http import DEFAULT_MAX_RESPONSE_BYTES, Http, RetryPolicy, Sleep

if TYPE_CHECKING:
    from tui.api.jira_decode_legacy import LegacyLookups
    from tui.store.mutate import Mutator
    from tui.store.mutations import Mutation
    from tui.store.search import Searcher

log = logging.getLogger(__name__)
T = TypeVar("T")
ApiVersion = Literal["auto", "3", "2", "2.0.alpha1"]
Listener = Callable[[frozenset[str]], None]


class StoreSettings(msgspec.Struct, frozen=True):
    api_version: ApiVersion = "auto"
    ttl_seconds: float = 120.0  # an entry younger than this is served without asking the server
    server_ttl_seconds: float = 24 * 3600.0  # serverInfo and myself
    memory_bytes: int = 64 * 1024 * 1024
    page_size: int = 100
    in_flight: int = 6  # concurrent page requests of one search
    retry: RetryPolicy = msgspec.field(default_factory=RetryPolicy)
    timeout: float = 30.0
    connect_timeout: float = 10.0
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES  # the profile's max_response_mb


class _NoCookies(CookieJar):
    """Cookies are the session auth's business alone; the client keeps none of its own."""

    def __init__(self) -> None:
        super().__init__(policy=DefaultCookiePolicy(allowed_domains=[]))


def _tls_for(base_url: str, verify: ssl.SSLContext | bool) -> ssl.SSLContext | bool:
    """Plain http never needs the CA bundle, whose loading costs ~50 ms of CPU per Store: a
    context that trusts nothing instead, so an https request (none is made: redirects are not
    followed) could only fail verification, never go unverified."""
    if verify is True and base_url.lower().startswith("http://"):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return verify


class Store(AttachedServices):
    """`skills`, `devinfo` and `devinfo_repositories` are attached on first use (`attached.py`)."""

    server: ServerInfo | None
    me: User | None

    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        identity: str = "",
        cache_dir: Path | None = None,
        drafts_dir: Path | None = None,
        settings: StoreSettings | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        install_log_redaction()
        self.settings = settings or StoreSettings()
        self.base_url = base_url.rstrip("/")
        self.stats = Counters()
        self.server = None
        self.me = None
        self._init_attached()
        self._clock = clock
        client = httpx.AsyncClient(
            base_url=self.base_url,
            auth=auth,
            transport=transport,
            verify=_tls_for(self.base_url, verify),  # tui.store.build: the profile's CA bundle, or off
            timeout=httpx.Timeout(self.settings.timeout, connect=self.settings.connect_timeout),
            limits=httpx.Limits(max_connections=max(10, self.settings.in_flight * 2)),
            headers={
                "Accept": "application/json",
                "User-Agent": f"jiradash/{__version__}",
                "X-Atlassian-Token": "no-check",
            },
            cookies=httpx.Cookies(_NoCookies()),
            follow_redirects=False,
        )
        self.http = Http(
            client, self.stats, policy=self.settings.retry, sleep=sleep, rng=rng,
            max_response_bytes=self.settings.max_response_bytes,
        )
        disk = DiskCache(cache_dir, identity or self.base_url) if cache_dir is not None else None
        self.cache = Cache(max_bytes=self.settings.memory_bytes, disk=disk, counters=self.stats, clock=clock)
        self.drafts = Drafts(drafts_dir, clock=clock)
        self._api: JiraApi | None = None
        self._listeners: list[Listener] = []
        self._background: set[asyncio.Task[Any]] = set()
        self._mutator: Mutator | None = None  # with the mutation modules, on the first dispatch
        self._searcher: Searcher | None = None

    # --- connection -------------------------------------------------------------------------

    @property
    def api(self) -> JiraApi:
        if self._api is None:
            raise StoreError("Not connected yet: call `await store.connect()` first.")
        return self._api

    async def connect(self, *, refresh: bool = False) -> ServerInfo:
        """serverInfo and myself (from the cache when fresh enough); detects the API shape."""
        server = None if refresh else self._fresh_value("server", ServerInfo, self.settings.server_ttl_seconds)
        if server is None or (self.settings.api_version not in ("auto", server.api_shape)):
            server = await self._detect()
            self.cache.put("server", server)
        self.server = server
        self._api = JiraApi(self.base_url, server.api_shape)
        if server.api_shape == LEGACY:
            self._api.lookups = await self._legacy_lookups(self._api)
        me = None if refresh else self._fresh_value("me", User, self.settings.server_ttl_seconds)
        if me is None:
            fetched = await self.http.run(self._api.myself())
            assert fetched.value is not None
            me = fetched.value
            self.cache.put("me", me)
        self.me = me
        return server

    def _fresh_value(self, key: str, kind: type[T], ttl: float) -> T | None:
        entry = self.cache.get(key, kind)
        if entry is None or entry.invalidated or self._clock() - entry.stored_at >= ttl:
            return None
        self.stats.cache_hits += 1
        return entry.value

    async def _detect(self) -> ServerInfo:
        """serverInfo from v3, else v2, else 2.0.alpha1: the first path that is not 404 decides."""
        wanted = self.settings.api_version
        for api_path in ("/rest/api/3", "/rest/api/2", "/rest/api/2.0.alpha1"):
            try:
                info = (await self.http.run(server_info_call(api_path))).value
            except NotFound:
                continue
            assert info is not None
            shape: Shape = LEGACY if api_path.endswith(LEGACY) else detect_shape(info)
            return ServerInfo(
                base_url=info.base_url or self.base_url,
                version=info.version,
                deployment_type=info.deployment_type,
                server_title=info.server_title,
                api_shape=shape if wanted == "auto" else wanted,
            )
        raise NotFound(
            f"No Jira REST API answers at {self.base_url} (serverInfo is 404 on v3, v2 and 2.0.alpha1): "
            "is the base URL right?",
            status=404,
        )

    async def _legacy_lookups(self, api: JiraApi) -> LegacyLookups:
        """What legacy issues omit, from lists the server may offer; a list it lacks stays empty."""
        from tui.api.jira_decode_legacy import LegacyLookups

        lookups = LegacyLookups()
        try:
            for link_type in await self.read("linktypes", api.link_types, list[IssueLinkType]):
                lookups.link_types[link_type.name] = link_type
        except StoreError as exc:
            log.info("legacy API: no issue link types (%s)", exc.message)
        return lookups

    # --- generic cached reads -----------------------------------------------------------------

    def is_fresh(self, entry: Entry[Any], ttl: float | None = None) -> bool:
        limit = self.settings.ttl_seconds if ttl is None else ttl
        return not entry.invalidated and self._clock() - entry.stored_at < limit

    async def read(
        self, key: str, make: Callable[[], Call[T]], kind: type[T], *, refresh: bool = False, persist: bool = True
    ) -> T:
        """A cached read under `key` (the other services' reads use this too): fresh -> no
        request; stale -> the cached value now, revalidated in the background; missing or
        invalidated -> fetched (identical fetches in flight coalesce)."""
        if not refresh:
            entry = self.cache.get(key, kind)
            if entry is not None and not entry.invalidated:
                self.stats.cache_hits += 1
                if not self.is_fresh(entry):
                    self.spawn(self._revalidate(key, make(), entry))
                return entry.value
        self.stats.cache_misses += 1
        fetched = await self.http.run(make())
        assert fetched.value is not None
        self.cache.put(key, fetched.value, etag=fetched.etag, persist=persist)
        return fetched.value

    _read = read  # the name the first services were written against

    async def _revalidate(self, key: str, call: Call[T], entry: Entry[T]) -> None:
        self.stats.revalidations += 1
        try:
            fetched = await self.http.run(call, etag=entry.etag)
        except StoreError as exc:
            log.info("revalidating %s failed: %s", key, exc.message)
            return
        if fetched.not_modified or fetched.value == entry.value:
            self.stats.not_modified += fetched.not_modified
            self.cache.touch(key)
            return
        assert fetched.value is not None
        self.cache.put(key, fetched.value, etag=fetched.etag)
        self.announce(frozenset({key}))

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run a background task the store owns (cancelled by `aclose`)."""
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def settle(self) -> None:
        """Wait for the background revalidations running now (tests and headless commands)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    # --- reads --------------------------------------------------------------------------------

    def search(
        self, jql: str, *, fields: Sequence[str] | None = None, refresh: bool = False, limit: int | None = None
    ) -> AsyncIterator[SearchPage]:
        """Pages in order: a cached copy first (`from_cache=True`) when there is one, then fresh
        pages; raises `JqlError` for JQL the server refuses."""
        if self._searcher is None:
            from tui.store.search import Searcher

            self._searcher = Searcher(self)
        return self._searcher.pages(jql, fields=fields, refresh=refresh, limit=limit)

    async def issue(self, key: str, *, refresh: bool = False) -> Issue:
        """The whole issue in one GET (fields, rendered fields, names, transitions, changelog)."""
        key = key.strip().upper()
        return await self.read(f"issue:{key}", lambda: self.api.issue(key), Issue, refresh=refresh)

    def cached_issue(self, key: str) -> Issue | None:
        entry = self.cache.peek(f"issue:{key.strip().upper()}")
        return entry.value if entry is not None and isinstance(entry.value, Issue) else None

    async def transitions(self, key: str) -> list[Transition]:
        """From the issue when it is cached and fresh (it came with them), else one GET."""
        key = key.strip().upper()
        entry = self.cache.peek(f"issue:{key}")
        if entry is not None and isinstance(entry.value, Issue) and self.is_fresh(entry) and entry.value.transitions:
            self.stats.cache_hits += 1
            return list(entry.value.transitions)
        return await self.read(f"issue:{key}/transitions", lambda: self.api.transitions(key), list[Transition])

    async def assignable_users(self, key: str, query: str = "") -> list[User]:
        key = key.strip().upper()
        return await self.read(
            f"issue:{key}/assignable:{query}", lambda: self.api.assignable_users(key, query), list[User]
        )

    async def users(self, query: str) -> list[User]:
        return await self.read(f"users/{query}", lambda: self.api.users(query), list[User])

    async def priorities(self) -> list[Priority]:
        return await self.read("priorities", self.api.priorities, list[Priority])

    async def link_types(self) -> list[IssueLinkType]:
        return await self.read("linktypes", self.api.link_types, list[IssueLinkType])

    async def projects_for_create(self) -> list[Project]:
        return await self.read("projects:create", self.api.projects_for_create, list[Project])

    async def favourite_filters(self) -> list[Filter]:
        return await self.read("filters", self.api.favourite_filters, list[Filter])

    async def jql_autocomplete(self) -> dict[str, Any]:
        return await self.read("jql:autocomplete", self.api.jql_autocomplete, dict[str, Any])

    async def jql_suggestions(self, field: str, prefix: str) -> list[str]:
        return await self.read(
            f"jql:suggestions/{field}:{prefix}", lambda: self.api.jql_suggestions(field, prefix), list[str]
        )

    def browse_url(self, key: str) -> str:
        return f"{self.base_url}/browse/{key}"

    # --- mutations and notifications ---------------------------------------------------------

    async def dispatch(self, m: Mutation) -> object:
        """Run `m` after those dispatched before it; cancelling the caller never cancels it."""
        return await self._mutations().dispatch(m)

    async def reconcile(self, draft: Draft) -> bool:
        """Whether a comment or worklog draft already arrived (its answer was lost); if it did,
        the draft is discarded. Check this before offering to send it again."""
        return await self._mutations().reconcile(draft)

    def _mutations(self) -> Mutator:
        if self._mutator is None:
            from tui.store.mutate import Mutator

            self._mutator = Mutator(self)
        return self._mutator

    def subscribe(self, fn: Listener) -> Callable[[], None]:
        """Call `fn(keys)` whenever cached data changes; returns the unsubscribe function."""
        self._listeners.append(fn)

        def unsubscribe() -> None:
            if fn in self._listeners:
                self._listeners.remove(fn)

        return unsubscribe

    def announce(self, keys: frozenset[str]) -> None:
        for fn in list(self._listeners):
            try:
                fn(keys)
            except Exception:
                log.exception("a Changed listener failed")

    async def aclose(self) -> None:
        """Finish queued mutations (never dropped), stop background reads, close the client."""
        if self._mutator is not None:
            await self._mutator.drain()
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*list(self._background), return_exceptions=True)
        await self._close_attached()
        await self.http.client.aclose()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
