"""The issue view's header: key, summary, type, status, priority, people, dates, fields, time.

Owns how an issue's top-level fields read. Data goes down: set `IssueHeader.issue` (and give a
clock for relative times); the header never reads the store. Server text is sanitised and never
markup-parsed; the status badge is coloured by status category through component classes, and
its name is always written out, so it reads the same with NO_COLOR=1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.models import Issue, IssueRef, User
from tui.models.durations import format_age
from tui.render.kept import Kept, text_key
from tui.render.safe import safe_line
from tui.widgets.time_bar import TimeBar

__all__ = ["Clock", "IssueFields", "IssueHeader", "IssueTitle", "format_when", "person"]

Clock = Callable[[], datetime]
_WIDE = 100  # below this width, absolute dates leave out the time of day
_LABEL_WIDTH = 10


def person(user: User | None, none: str = "Unassigned") -> Text:
    """A user's display name as safe text, or a dim stand-in."""
    if user is None:
        return Text(none, style="dim italic")
    return Text(safe_line(user.display_name) or safe_line(user.account_id))


def format_when(when: datetime | None, now: datetime, *, short: bool = False) -> Text:
    """`3 days ago (2025-03-11 10:20)` in the clock's time zone; without the time when `short`."""
    if when is None:
        return Text("—", style="dim")
    local = when.astimezone(now.tzinfo) if now.tzinfo else when
    out = Text(format_age(when, now))
    out.append(f" ({local:%Y-%m-%d})" if short else f" ({local:%Y-%m-%d %H:%M})", style="dim")
    return out


def _names(values: Iterable[str]) -> Text:
    names = [safe_line(v) for v in values if v]
    return Text(", ".join(names)) if names else Text("—", style="dim")


def _ref(ref: IssueRef | None) -> Text:
    if ref is None:
        return Text("—", style="dim")
    out = Text()
    out.append(safe_line(ref.key), style="bold")
    if ref.summary:
        out.append(" " + safe_line(ref.summary))
    return out


def _due(due: date | None, today: date) -> Text:
    if due is None:
        return Text("—", style="dim")
    return Text(f"{due:%Y-%m-%d}", style="bold" if due < today else "")


def _grid(rows: list[tuple[str, Text]], label_style: Style) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(2):
        grid.add_column(no_wrap=True, min_width=_LABEL_WIDTH)
        grid.add_column(ratio=1, overflow="fold")
    for start in range(0, len(rows), 2):
        cells: list[RenderableType] = []
        for label, value in rows[start : start + 2]:
            cells.extend((Text(label, style=label_style), value))
        grid.add_row(*cells)
    return grid


class IssueTitle(Widget):
    """`KEY  Summary` then `Type · STATUS · Priority · Resolution`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "issue-title--key",
        "issue-title--status-new",
        "issue-title--status-indeterminate",
        "issue-title--status-done",
        "issue-title--status-undefined",
    }
    DEFAULT_CSS = """
    IssueTitle { height: auto; }
    IssueTitle > .issue-title--key { text-style: bold; color: $accent; }
    IssueTitle > .issue-title--status-new { text-style: bold; background: $primary-muted; color: $text; }
    IssueTitle > .issue-title--status-indeterminate { text-style: bold; background: $warning-muted; color: $text; }
    IssueTitle > .issue-title--status-done { text-style: bold; background: $success-muted; color: $text; }
    IssueTitle > .issue-title--status-undefined { text-style: bold reverse; }
    """

    issue: reactive[Issue | None] = reactive(None, layout=True)

    def render(self) -> RenderableType:
        issue = self.issue
        if issue is None:
            return Text("")
        title = Text()
        title.append(safe_line(issue.key), style=self.get_component_rich_style("issue-title--key"))
        title.append("  ")
        title.append(safe_line(issue.summary), style="bold")
        facts = Text()
        if issue.issuetype:
            facts.append(safe_line(issue.issuetype.name))
            facts.append(" · ")
        if issue.status:
            badge = self.get_component_rich_style(f"issue-title--status-{issue.status.category}")
            facts.append(f" {safe_line(issue.status.name).upper()} ", style=badge)
        if issue.priority:
            facts.append(" · ")
            facts.append(safe_line(issue.priority.name) + " priority")
        if issue.resolution:
            facts.append(" · ")
            facts.append(safe_line(issue.resolution.name), style="italic")
        out = Text()
        out.append_text(title)
        out.append("\n")
        out.append_text(facts)
        return out


class IssueFields(Widget):
    """People, dates, labels, components, versions, parent and due date, as a grid."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"issue-fields--label"}
    DEFAULT_CSS = """
    IssueFields { height: auto; }
    IssueFields > .issue-fields--label { color: $text-muted; }
    """

    issue: reactive[Issue | None] = reactive(None, layout=True)

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._width = 0  # of the content, from the last layout

    def rows(self, issue: Issue, *, short: bool = False) -> list[tuple[str, Text]]:
        """Label and value pairs, in reading order (two to a line); empty extras are left out."""
        now = self._clock()
        rows = [
            ("Assignee", person(issue.assignee)),
            ("Reporter", person(issue.reporter, none="—")),
            ("Created", format_when(issue.created, now, short=short)),
            ("Updated", format_when(issue.updated, now, short=short)),
            ("Labels", _names(issue.labels)),
            ("Components", _names(c.name for c in issue.components)),
            ("Versions", _names(v.name for v in issue.fix_versions)),
            ("Due", _due(issue.duedate, now.date())),
        ]
        if issue.parent is not None:
            parent_label = "Parent"
            if issue.parent.issuetype and issue.parent.issuetype.hierarchy_level > 0:
                parent_label = safe_line(issue.parent.issuetype.name) or "Epic"
            rows.append((parent_label, _ref(issue.parent)))
        if issue.resolved is not None:
            rows.append(("Resolved", format_when(issue.resolved, now, short=short)))
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The width comes from here: reading `self.size` inside a layout makes the compositor
        # arrange the whole screen again to find this widget's region.
        self._width = width
        return super().get_content_height(container, viewport, width)

    def render(self) -> RenderableType:
        issue = self.issue
        if issue is None:
            return Text("")
        label_style = self.get_component_rich_style("issue-fields--label")
        rows = self.rows(issue, short=(self._width or self.outer_size.width) < _WIDE)
        # Rich lays a Table out slowly; kept by what it shows (relative times, the theme's
        # label colour), a grid drawn before is a lookup (see tui/render/kept.py).
        key = ("issue-fields", str(label_style), tuple((label, text_key(v)) for label, v in rows))
        return Kept(key, lambda: _grid(rows, label_style))


class IssueHeader(Widget):
    """Title, fields and the time-tracking bar of one issue. Set `issue` to show it."""

    DEFAULT_CSS = """
    IssueHeader { height: auto; }
    IssueHeader > #issue-time-row { height: 1; }
    IssueHeader #issue-time-label { width: 11; color: $text-muted; }
    """

    issue: reactive[Issue | None] = reactive(None)

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock

    def compose(self) -> ComposeResult:
        yield IssueTitle(id="issue-title").data_bind(IssueHeader.issue)
        yield IssueFields(self._clock, id="issue-fields").data_bind(IssueHeader.issue)
        with Horizontal(id="issue-time-row"):
            yield Static("Time", id="issue-time-label")
            yield TimeBar(id="issue-time")

    def on_mount(self) -> None:
        self.watch_issue(self.issue)

    def watch_issue(self, issue: Issue | None) -> None:
        for bar in self.query(TimeBar):
            bar.tracking = issue.time_tracking if issue else None
