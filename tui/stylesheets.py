"""Where the Textual CSS lives: `styles/` in a checkout, `tui/styles/` in an installed wheel.

Screens name their sheet with `CSS_PATH = stylesheet("search.tcss")`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STYLES_DIR", "stylesheet"]


def _find_styles() -> Path:
    package = Path(__file__).resolve().parent
    installed = package / "styles"
    if installed.is_dir():
        return installed
    return package.parent / "styles"


STYLES_DIR = _find_styles()


def stylesheet(name: str) -> Path:
    return STYLES_DIR / name
