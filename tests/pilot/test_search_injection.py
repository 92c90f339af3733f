"""Server text is text: markup and escape sequences in a summary render literally, inert."""

from __future__ import annotations

from pathlib import Path

from search_harness import make_app, seen, settle
from starlette.applications import Starlette

from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import TASK
from tui.store.mutations import CreateIssue
from tui.widgets.results import ResultsTable

HOSTILE = "[red]x[/] [link=https://evil.invalid]click[/link] \x1b]0;pwned\x07\x1b[31mred\x1b[0m \x9b2J:bold:"


async def test_summary_with_markup_and_escapes_renders_literally(
    sandbox_app: Starlette, sandbox: Sandbox, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path, jql="project = DASH ORDER BY created DESC")
    await app.store.connect()
    await app.store.dispatch(CreateIssue(project_key="DASH", issuetype_id=TASK, summary=HOSTILE))
    created = max(sandbox.world.issues.values(), key=lambda issue: int(issue.id))
    assert created.summary == HOSTILE  # the sandbox holds it as sent
    async with app.run_test(size=(160, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ResultsTable)
        assert table.rows[0].key == created.key
        text = await seen(pilot)
        assert "[red]x[/] [link=https://evil.invalid]click[/link] red :bold:" in text
        assert "pwned" not in text and "\x1b" not in text and "\x9b" not in text
        row = table.render_line(1)  # the first result row, as painted
        summary_cells = [seg for seg in row if "[red]x[/]" in seg.text]
        assert summary_cells, "summary not painted"
        for segment in summary_cells:
            style = segment.style
            assert style is None or style.link is None
            assert style is None or style.color is None or style.color.name != "red"
