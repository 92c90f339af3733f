"""`DevinfoService`: the store's side of the devinfo API — cached reads, mutations, Changed.

Devinfo requests go through their OWN `httpx.AsyncClient` with the devinfo credentials (an
OAuth client-credentials token or a Connect JWT, `tui.api.devinfo_auth`); the Jira credentials
never travel there. Credentials go only over https or to loopback unless the profile allows
plain http. As `SkillsService` does, `DevinfoService.for_store` shares the Store's cache, its
counters and its Changed announcements; headless commands use a private cache.

Cache keys: `devinfo:REPO` (one repository as last read). Every devinfo operation is idempotent
(ordering by `updateSequenceId`, deletes of what is already gone), so transient failures
(connect errors, 429 honouring Retry-After, 5xx, a body cut short) are retried. Identical reads
in flight share one request. Writes are asynchronous on the server (202): `wait_visible` polls a
repository until a condition holds, with the clock and sleep given (tests pass fake ones).

Answers are read within the profile's `max_response_mb` (`tui.api.capped`): `read_capped` for
the answers this service reads, and `cap_stream` on every response of its client, so what httpx
reads by itself inside the auth flow (the OAuth token endpoint's answer, a 401 before a renewed
token) stops at the cap too. A bigger answer is `ResponseTooLarge` naming the path, never
retried; a write whose 2xx answer is too big was accepted but its answer is lost:
`AmbiguousFailure`, which says to check the repository (sending again is harmless).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
import msgspec

from tui.api.auth import check_transport
from tui.api.capped import DEFAULT_MAX_RESPONSE_BYTES, MB, cap_stream, read_capped
from tui.api.devinfo import (
    DevinfoApi,
    decode_exists,
    decode_nothing,
    decode_repository,
    decode_store_result,
    devinfo_error,
)
from tui.api.errors import retry_after_seconds
from tui.models.devinfo import Repository, StoreResult
from tui.store.cache import Cache
from tui.store.counters import Counters
from tui.store.errors import (
    AmbiguousFailure,
    NetworkError,
    NotFound,
    ResponseTooLarge,
    ServerError,
    StoreError,
)

if TYPE_CHECKING:
    from tui.config import Profile
    from tui.store.mutations_devinfo import DevinfoMutation
    from tui.store.store import Store

T = TypeVar("T")
Listener = Callable[[frozenset[str]], None]
Sleep = Callable[[float], Awaitable[None]]
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def repository_key(repository_id: str) -> str:
    return f"devinfo:{repository_id}"


class DevinfoService:
    def __init__(
        self,
        root: str,
        auth: httpx.Auth,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_insecure_http: bool = False,
        cache: Cache | None = None,
        counters: Counters | None = None,
        announce: Listener | None = None,
        retries: int = 3,
        backoff: float = 0.25,
        max_wait: float = 30.0,
        timeout: float = 30.0,
        sleep: Sleep = asyncio.sleep,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        check_transport(root, allow_insecure_http=allow_insecure_http)
        self.api = DevinfoApi(root)
        self.auth = auth
        self.max_response_bytes = max_response_bytes
        self.stats = counters or Counters()
        self._cache = cache or Cache(max_bytes=32 * 1024 * 1024, disk=None, counters=self.stats,
                                     clock=time.monotonic)
        self._client = httpx.AsyncClient(transport=transport, auth=auth, timeout=timeout,
                                         follow_redirects=False,
                                         event_hooks={"request": [self._count],
                                                      "response": [self._count_response, self._cap]})
        self._announce = announce
        self._retries = retries
        self._backoff = backoff
        self._max_wait = max_wait
        self._sleep = sleep
        self._inflight: dict[str, asyncio.Future[Any]] = {}
        self._listeners: list[Listener] = []
        # The profile this service works for (set by `devinfo_profile.devinfo_for_store`): where
        # the repositories it adds or meets are remembered and its local checkouts are named.
        # None in the demo and in headless commands: nothing is written.
        self.profile: Profile | None = None

    @classmethod
    def for_store(cls, store: Store, root: str, auth: httpx.Auth, *,
                  transport: httpx.AsyncBaseTransport | None = None,
                  allow_insecure_http: bool = False) -> DevinfoService:
        """Sharing the Store's cache, counters, Changed notifications and response cap (not its client)."""
        return cls(root, auth, transport=transport, allow_insecure_http=allow_insecure_http,
                   cache=store.cache, counters=store.stats, announce=store.announce,
                   max_response_bytes=store.settings.max_response_bytes)

    # --- plumbing ----------------------------------------------------------------------------

    async def _count(self, request: httpx.Request) -> None:
        """Every request on the wire (token fetches and retries included) is counted."""
        content = request.content if isinstance(request.stream, httpx.ByteStream) else b""
        self.stats.count_request(request.method, request.url.path, len(content))

    async def _count_response(self, response: httpx.Response) -> None:
        self.stats.responses[response.status_code] += 1

    async def _cap(self, response: httpx.Response) -> None:
        cap_stream(response, self.max_response_bytes, path=response.request.url.path)

    async def _body(self, request: httpx.Request, response: httpx.Response) -> bytes:
        """The answer, read within the cap; a too-big 2xx answer to a change is a lost answer."""
        try:
            return await read_capped(response, self.max_response_bytes, path=request.url.path)
        except ResponseTooLarge:
            if request.method == "GET" or not response.is_success:
                raise
            raise AmbiguousFailure(
                f"The devinfo API accepted the change (HTTP {response.status_code}) but its answer "
                f"passed {self.max_response_bytes / MB:g} MB (max_response_mb) and was not read. "
                "Check the repository (screen 4, or `jiradash devinfo get`): sending it again is "
                "harmless.",
                status=response.status_code,
            ) from None

    async def _send(self, request: httpx.Request, decode: Callable[[bytes], T]) -> T:
        attempt = 0
        while True:
            wait: float | None = None
            failure: StoreError
            try:
                response = await self._client.send(request, stream=True)
                body = await self._body(request, response)
            except (ResponseTooLarge, AmbiguousFailure):
                raise  # never retried: the next answer would be as big, or the change applied
            except StoreError as exc:  # from the auth flow: the token endpoint's refusal
                if exc.status not in _RETRY_STATUSES:
                    raise
                failure, wait = exc, getattr(exc, "retry_after", None)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                failure = NetworkError(f"Cannot reach the devinfo API: {type(exc).__name__}.")
            except httpx.TransportError as exc:
                # It may have arrived; repeating it is harmless (every devinfo operation is idempotent).
                failure = AmbiguousFailure(f"The devinfo API did not answer ({type(exc).__name__}).")
            else:
                self.stats.bytes_received += len(body)
                if response.is_success:
                    try:
                        return decode(body)
                    except (msgspec.DecodeError, msgspec.ValidationError):
                        failure = ServerError("The devinfo API's answer was cut short or is not the "
                                              "documented JSON.", status=response.status_code)
                else:
                    failure = devinfo_error(response.status_code, response.headers, body)
                    if response.status_code not in _RETRY_STATUSES:
                        raise failure
                    wait = retry_after_seconds(response.headers)
            if attempt >= self._retries:
                raise failure
            self.stats.retries += 1
            await self._sleep(min(wait if wait is not None else self._backoff * 2**attempt, self._max_wait))
            attempt += 1

    async def _read(self, key: str, kind: type[T], fetch: Callable[[], Awaitable[T]], refresh: bool) -> T:
        if not refresh:
            entry = self._cache.get(key, kind)
            if entry is not None and not entry.invalidated:
                self.stats.cache_hits += 1
                return entry.value
        pending = self._inflight.get(key)
        if pending is not None:
            self.stats.coalesced += 1
            shared: T = await asyncio.shield(pending)
            return shared
        self.stats.cache_misses += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            value = await fetch()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: nobody else need be waiting
            raise
        finally:
            self._inflight.pop(key, None)
        self._cache.put(key, value, persist=False)
        future.set_result(value)
        return value

    def subscribe(self, fn: Listener) -> Callable[[], None]:
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn) if fn in self._listeners else None

    def invalidate(self, keys: frozenset[str]) -> None:
        """Mark `keys` stale (`devinfo` reaches every repository) and announce them."""
        self._cache.invalidate(keys)
        if self._announce is not None:
            self._announce(keys)
        for fn in list(self._listeners):
            fn(keys)

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- reads -------------------------------------------------------------------------------

    async def repository(self, repository_id: str, *, refresh: bool = False) -> Repository:
        """The repository and its most recent 400 entities; NotFound when nothing is stored."""
        return await self._read(repository_key(repository_id), Repository,
                                lambda: self._send(self.api.repository(repository_id), decode_repository),
                                refresh)

    def cached_repository(self, repository_id: str) -> Repository | None:
        entry = self._cache.peek(repository_key(repository_id))
        return entry.value if entry is not None and isinstance(entry.value, Repository) else None

    async def repositories(self, repository_ids: Iterable[str], *, refresh: bool = False) -> dict[str, Repository | None]:
        """Several repositories at once; None for an id with nothing stored."""
        ids = list(dict.fromkeys(repository_ids))

        async def one(repo_id: str) -> Repository | None:
            try:
                return await self.repository(repo_id, refresh=refresh)
            except NotFound:
                return None

        found = await asyncio.gather(*(one(i) for i in ids))
        return dict(zip(ids, found, strict=True))

    async def for_issue(self, key: str, repository_ids: Iterable[str], *,
                        refresh: bool = False) -> list[Repository]:
        """The repositories among `repository_ids` with entities carrying issue `key`, each with
        only those entities (the issue's development panel)."""
        found = await self.repositories(repository_ids, refresh=refresh)
        out = [repo.for_issue(key) for repo in found.values() if repo is not None]
        return [repo for repo in out if repo.entity_count]

    async def exists(self, properties: Mapping[str, str], update_sequence_id: int | None = None) -> bool:
        """`hasDataMatchingProperties` (never cached: scripts ask it to decide what to do)."""
        return await self._send(self.api.exists_by_properties(properties, update_sequence_id), decode_exists)

    async def wait_visible(self, repository_id: str, condition: Callable[[Repository | None], bool], *,
                           timeout: float = 30.0, interval: float = 0.5,
                           clock: Callable[[], float] = time.monotonic) -> Repository | None:
        """Re-read a repository until `condition` holds (writes become visible later); returns
        the last read. Raises StoreError if `timeout` passes first."""
        deadline = clock() + timeout
        while True:
            try:
                repo: Repository | None = await self.repository(repository_id, refresh=True)
            except NotFound:
                repo = None
            if condition(repo):
                return repo
            if clock() >= deadline:
                raise StoreError(f"Repository {repository_id} did not change within {timeout:g} s.")
            await self._sleep(interval)

    # --- mutations ---------------------------------------------------------------------------

    async def run(self, m: DevinfoMutation) -> StoreResult | None:
        """Send a devinfo mutation; the caller invalidates (`dispatch` does)."""
        # Imported here: a read (`devinfo get`) never needs the mutation classes.
        from tui.store.mutations_devinfo import (
            DeleteByProperties,
            DeleteEntity,
            DeleteRepository,
            StoreDevinfo,
        )

        if isinstance(m, StoreDevinfo):
            return await self._send(self.api.store(m.body()), decode_store_result)
        if isinstance(m, DeleteRepository):
            request = self.api.delete_repository(m.repository_id, m.update_sequence_id)
        elif isinstance(m, DeleteEntity):
            request = self.api.delete_entity(m.repository_id, m.entity_type, m.entity_id, m.update_sequence_id)
        elif isinstance(m, DeleteByProperties):
            request = self.api.delete_by_properties(m.properties, m.update_sequence_id)
        else:
            raise StoreError(f"Not a devinfo mutation: {type(m).__name__}")
        await self._send(request, decode_nothing)
        return None

    async def dispatch(self, m: DevinfoMutation) -> StoreResult | None:
        """`run(m)`, then mark `m.invalidates()` stale and announce it — also after a failure,
        since a write whose answer was lost may have applied."""
        try:
            return await self.run(m)
        finally:
            self.invalidate(m.invalidates())
