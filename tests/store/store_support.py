"""Helpers the store tests share (imported as a plain module: tests/store has no __init__)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tui.store.store import Store

BASE = "http://sandbox.invalid"
ALICE, ALICE_TOKEN = "alice@example.com", "sandbox-token"
BOB, BOB_TOKEN = "bob@example.com", "sandbox-token-bob"
StoreFactory = Callable[..., Store]


@dataclass
class FakeClock:
    """Wall time that moves only when told to, and a `sleep` that records and returns at once."""

    now: float = 1_800_000_000.0
    slept: list[float] = field(default_factory=list)
    on_sleep: Callable[[float], None] | None = None

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep(seconds)

    def advance(self, seconds: float) -> None:
        self.now += seconds
