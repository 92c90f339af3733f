"""The fault session's driver: the real Store and App, observed, and a person at the keyboard.

- `RecordingStore` is the real Store; every dispatch's outcome (and the drafts left after it) is
  written down, and `record` does the same for devinfo mutations sent through `store.devinfo`.
- `ObservedApp` is the real app; the notifications it shows are kept.
- `Driver` presses keys and waits on conditions, never for a fixed time: after each key the
  app and the current screen have processed what was queued; `settle` waits until no worker
  runs and the store has no background read; `until(predicate)` settles until it holds. (Pilot's
  own `press` waits for the process to look idle after each key, which on a busy machine with
  the sandbox in the same process costs most of a second a key.)
- The actions (`open_issue`, `transition`, `comment`, ...) do what a person does on each screen,
  including pressing `r` on a failed read and sending a refused comment again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from textual import events
from textual.widgets import Input, TextArea

from tui.app import JiradashApp
from tui.models.devinfo import Author, Commit, Repository
from tui.session import Session
from tui.store.drafts import Draft
from tui.store.errors import AmbiguousFailure, StoreError
from tui.store.mutations import Mutation
from tui.store.mutations_devinfo import DeleteRepository, DevinfoMutation, StoreDevinfo
from tui.store.store import Store

# what a person types in the transition picker, by the status the issue shows
NEXT_STEP = {"To Do": "start", "In Progress": "request", "In Review": "back to in", "Done": "reopen"}
_KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop", ":": "colon", "'": "apostrophe",
              "(": "left_parenthesis", ")": "right_parenthesis", "/": "slash", "&": "ampersand",
              ",": "comma", "+": "plus", "#": "number_sign", "_": "underscore"}  # fmt: skip


@dataclass
class Outcome:
    mutation: Mutation
    error: StoreError | None
    drafts_after: list[Draft]

    @property
    def confirmed(self) -> bool:
        return self.error is None

    @property
    def ambiguous(self) -> bool:
        """The server may have applied it (its answer was lost and nobody could tell)."""
        return isinstance(self.error, AmbiguousFailure) and "did not arrive" not in self.error.message


class RecordingStore(Store):
    """The real Store; every dispatch's outcome is written down for the expected state."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcomes: list[Outcome] = []

    async def dispatch(self, m: Mutation) -> object:
        try:
            result = await super().dispatch(m)
        except StoreError as error:
            self.outcomes.append(Outcome(m, error, self.drafts.all()))
            raise
        self.outcomes.append(Outcome(m, None, self.drafts.all()))
        return result

    async def record(self, m: DevinfoMutation) -> Outcome:
        """A devinfo mutation through the store's devinfo service, its outcome written down."""
        assert self.devinfo is not None
        try:
            await self.devinfo.dispatch(m)
        except StoreError as error:
            outcome = Outcome(m, error, [])
        else:
            outcome = Outcome(m, None, [])
        self.outcomes.append(outcome)
        return outcome


class ObservedApp(JiradashApp):
    """The real app; the notifications it shows are kept for the assertions."""

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__(store, session)
        self.shown: list[tuple[str, str, str]] = []  # (severity, title, message)

    def notify(self, message: str, *, title: str = "", severity: Any = "information", **kw: Any) -> None:  # type: ignore[override]
        self.shown.append((str(severity), title, message))
        super().notify(message, title=title, severity=severity, **kw)


