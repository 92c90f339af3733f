"""A `Footer` that shows only the keys that fit whole.

Textual's footer cuts the key that reaches its right edge mid-word ("t Transitio") on a narrow
terminal. This one hides every key from the first that does not fit (the command palette's
key, docked on the right, stays); `?` lists them all. Whether a key fits is read from the
laid-out keys themselves, so it holds whatever the theme's spacing: after each rebuild and
resize every key is shown, measured, and those past the edge hidden.
"""

from __future__ import annotations

from textual.widgets import Footer

__all__ = ["FittedFooter"]


class FittedFooter(Footer):
    """A `Footer` whose keys that would be cut off are left out instead."""

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        if any(not child.display for child in self.children):
            for child in self.children:
                child.display = True  # measured afresh: a wider footer may show them again
            self.call_after_refresh(self._hide_overflow)
        else:
            self._hide_overflow()

    def _hide_overflow(self) -> None:
        if not self.is_attached:
            return
        docked = [c for c in self.children if c.has_class("-command-palette")]
        room = self.size.width - sum(c.outer_size.width for c in docked)
        past_the_edge = False
        for child in self.children:
            if child in docked:
                continue
            right = child.virtual_region_with_margin.right
            past_the_edge = past_the_edge or right > room
            if past_the_edge:
                child.display = False
