"""What the running app knows about its profile: default JQL, columns, theme, history file, clock.

`tui.launch` builds a `Session` from the config (or the demo); screens read it through
`session_of(node)` instead of reading the config themselves. No Textual import here beyond the
type of node `session_of` accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

__all__ = ["DEFAULT_JQL", "Session", "session_of", "utc_now"]

DEFAULT_JQL = "ORDER BY updated DESC"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _ignore_theme(name: str) -> None:
    """Where nothing persists (tests, a read-only config), a theme change simply is not kept."""


@dataclass
class Session:
    profile: str = "demo"
    default_jql: str = DEFAULT_JQL
    columns: tuple[str, ...] | None = None  # None: the default columns
    theme: str | None = None
    history_path: Path | None = None  # None: JQL history kept in memory only
    profiles: tuple[str, ...] = ()  # every configured profile, for the palette
    clock: Callable[[], datetime] = utc_now  # fixed in snapshot tests so ages do not drift
    save_theme: Callable[[str], None] = _ignore_theme
    tls_warning: str = ""  # shown as a bar on every screen: the profile turned TLS checks off


class _HasSession(Protocol):
    session: Session


def session_of(node: MessagePump) -> Session:
    return cast(_HasSession, node.app).session
