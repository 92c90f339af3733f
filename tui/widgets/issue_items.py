"""The focusable blocks of the issue view: description, comments, and rows naming other issues.

`j`/`k` walk between `IssueItem`s (the screen does that); an item's own bindings act on it:
`enter` on an `IssueRefItem` opens that issue (`D` removes a link), `E` / `D` on a
`CommentItem` edit or delete the comment. Items only post messages; the screen decides what happens.

`CommentItem.show_comment` and `IssueRefItem.show_ref` take what their constructors take (and
an `IssueItem` its `update`), so the issue view shows a new version of the same comment, link or
block in the widget already on screen instead of building another.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from tui.models import Comment, IssueLink, IssueRef
from tui.render.safe import safe_line

__all__ = ["CommentItem", "IssueItem", "IssueRefItem", "ref_line"]


class IssueItem(Static, can_focus=True):
    """A block of the issue view that can hold the focus (and so be scrolled to and acted on)."""

    DEFAULT_CSS = """
    IssueItem { height: auto; padding: 0 1; }
    IssueItem:focus { background: $boost; border-left: thick $accent; padding-left: 0; }
    """


class CommentItem(IssueItem):
    """One comment: author, time, body. `E` edits it and `D` deletes it (the server decides)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("E", "edit_comment", "Edit comment"),
        Binding("D,delete", "delete_comment", "Delete comment"),
    ]

    class EditRequested(Message):
        def __init__(self, comment: Comment) -> None:
            super().__init__()
            self.comment = comment

    class DeleteRequested(Message):
        def __init__(self, comment: Comment) -> None:
            super().__init__()
            self.comment = comment

    def __init__(self, comment: Comment, content: RenderableType) -> None:
        """`content`: its heading and body, as the issue body draws them."""
        super().__init__(content, id=f"comment-{comment.id}", classes="comment")
        self.comment = comment

    def show_comment(self, comment: Comment, content: RenderableType) -> None:
        self.comment = comment
        self.update(content)

    def action_edit_comment(self) -> None:
        self.post_message(self.EditRequested(self.comment))

    def action_delete_comment(self) -> None:
        self.post_message(self.DeleteRequested(self.comment))


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


class IssueRefItem(IssueItem):
    """Another issue (link, parent, sub-task); `enter` asks to open it, and on a link `D`
    asks to remove the link."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_issue", "Open issue"),
        Binding("D,delete", "remove_link", "Remove link"),
    ]

    class Open(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class RemoveRequested(Message):
        def __init__(self, link: IssueLink) -> None:
            super().__init__()
            self.link = link

    def __init__(
        self, ref: IssueRef, *, link: IssueLink | None = None, id: str | None = None
    ) -> None:
        super().__init__(ref_line(ref), id=id, classes="issue-ref")
        self.ref = ref
        self.link = link

    def show_ref(self, ref: IssueRef, *, link: IssueLink | None = None) -> None:
        if (link is None) != (self.link is None):
            self.refresh_bindings()  # `D` comes or goes
        self.ref = ref
        self.link = link
        self.update(ref_line(ref))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_link":
            return self.link is not None
        return True

    def action_open_issue(self) -> None:
        self.post_message(self.Open(self.ref.key))

    def action_remove_link(self) -> None:
        if self.link is not None:
            self.post_message(self.RemoveRequested(self.link))

    def on_click(self) -> None:
        self.post_message(self.Open(self.ref.key))
