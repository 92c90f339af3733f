"""`SkillsService`: the store's side of Skills for Jira — reads with a cache, mutations, Changed.

Skills requests go through their OWN `httpx.AsyncClient`, never the Jira one: the six URLs are
another host's web triggers, and the Jira credentials must not travel there. The only credential
sent is the Skills token (`Authorization-Skills`), and only over https or to loopback unless the
profile allows plain http (the in-process sandbox does).

Cache keys follow `tui.store.mutations`: `skills` (everyone's skills), `skills/tree` (the tree
with its experts, which invalidating `skills` reaches) and `skills:ACCOUNT` (one user's skills).
With a Store (`SkillsService.for_store`) they live in the Store's cache, requests count in its
`stats`, and Changed goes out through its `announce`; headless commands use a private cache and
`subscribe`. Identical reads in flight share one request. Transient failures (connect errors,
429, 5xx, a body cut short) are retried: every Skills operation is idempotent.

Mutations: the Store's mutation worker calls `run(m)` and then invalidates and announces as it
does for every mutation; without a Store, `dispatch(m)` does all three. `BulkUpdateSkills`
first re-reads everyone's skills and refuses (`Conflict`) when a user it names changed since
the edit was staged, then compares the server's `changes` with the staged diff.

Answers are read within the profile's `max_response_mb` (`tui.api.capped.read_capped`): a
bigger one is `ResponseTooLarge` naming the operation, never retried. A write whose 2xx answer
is too big was applied but its answer is lost: `AmbiguousFailure`. A bulk update whose answer
is lost (too big, or the connection went) re-reads everyone's skills: when every named user
holds exactly the staged set it is confirmed (`BulkOutcome.confirmed_by_reading`), else the
`AmbiguousFailure` says what to check.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from tui.api.auth import check_transport
from tui.api.capped import DEFAULT_MAX_RESPONSE_BYTES, MB, read_capped
from tui.api.errors import retry_after_seconds
from tui.api.skills import (
    SkillsApi,
    SkillsEndpoints,
    decode_add,
    decode_all_skills,
    decode_bulk,
    decode_remove,
    decode_tree,
    decode_user_skills,
    skills_error,
)
from tui.models.skills import (
    AddResult,
    RemoveResult,
    SkillsSnapshot,
    SkillTree,
    UserChange,
    same_changes,
)
from tui.store.cache import Cache
from tui.store.counters import Counters
from tui.store.errors import AmbiguousFailure, Conflict, NetworkError, ResponseTooLarge, StoreError

if TYPE_CHECKING:  # the mutation classes load when one is sent (`skills export` sends none)
    from tui.store.mutations_skills import BulkUpdateSkills, SkillsMutation
    from tui.store.store import Store

T = TypeVar("T")
Listener = Callable[[frozenset[str]], None]
ALL = "skills"
TREE = "skills/tree"  # invalidating ALL reaches it: the tree's experts change with everyone's skills
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk update did: the server's `changes`, the staged diff, and whether they agree."""

    changes: dict[str, UserChange]
    expected: dict[str, UserChange]
    # the answer was lost (too big to read, or cut off) and a fresh read of everyone's skills
    # showed each named user holding exactly the staged set: `changes` is then the staged diff
    confirmed_by_reading: bool = False

    @property
    def matches(self) -> bool:
        return same_changes(self.changes, self.expected)


