"""A focusable block of the issue view drawn as a widget of its own.

The body's items (description, comments, links, ...) are lines of one widget
(`tui/widgets/issue_body.py`); the Development section's rows are `IssueItem`s, so `j` / `k`
walk from the body's last item on to them (the screen does that).
"""

from __future__ import annotations

from textual.widgets import Static

__all__ = ["IssueItem"]


class IssueItem(Static, can_focus=True):
    """A block of the issue view that can hold the focus (and so be scrolled to and acted on)."""

    DEFAULT_CSS = """
    IssueItem { height: auto; padding: 0 1; }
    IssueItem:focus { background: $boost; border-left: thick $accent; padding-left: 0; }
    """
