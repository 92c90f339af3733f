"""`f` on the search screen: pick one of your favourite filters and run its JQL.

The filters are read first (the store caches them), then shown in the shared filter-as-you-type
`PickerScreen`, so filtering is immediate; names and JQL are shown as safe text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.screen import Screen

from tui.bridge import bridge_of, store_of
from tui.models import Filter
from tui.render.safe import safe_line
from tui.store.errors import StoreError

__all__ = ["pick_filter"]


async def pick_filter(screen: Screen[Any], on_pick: Callable[[str], None]) -> None:
    """Show the picker over `screen`; `on_pick(jql)` runs when one is chosen."""
    # Imported here: the action modals' package is not needed to paint the first results.
    from tui.screens.actions.picker import Choice, PickerScreen

    try:
        await bridge_of(screen).ready()
        filters = await store_of(screen).favourite_filters()
    except StoreError as error:
        screen.notify(error.message, title="Favourite filters", severity="error", timeout=8)
        return
    if not filters:
        screen.notify("You have no favourite filters yet (star one in Jira).")
        return

    def picked(found: Filter | None) -> None:
        if found is not None:
            on_pick(found.jql)

    choices = [Choice(f, Text(safe_line(f.name)), Text(safe_line(f.jql))) for f in filters]
    screen.app.push_screen(
        PickerScreen[Filter]("Favourite filters", choices, placeholder="Filter name"), picked
    )
