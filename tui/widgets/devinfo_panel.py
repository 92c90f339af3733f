"""The issue view's Development section: the branches, commits and pull requests carrying the
issue's key, from the repositories the profile knows.

One widget, mounted by one line in the issue view. It reads `devinfo_known.development(store,
key)` in a worker, so the issue shows first: the repositories the profile knows, and those Jira's
per-issue development detail names (the store adds those to the known list, so screen 4 shows
them too); each row is an `IssueItem` (`j`/`k` reach it) and
`enter` opens its repository's page on the tab of that kind. Without devinfo credentials the
section is left out. Server text passes `tui.render.safe`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from tui.bridge import store_of
from tui.models.devinfo import Branch, Commit, EntityType, PullRequest, Repository
from tui.modes import load_class
from tui.render.safe import safe_line, text
from tui.store.devinfo_known import development
from tui.store.errors import StoreError
from tui.widgets.devinfo_rows import when
from tui.widgets.issue_items import IssueItem

__all__ = ["DevelopmentItem", "DevelopmentPanel", "development_line"]

REPOSITORY_SCREEN = "tui.screens.devinfo_repo:RepositoryScreen"


def development_line(entity: Commit | Branch | PullRequest) -> Text:
    if isinstance(entity, Branch):
        out = Text("branch  ", style="dim")
        out.append_text(text(entity.name, "bold"))
        out.append(f"  last commit {safe_line(entity.last_commit.display_id)}", style="dim")
        return out
    if isinstance(entity, Commit):
        out = Text("commit  ", style="dim")
        out.append_text(text(entity.display_id, "bold"))
        out.append("  ")
        out.append_text(text(f"{entity.author.label}, {when(entity.author_timestamp)}", "dim"))
        out.append("  ")
        out.append_text(text(safe_line(entity.message)))
        return out
    out = Text("pull request  ", style="dim")
    out.append_text(text(f"{entity.display_id} {entity.status}", "bold"))
    out.append("  ")
    out.append_text(text(entity.title))
    approved = sum(r.approved for r in entity.reviewers)
    out.append(f"  {approved}/{len(entity.reviewers)} approved", style="dim")
    return out


class DevelopmentItem(IssueItem):
    """One branch, commit or pull request; `enter` opens its repository."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "open_repository", "Open repository")]

    def __init__(self, repository_id: str, kind: EntityType, line: Text) -> None:
        super().__init__(line, classes="development-item")
        self.repository_id = repository_id
        self.kind = kind

    def action_open_repository(self) -> None:
        screen = load_class(REPOSITORY_SCREEN)
        if screen is not None:
            self.app.push_screen(screen(self.repository_id, kind=self.kind))


class DevelopmentPanel(Widget):
    DEFAULT_CSS = """
    DevelopmentPanel { height: auto; margin-top: 1; }
    DevelopmentPanel > .section-title { text-style: bold; color: $text-primary; }
    DevelopmentPanel > .section-empty { color: $text-muted; padding: 0 1; }
    DevelopmentPanel .development-repository { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="section")
        self.key = key
        self.found: list[Repository] | None = None
        self.error = ""

    def compose(self) -> ComposeResult:
        count = "" if self.found is None else f" ({sum(r.entity_count for r in self.found)})"
        yield Static(f"Development{count}", classes="section-title")
        if self.error:
            yield Static(Text(self.error), classes="section-empty")
        elif self.found is None:
            yield Static("Reading development information…", classes="section-empty")
        elif not self.found:
            yield Static("No branches, commits or pull requests carry this key.", classes="section-empty")
        for repo in self.found or []:
            yield Static(text(f"{repo.name} ({repo.id})"), classes="development-repository")
            groups: tuple[tuple[EntityType, tuple[Commit | Branch | PullRequest, ...]], ...] = (
                ("branch", repo.branches), ("commit", repo.commits), ("pull_request", repo.pull_requests))
            for kind, items in groups:
                for entity in items:
                    yield DevelopmentItem(repo.id, kind, development_line(entity))

    def on_mount(self) -> None:
        store = store_of(self)
        if store.devinfo is None:
            self.display = False
            return
        self.load()

    @work(exclusive=True, group="development-panel")
    async def load(self, refresh: bool = False) -> None:
        store = store_of(self)
        if store.devinfo is None:
            return
        try:
            self.found = await development(store, self.key, refresh=refresh)
            self.error = ""
        except StoreError as error:
            self.error = f"Development information could not be read: {error.message}"
        await self.recompose()
