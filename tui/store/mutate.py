"""Running mutations: one worker, in the order they were dispatched, never cancelled by the
caller; each through the api, then exactly its `invalidates()` keys dropped and announced.

- Watch and vote are optimistic: the cached issue changes at once (announced), and goes back
  (announced again) if the server refuses.
- Comment and worklog text is a draft on disk from before the request until the server
  confirms. When the answer is lost (`AmbiguousFailure`) the store looks at the issue's latest
  comments or worklogs to see whether it arrived, before anyone sends it twice.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec

from tui.api import jira_writes as jw
from tui.api.call import Call
from tui.models import Body, FieldSpec, Issue
from tui.store.drafts import Draft, DraftKind
from tui.store.errors import AmbiguousFailure, StoreError
from tui.store.mutations import (
    AddComment,
    AddWorklog,
    AssignIssue,
    CreateIssue,
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

if TYPE_CHECKING:
    from tui.store.store import Store

log = logging.getLogger(__name__)
_RECENT = 10  # how many of the latest comments / worklogs reconciling looks at


def plain(body: Any) -> str:
    """Comparable text of a body as sent or as stored: ADF or wiki, whitespace folded."""
    if isinstance(body, Body):
        body = body.adf if body.kind == "adf" else body.text
    if isinstance(body, dict):
        from tui.render.adf_plain import adf_to_plain

        body = adf_to_plain(body)
    return " ".join(str(body or "").split())


def _draft_of(m: Mutation) -> tuple[DraftKind, str, dict[str, str]] | None:
    if isinstance(m, AddComment):
        return "comment", m.body, {}
    if isinstance(m, EditComment):
        return "comment-edit", m.body, {"comment_id": m.comment_id}
    if isinstance(m, AddWorklog):
        return "worklog", m.comment, {"seconds": str(m.time_spent_seconds), "started": m.started.isoformat()}
    return None


class Mutator:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._queue: asyncio.Queue[tuple[Mutation, asyncio.Future[object]]] | None = None
        self._worker: asyncio.Task[None] | None = None

    async def dispatch(self, m: Mutation) -> object:
        if self._queue is None:
            self._queue = asyncio.Queue()
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        future.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._queue.put_nowait((m, future))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.ensure_future(self._work(self._queue))
        return await asyncio.shield(future)

    async def drain(self) -> None:
        if self._queue is not None:
            await self._queue.join()
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
            self._worker = None

    async def _work(self, queue: asyncio.Queue[tuple[Mutation, asyncio.Future[object]]]) -> None:
        while True:
            m, future = await queue.get()
            try:
                result = await self._run(m)
            except asyncio.CancelledError:
                future.cancel()
                raise
            except BaseException as exc:
                if not future.done():
                    future.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise  # the process is going down (KeyboardInterrupt, SystemExit, ...)
            else:
                if not future.done():
                    future.set_result(result)
            finally:
                queue.task_done()

    # --- one mutation -------------------------------------------------------------------------

    async def _run(self, m: Mutation) -> object:
        store = self._store
        draft = self._begin_draft(m)
        undo = self._apply_optimistic(m)
        try:
            result = await self._execute(m)
        except AmbiguousFailure as exc:
            if draft is None or draft.kind == "comment-edit":
                self._rollback(m, undo)
                raise
            arrived = await self._arrived_or_none(draft)
            if not arrived:
                # unknown (the check failed too) stays "sending": the editor checks again before
                # it offers to resend, so a comment that did arrive is never sent twice
                store.drafts.mark(draft.id, "failed" if arrived is False else "sending", exc.message)
                self._rollback(m, undo)
                if arrived is None:
                    raise
                raise AmbiguousFailure(
                    "The answer was lost, and the issue does not show it: it did not arrive. "
                    "Your text is kept as a draft; send it again.",
                    status=exc.status,
                ) from None
            result = None
        except StoreError as exc:
            if draft is not None:
                store.drafts.mark(draft.id, "failed", exc.message)
            self._rollback(m, undo)
            raise
        if draft is not None:
            store.drafts.discard(draft.id)
        keys = m.invalidates()
        store.cache.invalidate(keys)
        store.announce(keys)
        return result

    def _begin_draft(self, m: Mutation) -> Draft | None:
        """Write the text to disk before it is sent; it stays until the server confirms."""
        spec = _draft_of(m)
        if spec is None:
            return None
        kind, text, extra = spec
        key = getattr(m, "key", "")
        draft_id = getattr(m, "draft_id", "") or None
        earlier = self._store.drafts.get(draft_id) if draft_id else None
        if earlier is not None:  # keep what the editor stored beside the text (e.g. "1h 30m" as typed)
            extra = {**earlier.extra, **extra}
        return self._store.drafts.save(key, kind, text, draft_id=draft_id, extra=extra, state="sending")

    def _apply_optimistic(self, m: Mutation) -> Issue | None:
        """Show a watch or vote at once; returns the issue as it was, to restore on failure."""
        if not isinstance(m, SetWatching | SetVote):
            return None
        cached = self._store.cached_issue(m.key)
        if cached is None:
            return None
        if isinstance(m, SetWatching):
            if cached.is_watching == m.watching:
                return None
            delta = 1 if m.watching else -1
            new = msgspec.structs.replace(
                cached, is_watching=m.watching, watch_count=max(0, cached.watch_count + delta)
            )
        else:
            if cached.has_voted == m.voted:
                return None
            delta = 1 if m.voted else -1
            new = msgspec.structs.replace(cached, has_voted=m.voted, vote_count=max(0, cached.vote_count + delta))
        self._store.cache.replace_value(f"issue:{m.key.upper()}", new)
        self._store.announce(frozenset({f"issue:{m.key.upper()}"}))
        return cached

    def _rollback(self, m: Mutation, before: Issue | None) -> None:
        if before is None or not isinstance(m, SetWatching | SetVote):
            return
        self._store.cache.replace_value(f"issue:{m.key.upper()}", before)
        self._store.announce(frozenset({f"issue:{m.key.upper()}"}))

    def _specs(self, key: str, transition_id: str) -> dict[str, FieldSpec]:
        issue = self._store.cached_issue(key)
        for t in issue.transitions if issue else ():
            if t.id == transition_id:
                return {f.id: f for f in t.fields}
        return {}

    def _call(self, m: Mutation) -> Call[Any]:
        api = self._store.api
        if isinstance(m, TransitionIssue):
            return jw.transition(api, m.key, m.transition_id, m.fields, self._specs(m.key, m.transition_id), m.comment)
        if isinstance(m, AssignIssue):
            return jw.assign(api, m.key, m.account_id)
        if isinstance(m, AddComment):
            return jw.add_comment(api, m.key, m.body)
        if isinstance(m, EditComment):
            return jw.edit_comment(api, m.key, m.comment_id, m.body)
        if isinstance(m, DeleteComment):
            return jw.delete_comment(api, m.key, m.comment_id)
        if isinstance(m, AddWorklog):
            return jw.add_worklog(api, m.key, m.time_spent_seconds, m.started, m.comment)
        if isinstance(m, SetWatching):
            me = self._store.me
            if me is None:
                raise StoreError("Not connected yet: who is watching is not known.")
            return jw.watch(api, m.key, me.account_id, m.watching)
        if isinstance(m, SetVote):
            return jw.vote(api, m.key, m.voted)
        if isinstance(m, LinkIssues):
            outward, inward = (m.key, m.other_key) if m.outward else (m.other_key, m.key)
            return jw.link(api, m.link_type, outward, inward)
        if isinstance(m, DeleteLink):
            return jw.delete_link(api, m.link_id)
        if isinstance(m, EditIssueFields):
            return jw.edit_fields(
                api, m.key, summary=m.summary, priority_id=m.priority_id, labels=m.labels, add_labels=m.add_labels
            )
        if isinstance(m, CreateIssue):
            return jw.create_issue(
                api, project_key=m.project_key, issuetype_id=m.issuetype_id, summary=m.summary,
                description=m.description, parent_key=m.parent_key,
            )
        raise StoreError(f"The store does not know how to run {type(m).__name__}.")

    async def _execute(self, m: Mutation) -> object:
        skills_mutations = sys.modules.get("tui.store.mutations_skills")  # none exist unless imported
        if skills_mutations is not None and isinstance(m, skills_mutations.SkillsMutation):
            # Another host with its own token: the Skills service sends these, never the Jira client.
            skills = self._store.skills
            if skills is None:
                raise StoreError(
                    "Skills for Jira is not configured for this profile: run `jiradash config skills`."
                )
            return await skills.run(m)
        fetched = await self._store.http.run(self._call(m))
        return fetched.value

    # --- reconciling a lost answer ------------------------------------------------------------

    async def _arrived_or_none(self, draft: Draft) -> bool | None:
        try:
            return await self.arrived(draft)
        except StoreError as exc:
            log.info("could not check whether %s arrived: %s", draft.kind, exc.message)
            return None

    async def arrived(self, draft: Draft) -> bool:
        store = self._store
        issue = await store.issue(draft.key, refresh=True)
        me = store.me.account_id if store.me else None
        if draft.kind == "worklog":
            seconds = int(draft.extra.get("seconds", "0"))
            started = datetime.fromisoformat(draft.extra["started"]) if "started" in draft.extra else None
            text = plain(jw.rich_text(store.api, draft.text)) if draft.text.strip() else ""
            for wl in issue.worklogs[-_RECENT:]:
                if me is not None and wl.author is not None and wl.author.account_id != me:
                    continue
                same_time = started is None or wl.started is None or wl.started == started
                if wl.time_spent_seconds == seconds and same_time and plain(wl.comment) == text:
                    return True
            return False
        sent = plain(jw.rich_text(store.api, draft.text))
        return any(
            plain(c.body) == sent
            for c in issue.comments[-_RECENT:]
            if me is None or c.author is None or c.author.account_id == me
        )

    async def reconcile(self, draft: Draft) -> bool:
        found = await self.arrived(draft)
        if found:
            self._store.drafts.discard(draft.id)
            keys = frozenset({f"issue:{draft.key}", "search"})
            self._store.cache.invalidate(keys)
            self._store.announce(keys)
        return found
