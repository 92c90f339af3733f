"""A scripted triage session through the real app, against a loopback sandbox that misbehaves.

The sandbox (uvicorn on 127.0.0.1) runs with the issue's figures: latency 100 ms with 200 ms
of jitter, 20 % of requests answered 503, a 5 requests/s rate limit (429 + Retry-After), and
5 % dropped connections (after the work was done) and 5 % JSON bodies cut short mixed in. A
person drives the app (`fault_session_driver.Driver`): search, open issues, transition,
comment, assign, log work, watch, link, refresh, resend what was refused, a staged skills bulk
update on screen 3; between issues, development information is stored and deleted through the
store's devinfo service.

At the end, with the faults off:
- nothing crashed (no unhandled exception, no crash report);
- every issue opened was shown, or shown as failed with the retry key (and `r` then showed it);
- every mutation was confirmed, or reported failed (a notification) with its text kept as a draft;
- the sandbox holds exactly what the confirmed mutations imply: each confirmed comment and
  worklog once, none twice; a change whose answer was lost (ambiguous) at most once; status,
  assignee, watching, each touched person's skills and each repository's presence as the last
  confirmed change left them (or its lost successor did).

The driver waits on conditions (workers done, the screen showing something), never for a fixed
time. Seeded (sandbox data and fault draws); a run's exact faults still depend on timing.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_session_driver import (
    Driver,
    ObservedApp,
    Outcome,
    RecordingStore,
    assign,
    comment,
    devinfo_delete,
    devinfo_store,
    link,
    log_work,
    open_issue,
    refresh,
    skills_bulk,
    skills_cells,
    transition,
    watch,
)
from sandbox_support import ALICE, LiveSandbox, serve_in_thread

from tui.api.auth import BasicAuth
from tui.api.devinfo_auth import OAuthClientCredentials
from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.crash import log_dir
from tui.render.adf_plain import adf_to_plain
from tui.sandbox import devinfo as sandbox_devinfo
from tui.sandbox import skills as sandbox_skills
from tui.sandbox.app import SandboxConfig
from tui.sandbox.seed_catalog import SEED_EPOCH, TRANSITIONS
from tui.session import Session
from tui.store.devinfo import DevinfoService
from tui.store.http import RetryPolicy
from tui.store.mutations import (
    AddComment,
    AddWorklog,
    AssignIssue,
    LinkIssues,
    SetWatching,
    TransitionIssue,
)
from tui.store.mutations_devinfo import DeleteRepository, StoreDevinfo
from tui.store.mutations_skills import BulkUpdateSkills
from tui.store.skills import SkillsService
from tui.store.store import StoreSettings

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SEED = 1234
TRACE = bool(os.environ.get("JIRADASH_TRACE_FAULTS"))
FAULTS: dict[str, float] = {  # the issue's `--latency 100 --jitter 200 --fail-rate 0.2 --rate-limit 5/s`
    "latency_ms": 100.0,
    "jitter_ms": 200.0,
    "fail_rate": 0.2,
    "rate_limit": 5.0,
    "drop_rate": 0.05,
    "truncate_rate": 0.05,
}
TO_STATUS = {t.id: t.to_status_id for t in TRANSITIONS}


@pytest.fixture(scope="module")
def faulty() -> Iterator[LiveSandbox]:
    live = serve_in_thread(SandboxConfig(issues=80, users=20, projects=3, seed=SEED, skills=20))
    yield live
    live.stop()


def _store(live: LiveSandbox, tmp_path: Path) -> RecordingStore:
    """The real Store over loopback, with its Skills and devinfo services on the same sandbox."""
    store = RecordingStore(
        base_url=live.base_url,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        drafts_dir=tmp_path / "drafts",
        settings=StoreSettings(
            api_version="2",
            retry=RetryPolicy(retries=6, base_delay=0.05, max_delay=0.4, retry_after_cap=1.0),
        ),
        rng=random.Random(SEED),
    )
    skills = sandbox_skills.profile_section(live.sandbox)
    store.skills = SkillsService.for_store(
        store, SkillsEndpoints(urls=skills["urls"], token=Secret(skills["token"])), allow_insecure_http=True
    )
    dev = sandbox_devinfo.profile_section(live.sandbox)
    auth = OAuthClientCredentials(dev["token_url"], dev["client_id"], Secret(dev["client_secret"]))
    store.devinfo = DevinfoService.for_store(store, dev["url"], auth, allow_insecure_http=True)
    return store


async def test_a_triage_session_survives_a_flaky_jira(faulty: LiveSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIRADASH_LOG_DIR", str(tmp_path / "logs"))
    world = faulty.sandbox.world
    rng = random.Random(SEED)
    keys = [k for k, i in world.issues.items() if world.statuses[i.status_id].name != "Done"][:5]
    alice_id = next(u.account_id for u in world.users.values() if u.email == ALICE[0])
    initial = {k: (world.issues[k].status_id, world.issues[k].assignee, alice_id in world.issues[k].watchers) for k in keys}
    comments_before = {k: len(world.issues[k].comments) for k in keys}
    worklogs_before = {k: len(world.issues[k].worklogs) for k in keys}
    links_before = set(world.links)
    cells = skills_cells(faulty.sandbox, 2)
    held = sandbox_skills.state_of_sandbox(faulty.sandbox).held
    skills_before = {a: frozenset(held[a]) for a, _, _ in cells}

    store = _store(faulty, tmp_path)
    refusals: list[str] = []  # (TRACE) every 4xx, by request

    async def note_4xx(response: Any) -> None:
        if 400 <= response.status_code < 500 and response.status_code != 429:
            refusals.append(f"{response.status_code} {response.request.method} {response.request.url.path}")

    for client in (store.http.client, store.skills._client, store.devinfo._client):  # type: ignore[union-attr]
        client.event_hooks["response"].append(note_4xx)
    faulty.sandbox.faults.update({**FAULTS, "seed": SEED})
    app = ObservedApp(store, Session(profile="faults", default_jql="ORDER BY key ASC", clock=lambda: SEED_EPOCH))
    started = time.monotonic()
    try:
        async with app.run_test(size=(120, 50), notifications=True) as pilot:
            d = Driver(app, pilot, store)
            await d.until(lambda: "Searching" not in d.text(), "the first search answered")
            for _ in range(4):  # the search: shown, or failed and r asked again
                if "failed" not in d.text().lower():
                    break
                await d.press("r")
            d.actions += 1
            n = 0
            for round_ in range(2):
                if round_ == 1:
                    await skills_bulk(d, [(name, skill) for _, name, skill in cells])
                for i, key in enumerate(keys):
                    other = keys[(i + 1 + round_) % len(keys)]
                    await open_issue(d, key)
                    steps = [
                        lambda k=key: transition(d, k),
                        lambda k=key, n=n: comment(d, k, f"note {n}"),
                        lambda k=key: assign(d, k, rng.choice(["bob", "carol", "alice"])),
                        lambda k=key, n=n: log_work(d, k, f"work {n}"),
                        lambda k=key: watch(d, k),
                        lambda k=key, o=other: link(d, k, o),
                        lambda k=key: refresh(d, k),
                    ]
                    rng.shuffle(steps)
                    for step in steps[: 4 + round_]:
                        n += 1
                        t0, r0 = time.monotonic(), store.stats.total_requests
                        await step()
                        if TRACE:
                            print(f"{key} {n} {time.monotonic()-t0:.1f}s {store.stats.total_requests-r0} requests", file=sys.stderr)
                    repo = f"fault-{key.lower()}"
                    if round_ == 1 and i % 2 == 0:
                        await devinfo_delete(d, repo)
                    else:
                        await devinfo_store(d, repo, key, seq=round_ + 1)
            assert d.actions >= 50, d.actions
            faulty.sandbox.faults.update({name: 0.0 for name in FAULTS})
            await d.settle()
            assert app._exception is None, app._exception  # zero crashes
            assert not list(log_dir().glob("crash-*.txt"))
            reads = dict(d.reads)
            actions = d.actions
    finally:
        faulty.sandbox.faults.update({name: 0.0 for name in FAULTS})

    outcomes = store.outcomes
    if TRACE:
        summary = {
            "seconds": round(time.monotonic() - started, 1),
            "actions": actions,
            "reads": dict(Counter(reads.values())),
            "mutations": len(outcomes),
            "confirmed": sum(o.confirmed for o in outcomes),
            "ambiguous": sum(o.ambiguous for o in outcomes),
            "refused": sum(not o.confirmed and not o.ambiguous for o in outcomes),
            "by_kind": dict(Counter(type(o.mutation).__name__ for o in outcomes)),
            "requests": store.stats.total_requests,
            "responses": dict(store.stats.responses),
            "retries": store.stats.retries,
            "4xx": refusals,
            "why": [f"{o.mutation.describe()}: {o.error.message}" for o in outcomes if o.error],
        }
        print(json.dumps(summary, default=str), file=sys.stderr)

    # every read: shown, or shown as failed with the retry key and then shown
    assert set(reads) == set(keys)
    assert len(outcomes) >= 20
    _failures_shown_and_drafts_kept(app, outcomes)
    for key in keys:
        _issue_as_implied(world, key, outcomes, initial[key], alice_id, comments_before[key], worklogs_before[key])
    _links_as_implied(world, outcomes, links_before)
    _skills_as_implied(faulty.sandbox, outcomes, skills_before)
    _devinfo_as_implied(faulty.sandbox, outcomes, [f"fault-{k.lower()}" for k in keys])
    # some of it worked: the faults were there, and the session still did its work
    assert any(o.confirmed for o in outcomes)
    assert any(isinstance(o.mutation, BulkUpdateSkills) for o in outcomes)


# --- expected state ------------------------------------------------------------------------


def _possible(initial: Any, changes: list[tuple[Any, Outcome]]) -> set[Any]:
    """Values a field may hold now: a confirmed change fixes it, a lost answer may or may not
    have moved it, a refusal left it."""
    possible = {initial}
    for value, outcome in changes:
        if outcome.confirmed:
            possible = {value}
        elif outcome.ambiguous:
            possible = possible | {value}
    return possible


def _account(world: Any, name: str | None) -> str | None:
    """v2 assigns by user name; the sandbox holds account ids."""
    if name is None:
        return None
    user = world.user_by_name(name)
    return user.account_id if user is not None else name


def _count_range(outcomes: list[Outcome]) -> tuple[int, int]:
    """How many times one text may be on the server: confirmed ones exactly, lost ones at most."""
    confirmed = sum(o.confirmed for o in outcomes)
    lost = sum(o.ambiguous for o in outcomes)
    return min(1, confirmed), max(1, confirmed) if lost else min(1, confirmed)


def _failures_shown_and_drafts_kept(app: ObservedApp, outcomes: list[Outcome]) -> None:
    titles = [title for severity, title, _ in app.shown if severity == "error"]
    for o in outcomes:
        if o.confirmed or isinstance(o.mutation, StoreDevinfo | DeleteRepository):
            continue  # devinfo is sent by the test through the store, not from a screen
        if isinstance(o.mutation, BulkUpdateSkills):
            continue  # shown in the review itself ("Not applied: ..."), the edits kept staged
        key = getattr(o.mutation, "key", "")
        assert any(t.startswith(key) for t in titles), f"{o.mutation.describe()}: failure not shown"
        if isinstance(o.mutation, AddComment | AddWorklog):
            kept = {d.text for d in o.drafts_after}
            typed = o.mutation.body if isinstance(o.mutation, AddComment) else o.mutation.comment
            assert typed in kept, f"{o.mutation.describe()}: draft lost"


def _texts(items: list[Any], attr: str) -> Counter[str]:
    return Counter(" ".join(adf_to_plain(getattr(x, attr)).split()) if getattr(x, attr) else "" for x in items)


def _issue_as_implied(
    world: Any, key: str, outcomes: list[Outcome], initial: tuple[Any, Any, bool], me: str,
    comments_before: int, worklogs_before: int,
) -> None:
    held = world.issues[key]
    mine = [o for o in outcomes if getattr(o.mutation, "key", None) == key]
    status0, assignee0, watching0 = initial
    statuses = [(TO_STATUS[o.mutation.transition_id], o) for o in mine if isinstance(o.mutation, TransitionIssue)]
    assert held.status_id in _possible(status0, statuses), key
    assignees = [(_account(world, o.mutation.account_id), o) for o in mine if isinstance(o.mutation, AssignIssue)]
    assert held.assignee in _possible(assignee0, assignees), key
    watching = [(o.mutation.watching, o) for o in mine if isinstance(o.mutation, SetWatching)]
    assert (me in held.watchers) in _possible(watching0, watching), key

    for kind, found, attr in (
        (AddComment, _texts(held.comments[comments_before:], "body"), "body"),
        (AddWorklog, _texts(held.worklogs[worklogs_before:], "comment"), "comment"),
    ):
        sent: dict[str, list[Outcome]] = {}
        for o in mine:
            if isinstance(o.mutation, kind):
                sent.setdefault(getattr(o.mutation, attr), []).append(o)
        assert set(found) <= set(sent), f"{key}: a {kind.__name__} nobody sent"
        for text, tries in sent.items():
            low, high = _count_range(tries)
            assert low <= found[text] <= high, f"{key}: {text!r} is there {found[text]} times"


def _links_as_implied(world: Any, outcomes: list[Outcome], before: set[Any]) -> None:
    new_links = Counter(frozenset({world.links[i].outward_key, world.links[i].inward_key}) for i in set(world.links) - before)
    linked: dict[frozenset[str], list[Outcome]] = {}
    for o in outcomes:
        if isinstance(o.mutation, LinkIssues):
            linked.setdefault(frozenset({o.mutation.key, o.mutation.other_key}), []).append(o)
    assert set(new_links) <= set(linked)
    for pair, tries in linked.items():
        low, high = _count_range(tries)
        assert low <= new_links[pair] <= high, f"{sorted(pair)} linked {new_links[pair]} times"


def _skills_as_implied(sandbox: Any, outcomes: list[Outcome], before: dict[str, frozenset[str]]) -> None:
    """Each person the bulk update named holds the set the last confirmed update gave them."""
    held = sandbox_skills.state_of_sandbox(sandbox).held
    for account, initial in before.items():
        changes = [
            (frozenset(o.mutation.skills_by_account[account]), o)
            for o in outcomes
            if isinstance(o.mutation, BulkUpdateSkills) and account in o.mutation.skills_by_account
        ]
        assert frozenset(held[account]) in _possible(initial, changes), account


def _devinfo_as_implied(sandbox: Any, outcomes: list[Outcome], repo_ids: list[str]) -> None:
    """Each repository is there or not as the last confirmed store or delete left it, holding
    only commits that were sent, each once."""
    stored = sandbox_devinfo.state_of(sandbox).repositories
    for repo_id in repo_ids:
        changes: list[tuple[Any, Outcome]] = []
        sent: set[str] = set()
        for o in outcomes:
            m = o.mutation
            if isinstance(m, StoreDevinfo) and m.repositories[0].id == repo_id:
                changes.append((True, o))
                sent |= {c.id for c in m.repositories[0].commits}
            elif isinstance(m, DeleteRepository) and m.repository_id == repo_id:
                changes.append((False, o))
        assert (repo_id in stored) in _possible(False, changes), repo_id
        if repo_id in stored:
            commits = stored[repo_id].entities["commits"]
            assert set(commits) <= sent, repo_id
