"""Notifications are plain text: a server message with markup or a stray `[` shows literally."""

from __future__ import annotations

from pathlib import Path

from search_harness import make_app, screen_text, settle
from starlette.applications import Starlette


async def test_server_text_in_a_notification_is_not_markup(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.notify("Field '[bold]x' does not exist [/", title="[red]CORE-1")
        app.screen.notify("unbalanced [/red] and [link=http://x]y[/link]")
        await settle(pilot)
        # The app kept running (an unbalanced "[/" as markup raises on render), and every
        # notification it holds is plain text with the server's words unchanged.
        assert "JQL" in screen_text(app)
        notes = list(app._notifications)
        assert [n.message for n in notes] == [
            "Field '[bold]x' does not exist [/",
            "unbalanced [/red] and [link=http://x]y[/link]",
        ]
        assert not any(n.markup for n in notes)
