"""The write side of `ProjectsService`: the five project mutations, the asynchronous delete's
303 and its task, and what both share with the reads (the Store, the api client, invalidation).

`dispatch(m)` runs one mutation after the project mutations before it, then marks
`m.invalidates()` stale in the Store's cache and announces it (also when the answer was lost,
since the change may have applied). The background delete answers 303 with a task: the store
sends that request itself (the Store's client follows no redirects, and the task is all the
answer there is), and `follow` looks at the task every `poll_interval` until it is done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx
import msgspec

from tui.api.errors import error_for
from tui.api.projects import ProjectsApi
from tui.models.project_detail import TaskProgress
from tui.store.errors import AmbiguousFailure, NetworkError, ServerError, StoreError
from tui.store.mutations_projects import (
    ArchiveProject,
    CreateProject,
    DeleteProject,
    ProjectMutation,
    RestoreProject,
    UpdateProject,
)

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["ProjectWrites"]


class ProjectWrites:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.poll_interval = 1.0  # seconds between looks at an asynchronous delete's task
        # how `follow` waits between looks; tests step it by hand
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self._api: ProjectsApi | None = None
        self._lock = asyncio.Lock()

    @property
    def api(self) -> ProjectsApi:
        jira = self.store.api  # raises until the Store is connected
        if self._api is None or self._api.jira is not jira:
            self._api = ProjectsApi(jira)
        return self._api

    def invalidate(self, keys: frozenset[str]) -> None:
        self.store.cache.invalidate(keys)
        self.store.announce(keys)

    # --- mutations -----------------------------------------------------------------------

    async def run(self, m: ProjectMutation) -> object:
        """Send a project mutation; `dispatch` also invalidates and announces."""
        api, http = self.api, self.store.http
        lead_field = "leadAccountId" if api.cloud else "lead"
        if isinstance(m, CreateProject):
            body = m.body()
            if lead_field != "leadAccountId":
                body[lead_field] = body.pop("leadAccountId")
            return (await http.run(api.create(body))).value
        if isinstance(m, UpdateProject):
            return (await http.run(api.update(m.key, m.body(lead_field=lead_field)))).value
        if isinstance(m, ArchiveProject):
            return (await http.run(api.archive(m.key))).value
        if isinstance(m, RestoreProject):
            return (await http.run(api.restore(m.key))).value
        if isinstance(m, DeleteProject):
            if m.mode == "background":
                return await self._submit_delete(m.key)
            return (await http.run(api.delete(m.key, undo=m.mode == "trash"))).value
        raise StoreError(f"Not a project mutation: {type(m).__name__}")

    async def dispatch(self, m: ProjectMutation) -> object:
        """Run `m` after the project mutations before it; then mark `m.invalidates()` stale and
        announce it — also when the answer was lost, since the change may have applied."""
        async with self._lock:
            try:
                result = await self.run(m)
            except (AmbiguousFailure, ServerError):
                self.invalidate(m.invalidates())
                raise
            self.invalidate(m.invalidates())
            return result

    async def _submit_delete(self, key: str) -> TaskProgress:
        """`POST /project/{k}/delete`: Jira answers 303 with the task and its `Location`."""
        call = self.api.delete_async(key)
        client = self.store.http.client
        try:
            response = await client.send(client.build_request(call.method, call.path))
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise NetworkError(
                f"Could not reach Jira to delete {key}: {type(exc).__name__}."
            ) from None
        except httpx.TransportError as exc:
            raise AmbiguousFailure(
                f"The delete of {key} was sent but no answer came back ({type(exc).__name__}): "
                "it may have started. Check the project before sending it again."
            ) from None
        if response.status_code not in (200, 202, 303):
            raise error_for(response.status_code, response.headers, response.content)
        self.store.stats.bytes_received += len(response.content)
        try:
            task = self.api.decode_task(response.content)
        except (msgspec.DecodeError, msgspec.ValidationError):
            task = TaskProgress(id="")
        if not task.id:  # only a Location: .../rest/api/3/task/{id}
            location = response.headers.get("location", "")
            task = msgspec.structs.replace(
                task, id=httpx.URL(location).path.rstrip("/").rpartition("/")[2]
            )
        if not task.id:
            raise ServerError(f"Jira accepted the delete of {key} but named no task to follow.")
        return task

    async def task(self, task_id: str) -> TaskProgress:
        fetched = (await self.store.http.run(self.api.task(task_id))).value
        assert fetched is not None
        return fetched

    async def follow(
        self,
        key: str,
        task: TaskProgress,
        on_progress: Callable[[TaskProgress], None] | None = None,
    ) -> TaskProgress:
        """Look at the task every `poll_interval` until it is done; then the project's lists and
        details (and searches) are stale, and announced so."""
        try:
            while not task.done:
                await self.sleep(self.poll_interval)
                task = await self.task(task.id)
                if on_progress is not None:
                    on_progress(task)
        finally:
            self.invalidate(frozenset({"projects", f"project:{key}", "search"}))
        if not task.succeeded:
            raise StoreError(task.message or f"Deleting {key} ended {task.status.lower()}.")
        return task
