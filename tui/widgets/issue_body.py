"""The issue view's body: description, comments, work log, links, sub-tasks, attachments,
watchers and votes, and the change history, one titled section each.

Data goes down: `await IssueBody.show(issue)`. The sections stay mounted from one issue to the
next and are updated in place (`tui/widgets/issue_sections.py`); `show_loading()` covers them
with a loading indicator when the issue is slow to come. Rich text is rendered by `tui.render` by the body's kind (ADF, wiki, HTML, text);
every other server string goes through `safe_line` and is never markup-parsed.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from tui.models import (
    Attachment,
    Body,
    ChangelogEntry,
    Comment,
    Issue,
    IssueLink,
    IssueRef,
    Worklog,
)
from tui.models.durations import format_duration
from tui.render.adf import adf_to_plain, adf_to_rich
from tui.render.html_text import html_to_rich
from tui.render.kept import Kept, text_key
from tui.render.safe import safe_line, text
from tui.render.wiki import wiki_to_rich
from tui.widgets.issue_header import Clock, format_when, person
from tui.widgets.issue_items import CommentItem, IssueItem, IssueRefItem
from tui.widgets.issue_sections import Part, Section

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


def _comment_heading(comment: Comment, now: datetime) -> Text:
    heading = Text()
    heading.append_text(person(comment.author, none="Anonymous"))
    heading.stylize("bold")
    heading.append("  ")
    heading.append_text(format_when(comment.created, now))
    if comment.updated and comment.created and comment.updated > comment.created:
        heading.append("  (edited)", style="dim italic")
    return heading


def _worklog_table(worklogs: Iterable[Worklog], now: datetime) -> RenderableType:
    rows = []
    for log in worklogs:
        note = safe_line(_plain(log.comment))
        started = format_when(log.started, now) if log.started else Text("—", style="dim")
        rows.append(
            (
                person(log.author, none="—"),
                Text(format_duration(log.time_spent_seconds)),
                started,
                Text(note, style="dim"),
            )
        )

    def table() -> Table:
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for row in rows:
            grid.add_row(*row)
        return grid

    # A Table is slow to lay out: kept by what it shows (tui/render/kept.py).
    return Kept(("worklogs", tuple(tuple(text_key(cell) for cell in row) for row in rows)), table)


def _plain(body: Body | None) -> str:
    if body is None:
        return ""
    if body.kind == "adf":
        return adf_to_plain(body.adf)
    return body.text


def _attachment_table(attachments: Iterable[Attachment], now: datetime) -> RenderableType:
    rows = [
        (
            Text(safe_line(item.filename), style="bold"),
            Text(human_size(item.size)),
            Text(safe_line(item.mime_type) or "—", style="dim"),
            person(item.author, none="—"),
        )
        for item in attachments
    ]

    def table() -> Table:
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1, overflow="fold")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        for row in rows:
            grid.add_row(*row)
        return grid

    return Kept(("attachments", tuple(tuple(text_key(c) for c in row) for row in rows)), table)


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


def _block(key: str, content: RenderableType, classes: str = "") -> Part:
    """One of the sections' single blocks, with a fixed id (`description`, `people`, ...)."""
    return Part(
        key, lambda: IssueItem(content, id=key, classes=classes), lambda item: item.update(content)
    )


_BODIES: OrderedDict[Hashable, RenderableType] = OrderedDict()
_BODIES_KEPT = 512


def _body(body: Body | None) -> tuple[Hashable, RenderableType]:
    """`render_body(body)` and a key naming what it shows; a body converted before (the same
    kind and source) is not converted again."""
    key = (
        None
        if body is None
        else (body.kind, body.text, None if body.adf is None else repr(body.adf))
    )
    found = _BODIES.get(key)
    if found is None:
        found = _BODIES[key] = render_body(body)
        if len(_BODIES) > _BODIES_KEPT:
            _BODIES.popitem(last=False)
    else:
        _BODIES.move_to_end(key)
    return key, found


