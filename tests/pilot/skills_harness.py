"""The Skills screen as a person meets it: the real app, the real Store with its Skills service,
the in-process sandbox (Jira and Skills for Jira on one ASGI app).

`skills_app(sandbox_app, tmp_path)` builds the Store (alice; the Data Center shape the demo
reads, or `api_version="3"`), attaches `SkillsService.for_store` with the URLs and token the
sandbox publishes (`profile_section`, what `GET /sandbox/profile` shows), and the App with the
clock fixed at the seed's epoch. `open_skills(...)` runs it, presses `3` and waits for the
matrix. `ground_truth(sandbox)` is the sandbox's own state, read without the app.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.app import JiradashApp
from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.sandbox.skills import profile_section, state_of_sandbox
from tui.screens.skills import SkillsScreen
from tui.session import Session
from tui.store.skills import SkillsService
from tui.store.store import Store, StoreSettings

BASE_URL = "http://sandbox.invalid"
ALICE = ("alice@example.com", "sandbox-token")


def make_store(
    sandbox_app: Starlette,
    tmp_path: Path,
    *,
    api_version: str = "2",
    skills_token: str | None = None,
    configured: bool = True,
) -> Store:
    store = Store(
        base_url=BASE_URL,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        transport=httpx.ASGITransport(app=sandbox_app),
        drafts_dir=tmp_path / "drafts",
        settings=StoreSettings(api_version=api_version),  # type: ignore[arg-type]
    )
    if not configured:
        return store
    section = profile_section(sandbox_app.state.sandbox)
    endpoints = SkillsEndpoints(
        urls=section["urls"], token=Secret(skills_token or section["token"])
    )
    store.skills = SkillsService.for_store(
        store, endpoints, transport=httpx.ASGITransport(app=sandbox_app), allow_insecure_http=True
    )
    return store


def bulk_path(sandbox: Sandbox) -> str:
    """The bulk update's trigger path, as the store's counters name it."""
    return "/x1/" + state_of_sandbox(sandbox).trigger_of("bulk_update")


def ground_truth(sandbox: Sandbox) -> dict[str, list[str]]:
    """Everyone's skills as the sandbox holds them now."""
    return {a: list(s) for a, s in state_of_sandbox(sandbox).held.items()}


@dataclass
class SkillsView:
    app: JiradashApp
    pilot: Pilot[object]
    store: Store
    sandbox: Sandbox

    @property
    def screen(self) -> SkillsScreen:
        for screen in self.app.screen_stack:
            if isinstance(screen, SkillsScreen):
                return screen
        raise AssertionError(f"no Skills screen in {self.app.screen_stack}")

    async def settle(self) -> None:
        for _ in range(6):
            await self.pilot.app.workers.wait_for_complete()
            await self.store.settle()
            await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def type(self, text: str) -> None:
        await self.pilot.press(*[{" ": "space", "-": "minus"}.get(ch, ch) for ch in text])
        await self.settle()

    def text(self) -> str:
        return "\n".join(strip.text for strip in self.app.screen._compositor.render_strips())

    def toasts(self) -> list[str]:
        lines = self.text().splitlines()
        found = []
        for toast in self.app.screen.query("Toast"):
            area = toast.region
            rows = (lines[y][area.x : area.right].strip(" ▌") for y in range(area.y, area.bottom))
            found.append(" ".join(" ".join(rows).split()))
        return found


@asynccontextmanager
async def open_skills(
    sandbox_app: Starlette,
    tmp_path: Path,
    *,
    size: tuple[int, int] = (120, 40),
    api_version: str = "2",
    skills_token: str | None = None,
    configured: bool = True,
) -> AsyncIterator[SkillsView]:
    store = make_store(
        sandbox_app,
        tmp_path,
        api_version=api_version,
        skills_token=skills_token,
        configured=configured,
    )
    app = JiradashApp(
        store, Session(clock=lambda: SEED_EPOCH, history_path=tmp_path / "history.json")
    )
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            view = SkillsView(app, pilot, store, sandbox_app.state.sandbox)
            await view.settle()
            await view.press("3")
            yield view
    finally:
        await store.aclose()
