"""`a`: assign one issue or several. A user picker searching `store.assignable_users` as you type.

The list starts with "Me" and "Unassigned", then ranked suggestions from any registered
`CandidateSource` (the Skills screen adds skill-ranked people this way), then the server's
matches. Dismisses with one `AssignIssue` per issue (or None); the caller dispatches them.
`A` (assign to me) needs no modal: `assign_to_me` builds the mutations.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult

from tui.models import User
from tui.render.safe import safe_line
from tui.screens.actions.base import ActionModal, subject
from tui.screens.actions.picker import Choice, Picker
from tui.store.mutations import AssignIssue

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = [
    "CANDIDATE_SOURCES",
    "AssignModal",
    "Candidate",
    "CandidateSource",
    "assign_to_me",
    "register_candidate_source",
]

logger = logging.getLogger(__name__)

UNASSIGNED = User(account_id="", display_name="Unassigned")


@dataclass(frozen=True)
class Candidate:
    """A suggested assignee: `reason` is shown beside the name, higher `score` ranks first."""

    user: User
    reason: str = ""
    score: float = 0.0


class CandidateSource(Protocol):
    """Extra ranked assignees for `keys`, narrowed by what was typed (may be empty)."""

    async def __call__(
        self, store: Store, keys: Sequence[str], query: str
    ) -> Sequence[Candidate]: ...


CANDIDATE_SOURCES: list[CandidateSource] = []


def register_candidate_source(source: CandidateSource) -> None:
    """Add `source` to every assign picker opened from now on (idempotent)."""
    if source not in CANDIDATE_SOURCES:
        CANDIDATE_SOURCES.append(source)


def assign_to_me(store: Store, keys: str | Sequence[str]) -> list[AssignIssue]:
    """`A`: the mutations assigning `keys` to the signed-in user (empty when unknown)."""
    me = store.me
    if me is None:
        return []
    keys = (keys,) if isinstance(keys, str) else tuple(keys)
    return [
        AssignIssue(key=k, account_id=me.account_id, display_name=me.display_name) for k in keys
    ]


def _name(user: User) -> Text:
    return Text(safe_line(user.display_name) or safe_line(user.account_id))


def _matches(user: User, query: str) -> bool:
    hay = f"{user.display_name} {user.email or ''} {user.account_id}".lower()
    return all(word in hay for word in query.lower().split())


class AssignModal(ActionModal[AssignIssue]):
    """User picker with server search and ranked suggestions.

    Dismisses with `list[AssignIssue]` (one per key) or None; it does not dispatch.
    """

    HINT = "type to search · enter assign · escape cancel"

    def __init__(
        self, keys: str | Sequence[str], *, sources: Sequence[CandidateSource] | None = None
    ) -> None:
        super().__init__("", keys)
        self._title = f"Assign {subject(self.keys)}"
        self._sources = list(CANDIDATE_SOURCES if sources is None else sources)

    def compose_form(self) -> ComposeResult:
        yield Picker[User](
            loader=self._candidates, placeholder="Search people", empty="Nobody matches."
        )

    def on_mount(self) -> None:
        self.query_one(Picker).focus_filter()

    async def _suggested(self, query: str) -> list[Candidate]:
        found: list[Candidate] = []
        results = await asyncio.gather(
            *(source(self.store, self.keys, query) for source in self._sources),
            return_exceptions=True,
        )
        for source, result in zip(self._sources, results, strict=True):
            if isinstance(result, BaseException):
                logger.warning("assignee suggestions from %r failed: %s", source, result)
                continue
            found.extend(result)
        return sorted(found, key=lambda c: -c.score)

    async def _candidates(self, query: str) -> list[Choice[User]]:
        users, suggested = await asyncio.gather(
            (await self.connected()).assignable_users(self.keys[0], query), self._suggested(query)
        )
        choices: list[Choice[User]] = []
        seen: set[str] = set()
        me = self.store.me
        if me is not None and (not query or _matches(me, query) or "me".startswith(query.lower())):
            choices.append(Choice(me, Text("Me"), _name(me)))
            seen.add(me.account_id)
        if not query or "unassigned".startswith(query.lower()):
            choices.append(Choice(UNASSIGNED, Text("Unassigned", style="italic")))
        for candidate in suggested:
            if candidate.user.account_id not in seen:
                reason = Text(
                    "suggested" + (": " + safe_line(candidate.reason) if candidate.reason else "")
                )
                choices.append(Choice(candidate.user, _name(candidate.user), reason))
                seen.add(candidate.user.account_id)
        for user in users:
            if user.account_id not in seen:
                choices.append(Choice(user, _name(user), Text(safe_line(user.email or ""))))
                seen.add(user.account_id)
        return choices

    @on(Picker.Picked)
    def _picked(self, event: Picker.Picked) -> None:
        event.stop()
        user = event.value
        assert isinstance(user, User)
        self.dismiss(self._mutations(user))

    def submit(self) -> None:
        self.query_one(Picker).pick()

    def _mutations(self, user: User) -> list[AssignIssue]:
        account = user.account_id or None
        name = user.display_name if account else "nobody"
        return [AssignIssue(key=k, account_id=account, display_name=name) for k in self.keys]


def _register_skills() -> None:
    # Skill-ranked people (Skills for Jira); it suggests nobody when the profile has no Skills.
    from tui.screens.skills_assign import skill_candidates

    register_candidate_source(skill_candidates)


_register_skills()
