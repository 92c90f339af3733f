"""The issue view's footer: a `FittedFooter`, rebuilt only when the keys it shows change.

`Footer` builds a widget per key again whenever its screen announces its bindings, which Textual
does on every focus change and every time the screen is shown again. The issue view is shown
again for every issue opened, with the same keys: building and styling some twenty keys each time
cost about as much as the issue itself.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from tui.widgets.fitted_footer import FittedFooter

__all__ = ["IssueFooter"]


class IssueFooter(FittedFooter):
    """A `Footer` that keeps its keys while what they would say is unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = (
                self.compact,
                self.show_command_palette,
                tuple(
                    (binding, enabled, tooltip)
                    for _, binding, enabled, tooltip in screen.active_bindings.values()
                ),
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
