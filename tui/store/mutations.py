"""One typed object per change a user can make, each naming the cache keys it invalidates.

Screens build these and hand them to `Store.dispatch`; the store runs them through the api
clients, drops exactly `invalidates()` from the cache and announces `Changed(keys)`.
Cache keys are plain strings: `issue:KEY`, `search` (every search result), `project:KEY`,
`projects`, `filters`, `skills`, `skills:ACCOUNT`, `devinfo:REPO`.

Mutations are frozen, keyword-only msgspec Structs (as are the models) rather than dataclasses:
a dataclass costs its class an `exec` per generated method at import, which made this module
alone ~0.015 s of every mutating headless command's start; a Struct class costs microseconds.
Every subclass repeats `frozen=True, kw_only=True` (msgspec does not inherit `kw_only`; mypy
wants `frozen` said again).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from msgspec import Struct, field


class Mutation(Struct, frozen=True, kw_only=True):
    """Base: `idempotent` mutations may be retried; `optimistic` ones apply before the server."""

    idempotent: ClassVar[bool] = False
    optimistic: ClassVar[bool] = False

    def invalidates(self) -> frozenset[str]:
        raise NotImplementedError

    def describe(self) -> str:
        """A short sentence for notifications and outcome lists."""
        raise NotImplementedError


class IssueMutation(Mutation, frozen=True, kw_only=True):
    key: str

    def invalidates(self) -> frozenset[str]:
        return frozenset({f"issue:{self.key}", "search"})


class TransitionIssue(IssueMutation, frozen=True, kw_only=True):
    transition_id: str
    transition_name: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # field id -> value id or text
    comment: str | None = None  # Markdown

    def describe(self) -> str:
        return f"{self.key}: {self.transition_name or 'transition ' + self.transition_id}"


class AssignIssue(IssueMutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True
    account_id: str | None  # None unassigns
    display_name: str = ""

    def describe(self) -> str:
        return f"{self.key}: assigned to {self.display_name or self.account_id or 'nobody'}"


class AddComment(IssueMutation, frozen=True, kw_only=True):
    body: str  # Markdown as typed; sent as ADF (v3) or wiki (v2)
    draft_id: str = ""

    def describe(self) -> str:
        return f"{self.key}: comment added"


class EditComment(IssueMutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True
    comment_id: str
    body: str
    draft_id: str = ""

    def describe(self) -> str:
        return f"{self.key}: comment {self.comment_id} edited"


class DeleteComment(IssueMutation, frozen=True, kw_only=True):
    comment_id: str

    def describe(self) -> str:
        return f"{self.key}: comment {self.comment_id} deleted"


class AddWorklog(IssueMutation, frozen=True, kw_only=True):
    time_spent_seconds: int
    started: datetime
    comment: str = ""
    draft_id: str = ""

    def describe(self) -> str:
        return f"{self.key}: work logged"


class SetWatching(IssueMutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True
    optimistic: ClassVar[bool] = True
    watching: bool

    def invalidates(self) -> frozenset[str]:
        return frozenset({f"issue:{self.key}"})

    def describe(self) -> str:
        return f"{self.key}: {'watching' if self.watching else 'not watching'}"


class SetVote(IssueMutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True
    optimistic: ClassVar[bool] = True
    voted: bool

    def invalidates(self) -> frozenset[str]:
        return frozenset({f"issue:{self.key}"})

    def describe(self) -> str:
        return f"{self.key}: {'voted' if self.voted else 'vote withdrawn'}"


class LinkIssues(IssueMutation, frozen=True, kw_only=True):
    """Links `key` to `other_key`; `outward` says whether `key` is the outward side."""

    link_type: str  # the link type's name, e.g. "Blocks"
    other_key: str
    outward: bool = True

    def invalidates(self) -> frozenset[str]:
        return frozenset({f"issue:{self.key}", f"issue:{self.other_key}"})

    def describe(self) -> str:
        return f"{self.key}: linked to {self.other_key} ({self.link_type})"


class DeleteLink(IssueMutation, frozen=True, kw_only=True):
    link_id: str
    other_key: str = ""

    def invalidates(self) -> frozenset[str]:
        keys = {f"issue:{self.key}"}
        if self.other_key:
            keys.add(f"issue:{self.other_key}")
        return frozenset(keys)

    def describe(self) -> str:
        return f"{self.key}: link removed"


class EditIssueFields(IssueMutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True
    summary: str | None = None
    priority_id: str | None = None
    labels: tuple[str, ...] | None = None
    add_labels: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.key}: fields updated"


class CreateIssue(Mutation, frozen=True, kw_only=True):
    project_key: str
    issuetype_id: str
    summary: str
    description: str = ""  # Markdown
    parent_key: str | None = None

    def invalidates(self) -> frozenset[str]:
        return frozenset({"search", f"project:{self.project_key}"})

    def describe(self) -> str:
        return f"{self.project_key}: issue created"
