"""The store's Skills side against the in-process sandbox: reads and their cache, a staged
multi-user edit as ONE bulk update whose `changes` equal the diff, add and remove, the bad-token
message, retries, and skill-aware ranking of a seeded issue's assignees."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.models.skill_match import IssueTerms, norm, rank_assignees
from tui.models.skills import (
    AddResult,
    RemoveResult,
    Skill,
    SkillsSnapshot,
    UserChange,
    set_level,
    split_level,
)
from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.skills import profile_section
from tui.sandbox.world import SandboxIssue
from tui.store.errors import AuthError, Conflict, StoreError
from tui.store.mutations_skills import AddSkills, BulkUpdateSkills, RemoveSkills
from tui.store.skills import BulkOutcome, SkillsService
from tui.store.store import Store


async def no_wait(_seconds: float) -> None:
    return None


def service_for(app: object, *, token: str | None = None, retries: int = 2) -> SkillsService:
    sandbox: Sandbox = app.state.sandbox  # type: ignore[attr-defined]
    section = profile_section(sandbox)
    endpoints = SkillsEndpoints(urls=section["urls"], token=Secret(token or section["token"]))
    return SkillsService(endpoints, transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
                         allow_insecure_http=True, retries=retries, sleep=no_wait)


@pytest.fixture
async def env() -> AsyncIterator[tuple[Sandbox, SkillsService]]:
    app = create_app(SandboxConfig())
    service = service_for(app)
    try:
        yield app.state.sandbox, service
    finally:
        await service.aclose()


def sent(service: SkillsService, method: str) -> int:
    return sum(n for name, n in service.stats.requests.items() if name.startswith(method + " /x1/"))


def held(sandbox: Sandbox) -> dict[str, list[str]]:
    return {a: list(s) for a, s in sandbox.world.extra["skills"].held.items()}


async def test_the_snapshot_is_the_sandbox_data(env: tuple[Sandbox, SkillsService]) -> None:
    sandbox, service = env
    snap = await service.snapshot()
    assert {a: list(s) for a, s in snap.skills_by_account.items()} == held(sandbox)
    experts = snap.tree.experts()
    for account_id, skills in snap.skills_by_account.items():
        assert all(account_id in experts[s] for s in skills)
    assert len(snap.tree.skills()) == 120


async def test_reads_are_cached_and_shared_until_invalidated(env: tuple[Sandbox, SkillsService]) -> None:
    _, service = env
    await asyncio.gather(service.all_skills(), service.all_skills(), service.all_skills())
    assert sent(service, "GET") == 1
    await service.all_skills()
    assert sent(service, "GET") == 1
    await service.all_skills(refresh=True)
    assert sent(service, "GET") == 2


async def test_a_staged_multi_user_edit_is_one_bulk_update_whose_changes_are_the_diff(
    env: tuple[Sandbox, SkillsService],
) -> None:
    sandbox, service = env
    snap: SkillsSnapshot = await service.snapshot()
    people = [a for a, s in snap.skills_by_account.items() if len(s) >= 3][:3]
    leveled = next(s for s in snap.tree.skills() if s.levels)
    current = {a: snap.held(a) for a in people}
    staged = {
        people[0]: set_level(current[people[0]], leveled, "Master"),  # a level set (or changed)
        people[1]: current[people[1]][1:],  # one skill dropped
        people[2]: set_level(current[people[2]], Skill(name="Selenium"), ""),  # a plain skill added
    }
    others_before = {a: s for a, s in held(sandbox).items() if a not in people}
    mutation = BulkUpdateSkills.from_staged(snap.skills_by_account, staged)
    diff = mutation.expected()
    assert set(diff) <= set(people) and diff
    # the complete new set of every edited user goes out, never a partial list
    assert all(mutation.skills_by_account[a] == tuple(staged[a]) for a in diff)

    changed: list[frozenset[str]] = []
    service.subscribe(changed.append)
    posts_before = sent(service, "POST")
    outcome = await service.dispatch(mutation)

    assert isinstance(outcome, BulkOutcome)
    assert sent(service, "POST") - posts_before == 1
    assert outcome.matches
    assert {a: (set(c.added), set(c.removed)) for a, c in outcome.changes.items() if not c.is_empty} == {
        a: (set(c.added), set(c.removed)) for a, c in diff.items()
    }
    after = held(sandbox)
    for a in diff:
        assert set(after.get(a, [])) == set(staged[a])
    assert {a: s for a, s in after.items() if a not in people} == others_before
    assert changed == [frozenset({"skills", *(f"skills:{a}" for a in diff)})]
    refetched = await service.all_skills()
    assert set(refetched[people[0]]) == set(staged[people[0]])


async def test_a_user_changed_since_staging_stops_the_bulk_update(env: tuple[Sandbox, SkillsService]) -> None:
    sandbox, service = env
    snap = await service.snapshot()
    a, b = [x for x, s in snap.skills_by_account.items() if len(s) >= 2][:2]
    mutation = BulkUpdateSkills.from_staged(snap.skills_by_account, {a: snap.held(a)[1:], b: snap.held(b)[1:]})
    await service.dispatch(AddSkills(account_id=b, skills=("Wireframes",)))  # someone else's edit
    before = held(sandbox)
    posts = sent(service, "POST")
    with pytest.raises(Conflict, match="changed since the edit was staged"):
        await service.dispatch(mutation)
    assert sent(service, "POST") == posts
    assert held(sandbox) == before


async def test_add_and_remove(env: tuple[Sandbox, SkillsService]) -> None:
    sandbox, service = env
    account = next(iter(held(sandbox)))
    mine = await service.user_skills(account)
    added = await service.dispatch(AddSkills(account_id=account, skills=(mine[0], "Wireframes")))
    assert added == AddResult(added=("Wireframes",) if "Wireframes" not in mine else (),
                              existing=(mine[0], *(("Wireframes",) if "Wireframes" in mine else ())))
    assert "Wireframes" in await service.user_skills(account)  # the cached copy was invalidated
    removed = await service.dispatch(RemoveSkills(account_id=account, skills=("Wireframes", "Juggling")))
    assert removed == RemoveResult(removed=("Wireframes",), missing=("Juggling",))
    assert "Wireframes" not in held(sandbox)[account]


async def test_a_bad_token_says_so() -> None:
    service = service_for(create_app(SandboxConfig(issues=50, users=10)), token="not-the-token")
    try:
        with pytest.raises(AuthError) as caught:
            await service.all_skills()
    finally:
        await service.aclose()
    message = caught.value.message
    assert "Skills for Jira refused the token (Authorization-Skills)" in message
    assert "jiradash config skills" in message
    assert "not-the-token" not in message


async def test_unavailable_answers_are_retried_then_reported() -> None:
    app = create_app(SandboxConfig(issues=50, users=10))
    service = service_for(app, retries=2)
    app.state.sandbox.config.fail_rate = 1.0
    try:
        with pytest.raises(StoreError):
            await service.all_skills()
        assert sent(service, "GET") == 3
        app.state.sandbox.config.fail_rate = 0.0
        assert await service.all_skills()
    finally:
        await service.aclose()


async def test_the_seeded_issue_suggests_a_holder_of_its_label_skill_first(env: tuple[Sandbox, SkillsService]) -> None:
    sandbox, service = env
    world = sandbox.world
    everyone = await service.all_skills()
    components = {c.id: c.name for p in world.projects.values() for c in p.components}
    done = {s.id for s in world.statuses.values() if s.category == "done"}
    load: dict[str, int] = {}
    for issue in world.issues.values():
        if issue.assignee and issue.status_id not in done:
            load[issue.assignee] = load.get(issue.assignee, 0) + 1

    def holds_label(account: str, labels: set[str]) -> bool:
        return any(norm(split_level(s)[0]) in labels for s in everyone.get(account, ()))

    def terms(issue: SandboxIssue) -> IssueTerms:
        return IssueTerms(labels=tuple(issue.labels),
                          components=tuple(components[c] for c in issue.component_ids),
                          issue_type=world.issue_types[issue.issuetype_id].name, summary=issue.summary)

    candidates = [
        (issue, labels) for issue in world.issues.values()
        if (labels := {norm(label) for label in issue.labels}) and any(holds_label(a, labels) for a in everyone)
    ]
    first, labels = candidates[0]
    top = rank_assignees(terms(first), everyone, load)[0]
    assert holds_label(top.account_id, labels)
    assert any(m.via == "label" and m.exact for m in top.matches)
    assert top.open_issues == load.get(top.account_id, 0)
    # and so it goes for (nearly) every seeded issue with such a label
    hits = sum(holds_label(rank_assignees(terms(i), everyone, load)[0].account_id, ls) for i, ls in candidates)
    assert hits >= 0.9 * len(candidates)


async def test_with_a_store_the_cache_and_changed_are_the_stores() -> None:
    app = create_app(SandboxConfig(issues=50, users=10))
    sandbox: Sandbox = app.state.sandbox
    store = Store(base_url=sandbox.base_url)
    section = profile_section(sandbox)
    service = SkillsService.for_store(
        store, SkillsEndpoints(urls=section["urls"], token=Secret(section["token"])),
        transport=httpx.ASGITransport(app=app), allow_insecure_http=True,
    )
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)
    try:
        account = next(iter(await service.all_skills()))
        assert "skills" in store.cache
        assert store.stats.total_requests == 1
        await service.dispatch(AddSkills(account_id=account, skills=("Wireframes",)))
        assert heard == [frozenset({"skills", f"skills:{account}"})]
        entry = store.cache.peek("skills")
        assert entry is not None and entry.invalidated
    finally:
        await service.aclose()
        await store.aclose()


def test_bulk_update_needs_each_users_staged_from_set() -> None:
    with pytest.raises(ValueError, match="staged-from set"):
        BulkUpdateSkills(skills_by_account={"a": ("Python",)}, base={})
    empty = BulkUpdateSkills.from_staged({"a": ("Python",)}, {"a": ("Python",)})
    assert empty.skills_by_account == {} and empty.expected() == {}
    one = BulkUpdateSkills.from_staged({"a": ("Python", "Go - Expert")}, {"a": ("Go - Master",)})
    assert one.expected() == {"a": UserChange(added=("Go - Master",), removed=("Python", "Go - Expert"))}
    assert one.invalidates() == frozenset({"skills", "skills:a"})