@dataclass
class Driver:
    app: ObservedApp
    pilot: Any
    store: RecordingStore
    reads: dict[str, str] = field(default_factory=dict)  # key -> "shown" | "failed, r shown"
    actions: int = 0

    # --- the keyboard and the screen ---------------------------------------------------------

    def text(self) -> str:
        return "\n".join(s.text for s in self.app.screen._compositor.render_strips())

    def screen_name(self) -> str:
        return type(self.app.screen).__name__

    async def _processed(self) -> None:
        """What the app, the screen and its widgets had queued is handled (a key the app
        forwards to a widget lands in a later round, hence three)."""
        for _ in range(3):
            await self.pilot._wait_for_screen()

    async def settle(self) -> None:
        for _ in range(200):
            await self._processed()
            running = [w for w in self.app.workers if not w.is_finished]
            # a worker cancelled on the way (a view left, a newer load) is no failure here
            await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
            await self.store.settle()
            await self._processed()
            if all(w.is_finished for w in self.app.workers):
                break
        self.app.screen._on_timer_update()  # lay out and paint what changed

    async def until(self, holds: Any, what: str) -> None:
        """Settle until `holds()`; a guard against a hang, not a timing: 1,500 rounds."""
        for _ in range(1500):
            await self.settle()
            if holds():
                return
            await asyncio.sleep(0.02)  # something is on a timer (a debounce, a toast)
        raise AssertionError(f"never happened: {what}")

    async def _key(self, key: str, char: str | None) -> None:
        event = events.Key(key, char)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        await self._processed()

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self._key(key, " " if key == "space" else key if len(key) == 1 else None)
        await self.settle()

    async def type(self, text: str) -> None:
        for char in text:
            await self._key(_KEY_NAMES.get(char, char), char)
        await self.settle()

    async def back_to(self, screen: str) -> None:
        for _ in range(6):
            if self.screen_name() == screen or len(self.app.screen_stack) <= 1:
                return
            await self.press("escape")

    async def close_modals(self) -> None:
        for _ in range(4):
            if self.screen_name() == "IssueScreen" or len(self.app.screen_stack) <= 2:
                if self.screen_name().endswith("Modal"):
                    await self.press("escape")
                return
            if not self.screen_name().endswith(("Modal", "Panel")):
                return
            await self.press("escape")


# --- the issue view ----------------------------------------------------------------------------


def _issue_shown(d: Driver, key: str) -> bool:
    issue = getattr(d.app.screen, "issue", None)
    return issue is not None and issue.key == key


async def open_issue(d: Driver, key: str) -> None:
    """A read: the issue is shown, or shown as failed with the retry key, and `r` retried."""
    d.actions += 1
    while d.screen_name() != "SearchScreen" and len(d.app.screen_stack) > 1:
        await d.press("escape")
    d.app.open_issue(key)
    for attempt in range(8):
        await d.until(lambda: _issue_shown(d, key) or "(r: try again)" in d.text(), f"{key} shown or failed")
        if _issue_shown(d, key):
            d.reads[key] = "shown" if attempt == 0 else "failed, r shown"
            return
        d.actions += 1
        await d.press("r")
    raise AssertionError(f"{key} was never shown after eight tries of r")


async def _modal(d: Driver, key: str, name: str) -> bool:
    """Press `key` on the issue view; True when the modal `name` is up and ready."""
    await d.press(key)
    return d.screen_name() == name


async def transition(d: Driver, key: str) -> None:
    d.actions += 1
    issue = d.store.cached_issue(key)
    status = issue.status.name if issue and issue.status else "To Do"
    if await _modal(d, "t", "TransitionModal"):
        await d.type(NEXT_STEP.get(status, "start"))
        await d.press("enter")
    await d.close_modals()


async def comment(d: Driver, key: str, text: str) -> None:
    d.actions += 1
    if not await _modal(d, "c", "CommentModal"):
        await d.close_modals()
        return
    await d.type(text)
    await d.press("ctrl+s")
    for _ in range(3):  # refused: the editor is back with the draft; a person sends it again
        if d.screen_name() != "CommentModal":
            return
        # an unknown arrival is checked first (the editor empties if it arrived)
        editor = d.app.screen.query_one("#comment-text", TextArea)
        if not editor.text.strip():
            await d.press("escape")
            return
        d.actions += 1
        await d.press("ctrl+s")
    await d.close_modals()


async def assign(d: Driver, key: str, who: str) -> None:
    d.actions += 1
    if await _modal(d, "a", "AssignModal"):
        await d.type(who)
        await d.press("enter")
    await d.close_modals()


async def log_work(d: Driver, key: str, text: str) -> None:
    d.actions += 1
    if not await _modal(d, "L", "WorklogModal"):
        await d.close_modals()
        return
    await d.type("30m")
    await d.press("tab", "tab")
    await d.type(text)
    await d.press("ctrl+s")
    for _ in range(3):  # refused: the form is back; it checked an unknown arrival first
        if d.screen_name() != "WorklogModal":
            return
        form = d.app.screen
        if not form.query_one("#worklog-spent", Input).value.strip():  # it had arrived
            await d.press("escape")
            return
        d.actions += 1
        await d.press("ctrl+s")
    await d.close_modals()


