"""`f` on the search screen: pick one of your favourite filters and run its JQL.

Built on the shared filter-as-you-type `PickerScreen`; the filters come from the store (which
caches them), names and JQL shown as safe text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.screen import Screen

from tui.bridge import bridge_of, store_of
from tui.models import Filter
from tui.render.safe import safe_line
from tui.screens.actions.picker import Choice, PickerScreen, filter_choices

__all__ = ["filter_choice", "pick_filter"]


def filter_choice(found: Filter) -> Choice[Filter]:
    return Choice(found, Text(safe_line(found.name)), Text(safe_line(found.jql)))


def pick_filter(screen: Screen[Any], on_pick: Callable[[str], None]) -> None:
    """Show the picker over `screen`; `on_pick(jql)` runs when one is chosen."""
    store = store_of(screen)

    async def load(query: str) -> Sequence[Choice[Filter]]:
        await bridge_of(screen).ready()
        filters = await store.favourite_filters()
        return filter_choices([filter_choice(f) for f in filters], query)

    def picked(found: Filter | None) -> None:
        if found is not None:
            on_pick(found.jql)

    screen.app.push_screen(
        PickerScreen[Filter]("Favourite filters", loader=load, placeholder="Filter name"),
        picked,
    )
