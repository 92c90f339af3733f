"""Skills for Jira wired into the Store: `store.skills`, mutations through `store.dispatch`, the
demo's service (found through `GET /sandbox/profile`), a profile's service, people and load."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.config import Profile
from tui.demo import store_on_app
from tui.models import User
from tui.sandbox.skills import profile_section, state_of_sandbox
from tui.store.build import store_for_profile
from tui.store.errors import StoreError
from tui.store.mutations_skills import AddSkills, BulkUpdateSkills, RemoveSkills
from tui.store.skills import BulkOutcome
from tui.store.skills_people import jira_users, open_issue_counts, people
from tui.store.store import Store, StoreSettings

BASE = "http://sandbox.invalid"


@pytest.fixture(autouse=True)
def private_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Cache, drafts and config under the test's own directory."""
    monkeypatch.setenv("JIRADASH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("JIRADASH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JIRADASH_CONFIG_DIR", str(tmp_path / "config"))


def demo_on(app: Starlette, tmp_path: Path, api_version: str = "2") -> Store:
    profile = Profile(name="wiring", base_url=BASE, user="alice@example.com", api_version=api_version)  # type: ignore[arg-type]
    store = store_on_app(app, profile=profile, settings=StoreSettings(api_version=api_version))  # type: ignore[arg-type]
    store.cache.disk = None  # nothing written under the test's home
    return store


async def test_the_demo_store_reads_the_sandbox_skills(sandbox_app: Starlette, tmp_path: Path) -> None:
    store = demo_on(sandbox_app, tmp_path)
    try:
        assert store.skills is not None
        snapshot = await store.skills.snapshot()
        state = state_of_sandbox(sandbox_app.state.sandbox)
        assert {a: list(s) for a, s in snapshot.skills_by_account.items()} == state.held
        assert snapshot.tree.skill_names() == state.skill_names()
    finally:
        await store.aclose()


async def test_skills_mutations_go_through_the_store(sandbox_app: Starlette, tmp_path: Path) -> None:
    store = demo_on(sandbox_app, tmp_path)
    changed: list[frozenset[str]] = []
    store.subscribe(changed.append)
    state = state_of_sandbox(sandbox_app.state.sandbox)
    account = next(iter(state.held))
    skill = next(n for n in sorted(state.skill_names()) if n not in state.held[account] and " - " not in n)
    try:
        assert store.skills is not None
        await store.skills.all_skills()
        await store.dispatch(AddSkills(account_id=account, skills=(skill,)))
        assert skill in state.held[account]
        assert frozenset({"skills", f"skills:{account}"}) in changed
        before = list(state.held[account])
        await store.dispatch(RemoveSkills(account_id=account, skills=(skill,)))
        assert skill not in state.held[account]
        new = tuple(before)
        outcome = await store.dispatch(BulkUpdateSkills.from_staged({account: tuple(state.held[account])},
                                                                   {account: new}))
        assert isinstance(outcome, BulkOutcome) and outcome.matches
        assert state.held[account] == before
    finally:
        await store.aclose()


async def test_without_skills_a_skills_mutation_is_refused_clearly(sandbox_app: Starlette) -> None:
    store = Store(base_url=BASE, auth=BasicAuth("alice@example.com", Secret("sandbox-token")),
                  transport=httpx.ASGITransport(app=sandbox_app))
    try:
        assert store.skills is None
        with pytest.raises(StoreError, match=r"Skills for Jira is not configured.*jiradash config skills"):
            await store.dispatch(AddSkills(account_id="x", skills=("Python",)))
    finally:
        await store.aclose()


def test_a_profile_store_gets_skills_from_the_environment(
    sandbox_app: Starlette, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    profile = Profile(name="p", base_url="https://jira.example.test", user="alice@example.com")
    monkeypatch.delenv("JIRA_SKILLS_URLS", raising=False)
    monkeypatch.delenv("JIRA_SKILLS_TOKEN", raising=False)
    assert store_for_profile(profile, Secret("t")).skills is None
    section = profile_section(sandbox_app.state.sandbox)
    urls = {op: url.replace(BASE, "https://skills.example.test") for op, url in section["urls"].items()}
    monkeypatch.setenv("JIRA_SKILLS_URLS", json.dumps(urls))
    monkeypatch.setenv("JIRA_SKILLS_TOKEN", section["token"])
    skills = store_for_profile(profile, Secret("t")).skills
    assert skills is not None and skills.api.endpoints.urls == urls


async def test_people_are_read_in_bulk_once_and_matched_to_jira(sandbox_app: Starlette, tmp_path: Path) -> None:
    sandbox = sandbox_app.state.sandbox
    for api_version in ("2", "3"):
        store = demo_on(sandbox_app, tmp_path, api_version)
        try:
            await store.connect()
            held = state_of_sandbox(sandbox).held
            found = await people(store, held)
            assert {a: u.display_name for a, u in found.items()} == {
                a: sandbox.world.users[a].display_name for a in held
            }
            assert store.stats.requests_to("GET", "/user/bulk") == 1
            await people(store, held)
            assert store.stats.requests_to("GET", "/user/bulk") == 1  # cached
            some = [found[a] for a in list(held)[:4]]
            jira = await jira_users(store, some)
            expected = {a.account_id: (sandbox.world.users[a.account_id].name if api_version == "2" else a.account_id)
                        for a in some}
            assert {a: u.account_id for a, u in jira.items()} == expected
            searches = store.stats.requests_to("POST", "/search") + store.stats.requests_to("POST", "/search/jql")
            counts = await open_issue_counts(store, list(jira.values()))
            after = store.stats.requests_to("POST", "/search") + store.stats.requests_to("POST", "/search/jql")
            assert after - searches == 1
            world = sandbox.world
            for account, user in jira.items():
                assert counts[user.account_id] == sum(
                    1 for i in world.issues.values()
                    if i.assignee == account and world.statuses[i.status_id].category != "done"
                )
        finally:
            await store.aclose()


async def test_unknown_people_are_left_out(sandbox_app: Starlette, tmp_path: Path) -> None:
    store = demo_on(sandbox_app, tmp_path)
    try:
        found = await people(store, ["0" * 24])
        assert found == {}
        assert await open_issue_counts(store, []) == {}
        assert await jira_users(store, [User(account_id="x", display_name="Nobody")], pool=[]) == {}
    finally:
        await store.aclose()