async def watch(d: Driver, key: str) -> None:
    d.actions += 1
    await d.press("w")


async def link(d: Driver, key: str, other: str) -> None:
    d.actions += 1
    if await _modal(d, "l", "LinkModal"):
        await d.type("relates")
        await d.press("enter")
        await d.type(other.lower())
        await d.press("enter")
    await d.close_modals()


async def refresh(d: Driver, key: str) -> None:
    d.actions += 1
    await d.press("r")


# --- screen 3: a staged skills bulk update -----------------------------------------------------


async def skills_bulk(d: Driver, cells: list[tuple[str, str]]) -> None:
    """Screen 3: stage `cells` (person, skill) with space, review with `d`, apply with `enter`;
    a refused update is applied again from the review (the edits stay staged)."""
    d.actions += 1
    await d.back_to("SearchScreen")
    await d.press("3")
    for _ in range(6):  # loaded, or failed with its message and `r` asked again
        await d.until(lambda: "Loading skills" not in d.text(), "the skills matrix loaded or failed")
        if any(person in d.text() for person, _ in cells):
            break
        d.actions += 1
        await d.press("r")
    for person, skill in cells:
        d.actions += 1
        await d.press("f", "ctrl+a", "ctrl+k")
        await d.type(person)
        await d.press("escape", "F", "ctrl+a", "ctrl+k")
        await d.type(skill)
        await d.press("escape", "space")
    for _ in range(3):
        d.actions += 1
        await d.press("d")
        if d.screen_name() != "ReviewScreen":
            break
        await d.press("enter")
        await d.until(lambda: "Sending one bulk update" not in d.text(), "the bulk update answered")
        applied = "Not applied" not in d.text()
        await d.press("escape")
        if applied:
            break
    await d.back_to("SkillsScreen")
    await d.press("1")


# --- development information, through the store ------------------------------------------------


def repository(repo_id: str, key: str, seq: int) -> Repository:
    commit = Commit(
        id=f"{repo_id}-c{seq}", issue_keys=(key,), update_sequence_id=seq, author=Author(name="Build Bot"),
        author_timestamp="2026-10-01T10:00:00+00:00", display_id=f"c{seq}", file_count=0,
        message=f"{key} change {seq}", url=f"https://git.example.com/{repo_id}/commits/c{seq}",
    )
    return Repository(id=repo_id, name=repo_id, url=f"https://git.example.com/{repo_id}",
                      update_sequence_id=seq, commits=(commit,))


async def devinfo_store(d: Driver, repo_id: str, key: str, seq: int) -> Outcome:
    d.actions += 1
    return await d.store.record(StoreDevinfo(repositories=(repository(repo_id, key, seq),)))


async def devinfo_delete(d: Driver, repo_id: str) -> Outcome:
    d.actions += 1
    return await d.store.record(DeleteRepository(repository_id=repo_id))


# --- choosing what to edit, from the sandbox's own state ---------------------------------------


def skills_cells(sandbox: Any, people: int) -> list[tuple[str, str, str]]:
    """(account, person's name, skill) for `people` people: a plain skill (no levels) each does
    not hold, each name and skill matching only itself in the screen's filters."""
    from tui.sandbox.skills import state_of_sandbox
    from tui.sandbox.skills.state import Category

    state = state_of_sandbox(sandbox)
    leaves: list[str] = []

    def walk(node: Category) -> None:
        for child in node.children:
            if isinstance(child, Category):
                walk(child)
            else:
                leaves.append(child)

    for root in state.roots:
        walk(root)
    plain = [s for s in leaves if " - " not in s and len(s) > 6
             and sum(1 for o in leaves if s.casefold() in o.casefold()) == 1]
    names = {a: sandbox.world.users[a].display_name for a in state.held if a in sandbox.world.users}
    unique = [a for a, n in names.items()
              if sum(1 for o in names.values() if n.casefold() in o.casefold()) == 1]
    chosen: list[tuple[str, str, str]] = []
    for account in unique[1 : people + 1]:  # not alice: she is the one at the keyboard
        skill = next(s for s in plain if s not in state.held[account])
        chosen.append((account, names[account], skill))
    return chosen
