"""The adapter between the plain-asyncio Store and Textual.

The store knows nothing of Textual: it calls `subscribe` callbacks with the cache keys a
mutation changed. The bridge turns those into one `Signal` every screen can subscribe to, and
runs mutations for screens, posting `MutationSucceeded` / `MutationFailed` to the widget that
asked (they bubble to its screen and then the app, which shows failures as notifications unless
someone handled them first).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.message import Message
from textual.message_pump import MessagePump
from textual.signal import Signal

from tui.store.errors import StoreError
from tui.store.mutations import Mutation

if TYPE_CHECKING:
    from textual.app import App

    from tui.store.store import Store

__all__ = [
    "Changed",
    "MutationFailed",
    "MutationSucceeded",
    "Outcome",
    "StoreBridge",
    "bridge_of",
    "store_of",
]


class Changed(Message):
    """Cache keys the store changed (`issue:KEY`, `search`, ...): refresh what shows them."""

    def __init__(self, keys: frozenset[str]) -> None:
        super().__init__()
        self.keys = keys


class MutationSucceeded(Message):
    def __init__(self, mutation: Mutation, result: object) -> None:
        super().__init__()
        self.mutation = mutation
        self.result = result


class MutationFailed(Message):
    """A mutation the server refused (or that never arrived); `error.message` is for people."""

    def __init__(self, mutation: Mutation, error: StoreError) -> None:
        super().__init__()
        self.mutation = mutation
        self.error = error


@dataclass(frozen=True)
class Outcome:
    """What became of one mutation: `error` is None when it succeeded."""

    mutation: Mutation
    result: object = None
    error: StoreError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class StoreLike(Protocol):
    """The part of `tui.store.store.Store` the bridge uses."""

    async def connect(self) -> object: ...

    def subscribe(self, fn: Callable[[frozenset[str]], None]) -> Callable[[], None]: ...

    async def dispatch(self, m: Mutation) -> object: ...


class StoreBridge:
    """Owns the `changed` signal and runs mutations on behalf of screens."""

    def __init__(self, app: App[Any], store: StoreLike) -> None:
        self.store = store
        self.changed: Signal[frozenset[str]] = Signal(app, "store-changed")
        self._app = app
        self._unsubscribe: Callable[[], None] | None = None
        self._connecting: asyncio.Task[object] | None = None

    def start(self) -> None:
        """Begin relaying the store's change notifications (call once the app is running)."""
        if self._unsubscribe is None:
            self._unsubscribe = self.store.subscribe(self._relay)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    async def ready(self) -> None:
        """Connect the store once (server info, who am I); every read awaits this first.

        Concurrent callers share one attempt; after a failure the next call tries again.
        Raises the store's error (AuthError, NetworkError, ...) for the caller to show.
        """
        if self._connecting is None or (
            self._connecting.done()
            and (self._connecting.cancelled() or self._connecting.exception() is not None)
        ):
            self._connecting = asyncio.ensure_future(self.store.connect())
        await asyncio.shield(self._connecting)

    def _relay(self, keys: frozenset[str]) -> None:
        # The store may call back from inside a mutation's await chain: publish on the app's
        # next turn so subscribers never run in the middle of the store's bookkeeping.
        self._app.call_next(self.changed.publish, frozenset(keys))

    async def dispatch(self, mutation: Mutation, origin: MessagePump | None = None) -> Outcome:
        """Run `mutation` through the store; never raises a `StoreError`, returns the outcome.

        When `origin` is given it receives `MutationSucceeded` or `MutationFailed` (they bubble).
        """
        try:
            result = await self.store.dispatch(mutation)
        except StoreError as error:
            if origin is not None:
                origin.post_message(MutationFailed(mutation, error))
            return Outcome(mutation, error=error)
        if origin is not None:
            origin.post_message(MutationSucceeded(mutation, result))
        return Outcome(mutation, result=result)


class _HasBridge(Protocol):
    bridge: StoreBridge
    store: Store


def bridge_of(node: MessagePump) -> StoreBridge:
    """The running app's bridge, for screens and widgets (the App sets `app.bridge`)."""
    return cast(_HasBridge, node.app).bridge


def store_of(node: MessagePump) -> Store:
    """The running app's Store, for screens and widgets."""
    return cast(_HasBridge, node.app).store
