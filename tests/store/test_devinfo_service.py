"""The store's devinfo side against the in-process sandbox: cached and shared reads, the four
mutations with exact invalidation and Changed through the Store, typed errors in the server's
words, retries on a fake clock, waiting for asynchronous writes, and an issue's entities."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from starlette.applications import Starlette
from store_support import FakeClock

from tui.api.devinfo_auth import OAuthClientCredentials
from tui.api.redact import Secret
from tui.models.devinfo import Author, Commit, Repository, StoreResult
from tui.sandbox.app import Sandbox
from tui.sandbox.devinfo import profile_section, runtime_of, state_of
from tui.store.devinfo import DevinfoService
from tui.store.errors import Forbidden, NotFound, ValidationError
from tui.store.mutations_devinfo import (
    DeleteByProperties,
    DeleteEntity,
    DeleteRepository,
    StoreDevinfo,
)
from tui.store.store import Store

pytestmark = pytest.mark.sandbox(issues=150, users=20)


@dataclass
class Env:
    sandbox: Sandbox
    service: DevinfoService
    clock: FakeClock

    def requests(self, method: str, suffix: str) -> int:
        return self.service.stats.requests_to(method, suffix)


def make_service(app: Starlette, clock: FakeClock, *, client: str = "full", store: Store | None = None) -> DevinfoService:
    sandbox: Sandbox = app.state.sandbox
    section = profile_section(sandbox)
    client_id, secret = section["client_id"], section["client_secret"]
    if client == "read":
        reader = next(c for c in state_of(sandbox).clients.values() if c.scopes == frozenset({"READ"}))
        client_id, secret = reader.client_id, reader.client_secret
    auth = OAuthClientCredentials(section["token_url"], client_id, Secret(secret), clock=clock)
    transport = httpx.ASGITransport(app=app)
    if store is not None:
        return DevinfoService.for_store(store, section["url"], auth, transport=transport, allow_insecure_http=True)
    return DevinfoService(section["url"], auth, transport=transport, allow_insecure_http=True, sleep=clock.sleep)


@pytest.fixture
async def env(app: Starlette, clock: FakeClock) -> AsyncIterator[Env]:
    runtime_of(app.state.sandbox).clock = clock
    service = make_service(app, clock)
    try:
        yield Env(app.state.sandbox, service, clock)
    finally:
        await service.aclose()


def a_commit(ident: str, seq: int = 1, keys: tuple[str, ...] = ("DASH-1",)) -> Commit:
    return Commit(id=ident, issue_keys=keys, update_sequence_id=seq, author=Author(name="Build Bot"),
                  author_timestamp="2026-10-01T10:00:00+00:00", display_id=ident[:7], file_count=0,
                  message=f"{' '.join(keys)} {ident}", url=f"https://git.example.com/r/commits/{ident}")


def a_repo(*commits: Commit, ident: str = "repo1", seq: int = 1) -> Repository:
    return Repository(id=ident, name=ident, url=f"https://git.example.com/{ident}", update_sequence_id=seq,
                      commits=commits)


async def test_reads_are_cached_and_identical_reads_share_one_request(env: Env) -> None:
    import asyncio

    first, second = await asyncio.gather(env.service.repository("web-app"), env.service.repository("web-app"))
    assert first == second and first.name == "web-app" and first.commits
    await env.service.repository("web-app")
    assert env.requests("GET", "/repository/web-app") == 1
    await env.service.repository("web-app", refresh=True)
    assert env.requests("GET", "/repository/web-app") == 2
    assert env.requests("POST", "/oauth/token") == 1


async def test_store_then_read_with_exact_invalidation(env: Env) -> None:
    seen: list[frozenset[str]] = []
    env.service.subscribe(seen.append)
    await env.service.repository("web-app")
    with pytest.raises(NotFound):
        await env.service.repository("repo1")
    result = await env.service.dispatch(StoreDevinfo(repositories=(a_repo(a_commit("c1"), a_commit("c2", keys=("NOPE-1",))),),
                                                     properties={"source": "tests"}))
    assert isinstance(result, StoreResult)
    assert result.accepted_devinfo_entities["repo1"].commits == ("c1", "c2")
    assert result.unknown_issue_keys == ("NOPE-1",)
    assert seen == [frozenset({"devinfo:repo1"})]
    repo = await env.service.repository("repo1")
    assert [c.id for c in repo.commits] == ["c2", "c1"]  # most recently stored first
    await env.service.repository("web-app")  # untouched: still cached
    assert env.requests("GET", "/repository/web-app") == 1
    assert await env.service.exists({"source": "tests"})


async def test_the_three_deletes(env: Env) -> None:
    await env.service.dispatch(StoreDevinfo(repositories=(a_repo(a_commit("c1", 5), a_commit("c2", 5)),),
                                            properties={"team": "a"}))
    await env.service.dispatch(DeleteEntity(repository_id="repo1", entity_type="commit", entity_id="c1"))
    assert [c.id for c in (await env.service.repository("repo1")).commits] == ["c2"]
    await env.service.dispatch(DeleteRepository(repository_id="repo1", update_sequence_id=4))
    assert [c.id for c in (await env.service.repository("repo1")).commits] == ["c2"]
    await env.service.dispatch(DeleteByProperties(properties={"team": "a"}))
    with pytest.raises(NotFound):
        await env.service.repository("repo1")
    assert not await env.service.exists({"team": "a"})
    await env.service.dispatch(DeleteRepository(repository_id="web-app"))
    assert (await env.service.repositories(["web-app", "core-services"]))["web-app"] is None


async def test_refusals_are_typed_with_the_servers_words(env: Env, app: Starlette) -> None:
    with pytest.raises(ValidationError, match="No repositories"):
        await env.service.run(StoreDevinfo(repositories=()))
    with pytest.raises(NotFound):
        await env.service.repository("nothing-here")
    reader = make_service(app, env.clock, client="read")
    try:
        assert (await reader.repository("web-app")).id == "web-app"
        with pytest.raises(Forbidden, match="WRITE"):
            await reader.run(StoreDevinfo(repositories=(a_repo(a_commit("c1")),)))
    finally:
        await reader.aclose()
    with pytest.raises(ValueError, match="start with '_'"):
        StoreDevinfo(repositories=(a_repo(),), properties={"_x": "1"})
    with pytest.raises(ValueError, match="at least one property"):
        DeleteByProperties(properties={})


async def test_transient_failures_are_retried(env: Env) -> None:
    env.sandbox.config.fail_rate = 1.0

    def heal(_seconds: float) -> None:
        env.sandbox.config.fail_rate = 0.0

    env.clock.on_sleep = heal
    result = await env.service.run(StoreDevinfo(repositories=(a_repo(a_commit("c1")),)))
    assert result is not None and result.accepted_count == 1
    assert env.service.stats.retries == 1 and env.clock.slept == [0.25]


@pytest.mark.sandbox(issues=150, users=20, devinfo_visibility_delay=20.0)
async def test_waiting_for_an_asynchronous_write(env: Env) -> None:
    await env.service.dispatch(StoreDevinfo(repositories=(a_repo(a_commit("c1")),)))
    polls: list[float] = []
    env.clock.on_sleep = polls.append
    repo = await env.service.wait_visible("repo1", lambda r: r is not None, interval=5.0, clock=env.clock)
    assert repo is not None and [c.id for c in repo.commits] == ["c1"]
    assert polls == [5.0, 5.0, 5.0, 5.0]


async def test_an_issues_entities_across_repositories(env: Env) -> None:
    web = await env.service.repository("web-app")
    key = web.commits[0].issue_keys[0]
    found = await env.service.for_issue(key, ["web-app", "core-services", "web-app-experiments", "gone"])
    assert found and all(r.entity_count for r in found)
    for repo in found:
        for item in (*repo.commits, *repo.branches, *repo.pull_requests):
            assert key in item.issue_keys


async def test_for_store_shares_the_cache_counters_and_changed(app: Starlette, clock: FakeClock, store: Store) -> None:
    service = make_service(app, clock, store=store)
    seen: list[frozenset[str]] = []
    store.subscribe(seen.append)
    try:
        await service.repository("web-app")
        assert "devinfo:web-app" in store.cache
        assert store.stats.requests_to("GET", "/repository/web-app") == 1
        await service.dispatch(DeleteRepository(repository_id="web-app"))
        assert seen == [frozenset({"devinfo:web-app"})]
        assert store.cache.peek("devinfo:web-app").invalidated  # type: ignore[union-attr]
    finally:
        await service.aclose()
