"""The store's project reads against the in-process sandbox, in the three API shapes: lists that
stream (the first page after one request, even with 2,000 projects), the cache, recent projects,
one project with its statuses, hierarchy, notification scheme, components, versions and roles,
and the open-issue counts per status from one search."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from store_support import BOB, BOB_TOKEN, StoreFactory

from tui.sandbox.app import Sandbox
from tui.store.errors import NotFound, Unsupported
from tui.store.projects import ProjectsService, open_counts_jql
from tui.store.store import Store

SEARCH = "/rest/api/3/project/search"


def searches(store: Store) -> int:
    return store.stats.requests_to("GET", SEARCH)


@pytest.mark.sandbox(projects=2000)
async def test_2000_projects_first_page_after_one_request_then_the_rest_stream(
    store: Store, sandbox: Sandbox
) -> None:
    service = ProjectsService.of(store)
    pages = service.pages()
    first = await anext(pages)
    assert searches(store) == 1
    assert first.total == 2000 and len(first.projects) == 100 and not first.from_cache
    assert first.projects[0].key == sorted(sandbox.world.projects)[0]
    assert first.projects[0].issue_count is not None  # expand=insight
    rest = [page async for page in pages]
    keys = [p.key for page in (first, *rest) for p in page.projects]
    assert keys == sorted(sandbox.world.projects)
    assert searches(store) == 20
    again = [page async for page in service.pages()]  # fresh in the cache: no request
    assert all(page.from_cache for page in again) and searches(store) == 20


async def test_query_filters_on_the_server_and_cached_copies_come_first(
    store: Store, alice_client: httpx.AsyncClient
) -> None:
    service = ProjectsService.of(store)
    found = await service.all("dash")
    assert [p.key for p in found] == ["DASH"]
    assert found[0].lead is not None and found[0].lead.display_name == "Alice Admin"
    assert found[0].category is not None and found[0].category.name == "Engineering"
    renamed = await alice_client.put("/rest/api/3/project/DASH", json={"name": "Dashboards"})
    assert renamed.status_code == 200
    store.cache.invalidate({"projects"})
    pages = [page async for page in service.pages("dash")]
    assert [page.from_cache for page in pages] == [True, False]
    assert pages[0].projects[0].name == "Dashboard" and pages[1].projects[0].name == "Dashboards"


async def test_recent_projects_are_the_viewed_ones_most_recent_first(
    store: Store, alice_client: httpx.AsyncClient
) -> None:
    service = ProjectsService.of(store)
    assert await service.recent() == []
    for key in ("MKT", "CORE"):
        assert (await alice_client.get(f"/rest/api/3/project/{key}")).status_code == 200
    recent = await service.recent(refresh=True)
    assert [p.key for p in recent] == ["CORE", "MKT"]


async def test_one_project_with_statuses_hierarchy_and_notification_scheme(
    store: Store, sandbox: Sandbox
) -> None:
    service = ProjectsService.of(store)
    dash = await service.project("dash")
    seeded = sandbox.world.projects["DASH"]
    assert dash.key == "DASH" and dash.description == seeded.description
    assert [c.name for c in dash.components] == [c.name for c in seeded.components]
    assert [(v.name, v.released, v.release_date) for v in dash.versions] == [
        (v.name, v.released, v.release_date) for v in seeded.versions
    ]
    statuses = await service.statuses("DASH")
    assert [s.issue_type.name for s in statuses] == ["Epic", "Story", "Task", "Bug", "Sub-task"]
    assert [s.name for s in statuses[0].statuses] == ["To Do", "In Progress", "In Review", "Done"]
    levels = await service.hierarchy(dash)
    assert [(lv.level, [t.name for t in lv.issue_types]) for lv in levels] == [
        (1, ["Epic"]),
        (0, ["Story", "Task", "Bug"]),
        (-1, ["Sub-task"]),
    ]
    scheme = await service.notification_scheme("DASH")
    assert scheme.name == "Default Notification Scheme"
    assert scheme.events[0].name == "Issue created"
    assert "CurrentAssignee" in scheme.events[0].recipients
    assert [r.name for r in await service.roles("DASH")] == [
        "Administrators",
        "Developers",
        "Users",
    ]
    assert [c.name for c in await service.components("DASH")] == [c.name for c in dash.components]
    assert [v.name for v in await service.versions("DASH")] == [v.name for v in dash.versions]


async def test_bob_may_not_read_a_notification_scheme_he_does_not_administer(
    make_store: StoreFactory,
) -> None:
    bob = make_store(user=BOB, token=BOB_TOKEN)
    await bob.connect()
    try:
        with pytest.raises(NotFound) as refused:
            await ProjectsService.of(bob).notification_scheme("CORE")
        assert "you are not an administrator" in refused.value.message
    finally:
        await bob.aclose()


async def test_open_counts_per_status_come_from_one_search(store: Store, sandbox: Sandbox) -> None:
    counts = await ProjectsService.of(store).open_counts("DASH")
    statuses = sandbox.world.statuses
    expected = Counter(
        statuses[i.status_id].name
        for i in sandbox.world.issues.values()
        if i.project_key == "DASH" and statuses[i.status_id].category != "done"
    )
    assert {c.status: c.count for c in counts} == dict(expected)
    assert [c.category for c in counts] == sorted(
        (c.category for c in counts), key=["new", "indeterminate"].index
    )
    assert store.stats.requests_to("POST", "/search/jql") >= 1
    assert open_counts_jql("DASH") == "project = DASH AND statusCategory != Done"


async def test_data_center_lists_everything_once_and_filters_here(
    make_store: StoreFactory,
) -> None:
    store = make_store(api_version="2")
    await store.connect()
    try:
        service = ProjectsService.of(store)
        assert [p.key for p in await service.all("PLAT")] == ["CORE"]
        assert [p.key for p in await service.all("help")] == ["HELP"]
        assert store.stats.requests_to("GET", "/rest/api/2/project") == 1
        dash = await service.project("DASH")
        levels = await service.hierarchy(dash)  # from the issue types: v2 has no resource
        assert [lv.level for lv in levels] == [1, 0, -1]
        with pytest.raises(Unsupported):
            service.api.delete_async("DASH")
        with pytest.raises(Unsupported):
            [page async for page in service.pages(status="deleted")]
    finally:
        await store.aclose()


async def test_the_legacy_shape_has_list_get_versions_components_and_roles(
    make_store: StoreFactory, sandbox: Sandbox
) -> None:
    store = make_store(api_version="2.0.alpha1")
    await store.connect()
    try:
        service = ProjectsService.of(store)
        listed = await service.all()
        assert [p.key for p in listed] == sorted(sandbox.world.projects)  # sorted by key here
        dash = await service.project("DASH")
        assert dash.lead is not None and dash.lead.display_name == "Alice Admin"
        assert len(dash.components) == len(sandbox.world.projects["DASH"].components)
        assert [v.name for v in await service.versions("DASH")] == [
            v.name for v in sandbox.world.projects["DASH"].versions
        ]
        assert [c.id for c in await service.components("DASH")] == [
            c.id for c in sandbox.world.projects["DASH"].components
        ]
        assert [r.name for r in await service.roles("DASH")] == [
            "Administrators",
            "Developers",
            "Users",
        ]
        assert await service.recent() == []
        with pytest.raises(Unsupported):
            await service.statuses("DASH")
    finally:
        await store.aclose()
