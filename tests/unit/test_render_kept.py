"""`Kept`: a Rich render replayed by key and width, the same segments as rendering it afresh."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.render.kept import Kept, text_key


def _table(cells: list[Text]) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(*cells)
    return grid


def _render(console: Console, renderable: object, width: int) -> list[object]:
    return list(console.render(renderable, console.options.update_width(width)))


def test_kept_renders_as_the_table_and_builds_once_per_width() -> None:
    console = Console(width=80, color_system="truecolor", force_terminal=True)
    cells = [Text("Assignee", style="dim"), Text("A long value " * 6, style="bold")]
    built: list[int] = []

    def build() -> Table:
        built.append(1)
        return _table(cells)

    key = ("test-kept", tuple(text_key(c) for c in cells))
    for width in (40, 40, 61, 40):
        assert _render(console, Kept(key, build), width) == _render(console, _table(cells), width)
    assert len(built) == 2  # 40 and 61: each width once


def test_text_key_tells_styles_apart() -> None:
    plain, bold = Text("same"), Text("same", style="bold")
    spans = Text("same")
    spans.stylize("dim", 0, 2)
    assert len({text_key(plain), text_key(bold), text_key(spans)}) == 3
