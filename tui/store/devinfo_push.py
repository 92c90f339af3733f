"""Pushing a repository's development information: sequence ids, splitting, sending, the report.

- `SequenceLedger` gives every entity its `updateSequenceId`: an entity pushed before with the
  same content (its fingerprint: the record without its sequence id) keeps its id, so a re-push
  stores nothing new; a new or changed one gets max(now in ms, its previous id + 1), so ids only
  grow. The ledger is a small JSON file per repository in the profile's data directory, written
  only after a push completes (a dry run never writes it).
- `split` cuts a repository into the fewest store requests the limits allow: at most 400
  commits, 400 branches and 400 pull requests, and 1000 entities, per request. With `n` the
  largest of ceil(total / 1000) and ceil(kind / 400) per kind, dealing the entities out in turn
  (commits, then branches, then pull requests) to `n` requests keeps every request within both
  limits, so `n` requests suffice and no fewer could.
- `push` sends them (a few at a time), reports progress, and gathers one `PushReport`:
  accepted and failed entities (with Jira's reasons) and unknown issue keys.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from tui.models.devinfo import (
    MAX_ENTITIES,
    MAX_PER_KIND,
    Branch,
    Commit,
    PullRequest,
    Repository,
    StoreResult,
)
from tui.store.devinfo import DevinfoService, repository_key
from tui.store.devinfo_build import Entities
from tui.store.mutations_devinfo import StoreDevinfo

Entity = Commit | Branch | PullRequest


def fingerprint(record: Repository | Entity) -> str:
    """What identifies the content of a record, whatever its sequence id."""
    if isinstance(record, Branch):
        record = msgspec.structs.replace(
            record, last_commit=msgspec.structs.replace(record.last_commit, update_sequence_id=0))
    bare = msgspec.structs.replace(record, update_sequence_id=0)
    return hashlib.sha256(msgspec.json.encode(bare)).hexdigest()[:32]


class SequenceLedger:
    """`kind:id` -> [fingerprint, updateSequenceId] of what was last pushed."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._now_ms: int | None = None
        self.entries: dict[str, list[str | int]] = {}
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError, UnicodeDecodeError):
                data = {}
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items()
                                if isinstance(v, list) and len(v) == 2 and isinstance(v[1], int)}

    def sequence(self, key: str, print_: str) -> int:
        if self._now_ms is None:
            self._now_ms = int(self._clock() * 1000)
        old = self.entries.get(key)
        if old is not None and old[0] == print_:
            return int(old[1])
        seq = max(self._now_ms, int(old[1]) + 1) if old is not None else self._now_ms
        self.entries[key] = [print_, seq]
        return seq

    def save(self) -> None:
        if self.path is None:
            return
        from tui.store.disk import private_dir, write_private

        private_dir(self.path.parent)
        write_private(self.path, json.dumps(self.entries, sort_keys=True).encode("utf-8"))


def _sequenced(kind: str, record: Entity, ledger: SequenceLedger) -> Entity:
    seq = ledger.sequence(f"{kind}:{record.id}", fingerprint(record))
    if isinstance(record, Branch):
        return msgspec.structs.replace(record, update_sequence_id=seq,
                                       last_commit=msgspec.structs.replace(record.last_commit, update_sequence_id=seq))
    return msgspec.structs.replace(record, update_sequence_id=seq)


def sequenced(repository: Repository, entities: Entities, ledger: SequenceLedger) -> Repository:
    """The repository with all its entities, every one with its `updateSequenceId`."""
    bare = msgspec.structs.replace(repository, commits=(), branches=(), pull_requests=())
    repo_seq = ledger.sequence("repository", fingerprint(bare))
    commits = [_sequenced("commit", c, ledger) for c in entities.commits]
    branches = [_sequenced("branch", b, ledger) for b in entities.branches]
    pulls = [_sequenced("pull_request", p, ledger) for p in entities.pull_requests]
    return msgspec.structs.replace(bare, update_sequence_id=repo_seq, commits=tuple(commits),
                                   branches=tuple(branches), pull_requests=tuple(pulls))


def minimum_requests(commits: int, branches: int, pull_requests: int) -> int:
    """The fewest store requests that can carry these entities of one repository."""
    total = commits + branches + pull_requests
    return max(1, math.ceil(total / MAX_ENTITIES),
               *(math.ceil(n / MAX_PER_KIND) for n in (commits, branches, pull_requests)))


