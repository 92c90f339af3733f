"""What each section of the issue view shows: description, comments, work log, links,
sub-tasks, attachments, watchers and votes, and the change history, as `Block`s.

`issue_blocks(issue, now)` lists every line-block of the body in order: section titles, the
line saying a section is empty, link-group labels, and the items `j` / `k` stop at (each with a
key that names it from the server's ids, and what acting on it needs: a comment, a linked
issue). `tui/widgets/issue_body.py` draws them. Rich text is rendered by `tui.render` by the
body's kind (ADF, wiki, HTML, text); every other server string goes through `safe_line` and is
never markup-parsed. Every block's content is a `Text` or a `Kept`, so it has a key saying what
it shows (`block_key`) and a block drawn before is a lookup.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from datetime import datetime
from typing import Literal, NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

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
from tui.widgets.issue_header import format_when, person

__all__ = [
    "SECTIONS",
    "Block",
    "block_key",
    "human_size",
    "issue_blocks",
    "ref_line",
    "render_body",
    "widget_id",
]

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


def _worklog_table(worklogs: Iterable[Worklog], now: datetime) -> Kept:
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


def _attachment_table(attachments: Iterable[Attachment], now: datetime) -> Kept:
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


def ref_line(ref: IssueRef) -> Text:
    """`KEY  [Status]  Summary` for a linked issue, parent or sub-task."""
    out = Text()
    out.append(safe_line(ref.key), style="bold")
    if ref.status:
        style = "strike dim" if ref.status.category == "done" else "dim"
        out.append(f"  [{safe_line(ref.status.name)}]", style=style)
    if ref.summary:
        out.append("  " + safe_line(ref.summary))
    return out


BlockKind = Literal["gap", "title", "empty", "group", "item"]


class Block(NamedTuple):
    """One block of the body. `gap`: a blank line; `title`: a section's title; `empty`: the
    line saying it has nothing; `group`: a link group's label; `item`: what `j` / `k` stop at,
    named by `key` (unique within an issue, from the server's ids), with `comment` or `ref`
    (and `link`) when the item is one."""

    kind: BlockKind
    content: Text | Kept
    key: str = ""
    comment: Comment | None = None
    ref: IssueRef | None = None
    link: IssueLink | None = None


def block_key(block: Block) -> Hashable:
    """What `block` shows, as a key (its kind and the key of its content)."""
    content = block.content
    shown = content.key if isinstance(content, Kept) else text_key(content)
    return (block.kind, shown)


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


def _comment(comment: Comment, now: datetime) -> Block:
    heading = _comment_heading(comment, now)
    body_key, body = _body(comment.body)
    # Kept by what it shows (tui/render/kept.py): a Group is rendered again on every call.
    content = Kept(("comment", text_key(heading), body_key), lambda: Group(heading, body))
    return Block("item", content, f"comment-{comment.id}", comment=comment)


def _ref(ref: IssueRef, key: str, link: IssueLink | None = None) -> Block:
    return Block("item", ref_line(ref), key, ref=ref, link=link)


def _links(issue: Issue) -> list[Block]:
    blocks = []
    if issue.parent:
        blocks.append(Block("group", Text("parent")))
        blocks.append(_ref(issue.parent, widget_id("parent", issue.parent.key)))
    for phrase, links in _link_groups(issue.links).items():
        blocks.append(Block("group", Text(phrase)))
        blocks.extend(_ref(link.other, widget_id("link", link.id), link) for link in links)
    return blocks


def _description(issue: Issue) -> Block:
    key, body = _body(issue.description)
    if isinstance(body, Text):
        return Block("item", body, "description")
    return Block("item", Kept(("description", key), lambda: body), "description")


def _section(name: str, issue: Issue, now: datetime) -> list[Block]:
    if name == "description":
        return [_description(issue)]
    if name == "comments":
        blocks: list[Block] = []
        for comment in issue.comments:
            if blocks:
                blocks.append(Block("gap", Text()))
            blocks.append(_comment(comment, now))
        return blocks
    if name == "worklogs":
        return [Block("item", _worklog_table(issue.worklogs, now), "worklogs")]
    if name == "links":
        return _links(issue)
    if name == "subtasks":
        return [_ref(ref, widget_id("subtask", ref.key)) for ref in issue.subtasks]
    if name == "attachments":
        return [Block("item", _attachment_table(issue.attachments, now), "attachments")]
    if name == "people":
        return [Block("item", _people(issue), "people")]
    return [Block("item", _history(issue.changelog, now), "history")]


def _count(name: str, issue: Issue) -> int | None:
    return {
        "comments": len(issue.comments),
        "worklogs": len(issue.worklogs),
        "links": len(issue.links) + (1 if issue.parent else 0),
        "subtasks": len(issue.subtasks),
        "attachments": len(issue.attachments),
        "history": sum(len(e.items) for e in issue.changelog),
    }.get(name)


def issue_blocks(issue: Issue | None, now: datetime) -> list[Block]:
    """Every block of the body, in order; for no issue (one on its way), the titles alone."""
    blocks: list[Block] = []
    for name, title in SECTIONS:
        blocks.append(Block("gap", Text()))
        if issue is None:
            blocks.append(Block("title", Text(title)))
            continue
        count = _count(name, issue)
        blocks.append(Block("title", Text(title if count is None else f"{title} ({count})")))
        if count == 0:
            blocks.append(Block("empty", Text(f"No {title.lower()}.")))
        else:
            blocks.extend(_section(name, issue, now))
    return blocks
