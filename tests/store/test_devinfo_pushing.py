"""Pushing development information: the fewest requests the limits allow (checked exhaustively
by hypothesis for the split, and by the sandbox for the push), sequence ids that only grow and
stay put for unchanged content, a re-push that stores nothing new, progress, failures with
reasons and unknown keys, and a dry run that sends nothing and remembers nothing."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from store_support import FakeClock

from tui.api.devinfo_auth import OAuthClientCredentials
from tui.api.redact import Secret
from tui.models.devinfo import Author, Branch, Commit, PullRequest, Repository
from tui.sandbox.app import Sandbox
from tui.sandbox.devinfo import profile_section, state_of
from tui.store.devinfo import DevinfoService
from tui.store.devinfo_build import Entities
from tui.store.devinfo_push import PushProgress, SequenceLedger, minimum_requests, push, split

pytestmark = pytest.mark.sandbox(issues=150, users=20)
AUTHOR = Author(name="Build Bot", email="bot@example.com")


def a_commit(n: int, key: str = "DASH-1") -> Commit:
    return Commit(id=f"{n:040x}", issue_keys=(key,), update_sequence_id=0, author=AUTHOR,
                  author_timestamp="2026-10-01T10:00:00+00:00", display_id=f"{n:07x}", file_count=0,
                  message=f"{key} change {n}", url=f"https://git.example.com/r/commits/{n:040x}")


def a_branch(n: int) -> Branch:
    return Branch(id=f"b{n}", issue_keys=("DASH-2",), update_sequence_id=0, name=f"feature/DASH-2-{n}",
                  last_commit=a_commit(n), url=f"https://git.example.com/r/branch/{n}")


def a_pull_request(n: int) -> PullRequest:
    return PullRequest(id=str(n), issue_keys=("DASH-3",), update_sequence_id=0, status="OPEN", title=f"DASH-3 {n}",
                       author=AUTHOR, comment_count=0, source_branch=f"feature/DASH-3-{n}",
                       last_update="2026-10-01T10:00:00+00:00", display_id=f"#{n}",
                       url=f"https://git.example.com/r/pull-requests/{n}")


def entities(commits: int, branches: int = 0, pulls: int = 0) -> Entities:
    return Entities(commits=tuple(a_commit(i) for i in range(commits)),
                    branches=tuple(a_branch(i) for i in range(branches)),
                    pull_requests=tuple(a_pull_request(i) for i in range(pulls)))


COMMITS = tuple(a_commit(i) for i in range(3000))
BRANCHES = tuple(a_branch(i) for i in range(1300))
PULLS = tuple(a_pull_request(i) for i in range(900))
REPO = Repository(id="pushed", name="pushed", url="https://git.example.com/pushed", update_sequence_id=0)


# --- the split ------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 3000), st.integers(0, 1300), st.integers(0, 900))
def test_the_split_is_the_fewest_requests_within_the_limits(c: int, b: int, p: int) -> None:
    repo = msgspec.structs.replace(REPO, commits=COMMITS[:c], branches=BRANCHES[:b], pull_requests=PULLS[:p])
    parts = split(repo)
    lower = max(1, math.ceil((c + b + p) / 1000), math.ceil(c / 400), math.ceil(b / 400), math.ceil(p / 400))
    assert len(parts) == lower == minimum_requests(c, b, p)
    for part in parts:
        assert part.entity_count <= 1000
        assert max(len(part.commits), len(part.branches), len(part.pull_requests)) <= 400
        assert (part.id, part.name, part.url) == (repo.id, repo.name, repo.url)
    assert sorted(x.id for part in parts for x in part.commits) == sorted(x.id for x in repo.commits)
    assert sum(len(part.branches) for part in parts) == b and sum(len(part.pull_requests) for part in parts) == p


# --- sequence ids -----------------------------------------------------------------------------------


def test_sequence_ids_grow_and_hold_for_unchanged_content(tmp_path: Path) -> None:
    clock = FakeClock(now=1_800_000_000.0)
    path = tmp_path / "ledger.json"
    first = SequenceLedger(path, clock=clock)
    assert first.sequence("commit:a", "print-1") == 1_800_000_000_000
    first.save()
    clock.advance(-3600)  # even with the clock set back, a change moves the id forward
    again = SequenceLedger(path, clock=clock)
    assert again.sequence("commit:a", "print-1") == 1_800_000_000_000
    assert again.sequence("commit:a", "print-2") == 1_800_000_000_001
    assert again.sequence("commit:b", "print-1") == 1_799_996_400_000
    assert "commit:b" not in SequenceLedger(path, clock=clock).entries  # written only by save()
    again.save()
    assert SequenceLedger(path, clock=clock).entries["commit:a"] == ["print-2", 1_800_000_000_001]


# --- pushing to the sandbox ----------------------------------------------------------------------------


@pytest.fixture
async def service(app: Starlette, clock: FakeClock) -> AsyncIterator[DevinfoService]:
    section = profile_section(app.state.sandbox)
    auth = OAuthClientCredentials(section["token_url"], section["client_id"], Secret(section["client_secret"]),
                                  clock=clock)
    made = DevinfoService(section["url"], auth, transport=httpx.ASGITransport(app=app),
                          allow_insecure_http=True, sleep=clock.sleep)
    yield made
    await made.aclose()


def sent(service: DevinfoService) -> int:
    return service.stats.requests_to("POST", "/rest/devinfo/0.10/bulk")


async def test_a_push_sends_the_fewest_requests_and_a_repush_stores_nothing_new(
    service: DevinfoService, app: Starlette, clock: FakeClock, tmp_path: Path
) -> None:
    sandbox: Sandbox = app.state.sandbox
    ledger_path = tmp_path / "ledger.json"
    work = entities(2100, 5, 3)
    progress: list[PushProgress] = []
    report = await push(service, REPO, work, SequenceLedger(ledger_path, clock=clock), properties={"run": "1"},
                        progress=progress.append)
    assert sent(service) == report.requests == minimum_requests(2100, 5, 3) == 6
    assert report.accepted == 2108 and report.failures == [] and report.unknown_issue_keys == []
    assert [p.requests_sent for p in progress] == [1, 2, 3, 4, 5, 6]
    assert progress[-1].entities_sent == progress[-1].entities_total == 2108
    stored = state_of(sandbox).repositories["pushed"]
    assert stored.count() == 2108 and stored.properties == {"run": "1"}
    written = state_of(sandbox).applied
    clock.advance(3600)
    again = await push(service, REPO, work, SequenceLedger(ledger_path, clock=clock))
    assert again.accepted == 2108 and sent(service) == 12
    assert state_of(sandbox).applied == written  # same ids, same sequence ids: nothing new
    changed = Entities(commits=(msgspec.structs.replace(work.commits[0], message="DASH-1 amended"),),
                       branches=(), pull_requests=())
    await push(service, REPO, changed, SequenceLedger(ledger_path, clock=clock))
    assert state_of(sandbox).applied == written + 1
    assert stored.entities["commits"][work.commits[0].id].data["message"] == "DASH-1 amended"


async def test_failures_and_unknown_keys_are_reported(service: DevinfoService, clock: FakeClock) -> None:
    bad = msgspec.structs.replace(a_commit(1), issue_keys=("DASH-1", "nope"))
    work = Entities(commits=(a_commit(0, "NOPE-404"), bad, a_commit(2)), branches=(), pull_requests=())
    report = await push(service, REPO, work, SequenceLedger(None, clock=clock))
    assert report.accepted == 2 and report.unknown_issue_keys == ["NOPE-404"]
    ((kind, ident, why),) = report.failures
    assert (kind, ident) == ("commit", bad.id) and "not valid Jira issue keys: nope" in why
    assert report.as_dict()["failed"] == [{"type": "commit", "id": bad.id, "reasons": why}]


async def test_a_dry_run_sends_nothing_and_remembers_nothing(
    service: DevinfoService, app: Starlette, clock: FakeClock, tmp_path: Path
) -> None:
    ledger_path = tmp_path / "ledger.json"
    report = await push(service, REPO, entities(801), SequenceLedger(ledger_path, clock=clock), dry_run=True)
    assert report.dry_run and report.requests == 3 and report.commits == 801
    assert service.stats.total_requests == 0 and not ledger_path.exists()
    assert "pushed" not in state_of(app.state.sandbox).repositories