def split(repository: Repository) -> list[Repository]:
    """The repository as the fewest store requests within the limits (see the module doc)."""
    n = minimum_requests(len(repository.commits), len(repository.branches), len(repository.pull_requests))
    parts: list[dict[str, list[Entity]]] = [{"c": [], "b": [], "p": []} for _ in range(n)]
    dealt = 0
    for tag, items in (("c", repository.commits), ("b", repository.branches), ("p", repository.pull_requests)):
        for item in items:
            parts[dealt % n][tag].append(item)
            dealt += 1
    return [msgspec.structs.replace(repository, commits=tuple(p["c"]), branches=tuple(p["b"]),
                                    pull_requests=tuple(p["p"])) for p in parts]


@dataclass(frozen=True)
class PushProgress:
    requests_sent: int
    requests_total: int
    entities_sent: int
    entities_total: int


@dataclass
class PushReport:
    repository_id: str
    requests: int = 0  # sent (or, in a dry run, that would be sent)
    commits: int = 0
    branches: int = 0
    pull_requests: int = 0
    accepted: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, reasons)
    unknown_issue_keys: list[str] = field(default_factory=list)
    commits_without_keys: int = 0
    branches_without_keys: int = 0
    dry_run: bool = False

    @property
    def entities(self) -> int:
        return self.commits + self.branches + self.pull_requests

    def add(self, result: StoreResult) -> None:
        self.accepted += result.accepted_count
        self.failures.extend((kind, ident, why) for _, kind, ident, why in result.failures())
        for key in result.unknown_issue_keys:
            if key not in self.unknown_issue_keys:
                self.unknown_issue_keys.append(key)

    def as_dict(self) -> dict[str, object]:
        return {
            "repositoryId": self.repository_id, "dryRun": self.dry_run, "requests": self.requests,
            "entities": {"commits": self.commits, "branches": self.branches, "pullRequests": self.pull_requests},
            "accepted": self.accepted,
            "failed": [{"type": k, "id": i, "reasons": r} for k, i, r in self.failures],
            "unknownIssueKeys": self.unknown_issue_keys,
            "skipped": {"commitsWithoutKeys": self.commits_without_keys,
                        "branchesWithoutKeys": self.branches_without_keys},
        }


async def push(
    service: DevinfoService | None,
    repository: Repository,
    entities: Entities,
    ledger: SequenceLedger,
    *,
    properties: Mapping[str, str] | None = None,
    dry_run: bool = False,
    concurrency: int = 4,
    progress: Callable[[PushProgress], None] | None = None,
) -> PushReport:
    """Store `entities` in `repository`; `dry_run` (or no service) sends nothing and saves no ledger."""
    full = sequenced(repository, entities, ledger)
    requests = split(full)
    report = PushReport(
        repository_id=repository.id, requests=len(requests), commits=len(full.commits),
        branches=len(full.branches), pull_requests=len(full.pull_requests),
        commits_without_keys=entities.commits_without_keys,
        branches_without_keys=entities.branches_without_keys, dry_run=dry_run or service is None,
    )
    if report.dry_run:
        return report
    assert service is not None
    mutations = [StoreDevinfo(repositories=(part,), properties=dict(properties or {})) for part in requests]
    gate = asyncio.Semaphore(max(1, concurrency))
    sent = [0, 0]

    async def send(m: StoreDevinfo) -> StoreResult | None:
        async with gate:
            result = await service.run(m)
        sent[0] += 1
        sent[1] += m.repositories[0].entity_count
        if progress is not None:
            progress(PushProgress(sent[0], len(mutations), sent[1], report.entities))
        return result

    try:
        results = await asyncio.gather(*(send(m) for m in mutations))
    finally:
        service.invalidate(frozenset({repository_key(repository.id)}))
    for result in results:
        if result is not None:
            report.add(result)
    ledger.save()
    return report


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 'es' if word.endswith('h') else 's'}"


def report_lines(report: PushReport) -> list[str]:
    """What a push did, as the CLI prints it and the repositories screen shows it (server text
    such as failure reasons is the caller's to make safe)."""
    lines = [f"Repository {report.repository_id}: {_plural(report.commits, 'commit')}, "
             f"{_plural(report.branches, 'branch')}, {_plural(report.pull_requests, 'pull request')} "
             f"in {_plural(report.requests, 'request')}."]
    if report.commits_without_keys or report.branches_without_keys:
        lines.append(f"  Left out (no issue key): {_plural(report.commits_without_keys, 'commit')}, "
                     f"{_plural(report.branches_without_keys, 'branch')}.")
    if report.dry_run:
        lines.append("Dry run: nothing was sent.")
        return lines
    lines.append(f"Accepted: {report.accepted}")
    lines.append(f"Failed: {len(report.failures)}")
    lines.extend(f"  {kind} {ident or '(repository)'}: {why}" for kind, ident, why in report.failures)
    unknown = ", ".join(report.unknown_issue_keys) or "none"
    lines.append(f"Unknown issue keys: {unknown}")
    return lines
