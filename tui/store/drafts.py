"""Drafts of comments and worklogs, kept on disk until the server confirms them.

The text is written (0600, atomically) before the request is sent and removed only after the
server confirmed it, so a failure, a lost answer or a crash leaves the draft in place for the
editor to offer again (`pending(key, kind)`). One JSON file per profile; it is re-read on every
call so that a draft left by a crashed process is seen by the next one.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import msgspec

from tui.store.disk import private_dir, write_private

log = logging.getLogger(__name__)
DraftKind = Literal["comment", "comment-edit", "worklog"]
DraftState = Literal["editing", "sending", "failed"]


class Draft(msgspec.Struct, frozen=True, kw_only=True):
    """`state`: still being written, sent but not confirmed, or refused / lost (see `error`)."""

    id: str
    key: str
    kind: DraftKind
    text: str
    state: DraftState = "editing"
    saved_at: float = 0.0
    error: str = ""
    extra: dict[str, str] = {}  # comment_id for edits; seconds and started for worklogs


class _File(msgspec.Struct):
    drafts: list[Draft] = []


class Drafts:
    def __init__(self, directory: Path | None, *, clock: Callable[[], float] = time.time) -> None:
        self._path = private_dir(directory) / "drafts.json" if directory is not None else None
        self._memory: list[Draft] = []
        self._clock = clock

    @property
    def path(self) -> Path | None:
        return self._path

    def _load(self) -> list[Draft]:
        if self._path is None:
            return list(self._memory)
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return []
        try:
            return list(msgspec.json.decode(raw, type=_File).drafts)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            broken = self._path.with_suffix(".unreadable")
            log.warning("drafts: %s is unreadable (%s); moved aside as %s", self._path.name, exc, broken.name)
            self._path.replace(broken)
            return []

    def _store(self, drafts: list[Draft]) -> None:
        if self._path is None:
            self._memory = list(drafts)
            return
        if not drafts:
            self._path.unlink(missing_ok=True)
            return
        write_private(self._path, msgspec.json.encode(_File(drafts)))

    def all(self) -> list[Draft]:
        return self._load()

    def get(self, draft_id: str) -> Draft | None:
        return next((d for d in self._load() if d.id == draft_id), None)

    def pending(self, key: str, kind: DraftKind) -> Draft | None:
        """The newest unconfirmed draft for this issue and kind: what the editor offers again."""
        found = [d for d in self._load() if d.key == key and d.kind == kind]
        return max(found, key=lambda d: d.saved_at) if found else None

    def save(
        self, key: str, kind: DraftKind, text: str, *, draft_id: str | None = None,
        extra: dict[str, str] | None = None, state: DraftState = "editing",
    ) -> Draft:
        """Create or overwrite a draft; returns it (its `id` goes into the mutation)."""
        drafts = self._load()
        draft = Draft(
            id=draft_id or uuid.uuid4().hex, key=key, kind=kind, text=text, state=state,
            saved_at=self._clock(), extra=dict(extra or {}),
        )
        drafts = [d for d in drafts if d.id != draft.id] + [draft]
        self._store(drafts)
        return draft

    def mark(self, draft_id: str, state: DraftState, error: str = "") -> None:
        drafts = self._load()
        self._store([msgspec.structs.replace(d, state=state, error=error) if d.id == draft_id else d for d in drafts])

    def discard(self, draft_id: str) -> None:
        """Forget a draft: the server confirmed it, or the user threw it away."""
        self._store([d for d in self._load() if d.id != draft_id])
