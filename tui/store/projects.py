"""`ProjectsService`: the store's side of projects — lists that stream page by page, the detail
reads, and (inherited from `projects_admin.ProjectWrites`) the mutations and the asynchronous
delete's task — on the Store's client, cache, counters and Changed notifications
(`ProjectsService.of(store)`: one per Store).

Cache keys (see `tui.store.mutations_projects`): `projects:list:<digest>` (one list: query,
type, category, order, status), `projects:all` (v2 / 2.0.alpha1's whole list, filtered here),
`projects:recent`, and `project:KEY` with `project:KEY/statuses`, `/hierarchy`,
`/notificationscheme`, `/components`, `/versions`, `/roles`. Invalidating `projects` or
`project:KEY` reaches all of theirs.

Lists stream as searches do: a fresh cached list answers at once with no request; otherwise a
cached copy (stale or invalidated) comes first, marked `from_cache`, and then the fresh pages: the
first after ONE request, the rest (Cloud's `/project/search`, 100 a page) `in_flight` at a time,
yielded in order. v2 and 2.0.alpha1 have no search: one `GET /project`, filtered and sorted here.
"""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any

import msgspec

from tui.api import projects_wire as pw
from tui.api.call import Call
from tui.api.projects import SEARCH_MAX
from tui.models import Component, Project, ProjectCategory, Version
from tui.models.issue import StatusCategoryKey
from tui.models.project_detail import (
    HierarchyLevel,
    IssueTypeStatuses,
    NotificationScheme,
    ProjectListing,
    ProjectPage,
    ProjectRole,
    StatusCount,
)
from tui.store.errors import Unsupported
from tui.store.projects_admin import ProjectWrites

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["ProjectsService", "open_counts_jql"]

_SERVICES: weakref.WeakKeyDictionary[Store, ProjectsService] = weakref.WeakKeyDictionary()
_CATEGORY_ORDER: dict[str, int] = {"new": 0, "indeterminate": 1, "undefined": 2, "done": 3}


def list_key(
    query: str, type_key: str | None, category_id: str | None, order_by: str, status: str
) -> str:
    raw = f"{query.strip().casefold()}\0{type_key}\0{category_id}\0{order_by}\0{status}"
    return "projects:list:" + hashlib.sha256(raw.encode()).hexdigest()[:24]


def open_counts_jql(key: str) -> str:
    return f"project = {key} AND statusCategory != Done"


def _matches(project: Project, folded: str, type_key: str | None, category_id: str | None) -> bool:
    return (
        (not folded or folded in project.key.casefold() or folded in project.name.casefold())
        and (type_key is None or project.type_key == type_key)
        and (
            category_id is None
            or (project.category is not None and project.category.id == category_id)
        )
    )


def _local_order(order_by: str) -> Callable[[Project], Any]:
    field = order_by.lstrip("+-")
    if field == "name":
        return lambda p: p.name.casefold()
    if field == "category":
        return lambda p: (p.category is None, p.category.name.casefold() if p.category else "")
    if field == "owner":
        return lambda p: p.lead.display_name.casefold() if p.lead else ""
    if field == "issueCount":
        return lambda p: p.issue_count or 0
    return lambda p: p.key


