"""The issue view as a person meets it: the real app, the real Store, the in-process sandbox.

`issue_view(sandbox_app, tmp_path, key)` opens `IssueScreen(key)` in `JiradashApp` on a Store
signed in as alice (site admin) or bob (plain user), with drafts under `tmp_path` and the
clock fixed at the sandbox's seed instant, so relative times never drift. `settle` waits for
the app's workers and the store's background reads; `screen_text` is what the terminal shows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.types import ASGIApp
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.app import JiradashApp
from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.sandbox.world import SandboxIssue
from tui.screens.issue import IssueScreen
from tui.session import Session
from tui.store.store import Store, StoreSettings
from tui.widgets.issue_body import IssueBody

BASE_URL = "http://sandbox.invalid"
ALICE = ("alice@example.com", "sandbox-token")
BOB = ("bob@example.com", "sandbox-token-bob")
TALL = (110, 160)  # a terminal tall enough to show a whole issue at once


@dataclass
class IssueView:
    app: JiradashApp
    pilot: Pilot[object]
    store: Store
    sandbox: Sandbox

    def issue(self, key: str) -> SandboxIssue:
        """What the sandbox holds for `key` now."""
        return self.sandbox.world.issues[key]

    @property
    def screen(self) -> IssueScreen:
        screen = self.app.screen
        assert isinstance(screen, IssueScreen), type(screen).__name__
        return screen

    async def settle(self) -> None:
        await settle(self.pilot, self.store)

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def type(self, text: str) -> None:
        """Type `text` character by character, as a person would."""
        await self.pilot.press(*[_key(ch) for ch in text])
        await self.settle()

    def text(self) -> str:
        return screen_text(self.app)

    def toasts(self) -> list[str]:
        """The notifications on screen now, each as one line of plain text."""
        lines = self.text().splitlines()
        found = []
        for toast in self.app.screen.query("Toast"):
            area = toast.region
            rows = (lines[y][area.x : area.right].strip(" ▌") for y in range(area.y, area.bottom))
            found.append(" ".join(" ".join(rows).split()))
        return found


def selected_item(app: JiradashApp) -> str | None:
    """The item `j` / `k` are on: the body's selected item while it has the focus (its key:
    `description`, `comment-ID`, `link-ID`, ...), else the focused widget's id."""
    focused = app.focused
    if isinstance(focused, IssueBody):
        return focused.selected
    return None if focused is None else focused.id


def select_item(screen: Screen[object], key: str) -> IssueBody:
    """Select the body's item `key`, as `j` / `k` would reach it."""
    body = screen.query_one(IssueBody)
    body.select(key)
    return body


def _key(ch: str) -> str:
    names = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma", "[": "left_square_bracket",
             "]": "right_square_bracket", "/": "slash", ":": "colon", "=": "equals_sign", "\n": "enter",
             "*": "asterisk", "_": "underscore", "'": "apostrophe", "(": "left_parenthesis",
             ")": "right_parenthesis", "!": "exclamation_mark", "?": "question_mark", "#": "number_sign"}  # fmt: skip
    return names.get(ch, ch)


def make_store(
    sandbox_app: Starlette,
    tmp_path: Path,
    *,
    user: tuple[str, str] = ALICE,
    api_version: str = "2",
    app: ASGIApp | None = None,
) -> Store:
    """A Store on the sandbox (or on `app`, an ASGI wrapper around it), drafts under `tmp_path`."""
    return Store(
        base_url=BASE_URL,
        auth=BasicAuth(user[0], Secret(user[1])),
        transport=httpx.ASGITransport(app=app or sandbox_app),
        drafts_dir=tmp_path / "drafts",
        settings=StoreSettings(api_version=api_version),  # type: ignore[arg-type]
    )


async def settle(pilot: Pilot[object], store: Store) -> None:
    """Until nothing is running: the app's workers, the store's background reads, the UI."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await store.settle()
        await pilot.pause()


def screen_text(app: JiradashApp) -> str:
    """Every line the terminal shows now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def widget_text(widget: Widget) -> str:
    """The plain text a widget renders (wherever it is on the screen)."""
    lines = widget.render_lines(widget.region.reset_offset) if widget.region else []
    return "\n".join(line.text for line in lines)


RESULTS_JQL = "key in (CORE-53, DASH-141, MKT-18) ORDER BY key ASC"  # what the search screen lists


def app_for(store: Store) -> JiradashApp:
    return JiradashApp(store, Session(clock=lambda: SEED_EPOCH, default_jql=RESULTS_JQL))


@asynccontextmanager
async def issue_view(
    sandbox_app: Starlette,
    tmp_path: Path,
    key: str,
    *,
    user: tuple[str, str] = ALICE,
    size: tuple[int, int] = (100, 40),
    api_version: str = "2",
) -> AsyncIterator[IssueView]:
    store = make_store(sandbox_app, tmp_path, user=user, api_version=api_version)
    app = app_for(store)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            view = IssueView(app, pilot, store, sandbox_app.state.sandbox)
            await view.settle()
            await app.push_screen(IssueScreen(key))
            await view.settle()
            yield view
    finally:
        await store.aclose()
