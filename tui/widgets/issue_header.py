"""The issue view's header: key, summary, type, status, priority, people, dates, fields, time.

Owns how an issue's top-level fields read. Data goes down: set `IssueHeader.issue` (and give a
clock for relative times); the header never reads the store. Server text is sanitised and never
markup-parsed; the status badge is coloured by status category through component classes, and
its name is always written out, so it reads the same with NO_COLOR=1.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
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


def _text_key(text: Text) -> Hashable:
    """What `text` looks like, as a key: its characters and every style on them."""
    return (text.plain, str(text.style), tuple((s.start, s.end, str(s.style)) for s in text.spans))


class _Grid:
    """The fields' grid as Rich would render it, each width's render kept by what it shows.

    Rich lays out a `Table` slowly (measuring every cell, then wrapping each), and Textual
    renders a widget's content twice for a new issue (its height, then its lines). Kept by the
    labels and values (so relative times, the theme's label colour and the width are part of
    the key), a grid seen before is a lookup: the issue opened again, or another issue's view
    with the same values.
    """

    CACHED = 256
    _renders: ClassVar[OrderedDict[Hashable, list[Segment]]] = OrderedDict()

    def __init__(self, rows: list[tuple[str, Text]], label_style: Style) -> None:
        self._rows = rows
        self._label_style = label_style
        self._key = (str(label_style), tuple((label, _text_key(v)) for label, v in rows))

    def table(self) -> Table:
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in range(2):
            grid.add_column(no_wrap=True, min_width=_LABEL_WIDTH)
            grid.add_column(ratio=1, overflow="fold")
        for start in range(0, len(self._rows), 2):
            cells: list[RenderableType] = []
            for label, value in self._rows[start : start + 2]:
                cells.extend((Text(label, style=self._label_style), value))
            grid.add_row(*cells)
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (self._key, options.max_width, options.min_width, options.size, options.highlight)
        renders = _Grid._renders
        segments = renders.get(key)
        if segments is None:
            segments = list(console.render(self.table(), options))
            renders[key] = segments
            if len(renders) > self.CACHED:
                renders.popitem(last=False)
        else:
            renders.move_to_end(key)
        yield from segments


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
        return _Grid(rows, label_style)


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
