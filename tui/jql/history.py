"""The JQL history: queries run, most recent last, browsed with up / down in the JQL bar.

Owns the history file: JSON, written atomically (temp file + rename) with mode 0600 in a
directory created 0700, since queries name projects, people and text. A corrupt or
unreadable file is dropped with a logged warning; history is never worth a crash.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path

__all__ = ["JqlHistory"]

logger = logging.getLogger(__name__)

_VERSION = 1


class JqlHistory:
    """Queries run, oldest first, deduplicated, at most `limit` of them, kept in `path`."""

    def __init__(self, path: Path, limit: int = 200) -> None:
        self.path = Path(path)
        self.limit = max(1, limit)
        self._entries: list[str] = self._load()
        self._position = len(self._entries)  # len(entries) means "at the draft, past the end"
        self._draft = ""

    @property
    def entries(self) -> list[str]:
        """A copy of the queries, oldest first."""
        return list(self._entries)

    def append(self, jql: str) -> None:
        """Record a query run: moved to the end if already there; saved at once."""
        query = jql.strip()
        if query:
            self._entries = [e for e in self._entries if e != query] + [query]
            del self._entries[: -self.limit]
            self._save()
        self.reset()

    def previous(self, draft: str = "") -> str | None:
        """The query before the current one (the oldest stays put); None when there are none.

        On the first step back `draft`, the text being typed, is kept for `next` to return.
        """
        if not self._entries:
            return None
        if self._position >= len(self._entries):
            self._draft = draft
        self._position = max(0, min(self._position, len(self._entries)) - 1)
        return self._entries[self._position]

    def next(self) -> str | None:
        """The query after the current one, the kept draft past the newest, else None."""
        if self._position >= len(self._entries):
            return None
        self._position += 1
        if self._position == len(self._entries):
            return self._draft
        return self._entries[self._position]

    def reset(self) -> None:
        """Forget where browsing got to (after a search runs or the bar is left)."""
        self._position = len(self._entries)
        self._draft = ""

    def _load(self) -> list[str]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            logger.warning("JQL history %s unreadable, starting afresh: %s", self.path, error)
            return []
        try:
            data = json.loads(raw)
            entries = data["entries"] if isinstance(data, dict) else None
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise ValueError("no list of queries under 'entries'")
        except (ValueError, KeyError, TypeError) as error:
            logger.warning("JQL history %s is corrupt, dropping it: %s", self.path, error)
            return []
        unique: dict[str, None] = {}
        for entry in entries:
            if entry.strip():
                unique.pop(entry.strip(), None)
                unique[entry.strip()] = None
        return list(unique)[-self.limit :]

    def _save(self) -> None:
        body = json.dumps({"version": _VERSION, "entries": self._entries}, ensure_ascii=False)
        temp: str | None = None
        try:
            _make_private_dirs(self.path.parent)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".jql-history-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
            temp = None
        except OSError as error:
            logger.warning("JQL history not saved to %s: %s", self.path, error)
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _make_private_dirs(directory: Path) -> None:
    """Create `directory` and missing parents as 0700; existing directories are left alone."""
    missing = []
    current = directory
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
