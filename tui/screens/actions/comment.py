"""`c`: write a comment in Markdown (sent as ADF on v3, wiki on v2); `E` on a comment edits it.

The text is a draft from the first keystroke: it is saved to the store's drafts (on disk)
as you type and when you press `escape`, and the editor offers it again next time — after a
cancel, a refused send, or a crash. `ctrl+s` sends; emptying the editor and pressing
`escape` throws the draft away.

Dismisses with `[AddComment]` or `[EditComment]` carrying the draft id (or None); the caller
dispatches, and the store removes the draft once the server confirms.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import Static, TextArea

from tui.models import Comment
from tui.render.adf import adf_to_plain
from tui.screens.actions.base import ActionModal, draft_note
from tui.store.drafts import Draft, DraftKind
from tui.store.errors import StoreError
from tui.store.mutations import AddComment, EditComment

__all__ = ["CommentModal", "comment_source"]

AUTOSAVE_SECONDS = 0.5


def comment_source(comment: Comment) -> str:
    """The text to edit for an existing comment: wiki / plain as sent, ADF as plain text."""
    if comment.body.kind == "adf":
        return adf_to_plain(comment.body.adf)
    return comment.body.text


class CommentModal(ActionModal[AddComment | EditComment]):
    """A Markdown editor for a new comment on `key`, or for `comment` when editing one.

    Dismisses with `[AddComment]` / `[EditComment]` (with `draft_id`) or None; never dispatches.
    """

    HINT = "ctrl+s send · escape close (the draft is kept)"

    def __init__(self, key: str, *, comment: Comment | None = None) -> None:
        super().__init__(f"{'Edit comment on' if comment else 'Comment on'} {key}", key)
        self.key = key
        self.comment = comment
        self._draft_id: str | None = None
        self._loaded = ""  # the text the editor opened with: unchanged, it is not re-saved
        self._autosave: Timer | None = None

    @property
    def kind(self) -> DraftKind:
        return "comment-edit" if self.comment else "comment"

    def compose_form(self) -> ComposeResult:
        yield Static("", id="comment-draft-note", classes="form-note")
        yield TextArea(id="comment-text", classes="comment-editor", soft_wrap=True, compact=True)

    def on_mount(self) -> None:
        editor = self.query_one("#comment-text", TextArea)
        draft = self._pending()
        note = self.query_one("#comment-draft-note", Static)
        if draft is not None:
            self._draft_id = draft.id
            self._loaded = draft.text
            note.update(draft_note(draft))
            if draft.state == "sending":
                self._reconcile(draft)
        else:
            self._loaded = comment_source(self.comment) if self.comment else ""
            note.display = False
        editor.load_text(self._loaded)
        editor.move_cursor(editor.document.end)
        editor.focus()

    @work(exclusive=True, group="comment-reconcile")
    async def _reconcile(self, draft: Draft) -> None:
        """A draft caught mid-send: if the server has it after all, do not offer it again."""
        try:
            arrived = await self.store.reconcile(draft)
        except StoreError:
            return
        if arrived and self.text == draft.text:
            self._draft_id = None
            self._loaded = ""
            self.query_one("#comment-text", TextArea).load_text("")
            self.query_one("#comment-draft-note", Static).update(
                Text("Your last comment had reached the server after all; its draft is gone.")
            )

    def _pending(self) -> Draft | None:
        draft = self.store.drafts.pending(self.key, self.kind)
        if draft is None:
            return None
        if self.comment is not None and draft.extra.get("comment_id") != self.comment.id:
            return None
        return draft

    @property
    def text(self) -> str:
        return self.query_one("#comment-text", TextArea).text

    @on(TextArea.Changed, "#comment-text")
    def _changed(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_SECONDS, self._save_draft)

    def _save_draft(self) -> str | None:
        """Write the text to the drafts (or drop an emptied draft); returns the draft id."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        text = self.text
        if text == self._loaded and (self._draft_id is not None or self.comment is not None):
            return self._draft_id
        if not text.strip():
            if self._draft_id is not None:
                self.store.drafts.discard(self._draft_id)
                self._draft_id = None
            return None
        extra = {"comment_id": self.comment.id} if self.comment else None
        draft = self.store.drafts.save(
            self.key, self.kind, text, draft_id=self._draft_id, extra=extra
        )
        self._draft_id = draft.id
        return draft.id

    def action_cancel(self) -> None:
        kept = self._save_draft()
        if kept:
            self.notify("Draft kept: press c to continue it.", timeout=3)
        self.dismiss(None)

    def submit(self) -> None:
        body = self.text.strip()
        if not body:
            self.show_error("The comment is empty.")
            return
        draft_id = self._save_draft() or ""
        if self.comment is not None:
            self.dismiss(
                [
                    EditComment(
                        key=self.key, comment_id=self.comment.id, body=body, draft_id=draft_id
                    )
                ]
            )
        else:
            self.dismiss([AddComment(key=self.key, body=body, draft_id=draft_id)])
