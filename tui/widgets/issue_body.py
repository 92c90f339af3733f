"""The issue view's body: description, comments, work log, links, sub-tasks, attachments,
watchers and votes, and the change history, one titled section each.

Data goes down: set `IssueBody.issue`; while it is None every section shows a loading
indicator. Rich text is rendered by `tui.render` by the body's kind (ADF, wiki, HTML, text);
every other server string goes through `safe_line` and is never markup-parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.models import Attachment, Body, ChangelogEntry, Comment, Issue, IssueLink, Worklog
from tui.models.durations import format_duration
from tui.render.adf import adf_to_plain, adf_to_rich
from tui.render.html_text import html_to_rich
from tui.render.safe import safe_line, text
from tui.render.wiki import wiki_to_rich
from tui.widgets.issue_header import Clock, format_when, person
from tui.widgets.issue_items import CommentItem, IssueItem, IssueRefItem

__all__ = ["IssueBody", "Section", "human_size", "render_body", "widget_id"]

SECTIONS = (
    ("description", "Description"),
    ("comments", "Comments"),
    ("worklogs", "Work log"),
    ("links", "Links"),
    ("subtasks", "Sub-tasks"),
    ("attachments", "Attachments"),
    ("people", "Watchers and votes"),
    ("history", "History"),
)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def widget_id(prefix: str, raw: str) -> str:
    """A valid Textual id for a server id or key (which may hold any character)."""
    return f"{prefix}-{_ID_UNSAFE.sub('_', raw)}"


def render_body(body: Body | None) -> RenderableType:
    """Rich text of a description, comment or worklog comment, whatever shape the server sent."""
    if body is None or body.is_empty:
        return Text("No text.", style="dim italic")
    if body.kind == "adf":
        return adf_to_rich(body.adf)
    if body.kind == "wiki":
        return wiki_to_rich(body.text)
    if body.kind == "html":
        return html_to_rich(body.text)
    return text(body.text)


def human_size(size: int) -> str:
    """`512 B`, `12.1 KB`, `3.4 MB` (binary multiples, as Jira shows them)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class Section(Vertical):
    """A titled part of the body; shows a loading indicator until its content arrives."""

    DEFAULT_CSS = """
    Section { height: auto; min-height: 2; margin-top: 1; }
    Section > .section-title { text-style: bold; color: $text-primary; }
    Section > .section-empty { color: $text-muted; padding: 0 1; }
    """


def _comment_heading(comment: Comment, now: datetime) -> Text:
    heading = Text()
    heading.append_text(person(comment.author, none="Anonymous"))
    heading.stylize("bold")
    heading.append("  ")
    heading.append_text(format_when(comment.created, now))
    if comment.updated and comment.created and comment.updated > comment.created:
        heading.append("  (edited)", style="dim italic")
    return heading


def _worklog_table(worklogs: Iterable[Worklog], now: datetime) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for log in worklogs:
        note = safe_line(_plain(log.comment))
        started = format_when(log.started, now) if log.started else Text("—", style="dim")
        table.add_row(
            person(log.author, none="—"),
            format_duration(log.time_spent_seconds),
            started,
            Text(note, style="dim"),
        )
    return table


def _plain(body: Body | None) -> str:
    if body is None:
        return ""
    if body.kind == "adf":
        return adf_to_plain(body.adf)
    return body.text


def _attachment_table(attachments: Iterable[Attachment], now: datetime) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True, justify="right")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    for item in attachments:
        table.add_row(
            Text(safe_line(item.filename), style="bold"),
            human_size(item.size),
            Text(safe_line(item.mime_type) or "—", style="dim"),
            person(item.author, none="—"),
        )
    return table


def _history(entries: Iterable[ChangelogEntry], now: datetime) -> Text:
    out = Text()
    for entry in sorted(entries, key=lambda e: e.created or now, reverse=True):
        for change in entry.items:
            if out:
                out.append("\n")
            out.append_text(format_when(entry.created, now))
            out.append("  ")
            out.append_text(person(entry.author, none="Jira"))
            out.append(f"  {safe_line(change.field)}: ", style="bold")
            out.append(safe_line(change.from_string or "—"), style="dim")
            out.append(" → ")
            out.append(safe_line(change.to_string or "—"))
    return out


def _people(issue: Issue) -> Text:
    out = Text(f"{issue.watch_count} watcher{'s' if issue.watch_count != 1 else ''}")
    out.append(
        " · you are watching (w to stop)"
        if issue.is_watching
        else " · you are not watching (w to watch)",
        style="dim",
    )
    out.append(f"\n{issue.vote_count} vote{'s' if issue.vote_count != 1 else ''}")
    out.append(
        " · you voted (v to withdraw)" if issue.has_voted else " · you have not voted (v to vote)",
        style="dim",
    )
    return out


def _link_groups(links: Iterable[IssueLink]) -> dict[str, list[IssueLink]]:
    groups: dict[str, list[IssueLink]] = {}
    for link in links:
        groups.setdefault(safe_line(link.phrase) or safe_line(link.type.name), []).append(link)
    return groups


class IssueBody(Widget):
    """Every section of one issue. `await show(issue)` puts a (new) issue on screen."""

    DEFAULT_CSS = """
    IssueBody { height: auto; }
    IssueBody .link-group { color: $text-muted; padding: 0 1; }
    """

    issue: reactive[Issue | None] = reactive(None)

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock

    async def show(self, issue: Issue) -> None:
        """Show `issue`, rebuilding the sections (awaited, so focus can be restored after)."""
        self.set_reactive(IssueBody.issue, issue)
        self.display = True
        await self.recompose()

    def compose(self) -> ComposeResult:
        issue = self.issue
        for name, title in SECTIONS:
            section = Section(id=f"section-{name}", classes="section")
            if issue is None:
                section.loading = True
                with section:
                    yield Static(title, classes="section-title")
                continue
            with section:
                yield from self._section(name, title, issue)

    def _section(self, name: str, title: str, issue: Issue) -> ComposeResult:
        now = self._clock()
        count = {
            "comments": len(issue.comments),
            "worklogs": len(issue.worklogs),
            "links": len(issue.links) + (1 if issue.parent else 0),
            "subtasks": len(issue.subtasks),
            "attachments": len(issue.attachments),
            "history": sum(len(e.items) for e in issue.changelog),
        }.get(name)
        yield Static(title if count is None else f"{title} ({count})", classes="section-title")
        if count == 0:
            yield Static(f"No {title.lower()}.", classes="section-empty")
            return
        if name == "description":
            yield IssueItem(render_body(issue.description), id="description", classes="description")
        elif name == "comments":
            for comment in issue.comments:
                yield CommentItem(
                    comment, _comment_heading(comment, now), render_body(comment.body)
                )
        elif name == "worklogs":
            yield IssueItem(_worklog_table(issue.worklogs, now), id="worklogs")
        elif name == "links":
            if issue.parent:
                yield Static("parent", classes="link-group")
                yield IssueRefItem(issue.parent, id=widget_id("parent", issue.parent.key))
            for phrase, links in _link_groups(issue.links).items():
                yield Static(Text(phrase), classes="link-group")
                for link in links:
                    yield IssueRefItem(link.other, link=link, id=widget_id("link", link.id))
        elif name == "subtasks":
            for ref in issue.subtasks:
                yield IssueRefItem(ref, id=widget_id("subtask", ref.key))
        elif name == "attachments":
            yield IssueItem(_attachment_table(issue.attachments, now), id="attachments")
        elif name == "people":
            yield IssueItem(_people(issue), id="people")
        elif name == "history":
            yield IssueItem(_history(issue.changelog, now), id="history")
