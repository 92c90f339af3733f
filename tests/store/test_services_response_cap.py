"""`max_response_mb` for the Skills for Jira and devinfo services (their own httpx clients): a
50 MB answer stops at the cap with a clear error and bounded memory, is not asked for again, and
a change whose 2xx answer is too big is a lost answer (a skills bulk update is confirmed by
reading everyone's skills again). The big answers come from `huge_support.HugeAnswer` in front
of the real in-process sandbox.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Awaitable
from typing import Any
from urllib.parse import urlsplit

import pytest
from huge_support import MB, HugeAnswer
from starlette.applications import Starlette
from store_support import StoreFactory

from tui.api.devinfo_auth import OAuthClientCredentials
from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.models.devinfo import Author, Commit, Repository
from tui.sandbox.app import Sandbox
from tui.sandbox.devinfo import profile_section as devinfo_section
from tui.sandbox.devinfo import state_of
from tui.sandbox.skills import profile_section as skills_section
from tui.store.devinfo import DevinfoService
from tui.store.errors import AmbiguousFailure, ResponseTooLarge
from tui.store.mutations_devinfo import StoreDevinfo
from tui.store.mutations_skills import AddSkills, BulkUpdateSkills
from tui.store.skills import BulkOutcome, SkillsService

pytestmark = pytest.mark.sandbox(issues=120, users=20)


def skills_on(app: Starlette, operation: str, **huge: Any) -> tuple[SkillsService, HugeAnswer]:
    section = skills_section(app.state.sandbox)
    transport = HugeAnswer(app, urlsplit(section["urls"][operation]).path, **huge)
    endpoints = SkillsEndpoints(urls=section["urls"], token=Secret(section["token"]))
    return SkillsService(endpoints, transport=transport, allow_insecure_http=True), transport


def devinfo_on(app: Starlette, path_of: str, **huge: Any) -> tuple[DevinfoService, HugeAnswer]:
    section = devinfo_section(app.state.sandbox)
    path = urlsplit(section["token_url"] if path_of == "token" else section["url"] + path_of).path
    transport = HugeAnswer(app, path, **huge)
    auth = OAuthClientCredentials(section["token_url"], section["client_id"], Secret(section["client_secret"]))
    return DevinfoService(section["url"], auth, transport=transport, allow_insecure_http=True), transport


async def peak_of(action: Awaitable[Any], refused: type[Exception]) -> tuple[Exception, int]:
    """The error `action` raises, and the peak memory traced while it ran."""
    tracemalloc.start()
    try:
        with pytest.raises(refused) as caught:
            await action
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, peak


async def test_a_50_mb_skills_answer_stops_at_the_cap(app: Starlette) -> None:
    service, transport = skills_on(app, "all_skills")
    try:
        error, peak = await peak_of(service.all_skills(), ResponseTooLarge)
        assert isinstance(error, ResponseTooLarge)
        assert "Skills for Jira (all_skills)" in error.message and "exceeded 20 MB" in error.message
        assert "max_response_mb" in error.message and len(error.message) < 300
        assert transport.chunks_sent <= 21 and transport.answered == 1  # not asked for again
        assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"
        assert (await service.tree()).roots  # the service still works
    finally:
        await service.aclose()


async def test_a_declared_50_mb_skills_answer_is_not_read(app: Starlette) -> None:
    service, transport = skills_on(app, "skill_tree", declare=True)
    try:
        with pytest.raises(ResponseTooLarge, match=r"Skills for Jira \(skill_tree\) exceeded 20 MB"):
            await service.tree()
        assert transport.chunks_sent == 0
    finally:
        await service.aclose()


async def test_the_skills_cap_is_the_stores_setting(app: Starlette, make_store: StoreFactory) -> None:
    store = make_store(max_response_bytes=MB)
    section = skills_section(app.state.sandbox)
    transport = HugeAnswer(app, urlsplit(section["urls"]["all_skills"]).path)
    service = SkillsService.for_store(store, SkillsEndpoints(urls=section["urls"], token=Secret(section["token"])),
                                      transport=transport, allow_insecure_http=True)
    try:
        with pytest.raises(ResponseTooLarge, match="exceeded 1 MB"):
            await service.all_skills()
        assert transport.chunks_sent <= 2
    finally:
        await service.aclose()


async def test_a_bulk_update_whose_answer_is_too_big_is_confirmed_by_reading(app: Starlette) -> None:
    service, _ = skills_on(app, "bulk_update", method="POST", forward=True)
    sandbox: Sandbox = app.state.sandbox
    try:
        everyone = await service.all_skills()
        a, b = [x for x, s in everyone.items() if len(s) >= 2][:2]
        mutation = BulkUpdateSkills.from_staged(everyone, {a: everyone[a][1:], b: everyone[b][1:]})
        outcome = await service.dispatch(mutation)
        assert isinstance(outcome, BulkOutcome)
        assert outcome.confirmed_by_reading and outcome.matches
        held = sandbox.world.extra["skills"].held
        assert set(held[a]) == set(everyone[a][1:]) and set(held[b]) == set(everyone[b][1:])
    finally:
        await service.aclose()


async def test_a_bulk_update_lost_and_not_applied_says_what_to_check(app: Starlette) -> None:
    # the sandbox never sees the request: only a huge 200 comes back
    service, _ = skills_on(app, "bulk_update", method="POST", forward=False)
    sandbox: Sandbox = app.state.sandbox
    try:
        everyone = await service.all_skills()
        a = next(x for x, s in everyone.items() if len(s) >= 2)
        mutation = BulkUpdateSkills.from_staged(everyone, {a: everyone[a][1:]})
        with pytest.raises(AmbiguousFailure) as lost:
            await service.dispatch(mutation)
        message = lost.value.message
        assert "passed 20 MB (max_response_mb)" in message and "was not read" in message
        assert f"1 user(s) not holding the staged skills ({a})" in message
        assert set(sandbox.world.extra["skills"].held[a]) == set(everyone[a])
    finally:
        await service.aclose()


async def test_an_add_whose_answer_is_too_big_is_a_lost_answer(app: Starlette) -> None:
    service, transport = skills_on(app, "add_skills", method="PUT", forward=True)
    try:
        everyone = await service.all_skills()
        a = next(iter(everyone))
        with pytest.raises(AmbiguousFailure, match=r"add_skills\) accepted the change \(HTTP 200\)"):
            await service.dispatch(AddSkills(account_id=a, skills=("Wireframes",)))
        assert transport.answered == 1  # not sent again
        assert "Wireframes" in await service.user_skills(a)  # it did arrive
    finally:
        await service.aclose()


def a_repo(ident: str) -> Repository:
    commit = Commit(id="c1", issue_keys=("DASH-1",), update_sequence_id=1, author=Author(name="Build Bot"),
                    author_timestamp="2026-10-01T10:00:00+00:00", display_id="c1", file_count=0,
                    message="DASH-1 c1", url="https://git.example.com/r/commits/c1")
    return Repository(id=ident, name=ident, url=f"https://git.example.com/{ident}", update_sequence_id=1,
                      commits=(commit,))


async def test_a_50_mb_devinfo_answer_stops_at_the_cap(app: Starlette) -> None:
    service, transport = devinfo_on(app, "/repository/web-app")
    try:
        error, peak = await peak_of(service.repository("web-app"), ResponseTooLarge)
        assert isinstance(error, ResponseTooLarge)
        assert "/rest/devinfo/0.10/repository/web-app exceeded 20 MB" in error.message
        assert transport.chunks_sent <= 21 and transport.answered == 1  # not retried
        assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"
        assert (await service.repository("core-services")).id == "core-services"
    finally:
        await service.aclose()


async def test_a_50_mb_token_answer_stops_at_the_cap(app: Starlette) -> None:
    """httpx reads an auth flow's token answer itself: the client caps every response's stream."""
    service, transport = devinfo_on(app, "token", method="POST")
    try:
        error, peak = await peak_of(service.repository("web-app"), ResponseTooLarge)
        assert isinstance(error, ResponseTooLarge) and "exceeded 20 MB" in error.message
        assert urlsplit(devinfo_section(app.state.sandbox)["token_url"]).path in error.message
        assert transport.chunks_sent <= 21 and transport.answered == 1
        assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"
    finally:
        await service.aclose()


async def test_a_devinfo_store_whose_answer_is_too_big_is_a_lost_answer(app: Starlette) -> None:
    service, transport = devinfo_on(app, "/bulk", method="POST", forward=True)
    try:
        with pytest.raises(AmbiguousFailure) as lost:
            await service.dispatch(StoreDevinfo(repositories=(a_repo("repo1"),), properties={"source": "tests"}))
        assert "accepted the change (HTTP 202)" in lost.value.message
        assert "passed 20 MB (max_response_mb)" in lost.value.message
        assert "Check the repository" in lost.value.message
        assert transport.answered == 1  # not sent again
        assert "repo1" in state_of(app.state.sandbox).repositories  # it was stored
    finally:
        await service.aclose()


async def test_a_50_mb_session_login_answer_stops_at_the_cap(app: Starlette, make_store: StoreFactory) -> None:
    """The Jira store's own auth flow (session cookie): httpx reads the login answer itself."""
    transport = HugeAnswer(app, "/rest/auth/1/session", method="POST")
    store = make_store(session=True, transport=transport)
    error, peak = await peak_of(store.connect(), ResponseTooLarge)
    assert isinstance(error, ResponseTooLarge)
    assert "The response from /rest/auth/1/session exceeded 20 MB" in error.message
    assert transport.chunks_sent <= 21 and transport.answered == 1
    assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"