class ProjectsService(ProjectWrites):
    """Project reads (lists, recent, one project and its parts) and, inherited, the writes."""

    @classmethod
    def of(cls, store: Store) -> ProjectsService:
        """The Store's projects service (made on first use, shared by every screen)."""
        found = _SERVICES.get(store)
        if found is None:
            found = _SERVICES[store] = cls(store)
        return found

    # --- lists ---------------------------------------------------------------------------

    async def pages(
        self,
        query: str = "",
        *,
        type_key: str | None = None,
        category_id: str | None = None,
        order_by: str = "key",
        status: str = "live",
        refresh: bool = False,
    ) -> AsyncIterator[ProjectPage]:
        """The projects matching `query` (in key or name), page by page; see the module's note."""
        store, api = self.store, self.api
        if not api.cloud:
            if status == "deleted":
                raise Unsupported(
                    "This Jira has no project trash (Data Center deletes projects for good)."
                )
            everything = await store.read(
                "projects:all" if status == "live" else "projects:all/archived",
                lambda: api.all_projects(include_archived=status != "live"),
                list[Project],
                refresh=refresh,
            )
            folded = query.strip().casefold()
            chosen = [
                p
                for p in everything
                if _matches(p, folded, type_key, category_id) and (status == "live" or p.archived)
            ]
            chosen.sort(key=_local_order(order_by), reverse=order_by.startswith("-"))
            yield ProjectPage(projects=tuple(chosen), total=len(chosen))
            return
        key = list_key(query, type_key, category_id, order_by, status)
        cached = None if refresh else store.cache.get(key, ProjectListing)
        if cached is not None and cached.value.pages:
            store.stats.cache_hits += 1
            for page in cached.value.pages:
                yield msgspec.structs.replace(page, from_cache=True)
            if store.is_fresh(cached):
                return
            store.stats.revalidations += 1
        else:
            store.stats.cache_misses += 1

        def call(start: int, size: int = SEARCH_MAX) -> Call[ProjectPage]:
            return api.search(
                query,
                start,
                size,
                type_key=type_key,
                category_id=category_id,
                order_by=order_by,
                status=status,
            )

        size = max(1, min(SEARCH_MAX, store.settings.page_size))
        first = (await store.http.run(call(0, size))).value
        assert first is not None
        collected = [first]
        yield first
        async for page in self._rest(first, call):
            collected.append(page)
            yield page
        store.cache.put(key, ProjectListing(pages=tuple(collected)))

    async def _rest(
        self, first: ProjectPage, call: Callable[[int, int], Call[ProjectPage]]
    ) -> AsyncIterator[ProjectPage]:
        """The pages after the first, `in_flight` at a time, in order."""
        http = self.store.http
        if first.is_last:
            return
        step = len(first.projects)
        if first.total is None:  # no count: one page after another
            page = first
            while not page.is_last and page.projects:
                fetched = (await http.run(call(page.start_at + len(page.projects), step))).value
                assert fetched is not None
                page = fetched
                yield page
            return

        async def fetch(start: int) -> ProjectPage:
            fetched = (await http.run(call(start, step))).value
            assert fetched is not None
            return fetched

        starts: Iterator[int] = iter(range(first.start_at + step, first.total, step))
        pending: deque[asyncio.Task[ProjectPage]] = deque()

        def fill() -> None:
            while len(pending) < self.store.settings.in_flight:
                start = next(starts, None)
                if start is None:
                    return
                pending.append(asyncio.ensure_future(fetch(start)))

        fill()
        try:
            while pending:
                page = await pending.popleft()
                fill()
                yield page
        finally:
            for task in pending:
                task.cancel()

    async def all(
        self,
        query: str = "",
        *,
        type_key: str | None = None,
        category_id: str | None = None,
        order_by: str = "key",
        status: str = "live",
        refresh: bool = False,
    ) -> list[Project]:
        """Every matching project (the last copy: fresh pages replace a cached one)."""
        cached: list[Project] = []
        fresh: list[Project] = []
        pages = self.pages(
            query,
            type_key=type_key,
            category_id=category_id,
            order_by=order_by,
            status=status,
            refresh=refresh,
        )
        async for page in pages:
            (cached if page.from_cache else fresh).extend(page.projects)
        return fresh or cached

    async def recent(self, *, refresh: bool = False) -> list[Project]:
        """Up to 20 projects the user viewed lately, most recent first; [] where there is no such list."""
        try:
            api = self.api
            return await self.store.read(
                "projects:recent", api.recent, list[Project], refresh=refresh
            )
        except Unsupported:
            return []

    async def categories(self) -> list[ProjectCategory]:
        try:
            return await self.store.read(
                "project-categories", self.api.categories, list[ProjectCategory]
            )
        except Unsupported:
            return []

    async def key_taken(self, key: str) -> bool:
        """Whether a project (live, archived or in the trash) already has `key`."""
        api = self.api
        if api.cloud:
            found = await self.store.http.run(api.search(keys=key, status="live,archived,deleted"))
            return bool(found.value and found.value.projects)
        return any(
            p.key == key
            for p in await self.store.read("projects:all", api.all_projects, list[Project])
        )

    # --- one project ---------------------------------------------------------------------

    async def project(self, key: str, *, refresh: bool = False) -> Project:
        key = key.strip().upper()
        return await self.store.read(
            f"project:{key}", lambda: self.api.project(key), Project, refresh=refresh
        )

    async def statuses(self, key: str, *, refresh: bool = False) -> list[IssueTypeStatuses]:
        return await self.store.read(
            f"project:{key}/statuses",
            lambda: self.api.statuses(key),
            list[IssueTypeStatuses],
            refresh=refresh,
        )

    async def hierarchy(self, project: Project, *, refresh: bool = False) -> list[HierarchyLevel]:
        """Cloud's hierarchy resource; elsewhere the levels the project's issue types carry."""
        if not self.api.cloud:
            return pw.hierarchy_from_types(project.issue_types)
        return await self.store.read(
            f"project:{project.key}/hierarchy",
            lambda: self.api.hierarchy(project.id),
            list[HierarchyLevel],
            refresh=refresh,
        )

    async def notification_scheme(self, key: str, *, refresh: bool = False) -> NotificationScheme:
        return await self.store.read(
            f"project:{key}/notificationscheme",
            lambda: self.api.notification_scheme(key),
            NotificationScheme,
            refresh=refresh,
        )

    async def components(self, key: str) -> list[Component]:
        return await self.store.read(
            f"project:{key}/components", lambda: self.api.components(key), list[Component]
        )

    async def versions(self, key: str) -> list[Version]:
        return await self.store.read(
            f"project:{key}/versions", lambda: self.api.versions(key), list[Version]
        )

    async def roles(self, key: str) -> list[ProjectRole]:
        return await self.store.read(
            f"project:{key}/roles", lambda: self.api.roles(key), list[ProjectRole]
        )

    async def role(self, key: str, role_id: str, *, refresh: bool = False) -> ProjectRole:
        return await self.store.read(
            f"project:{key}/roles/{role_id}",
            lambda: self.api.role(key, role_id),
            ProjectRole,
            refresh=refresh,
        )

    async def role_members(self, key: str, *, refresh: bool = False) -> list[ProjectRole]:
        """Every role of the project with its actors: the list, then each role, side by side."""
        listed = await self.store.read(
            f"project:{key}/roles", lambda: self.api.roles(key), list[ProjectRole], refresh=refresh
        )
        return list(await asyncio.gather(*(self.role(key, r.id, refresh=refresh) for r in listed)))

    async def open_counts(self, key: str, *, refresh: bool = False) -> list[StatusCount]:
        """Open issues of the project per status, from ONE JQL search (its pages)."""
        cached: Counter[tuple[str, StatusCategoryKey]] = Counter()
        fresh: Counter[tuple[str, StatusCategoryKey]] = Counter()
        async for page in self.store.search(
            open_counts_jql(key), fields=("status",), refresh=refresh
        ):
            counts = cached if page.from_cache else fresh
            counts.update((i.status, i.status_category) for i in page.issues)
        counts = fresh or cached
        return sorted(
            (StatusCount(status=s, category=c, count=n) for (s, c), n in counts.items()),
            key=lambda sc: (_CATEGORY_ORDER.get(sc.category, 2), sc.status.casefold()),
        )
