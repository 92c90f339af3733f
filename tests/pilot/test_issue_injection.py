"""Server text is text: markup, links and terminal escapes in an issue show literally."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from issue_harness import TALL, issue_view
from starlette.applications import Starlette

from tui.sandbox.world import SandboxAttachment, SandboxComment

KEY = "CORE-53"
HOSTILE = (
    "[red]x[/] [link=https://evil.example]click[/link] \x1b]0;pwned\x07\x1b[31mred\x1b[0m [bold]b"
)
SHOWN = "[red]x[/] [link=https://evil.example]click[/link] red [bold]b"  # the escapes are gone


def _adf(text: str) -> dict[str, object]:
    return {
        "type": "doc",
        "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}],
    }


async def test_markup_and_escapes_render_literally(sandbox_app: Starlette, tmp_path: Path) -> None:
    sandbox = sandbox_app.state.sandbox
    issue = sandbox.world.issues[KEY]
    issue.summary = HOSTILE
    issue.labels = ["[blink]label"]
    when = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)
    author = next(u for u in sandbox.world.users.values() if u.name not in ("alice", "bob"))
    author.display_name = "[i]Mallory[/i] \x1b[2J"
    issue.comments.append(
        SandboxComment(sandbox.world.new_id(), author.account_id, _adf(HOSTILE), when, when)
    )
    issue.attachments.append(
        SandboxAttachment(
            sandbox.world.new_id(), "[u]evil[/u].txt\x07", 12, "text/plain", author.account_id, when
        )
    )
    for api_version in ("2", "3"):  # wiki and ADF bodies
        async with issue_view(
            sandbox_app, tmp_path, KEY, size=TALL, api_version=api_version
        ) as view:
            text = view.text()
            assert f"{KEY}  {SHOWN}" in text
            assert (
                text.count("[red]x[/] [link=https://evil.example]click[/link]") == 2
            )  # summary, comment
            assert "[blink]label" in text
            assert "[i]Mallory[/i]" in text
            assert "[u]evil[/u].txt" in text
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
            for strip in view.app.screen._compositor.render_strips():
                for segment in strip:
                    style = segment.style
                    assert style is None or "evil" not in (style.link or ""), (
                        segment
                    )  # no injected link
                    assert style is None or not style.blink
            assert view.app.title == "jiradash"
            assert view.app.clipboard == ""
