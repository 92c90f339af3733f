"""A titled section of the issue view, whose blocks are updated in place.

The issue view stays mounted from one issue to the next, so a section is told what to show as a
list of `Part`s and keeps the widgets it already has: a part whose key was shown before refills
that widget (a comment edited, the same description of a refreshed issue), a new key mounts a
widget, and keys no longer listed are removed. Keys carry the server's ids, so a widget's DOM id
never has to change. Building a screen's worth of widgets and styling them is what made opening
an issue slow; refilling a few is cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

__all__ = ["Part", "Section"]


class Part(NamedTuple):
    """One block of a section. The same `key` means the same widget: `fill` updates it, else
    `make` builds it. Keys must be unique within a section."""

    key: str
    make: Callable[[], Widget]
    fill: Callable[[Any], None]


class Section(Vertical):
    """A titled part of the body: its title, a line saying it is empty, and its blocks."""

    DEFAULT_CSS = """
    Section { height: auto; min-height: 2; margin-top: 1; }
    Section > .section-title { text-style: bold; color: $text-primary; }
    Section > .section-empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, heading: str, *, id: str) -> None:
        super().__init__(id=id, classes="section")
        self.heading = heading
        self._title = Static(heading, classes="section-title")
        self._empty = Static("", classes="section-empty")
        self._empty.display = False
        self._items: list[tuple[str, Widget]] = []

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._empty

    async def show(self, title: str, parts: Sequence[Part], empty: str = "") -> None:
        """Title the section `title` and show `parts` (or, with none, the line `empty`)."""
        if str(self._title.content) != title:
            self._title.update(title)
        self._empty.display = bool(empty) and not parts
        if empty and str(self._empty.content) != empty:
            self._empty.update(empty)
        await self._reconcile(parts)

    async def _reconcile(self, parts: Sequence[Part]) -> None:
        old = dict(self._items)
        wanted = {part.key for part in parts}
        stale = [widget for key, widget in self._items if key not in wanted]
        kept = [key for key, _ in self._items if key in wanted]
        if kept != [part.key for part in parts if part.key in old]:
            stale, old = [widget for _, widget in self._items], {}  # reordered: build afresh
        if stale:
            # Awaited before mounting: a removed widget's id may come back in a new one.
            await self.remove_children(stale)
        items: list[tuple[str, Widget]] = []
        batch: list[Widget] = []
        mounting = []
        for part in parts:
            widget = old.get(part.key)
            if widget is None:
                widget = part.make()
                batch.append(widget)
            else:
                part.fill(widget)
                if batch:
                    mounting.append(self.mount_all(batch, before=widget))
                    batch = []
            items.append((part.key, widget))
        if batch:
            mounting.append(self.mount_all(batch))
        self._items = items
        for mounted in mounting:
            await mounted