class SkillsService:
    def __init__(
        self,
        endpoints: SkillsEndpoints,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_insecure_http: bool = False,
        cache: Cache | None = None,
        counters: Counters | None = None,
        announce: Listener | None = None,
        retries: int = 2,
        backoff: float = 0.25,
        timeout: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        for url in endpoints.urls.values():
            check_transport(url, allow_insecure_http=allow_insecure_http)
        self.api = SkillsApi(endpoints)
        self.max_response_bytes = max_response_bytes
        self._operations = {url: op for op, url in endpoints.urls.items()}
        self.stats = counters or Counters()
        self._cache = cache or Cache(max_bytes=16 * 1024 * 1024, disk=None, counters=self.stats,
                                     clock=time.monotonic)
        self._client = httpx.AsyncClient(transport=transport, timeout=timeout, follow_redirects=False)
        self._announce = announce
        self._retries = retries
        self._backoff = backoff
        self._sleep = sleep
        self._inflight: dict[str, asyncio.Future[Any]] = {}
        self._listeners: list[Listener] = []

    @classmethod
    def for_store(
        cls, store: Store, endpoints: SkillsEndpoints, *, transport: httpx.AsyncBaseTransport | None = None,
        allow_insecure_http: bool = False,
    ) -> SkillsService:
        """Sharing the Store's cache, counters, Changed notifications and response cap (not its client)."""
        return cls(endpoints, transport=transport, allow_insecure_http=allow_insecure_http,
                   cache=store.cache, counters=store.stats, announce=store.announce,
                   max_response_bytes=store.settings.max_response_bytes)

    # --- plumbing ----------------------------------------------------------------------------

    async def _send(self, request: httpx.Request, decode: Callable[[bytes], T]) -> T:
        attempt = 0
        while True:
            self.stats.count_request(request.method, request.url.path, len(request.content))
            try:
                response = await self._client.send(request, stream=True)
                body = await self._body(request, response)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                failure: StoreError = NetworkError(f"Cannot reach Skills for Jira: {type(exc).__name__}")
                wait = None
            except httpx.TransportError as exc:
                # The request may have arrived: harmless to repeat (idempotent), but say so if it persists.
                failure = AmbiguousFailure(f"Skills for Jira did not answer ({type(exc).__name__}).")
                wait = None
            else:
                wait = None
                if response.is_success:
                    try:
                        return decode(body)
                    except StoreError as exc:  # cut short or not JSON: worth another go
                        failure = exc
                else:
                    failure = skills_error(response.status_code, response.headers, body)
                    if response.status_code not in _RETRY_STATUSES:
                        raise failure
                    wait = retry_after_seconds(response.headers)
            if attempt >= self._retries:
                raise failure
            self.stats.retries += 1
            await self._sleep(min(wait if wait is not None else self._backoff * 2**attempt, 5.0))
            attempt += 1

    async def _body(self, request: httpx.Request, response: httpx.Response) -> bytes:
        """The answer, read within the cap; a too-big 2xx answer to a change is a lost answer."""
        url = str(request.url.copy_with(query=None))
        label = f"Skills for Jira ({self._operations.get(url, request.url.path)})"
        try:
            return await read_capped(response, self.max_response_bytes, path=label)
        except ResponseTooLarge:
            if request.method == "GET" or not response.is_success:
                raise
            raise AmbiguousFailure(
                f"{label} accepted the change (HTTP {response.status_code}) but its answer passed "
                f"{self.max_response_bytes / MB:g} MB (max_response_mb) and was not read: check the "
                "skills before sending it again.",
                status=response.status_code,
            ) from None

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
        """Mark `keys` stale (`skills` reaches the tree too) and announce them."""
        self._cache.invalidate(keys)
        if self._announce is not None:
            self._announce(keys)
        for fn in list(self._listeners):
            fn(keys)

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- reads -------------------------------------------------------------------------------

    async def all_skills(self, *, refresh: bool = False) -> dict[str, tuple[str, ...]]:
        """Account id -> skill names, for everyone holding at least one skill."""
        return await self._read(
            ALL, dict[str, tuple[str, ...]], lambda: self._send(self.api.all_skills(), decode_all_skills), refresh
        )

    async def tree(self, *, refresh: bool = False) -> SkillTree:
        return await self._read(TREE, SkillTree, lambda: self._send(self.api.skill_tree(), decode_tree), refresh)

    async def snapshot(self, *, refresh: bool = False) -> SkillsSnapshot:
        tree, everyone = await asyncio.gather(self.tree(refresh=refresh), self.all_skills(refresh=refresh))
        return SkillsSnapshot(tree=tree, skills_by_account=everyone)

    async def user_skills(self, account_id: str, *, refresh: bool = False) -> tuple[str, ...]:
        return await self._read(
            f"skills:{account_id}",
            tuple[str, ...],
            lambda: self._send(self.api.user_skills(account_id), decode_user_skills),
            refresh,
        )

    # --- mutations ---------------------------------------------------------------------------

    async def run(self, m: SkillsMutation) -> AddResult | RemoveResult | BulkOutcome:
        """Send a Skills mutation; the caller invalidates (the Store's mutation worker does)."""
        from tui.store.mutations_skills import AddSkills, BulkUpdateSkills, RemoveSkills

        if isinstance(m, AddSkills):
            return await self._send(self.api.add_skills(m.account_id, m.skills), decode_add)
        if isinstance(m, RemoveSkills):
            return await self._send(self.api.remove_skills(m.account_id, m.skills), decode_remove)
        if isinstance(m, BulkUpdateSkills):
            return await self._bulk(m)
        raise StoreError(f"Not a Skills mutation: {type(m).__name__}")

    async def dispatch(self, m: SkillsMutation) -> AddResult | RemoveResult | BulkOutcome:
        """`run(m)`, then mark `m.invalidates()` stale and announce it — also after a failure,
        since a write whose answer was lost may have applied."""
        try:
            return await self.run(m)
        finally:
            self.invalidate(m.invalidates())

    async def _bulk(self, m: BulkUpdateSkills) -> BulkOutcome:
        if not m.skills_by_account:
            return BulkOutcome(changes={}, expected={})
        fresh = await self.all_skills(refresh=True)
        moved = [a for a, base in m.base.items() if set(fresh.get(a, ())) != set(base)]
        if moved:
            raise Conflict(
                f"The skills of {len(moved)} user(s) changed since the edit was staged "
                f"({', '.join(moved[:5])}); reload and stage the edit again.",
                status=409,
            )
        try:
            changes = await self._send(self.api.bulk_update(m.skills_by_account), decode_bulk)
        except AmbiguousFailure as lost:
            return await self._confirm_bulk(m, lost)
        return BulkOutcome(changes=changes, expected=m.expected())

    async def _confirm_bulk(self, m: BulkUpdateSkills, lost: AmbiguousFailure) -> BulkOutcome:
        """The bulk update's answer was lost: re-read everyone's skills to see whether it applied."""
        try:
            now = await self.all_skills(refresh=True)
        except StoreError:
            raise lost from None
        differ = [a for a, wanted in m.skills_by_account.items() if set(now.get(a, ())) != set(wanted)]
        if differ:
            raise AmbiguousFailure(
                f"{lost.message} Reading everyone's skills again shows {len(differ)} user(s) not "
                f"holding the staged skills ({', '.join(differ[:5])}): reload and check.",
                status=lost.status,
            ) from None
        expected = m.expected()
        return BulkOutcome(changes=expected, expected=expected, confirmed_by_reading=True)

