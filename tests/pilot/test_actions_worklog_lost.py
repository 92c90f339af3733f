"""`L` after a lost answer: the server logged the work, the connection dropped before its reply,
and the check that followed could not read the issue either. The worklog editor reopens with
the draft, checks again before offering it, finds the work there, and empties: nobody logs the
same work twice.

The fault sits in front of the real in-process sandbox as a small ASGI wrapper: the worklog
POST runs (the sandbox applies it) and then the connection "drops"; the next read of the issue
is answered 500.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from issue_harness import TALL, IssueView, app_for, make_store
from starlette.applications import Starlette
from starlette.types import Message, Receive, Scope, Send
from textual.widgets import Input, TextArea

from tui.render.adf_plain import adf_to_plain
from tui.screens.issue import IssueScreen

KEY = "CORE-53"


class LostWorklogAnswer:
    """The first worklog POST is applied (or not) and its answer lost; then one issue read fails."""

    def __init__(self, app: Starlette, *, applied: bool = True) -> None:
        self.app = app
        self.applied = applied  # False: the connection went before the server saw the request
        self.dropped = 0
        self.blind = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        if method == "POST" and path.endswith("/worklog") and not self.dropped:
            self.dropped += 1

            async def swallow(message: Message) -> None:
                return None

            if self.applied:
                await self.app(scope, receive, swallow)  # the server does the work...
            self.blind = True
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        if self.blind and method == "GET" and path.endswith(f"/issue/{KEY}"):
            self.blind = False  # ...and the check right after cannot see the issue
            body = b'{"errorMessages":["Internal server error"],"errors":{}}'
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


async def test_a_worklog_whose_answer_was_lost_is_found_before_it_is_offered_again(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    faulty = LostWorklogAnswer(sandbox_app)
    store = make_store(sandbox_app, tmp_path, app=faulty)
    app = app_for(store)
    world = sandbox_app.state.sandbox.world
    try:
        async with app.run_test(size=TALL, notifications=True) as pilot:
            view = IssueView(app, pilot, store, sandbox_app.state.sandbox)
            await view.settle()
            await app.push_screen(IssueScreen(KEY))
            await view.settle()
            before = len(world.issues[KEY].worklogs)
            await view.press("L")
            await view.type("45m")
            await view.press("tab", "tab")
            await view.type("reviewed the rollout")
            await view.press("ctrl+s")
            assert faulty.dropped == 1 and not faulty.blind  # the drop and the failed check happened

            # the editor came back for the draft, checked, and found the work on the server
            text = view.text()
            assert "Log work on CORE-53" in text
            assert "had reached the server after all" in text
            form = app.screen
            assert form.query_one("#worklog-comment", TextArea).text == ""
            assert form.query_one("#worklog-spent", Input).value == ""
            assert any("had arrived; nothing to send again" in t for t in view.toasts())
            assert store.drafts.all() == []

            # a person who sends again anyway sends nothing: the form is empty
            await view.press("ctrl+s")
            logs = world.issues[KEY].worklogs[before:]
            assert [(w.time_spent_seconds, adf_to_plain(w.comment).strip()) for w in logs] == [
                (2700, "reviewed the rollout")
            ]
            assert "Log work on CORE-53" in view.text()  # refused in the form: no duration
            await view.press("escape")
            assert store.drafts.all() == []
    finally:
        await store.aclose()


async def test_a_worklog_lost_before_it_arrived_is_offered_again_and_logged_once(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    faulty = LostWorklogAnswer(sandbox_app, applied=False)
    store = make_store(sandbox_app, tmp_path, app=faulty)
    app = app_for(store)
    world = sandbox_app.state.sandbox.world
    try:
        async with app.run_test(size=TALL, notifications=True) as pilot:
            view = IssueView(app, pilot, store, sandbox_app.state.sandbox)
            await view.settle()
            await app.push_screen(IssueScreen(KEY))
            await view.settle()
            before = len(world.issues[KEY].worklogs)
            await view.press("L")
            await view.type("1h")
            await view.press("tab", "tab")
            await view.type("never got there")
            await view.press("ctrl+s")
            assert faulty.dropped == 1 and not faulty.blind
            assert len(world.issues[KEY].worklogs) == before
            # checked: not there, so the form offers it as it was typed, and says so
            text = view.text()
            assert "did not reach the server: ctrl+s logs it" in text
            assert app.screen.query_one("#worklog-comment", TextArea).text == "never got there"
            assert app.screen.query_one("#worklog-spent", Input).value == "1h"
            await view.press("ctrl+s")
            logs = world.issues[KEY].worklogs[before:]
            assert [(w.time_spent_seconds, adf_to_plain(w.comment).strip()) for w in logs] == [
                (3600, "never got there")
            ]
            assert store.drafts.all() == []
    finally:
        await store.aclose()
