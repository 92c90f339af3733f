"""Every mutation through the real store against the sandbox: what the sandbox holds afterwards,
which cache keys were invalidated (exactly `invalidates()`), and what was announced."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from store_support import BOB, BOB_TOKEN, StoreFactory

from tui.render.adf_plain import adf_to_plain
from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import DONE, IN_PROGRESS, TO_DO
from tui.store.errors import Forbidden, StoreError, Unsupported, ValidationError
from tui.store.mutations import (
    AddComment,
    AddWorklog,
    AssignIssue,
    CreateIssue,
    DeleteComment,
    DeleteLink,
    EditComment,
    EditIssueFields,
    LinkIssues,
    Mutation,
    SetVote,
    SetWatching,
    TransitionIssue,
)
from tui.store.store import Store

ALICE_ID = "02ebe9f2c6515d4aac9194f4"


def issue_in(sandbox: Sandbox, status: str, *, skip: int = 0, unvoted_by: str | None = None) -> str:
    found = [
        i.key for i in sandbox.world.issues.values()
        if i.status_id == status and i.parent_key is None and (unvoted_by is None or unvoted_by not in i.voters)
    ]
    return found[skip]


@pytest.fixture(params=["3", "2"])
async def any_store(request: pytest.FixtureRequest, make_store: StoreFactory) -> Store:
    store = make_store(api_version=request.param)
    await store.connect()
    yield store
    await store.aclose()


def listen(store: Store) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    store.subscribe(seen.append)
    return seen


async def test_transition_with_a_required_resolution_and_a_comment(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, IN_PROGRESS)
    issue = await any_store.issue(key)
    done = next(t for t in issue.transitions if t.name == "Done")
    assert [f.id for f in done.required_fields] == ["resolution"]
    fixed = next(v for v in done.required_fields[0].allowed_values if v.name == "Duplicate")
    seen = listen(any_store)
    m = TransitionIssue(key=key, transition_id=done.id, transition_name="Done",
                        fields={"resolution": fixed.id}, comment="Shipped in **1.2**")
    await any_store.dispatch(m)
    held = sandbox.world.issues[key]
    assert held.status_id == DONE
    assert sandbox.world.resolutions[held.resolution_id or ""].name == "Duplicate"
    assert "Shipped in 1.2" in adf_to_plain(held.comments[-1].body)
    assert seen == [m.invalidates()]
    fresh = await any_store.issue(key)
    assert fresh.status is not None and fresh.status.name == "Done"


async def test_a_transition_missing_its_required_field_is_refused(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        await any_store.dispatch(TransitionIssue(key=key, transition_id="31"))
    assert "resolution" in refused.value.errors
    assert sandbox.world.issues[key].status_id == IN_PROGRESS


async def test_legacy_transition(make_store: StoreFactory, sandbox: Sandbox) -> None:
    store = make_store(api_version="2.0.alpha1")
    await store.connect()
    key = issue_in(sandbox, TO_DO)
    transitions = await store.transitions(key)
    start = next(t for t in transitions if t.name == "Start Progress")
    await store.dispatch(TransitionIssue(key=key, transition_id=start.id, comment="On it"))
    assert sandbox.world.issues[key].status_id == IN_PROGRESS
    with pytest.raises(Unsupported):
        await store.dispatch(AddComment(key=key, body="no such endpoint in 2.0.alpha1"))
    await store.aclose()


async def test_assign_and_unassign(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, TO_DO)
    assert any_store.me is not None
    await any_store.dispatch(AssignIssue(key=key, account_id=any_store.me.account_id))
    assert sandbox.world.issues[key].assignee == ALICE_ID
    await any_store.dispatch(AssignIssue(key=key, account_id=None))
    assert sandbox.world.issues[key].assignee is None


async def test_comment_add_edit_delete(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, TO_DO)
    added = await any_store.dispatch(AddComment(key=key, body="First *draft* with `code`"))
    held = sandbox.world.issues[key].comments[-1]
    assert adf_to_plain(held.body).strip() == "First draft with code"
    marks = {m["type"] for node in held.body["content"][0]["content"] for m in node.get("marks", [])}
    assert {"em", "code"} <= marks  # Markdown became ADF (v3) or wiki (v2), not literal asterisks
    comment_id = getattr(added, "id", "")
    assert comment_id == held.id
    assert any_store.drafts.all() == []  # confirmed: the draft is gone
    await any_store.dispatch(EditComment(key=key, comment_id=comment_id, body="Second version"))
    assert adf_to_plain(sandbox.world.issues[key].comments[-1].body).strip() == "Second version"
    await any_store.dispatch(DeleteComment(key=key, comment_id=comment_id))
    assert all(c.id != comment_id for c in sandbox.world.issues[key].comments)


async def test_log_work(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, IN_PROGRESS)
    started = datetime(2026, 10, 30, 9, 15, tzinfo=UTC)
    await any_store.dispatch(AddWorklog(key=key, time_spent_seconds=5400, started=started, comment="Pairing"))
    held = sandbox.world.issues[key].worklogs[-1]
    assert (held.time_spent_seconds, held.started, held.author) == (5400, started, ALICE_ID)
    assert held.comment is not None and adf_to_plain(held.comment).strip() == "Pairing"


async def test_watch_and_vote_are_optimistic(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, TO_DO, unvoted_by=ALICE_ID)
    before = await any_store.issue(key)
    seen = listen(any_store)
    shown: list[tuple[bool, int]] = []
    any_store.subscribe(lambda keys: shown.append(
        (c.has_voted, c.vote_count) if (c := any_store.cached_issue(key)) else (False, -1)))
    await any_store.dispatch(SetVote(key=key, voted=True))
    assert ALICE_ID in sandbox.world.issues[key].voters
    assert seen == [frozenset({f"issue:{key}"})] * 2  # at once, then after the server
    assert shown[0] == (True, before.vote_count + 1)  # the first announcement already shows it
    await any_store.dispatch(SetWatching(key=key, watching=not before.is_watching))
    assert (ALICE_ID in sandbox.world.issues[key].watchers) is (not before.is_watching)


async def test_a_refused_vote_rolls_back(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, TO_DO, unvoted_by=ALICE_ID)
    before = await any_store.issue(key)
    seen = listen(any_store)
    sandbox.config.fail_rate = 1.0  # every request now fails with 503
    with pytest.raises(StoreError):
        await any_store.dispatch(SetVote(key=key, voted=True))
    assert any_store.cached_issue(key) == before
    assert seen == [frozenset({f"issue:{key}"})] * 2  # applied, then rolled back
    assert ALICE_ID not in sandbox.world.issues[key].voters


async def test_link_and_unlink(any_store: Store, sandbox: Sandbox) -> None:
    a, b = issue_in(sandbox, TO_DO), issue_in(sandbox, TO_DO, skip=1)
    await any_store.dispatch(LinkIssues(key=a, link_type="Blocks", other_key=b, outward=True))
    links = (await any_store.issue(a)).links
    link = next(x for x in links if x.other.key == b)
    assert (link.direction, link.phrase) == ("outward", "blocks")
    seen_from_b = next(x for x in (await any_store.issue(b)).links if x.other.key == a)
    assert seen_from_b.phrase == "is blocked by"
    m = DeleteLink(key=a, link_id=link.id, other_key=b)
    await any_store.dispatch(m)
    assert all(x.other.key != b for x in (await any_store.issue(a)).links)


async def test_edit_fields(any_store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, TO_DO)
    await any_store.dispatch(EditIssueFields(key=key, summary="Renamed", priority_id="1", labels=("ux",)))
    await any_store.dispatch(EditIssueFields(key=key, add_labels=("triaged",)))
    held = sandbox.world.issues[key]
    assert (held.summary, held.priority_id, held.labels) == ("Renamed", "1", ["ux", "triaged"])


async def test_create_issue(any_store: Store, sandbox: Sandbox) -> None:
    projects = await any_store.projects_for_create()
    project = next(p for p in projects if p.key == "DASH")
    task = next(t for t in project.issue_types if t.name == "Task")
    key = await any_store.dispatch(CreateIssue(project_key="DASH", issuetype_id=task.id,
                                               summary="Made from the store", description="Some *context*"))
    assert isinstance(key, str) and key.startswith("DASH-")
    held = sandbox.world.issues[key]
    assert held.summary == "Made from the store" and held.description is not None
    assert adf_to_plain(held.description).strip() == "Some context"


async def test_bob_cannot_delete_someone_elses_comment(make_store: StoreFactory, sandbox: Sandbox) -> None:
    store = make_store(user=BOB, token=BOB_TOKEN)
    await store.connect()
    bob_id = store.me.account_id if store.me else ""
    key, comment = next(
        (i.key, c) for i in sandbox.world.issues.values() for c in i.comments if c.author != bob_id
    )
    with pytest.raises(Forbidden, match="permission"):
        await store.dispatch(DeleteComment(key=key, comment_id=comment.id))
    assert comment in sandbox.world.issues[key].comments
    await store.aclose()


MUTATIONS = [
    lambda a, b: AssignIssue(key=a, account_id=None),
    lambda a, b: AddComment(key=a, body="hello"),
    lambda a, b: SetWatching(key=a, watching=True),
    lambda a, b: SetVote(key=a, voted=True),
    lambda a, b: LinkIssues(key=a, link_type="Relates", other_key=b),
    lambda a, b: EditIssueFields(key=a, add_labels=("x",)),
]


@pytest.mark.parametrize("make", MUTATIONS, ids=["assign", "comment", "watch", "vote", "link", "edit"])
async def test_a_mutation_invalidates_exactly_its_keys(store: Store, sandbox: Sandbox, make: object) -> None:
    a, b, c = (issue_in(sandbox, TO_DO, skip=n, unvoted_by=ALICE_ID) for n in range(3))
    m: Mutation = make(a, b)  # type: ignore[operator]
    for key in (a, b, c):
        await store.issue(key)
    [p async for p in store.search("project = DASH ORDER BY key ASC")]
    cached_search = next(k for k in store.cache if k.startswith("search:"))
    seen = listen(store)
    await store.dispatch(m)
    keys = m.invalidates()
    assert seen[-1] == keys

    marked = {k for k in store.cache if (e := store.cache.peek(k)) is not None and e.invalidated}
    reached = {f"issue:{k}" for k in (a, b, c)} & keys | ({cached_search} if "search" in keys else set())
    assert marked == reached

    before = store.stats.requests_to("GET", "/issue/{key}")
    for key in (a, b, c):
        await store.issue(key)
    assert store.stats.requests_to("GET", "/issue/{key}") - before == len(reached - {cached_search})


async def test_mutations_run_in_order_and_survive_a_cancelled_caller(store: Store, sandbox: Sandbox) -> None:
    key = issue_in(sandbox, TO_DO)
    first = asyncio.ensure_future(store.dispatch(AddComment(key=key, body="one")))
    second = asyncio.ensure_future(store.dispatch(AddComment(key=key, body="two")))
    await asyncio.sleep(0)
    first.cancel()  # the screen went away; the mutation must still happen
    await second
    texts = [adf_to_plain(c.body).strip() for c in sandbox.world.issues[key].comments[-2:]]
    assert texts == ["one", "two"]
