"""The footer shows whole keys only: at 80 columns the keys that would be cut are left out (the
command palette's stays on the right), and a wider terminal brings them back."""

from __future__ import annotations

from pathlib import Path

from search_harness import make_app, settle, until
from starlette.applications import Starlette
from textual.pilot import Pilot
from textual.widget import Widget

from tui.widgets.fitted_footer import FittedFooter


def _shown(pilot: Pilot[object]) -> list[Widget]:
    footer = pilot.app.screen.query_one(FittedFooter)
    return [key for key in footer.query("FooterKey") if key.display]


def _keys(pilot: Pilot[object]) -> set[str]:
    return {str(getattr(key, "key", "")) for key in _shown(pilot)}


def _whole(pilot: Pilot[object]) -> bool:
    """Every key shown ends before the command palette's key begins."""
    keys = _shown(pilot)
    palette = [key for key in keys if key.has_class("-command-palette")]
    edge = palette[0].region.x if palette else pilot.app.size.width
    return all(key.region.right <= edge for key in keys if key not in palette)


async def test_keys_that_do_not_fit_are_left_out_not_cut(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: _whole(pilot))
        narrow = _keys(pilot)
        footer = app.screen.query_one(FittedFooter)
        assert len(footer.query("FooterKey")) > len(narrow)  # some left out
        assert "ctrl+p" in narrow and "enter" in narrow
        await pilot.resize_terminal(160, 24)
        await settle(pilot)
        await until(pilot, lambda: len(_shown(pilot)) > len(narrow) and _whole(pilot))
        wide = _keys(pilot)
        assert narrow < wide
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await until(pilot, lambda: _keys(pilot) == narrow)
