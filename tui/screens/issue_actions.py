"""The issue view's actions: transition, assign, comment, log work, link, edit, watch, vote,
open in the browser, copy; editing and deleting a comment, removing a link.

`IssueActions` is the base of `IssueScreen` (which owns showing the issue and moving around it;
its `BINDINGS` name these actions). Each action asks for what it needs in a modal and runs the
mutations it returns through the bridge in an app-level worker, so leaving the view never cancels
a change in flight. Failures show the server's message as plain text (never markup); a refused
comment or worklog re-opens its editor, which finds the draft.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.screen import Screen

from tui.bridge import bridge_of, store_of
from tui.models import Issue
from tui.render.safe import safe_line
from tui.screens.actions import (
    AssignModal,
    CommentModal,
    ConfirmModal,
    EditModal,
    LinkModal,
    TransitionModal,
    WorklogModal,
)
from tui.screens.actions.assign import assign_to_me
from tui.store.errors import StoreError
from tui.store.mutations import (
    AddComment,
    AddWorklog,
    AssignIssue,
    DeleteComment,
    DeleteLink,
    EditComment,
    EditIssueFields,
    LinkIssues,
    Mutation,
    SetVote,
    SetWatching,
    TransitionIssue,
)
from tui.widgets.issue_body import IssueBody

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["FAILED", "IssueActions"]

FAILED: dict[type[Mutation], str] = {
    TransitionIssue: "transition refused",
    AssignIssue: "not assigned",
    AddComment: "comment not sent (your text is kept)",
    EditComment: "comment not saved (your text is kept)",
    DeleteComment: "comment not deleted",
    AddWorklog: "work not logged (what you typed is kept)",
    SetWatching: "watching not changed",
    SetVote: "vote not changed",
    LinkIssues: "not linked",
    DeleteLink: "link not removed",
    EditIssueFields: "fields not saved",
}


class IssueActions(Screen[None]):
    """What can be done to the issue `key` (shown as `issue` once it has come)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.issue: Issue | None = None

    @property
    def store(self) -> Store:
        return store_of(self)

    def _ask(self, modal: Screen[Any]) -> None:
        """Push an action modal; dispatch the mutations it dismisses with."""
        self.app.push_screen(modal, self.dispatch)

    def dispatch(self, mutations: Sequence[Mutation] | None) -> None:
        """Run `mutations` in order, in an app worker (leaving this view never cancels them)."""
        if mutations:
            self.app.run_worker(self._run(list(mutations)), group="mutations")

    async def _run(self, mutations: list[Mutation]) -> None:
        bridge = bridge_of(self)
        for mutation in mutations:
            outcome = await bridge.dispatch(mutation)
            if outcome.error is not None:
                self._failed(mutation, outcome.error)
            elif not isinstance(mutation, SetWatching | SetVote):
                self.app.notify(mutation.describe(), timeout=3, markup=False)

    def _failed(self, mutation: Mutation, error: StoreError) -> None:
        """Show the server's message (as text, never markup); typed text goes back to its
        editor, which finds it in the drafts, when this view is on screen and still shows that
        issue (the view is reused for the next one)."""
        key = getattr(mutation, "key", self.key)
        title = f"{key}: {FAILED.get(type(mutation), 'not done')}"
        if isinstance(mutation, LinkIssues):
            title += f" to {mutation.other_key}"
        self.app.notify(
            safe_line(error.message), title=title, severity="error", timeout=8, markup=False
        )
        if not self.is_attached or self.app.screen is not self or key != self.key:
            return  # the draft waits in store.drafts for the next time
        if isinstance(mutation, AddComment | EditComment):
            comment = None
            if isinstance(mutation, EditComment) and self.issue is not None:
                comment = next(
                    (c for c in self.issue.comments if c.id == mutation.comment_id), None
                )
            self._ask(CommentModal(mutation.key, comment=comment))
        elif isinstance(mutation, AddWorklog) and mutation.key == self.key:
            self._ask(WorklogModal(mutation.key))

    def _needs_issue(self) -> Issue | None:
        if self.issue is None:
            self.notify("The issue is still loading.", timeout=2)
        return self.issue

    def action_transition(self) -> None:
        self._ask(TransitionModal(self.key))

    def action_assign(self) -> None:
        self._ask(AssignModal(self.key))

    def action_assign_to_me(self) -> None:
        mutations = assign_to_me(self.store, self.key)
        if not mutations:
            self.notify("Not signed in yet.", severity="warning")
        self.dispatch(mutations)

    def action_comment(self) -> None:
        self._ask(CommentModal(self.key))

    def action_log_work(self) -> None:
        self._ask(WorklogModal(self.key))

    def action_link(self) -> None:
        self._ask(LinkModal(self.key))

    def action_edit(self) -> None:
        issue = self._needs_issue()
        if issue is not None:
            self._ask(EditModal(issue))

    def action_watch(self) -> None:
        issue = self._needs_issue()
        if issue is not None:
            self.dispatch([SetWatching(key=self.key, watching=not issue.is_watching)])

    def action_vote(self) -> None:
        issue = self._needs_issue()
        if issue is not None:
            self.dispatch([SetVote(key=self.key, voted=not issue.has_voted)])

    @on(IssueBody.EditComment)
    def _edit_comment(self, message: IssueBody.EditComment) -> None:
        message.stop()
        self._ask(CommentModal(self.key, comment=message.comment))

    @on(IssueBody.DeleteComment)
    def _delete_comment(self, message: IssueBody.DeleteComment) -> None:
        message.stop()
        comment = message.comment
        author = safe_line(comment.author.display_name) if comment.author else "someone"

        def answered(yes: bool | None) -> None:
            if yes:
                self.dispatch([DeleteComment(key=self.key, comment_id=comment.id)])

        self.app.push_screen(
            ConfirmModal(f"Delete this comment by {author}?", yes="Delete"), answered
        )

    @on(IssueBody.RemoveLink)
    def _remove_link(self, message: IssueBody.RemoveLink) -> None:
        message.stop()
        link = message.link
        question = Text(f"Remove the link: {self.key} ")
        question.append(safe_line(link.phrase), style="bold")
        question.append(f" {safe_line(link.other.key)}?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.dispatch([DeleteLink(key=self.key, link_id=link.id, other_key=link.other.key)])

        self.app.push_screen(ConfirmModal(question, yes="Remove"), answered)

    def action_open_in_browser(self) -> None:
        url = self.store.browse_url(self.key)
        self.notify(f"Opening {self.key} in the browser", timeout=3, markup=False)
        self._open_url(url)

    @work(group="browser", thread=True)
    def _open_url(self, url: str) -> None:
        webbrowser.open(url)

    def action_copy(self) -> None:
        url = self.store.browse_url(self.key)
        self.app.copy_to_clipboard(f"{self.key} {url}")
        self.notify(f"Copied {self.key} {url}", timeout=3, markup=False)
