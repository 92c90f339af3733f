"""Development information records (Jira Software's devinfo 0.10 API): repositories with their
commits, branches and pull requests, the store result, and the API's documented limits.

The devinfo API has one JSON shape, so these Structs carry its field names directly
(`rename="camel"`: `issue_keys` <-> `issueKeys`); the api client encodes and decodes them as
they are. `omit_defaults` keeps optional fields that were never set off the wire.
`issue_keys_in(text)` finds issue keys as Jira does in commit messages and branch names.
"""

from __future__ import annotations

import re
from typing import Literal

import msgspec

# --- the API's limits (the store operation's documentation and the OpenAPI field limits) ------

MAX_REPOSITORIES = 100  # repositories in one store request
MAX_ENTITIES = 1000  # commits + branches + pull requests across one store request
MAX_PER_KIND = 400  # commits, branches or pull requests of one repository in one request
MAX_FILES = 10  # files listed per commit
MAX_ISSUE_KEYS = 500  # issue keys per entity (at least 1)
MAX_PROPERTIES = 5
MAX_PROPERTY_LENGTH = 255  # each property key and value
MAX_MESSAGE = 1024  # longer commit messages are truncated by Jira
GET_LIMIT = 400  # "the repository and the most recent 400 entities"

EntityType = Literal["commit", "branch", "pull_request"]
ENTITY_TYPES: tuple[EntityType, ...] = ("commit", "branch", "pull_request")
ChangeType = Literal["ADDED", "COPIED", "DELETED", "MODIFIED", "MOVED", "UNKNOWN"]
PullRequestStatus = Literal["OPEN", "MERGED", "DECLINED", "UNKNOWN"]
ApprovalStatus = Literal["APPROVED", "UNAPPROVED"]

# The devinfo API's issue-key check (upstream `^\p{L}[\p{L}\p{Digit}_]{1,255}-\p{Digit}{1,255}$`).
VALID_ISSUE_KEY = re.compile(r"^[^\W\d_]\w{1,255}-[0-9]{1,255}$")
# Jira's project-key pattern (`[A-Z][A-Z0-9_]+`) and an issue number, standing alone in text:
# `DASH-12` in "fix DASH-12: ..." or "feature/DASH-12-login", not in "XDASH-12a".
KEY_IN_TEXT = re.compile(r"(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]+-[1-9][0-9]*)(?![A-Za-z0-9_])")
# Entity and repository ids: "Only alphanumeric characters, and '~.-_', are allowed."
VALID_ID = re.compile(r"^[A-Za-z0-9~._-]{1,1024}$")


def issue_keys_in(*texts: str) -> tuple[str, ...]:
    """Every issue key in `texts`, first occurrence first, without duplicates."""
    found: dict[str, None] = {}
    for text in texts:
        for match in KEY_IN_TEXT.finditer(text):
            found.setdefault(match.group(1), None)
    return tuple(found)


class _Wire(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=True):
    """Base of the devinfo records: the API's camelCase names, unset optionals left out."""


class Author(_Wire, frozen=True):
    name: str | None = None
    email: str | None = None
    username: str | None = None
    url: str | None = None
    avatar: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.username or self.email or ""


class FileChange(_Wire, frozen=True):
    path: str
    url: str
    change_type: ChangeType
    lines_added: int
    lines_removed: int


class Commit(_Wire, frozen=True):
    id: str
    issue_keys: tuple[str, ...]
    update_sequence_id: int
    author: Author
    author_timestamp: str  # ISO 8601, as the API carries it
    display_id: str
    file_count: int
    message: str
    url: str
    files: tuple[FileChange, ...] = ()
    flags: tuple[Literal["MERGE_COMMIT"], ...] = ()
    hash: str | None = None  # deprecated upstream in favour of `id`

    @property
    def is_merge(self) -> bool:
        return "MERGE_COMMIT" in self.flags


class Branch(_Wire, frozen=True):
    id: str
    issue_keys: tuple[str, ...]
    update_sequence_id: int
    name: str
    last_commit: Commit
    url: str
    create_pull_request_url: str | None = None


