"""The line under the results: "1–100 of 3,214", progress while pages stream, selection, sort.

State comes down as one immutable `SearchStatus`; the widget only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["SearchStatus", "StatusLine", "progress_bar"]

BAR_WIDTH = 10


@dataclass(frozen=True)
class SearchStatus:
    loaded: int = 0
    total: int | None = None  # None when the server does not count
    loading: bool = False
    from_cache: bool = False
    cursor: int | None = None  # 0-based row of the cursor
    selected: int = 0
    sort: str = ""  # e.g. "Updated ▼"
    note: str = ""  # e.g. "refreshing", "stopped: 429"

    def but(self, **changes: Any) -> SearchStatus:
        return replace(self, **changes)


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = min(width, width * done // total) if total else 0
    return "█" * filled + "░" * (width - filled)


def describe(status: SearchStatus) -> Text:
    """The status as text: range first, since that is what people look for."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if status.loaded:
        if status.total is not None:
            of = f"{status.total:,}"
        else:
            of = f"{status.loaded:,}+" if status.loading else f"{status.loaded:,}"
        text.append(f"1–{status.loaded:,} of {of}", style="bold")
    elif status.loading:
        text.append("searching…", style="bold")
    else:
        text.append("no issues", style="bold")
    if status.loading and status.total:
        text.append(f"  {progress_bar(status.loaded, status.total)} ", style="")
        text.append(f"{100 * status.loaded // status.total}%")
    elif status.loading and status.loaded:
        text.append("  loading…")
    if status.from_cache:
        text.append("  (cached)", style="italic")
    if status.cursor is not None and status.loaded:
        text.append(f"  row {status.cursor + 1:,}")
    if status.selected:
        text.append(f"  {status.selected:,} selected", style="bold")
    if status.sort:
        text.append(f"  sorted by {status.sort}")
    if status.note:
        text.append(f"  {status.note}", style="italic")
    return text


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    status: reactive[SearchStatus] = reactive(SearchStatus, layout=False)

    def update(self, **changes: Any) -> None:
        self.status = self.status.but(**changes)

    def render(self) -> Text:
        return describe(self.status)
