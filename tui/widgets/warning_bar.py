"""A one-line warning docked at the top of a screen: something about the connection is unsafe
(TLS verification turned off by the profile). The app adds it to every screen that shows."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

__all__ = ["WarningBar", "show_warning_bar"]


class WarningBar(Static):
    DEFAULT_CSS = """
    WarningBar {
        dock: top;
        height: 1;
        width: 100%;
        background: $warning;
        color: $background;
        text-style: bold;
    }
    """


def show_warning_bar(screen: Screen[Any], message: str) -> None:
    """Mount the bar on `screen` once (modal dialogs keep the screen below's bar in view)."""
    if isinstance(screen, ModalScreen) or screen.query(WarningBar):
        return
    screen.mount(WarningBar(Text(f"⚠ {message}"), markup=False))