def _comment(comment: Comment, now: datetime) -> Part:
    heading = _comment_heading(comment, now)
    body_key, body = _body(comment.body)
    # Kept by what it shows (tui/render/kept.py): Textual renders a Group twice per change.
    content = Kept(("comment", text_key(heading), body_key), lambda: Group(heading, body))
    return Part(
        f"comment-{comment.id}",
        lambda: CommentItem(comment, content),
        lambda item: item.show_comment(comment, content),
    )


def _ref(ref: IssueRef, id: str, link: IssueLink | None = None) -> Part:
    return Part(
        id,
        lambda: IssueRefItem(ref, link=link, id=id),
        lambda item: item.show_ref(ref, link=link),
    )


def _group(label: str, key: str) -> Part:
    # No DOM id: ids made from free text could collide once sanitised.
    return Part(key, lambda: Static(Text(label), classes="link-group"), lambda _: None)


def _links(issue: Issue) -> list[Part]:
    parts = []
    if issue.parent:
        parts.append(_group("parent", "parent"))
        parts.append(_ref(issue.parent, widget_id("parent", issue.parent.key)))
    for phrase, links in _link_groups(issue.links).items():
        parts.append(_group(phrase, f"group:{phrase}"))
        parts.extend(_ref(link.other, widget_id("link", link.id), link) for link in links)
    return parts


def _parts(name: str, issue: Issue, now: datetime) -> list[Part]:
    if name == "description":
        key, body = _body(issue.description)
        if isinstance(body, Text):  # a lone Text is cheap in Textual: drawn as it was
            return [_block("description", body, "description")]
        kept = Kept(("description", key), lambda: body)
        return [_block("description", kept, "description")]
    if name == "comments":
        return [_comment(comment, now) for comment in issue.comments]
    if name == "worklogs":
        return [_block("worklogs", _worklog_table(issue.worklogs, now))]
    if name == "links":
        return _links(issue)
    if name == "subtasks":
        return [_ref(ref, widget_id("subtask", ref.key)) for ref in issue.subtasks]
    if name == "attachments":
        return [_block("attachments", _attachment_table(issue.attachments, now))]
    if name == "people":
        return [_block("people", _people(issue))]
    return [_block("history", _history(issue.changelog, now))]


def _count(name: str, issue: Issue) -> int | None:
    return {
        "comments": len(issue.comments),
        "worklogs": len(issue.worklogs),
        "links": len(issue.links) + (1 if issue.parent else 0),
        "subtasks": len(issue.subtasks),
        "attachments": len(issue.attachments),
        "history": sum(len(e.items) for e in issue.changelog),
    }.get(name)


class IssueBody(Widget):
    """Every section of one issue. `await show(issue)` puts an issue on screen, updating the
    sections in place; `show(None)` leaves their titles only (the next issue is on its way)."""

    DEFAULT_CSS = """
    IssueBody { height: auto; }
    IssueBody .link-group { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self.issue: Issue | None = None
        self._sections = [Section(title, id=f"section-{name}") for name, title in SECTIONS]
        self._lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield from self._sections

    def show_loading(self) -> None:
        """A loading indicator in every section (when the issue is slow to come)."""
        for section in self._sections:
            section.loading = True

    async def show(self, issue: Issue | None) -> None:
        """Show `issue` (awaited: its blocks are mounted when this returns). Calls are taken in
        turn, and one begun is finished even when its caller is cancelled, so a section's
        widgets always match what it last showed."""
        self.issue = issue
        self.display = True
        await asyncio.shield(self._show(issue))

    async def _show(self, issue: Issue | None) -> None:
        async with self._lock:
            now = self._clock()
            for (name, title), section in zip(SECTIONS, self._sections, strict=True):
                section.loading = False
                if issue is None:
                    await section.show(title, [])
                    continue
                count = _count(name, issue)
                heading = title if count is None else f"{title} ({count})"
                if count == 0:
                    await section.show(heading, [], f"No {title.lower()}.")
                else:
                    await section.show(heading, _parts(name, issue, now))
