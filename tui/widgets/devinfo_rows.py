"""How development information reads on screen: table rows, an entity's details, the filter.

Pure functions over `tui.models.devinfo` records, shared by the repositories screen and the
issue's development panel. Every string from the server (names, messages, branches, authors,
URLs) becomes a Rich `Text` through `tui.render.safe`, so markup and escape sequences show
literally. Times are shown as the API carries them, in UTC (`2026-09-07 08:33`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.models.devinfo import Branch, Commit, EntityType, PullRequest, Repository
from tui.render.safe import safe_line, text

__all__ = [
    "KINDS",
    "Entity",
    "branch_detail",
    "branch_row",
    "commit_detail",
    "commit_row",
    "entity_label",
    "entity_type",
    "last_update",
    "matches",
    "pull_request_detail",
    "pull_request_row",
    "repository_head",
    "when",
]

Entity = Commit | Branch | PullRequest
KINDS: dict[EntityType, str] = {"commit": "Commits", "branch": "Branches", "pull_request": "Pull requests"}
CHANGE_MARKS = {"ADDED": "A", "MODIFIED": "M", "DELETED": "D", "MOVED": "R", "COPIED": "C", "UNKNOWN": "?"}


def when(stamp: str) -> str:
    """`2026-09-07T08:33:34+00:00` -> `2026-09-07 08:33` (the API's time, shortened)."""
    stamp = safe_line(stamp)
    return stamp[:16].replace("T", " ") if len(stamp) >= 16 else stamp


def last_update(repo: Repository) -> str:
    """The latest time among the repository's commits, branch tips and pull requests."""
    times = [c.author_timestamp for c in repo.commits]
    times += [b.last_commit.author_timestamp for b in repo.branches]
    times += [p.last_update for p in repo.pull_requests]
    return when(max(times)) if times else "—"


def entity_type(entity: Entity) -> EntityType:
    if isinstance(entity, Commit):
        return "commit"
    return "branch" if isinstance(entity, Branch) else "pull_request"


def entity_label(entity: Entity) -> str:
    """What a confirmation names: `commit 48b15e8 "Clean up settings page (DASH-12)"`."""
    if isinstance(entity, Commit):
        return f"commit {safe_line(entity.display_id)} \"{safe_line(entity.message)[:60]}\""
    if isinstance(entity, Branch):
        return f"branch {safe_line(entity.name)}"
    return f"pull request {safe_line(entity.display_id)} \"{safe_line(entity.title)[:60]}\""


def _author(entity: Entity) -> str:
    if isinstance(entity, Branch):
        return entity.last_commit.author.label
    return entity.author.label


def matches(entity: Entity, query: str) -> bool:
    """The filter: every word is a substring of an issue key, the author or the status."""
    words = query.casefold().split()
    if not words:
        return True
    status = entity.status if isinstance(entity, PullRequest) else ""
    haystack = " ".join((*entity.issue_keys, _author(entity), status)).casefold()
    return all(word in haystack for word in words)


def _keys(keys: Iterable[str]) -> Text:
    return text(", ".join(keys), "bold")


def commit_row(c: Commit) -> tuple[Text, ...]:
    mark = " merge" if c.is_merge else ""
    return (text(c.display_id, "cyan"), text(c.author.label), text(when(c.author_timestamp)),
            _keys(c.issue_keys), text(safe_line(c.message) + mark))


def branch_row(b: Branch) -> tuple[Text, ...]:
    return (text(b.name, "cyan"), _keys(b.issue_keys), text(b.last_commit.display_id),
            text(when(b.last_commit.author_timestamp)), text(safe_line(b.last_commit.message)))


def _approvals(p: PullRequest) -> str:
    return f"{sum(r.approved for r in p.reviewers)}/{len(p.reviewers)}"


def pull_request_row(p: PullRequest) -> tuple[Text, ...]:
    style = {"OPEN": "green", "MERGED": "magenta", "DECLINED": "red"}.get(p.status, "")
    return (text(p.display_id, "cyan"), text(p.status, style), text(p.author.label),
            text(f"{safe_line(p.source_branch)} → {safe_line(p.destination_branch or '—')}"),
            text(_approvals(p)), text(str(p.comment_count)), _keys(p.issue_keys), text(p.title))


COLUMNS: dict[EntityType, tuple[str, ...]] = {
    "commit": ("Commit", "Author", "Time (UTC)", "Issues", "Message"),
    "branch": ("Branch", "Issues", "Last commit", "Time (UTC)", "Message"),
    "pull_request": ("PR", "Status", "Author", "Source → destination", "Approved", "Comments",
                     "Issues", "Title"),
}


def _line(label: str, value: str, style: str = "") -> Text:
    out = Text(f"{label}: ", style="dim")
    out.append_text(text(value, style))
    return out


def commit_detail(c: Commit) -> Text:
    out = Text("\n").join([
        _line("Commit", c.id, "bold"),
        _line("Author", f"{c.author.label} <{c.author.email or ''}>" if c.author.email else c.author.label),
        _line("Time", when(c.author_timestamp)),
        _line("Issues", ", ".join(c.issue_keys)),
        _line("URL", c.url),
        _line("Files", f"{c.file_count} changed" + (" (merge commit)" if c.is_merge else "")),
    ])
    for f in c.files:
        row = Text(f"\n  {CHANGE_MARKS.get(f.change_type, '?')} ")
        row.append_text(text(f.path))
        row.append(f"  {f.change_type.lower()}  ", style="dim")
        row.append(f"+{f.lines_added}", style="green")
        row.append(" ")
        row.append(f"-{f.lines_removed}", style="red")
        out.append_text(row)
    out.append("\n")
    out.append_text(text(c.message, "italic"))
    return out


def branch_detail(b: Branch) -> Text:
    return Text("\n").join([
        _line("Branch", b.name, "bold"),
        _line("Issues", ", ".join(b.issue_keys)),
        _line("URL", b.url),
        _line("Create a pull request", b.create_pull_request_url or "—"),
        _line("Last commit", f"{b.last_commit.display_id} by {b.last_commit.author.label}, "
                             f"{when(b.last_commit.author_timestamp)}"),
        text(b.last_commit.message, "italic"),
    ])


def pull_request_detail(p: PullRequest) -> Text:
    lines = [
        _line(f"Pull request {safe_line(p.display_id)}", p.title, "bold"),
        _line("Status", p.status),
        _line("Author", p.author.label),
        _line("From", f"{safe_line(p.source_branch)} into {safe_line(p.destination_branch or '—')}"),
        _line("Comments", str(p.comment_count)),
        _line("Updated", when(p.last_update)),
        _line("Issues", ", ".join(p.issue_keys)),
        _line("URL", p.url),
    ]
    reviewers = Text("Reviewers: ", style="dim")
    reviewers.append(f"{_approvals(p)} approved" if p.reviewers else "none")
    for r in p.reviewers:
        reviewers.append("  ✓ " if r.approved else "  · ", style="green" if r.approved else "dim")
        reviewers.append_text(text(r.name or r.email or ""))
        reviewers.append(f" ({(r.approval_status or 'UNAPPROVED').lower()})", style="dim")
    lines.append(reviewers)
    return Text("\n").join(lines)


def repository_head(repo: Repository) -> Text:
    title = text(repo.name, "bold")
    title.append(f"  ({safe_line(repo.id)})", style="dim")
    lines = [title]
    if repo.description:
        lines.append(text(repo.description))
    if repo.fork_of:
        lines.append(_line("Fork of", repo.fork_of))
    lines.append(_line("URL", repo.url))
    if repo.avatar_description:
        lines.append(_line("Avatar", repo.avatar_description))
    lines.append(_line("Last update", f"{last_update(repo)} UTC · {len(repo.commits)} commits, "
                                      f"{len(repo.branches)} branches, {len(repo.pull_requests)} pull requests"))
    return Text("\n").join(lines)
