"""The devinfo state the sandbox keeps under `world.extra["devinfo"]`, and how operations apply.

Repositories are kept as the JSON that was accepted (wire form), each with its
`updateSequenceId`, its properties and its commits, branches and pull requests by id. The four
writes are asynchronous as in Jira: a request is validated and answered at once (202), and its
operation waits in `pending` until `due` (now + `config.devinfo_visibility_delay`); every request
first applies the operations that are due, in the order they arrived (`settle`). Reads see only
what is applied ("what is currently stored, ignoring any pending updates or deletes").

Ordering: an incoming repository or entity replaces the stored one only if its
`updateSequenceId` is greater (an equal or older one is ignored, not failed). A delete with a
`_updateSequenceId` bound removes only data whose id is at most the bound; a repository stays
while any of its entities does. Properties tag repositories: every store request adds its
properties to each repository it names. `stamp` orders entities by when they were last stored
(GET answers the most recent 400).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS: tuple[str, ...] = ("commits", "branches", "pullRequests")
# The path segment of DELETE .../{entityType}/{entityId} -> the kind it names.
ENTITY_TYPE_KINDS: dict[str, str] = {"commit": "commits", "branch": "branches", "pull_request": "pullRequests"}


@dataclass(slots=True)
class Stored:
    data: dict[str, Any]
    seq: int
    stamp: int


@dataclass
class StoredRepository:
    data: dict[str, Any]  # the repository's own fields, without entities
    seq: int
    stamp: int
    properties: dict[str, str] = field(default_factory=dict)
    entities: dict[str, dict[str, Stored]] = field(default_factory=lambda: {k: {} for k in KINDS})

    def count(self) -> int:
        return sum(len(items) for items in self.entities.values())

    def matches(self, properties: dict[str, str]) -> bool:
        return all(self.properties.get(k) == v for k, v in properties.items())

    def oldest_seq(self) -> int:
        return min([self.seq, *(s.seq for items in self.entities.values() for s in items.values())])


@dataclass(slots=True)
class StoreOp:
    repositories: list[dict[str, Any]]  # validated: each with only its accepted entities
    properties: dict[str, str]


@dataclass(slots=True)
class DeleteRepositoryOp:
    repository_id: str
    bound: int | None


@dataclass(slots=True)
class DeleteEntityOp:
    repository_id: str
    kind: str
    entity_id: str
    bound: int | None


@dataclass(slots=True)
class DeleteByPropertiesOp:
    properties: dict[str, str]
    bound: int | None


Operation = StoreOp | DeleteRepositoryOp | DeleteEntityOp | DeleteByPropertiesOp


@dataclass(slots=True)
class Pending:
    due: float
    op: Operation


@dataclass(frozen=True, slots=True)
class OAuthClient:
    client_id: str
    client_secret: str
    scopes: frozenset[str]


@dataclass(frozen=True, slots=True)
class ConnectApp:
    key: str
    shared_secret: str
    scopes: frozenset[str]
    development_tool: bool  # declares the jiraDevelopmentTool module


@dataclass
class DevinfoState:
    clients: dict[str, OAuthClient] = field(default_factory=dict)
    apps: dict[str, ConnectApp] = field(default_factory=dict)
    repositories: dict[str, StoredRepository] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)
    next_stamp: int = 0
    applied: int = 0  # repositories and entities written (created or replaced), for tests

    def _stamp(self) -> int:
        self.next_stamp += 1
        return self.next_stamp

    # --- the queue ---------------------------------------------------------------------------

    def submit(self, op: Operation, due: float) -> None:
        self.pending.append(Pending(due, op))

    def settle(self, now: float) -> int:
        """Apply, in arrival order, every pending operation that is due; returns how many."""
        done = 0
        while self.pending and self.pending[0].due <= now:
            self.apply(self.pending.pop(0).op)
            done += 1
        return done

    def apply(self, op: Operation) -> None:
        if isinstance(op, StoreOp):
            for repo in op.repositories:
                self._store(repo, op.properties)
        elif isinstance(op, DeleteRepositoryOp):
            self._delete_repository(op.repository_id, op.bound)
        elif isinstance(op, DeleteEntityOp):
            self._delete_entity(op.repository_id, op.kind, op.entity_id, op.bound)
        else:
            for repo_id in [r for r, repo in self.repositories.items() if repo.matches(op.properties)]:
                self._delete_repository(repo_id, op.bound)

    # --- applying ----------------------------------------------------------------------------

    def _store(self, incoming: dict[str, Any], properties: dict[str, str]) -> None:
        own = {k: v for k, v in incoming.items() if k not in KINDS}
        seq = int(own["updateSequenceId"])
        repo = self.repositories.get(own["id"])
        if repo is None:
            repo = StoredRepository(data=own, seq=seq, stamp=self._stamp())
            self.repositories[own["id"]] = repo
            self.applied += 1
        elif seq > repo.seq:
            repo.data, repo.seq, repo.stamp = own, seq, self._stamp()
            self.applied += 1
        repo.properties.update(properties)
        for kind in KINDS:
            stored = repo.entities[kind]
            for item in incoming.get(kind, ()):
                entity_seq = int(item["updateSequenceId"])
                old = stored.get(item["id"])
                if old is None or entity_seq > old.seq:
                    stored[item["id"]] = Stored(item, entity_seq, self._stamp())
                    self.applied += 1

    def _delete_repository(self, repo_id: str, bound: int | None) -> None:
        repo = self.repositories.get(repo_id)
        if repo is None:
            return
        if bound is None:
            del self.repositories[repo_id]
            return
        for kind in KINDS:
            items = repo.entities[kind]
            for entity_id in [i for i, s in items.items() if s.seq <= bound]:
                del items[entity_id]
        if repo.seq <= bound and repo.count() == 0:
            del self.repositories[repo_id]

    def _delete_entity(self, repo_id: str, kind: str, entity_id: str, bound: int | None) -> None:
        repo = self.repositories.get(repo_id)
        if repo is None:
            return
        found = repo.entities[kind].get(entity_id)
        if found is not None and (bound is None or found.seq <= bound):
            del repo.entities[kind][entity_id]

    # --- reading -----------------------------------------------------------------------------

    def repository_json(self, repo_id: str, limit: int) -> dict[str, Any] | None:
        """The repository and its most recent `limit` entities, each kind newest first."""
        repo = self.repositories.get(repo_id)
        if repo is None:
            return None
        everything = [(s.stamp, kind, s) for kind in KINDS for s in repo.entities[kind].values()]
        everything.sort(key=lambda t: t[0], reverse=True)
        body: dict[str, Any] = dict(repo.data)
        for kind in KINDS:
            body[kind] = []
        for _, kind, stored in everything[:limit]:
            body[kind].append(stored.data)
        return body

    def exists(self, properties: dict[str, str], bound: int | None) -> bool:
        for repo in self.repositories.values():
            if repo.matches(properties) and (bound is None or repo.oldest_seq() <= bound):
                return True
        return False
