"""Sending a devinfo change from the repositories screen or a repository's page.

`send_devinfo` dispatches the mutation through the store's devinfo service and tells the person
how it went; a whole repository deleted (no `_updateSequenceId` bound) is also forgotten by the
profile, as `jiradash devinfo delete ID` does. True when the change was made.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from tui.bridge import store_of
from tui.store.devinfo import DevinfoService
from tui.store.devinfo_known import forget
from tui.store.errors import StoreError
from tui.store.mutations_devinfo import DeleteRepository, DevinfoMutation

__all__ = ["send_devinfo"]


async def send_devinfo(screen: Screen[Any], service: DevinfoService, mutation: DevinfoMutation, *,
                       forgotten: str) -> bool:
    """Dispatch `mutation`; `forgotten` is added to the confirmation when the id is forgotten."""
    try:
        await service.dispatch(mutation)
    except StoreError as error:
        screen.notify(error.message, title=mutation.describe(), severity="error", timeout=8, markup=False)
        return False
    done = mutation.describe().capitalize() + "."
    if isinstance(mutation, DeleteRepository) and mutation.update_sequence_id is None:
        try:
            if forget(store_of(screen), mutation.repository_id):
                done += " " + forgotten
        except StoreError as error:
            screen.notify(error.message, title="Forget a repository", severity="warning", timeout=8,
                          markup=False)
    screen.notify(done, title="Development information", markup=False)
    return True