class Reviewer(_Wire, frozen=True):
    name: str | None = None
    approval_status: ApprovalStatus | None = None  # the API's default is UNAPPROVED
    url: str | None = None
    avatar: str | None = None
    email: str | None = None
    account_id: str | None = None

    @property
    def approved(self) -> bool:
        return self.approval_status == "APPROVED"


class PullRequest(_Wire, frozen=True):
    id: str
    issue_keys: tuple[str, ...]
    update_sequence_id: int
    status: PullRequestStatus
    title: str
    author: Author
    comment_count: int
    source_branch: str
    last_update: str  # ISO 8601
    display_id: str
    url: str
    source_branch_url: str | None = None
    destination_branch: str | None = None
    destination_branch_url: str | None = None
    reviewers: tuple[Reviewer, ...] = ()


class Repository(_Wire, frozen=True):
    """A repository as stored: its own fields and (on a read) its most recent 400 entities."""

    id: str
    name: str
    url: str
    update_sequence_id: int
    description: str | None = None
    fork_of: str | None = None
    avatar: str | None = None
    avatar_description: str | None = None
    commits: tuple[Commit, ...] = ()
    branches: tuple[Branch, ...] = ()
    pull_requests: tuple[PullRequest, ...] = ()

    @property
    def entity_count(self) -> int:
        return len(self.commits) + len(self.branches) + len(self.pull_requests)

    def for_issue(self, key: str) -> Repository:
        """This repository with only the entities that carry `key`."""
        return msgspec.structs.replace(
            self,
            commits=tuple(c for c in self.commits if key in c.issue_keys),
            branches=tuple(b for b in self.branches if key in b.issue_keys),
            pull_requests=tuple(p for p in self.pull_requests if key in p.issue_keys),
        )


class ProviderMetadata(_Wire, frozen=True):
    product: str | None = None


class DevInformation(_Wire, frozen=True):
    """The body of one store request."""

    repositories: tuple[Repository, ...]
    prevent_transitions: bool | None = None
    operation_type: Literal["NORMAL", "BACKFILL"] | None = None
    properties: dict[str, str] | None = None
    provider_metadata: ProviderMetadata | None = None


# --- the store result --------------------------------------------------------------------------


class ErrorMessage(_Wire, frozen=True):
    message: str
    error_trace_id: str | None = None


class EntityIds(_Wire, frozen=True):
    commits: tuple[str, ...] = ()
    branches: tuple[str, ...] = ()
    pull_requests: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.commits) + len(self.branches) + len(self.pull_requests)


class EntityError(_Wire, frozen=True):
    id: str
    error_messages: tuple[ErrorMessage, ...] = ()

    @property
    def reasons(self) -> str:
        return " ".join(m.message for m in self.error_messages)


class RepositoryErrors(_Wire, frozen=True):
    error_messages: tuple[ErrorMessage, ...] = ()
    commits: tuple[EntityError, ...] = ()
    branches: tuple[EntityError, ...] = ()
    pull_requests: tuple[EntityError, ...] = ()

    @property
    def count(self) -> int:
        return len(self.commits) + len(self.branches) + len(self.pull_requests)


class StoreResult(_Wire, frozen=True):
    """`acceptedDevinfoEntities`, `failedDevinfoEntities`, `unknownIssueKeys` of a store request."""

    accepted_devinfo_entities: dict[str, EntityIds] = {}
    failed_devinfo_entities: dict[str, RepositoryErrors] = {}
    unknown_issue_keys: tuple[str, ...] = ()

    @property
    def accepted_count(self) -> int:
        return sum(ids.count for ids in self.accepted_devinfo_entities.values())

    @property
    def failed_count(self) -> int:
        return sum(errs.count for errs in self.failed_devinfo_entities.values())

    def failures(self) -> list[tuple[str, str, str, str]]:
        """(repository id, kind, entity id or "", reasons) for every failure, in order."""
        out: list[tuple[str, str, str, str]] = []
        for repo_id, errs in self.failed_devinfo_entities.items():
            if errs.error_messages:
                out.append((repo_id, "repository", "", " ".join(m.message for m in errs.error_messages)))
            for kind, items in (("commit", errs.commits), ("branch", errs.branches),
                                ("pull_request", errs.pull_requests)):
                out.extend((repo_id, kind, e.id, e.reasons) for e in items)
        return out
