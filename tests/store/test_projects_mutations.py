"""Project mutations through `ProjectsService.dispatch` against the sandbox: create (and Jira's
refusals), update, archive, trash and restore, delete for good, the asynchronous delete followed
to its end, bob's refusals — each checked in the sandbox's world and in what was announced."""

from __future__ import annotations

import pytest
from store_support import BOB, BOB_TOKEN, StoreFactory

from tui.models.project_detail import TaskProgress
from tui.sandbox.app import Sandbox
from tui.sandbox.seed_catalog import account_id
from tui.store.errors import Forbidden, NotFound, StoreError, ValidationError
from tui.store.mutations_projects import (
    ArchiveProject,
    CreateProject,
    DeleteProject,
    RestoreProject,
    UpdateProject,
)
from tui.store.projects import ProjectsService
from tui.store.store import Store

SCRUM = "com.pyxis.greenhopper.jira:gh-simplified-agility-scrum"


def listen(store: Store) -> list[frozenset[str]]:
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)
    return heard


async def test_create_makes_the_project_and_the_lists_show_it(
    store: Store, sandbox: Sandbox
) -> None:
    service = ProjectsService.of(store)
    before = await service.all()
    heard = listen(store)
    alice = account_id("alice")
    created = await service.dispatch(
        CreateProject(
            key="NEWP",
            name="New Project",
            type_key="software",
            template_key=SCRUM,
            lead_account_id=alice,
            description="Fresh",
            category_id="10000",
        )
    )
    assert getattr(created, "key", None) == "NEWP"
    made = sandbox.world.projects["NEWP"]
    assert (made.name, made.lead, made.description, made.category_id, made.template_key) == (
        "New Project",
        alice,
        "Fresh",
        "10000",
        SCRUM,
    )
    assert heard == [frozenset({"projects", "project:NEWP"})]
    after = await service.all()
    assert [p.key for p in after] == sorted([p.key for p in before] + ["NEWP"])


async def test_create_refusals_carry_jiras_field_messages(store: Store) -> None:
    service = ProjectsService.of(store)
    with pytest.raises(ValidationError) as refused:
        await service.dispatch(
            CreateProject(
                key="DASH",
                name="Dashboard",
                type_key="software",
                template_key=SCRUM,
                lead_account_id=account_id("alice"),
            )
        )
    assert refused.value.errors == {
        "projectKey": "Project 'Dashboard' uses this project key.",
        "projectName": "A project with that name already exists.",
    }


async def test_bob_gets_the_servers_403_and_nothing_changes(
    make_store: StoreFactory, sandbox: Sandbox
) -> None:
    bob = make_store(user=BOB, token=BOB_TOKEN)
    await bob.connect()
    try:
        service = ProjectsService.of(bob)
        with pytest.raises(Forbidden) as refused:
            await service.dispatch(
                CreateProject(
                    key="BOBS",
                    name="Bob's",
                    type_key="business",
                    template_key="com.atlassian.jira-core-project-templates:jira-core-simplified-procurement",
                    lead_account_id=account_id("bob"),
                )
            )
        assert (
            refused.value.message
            == "You must have global administrator rights in order to create projects."
        )
        with pytest.raises(NotFound) as hidden:
            await service.dispatch(DeleteProject(key="MKT", mode="trash"))
        assert "do not have permission to delete it" in hidden.value.message
        assert "BOBS" not in sandbox.world.projects and not sandbox.world.projects["MKT"].deleted
    finally:
        await bob.aclose()


async def test_update_changes_name_lead_description_url_and_category(
    store: Store, sandbox: Sandbox
) -> None:
    service = ProjectsService.of(store)
    await service.project("MKT")
    heard = listen(store)
    bob = account_id("bob")
    await service.dispatch(
        UpdateProject(
            key="MKT",
            name="Marketing",
            new_name="Growth",
            lead_account_id=bob,
            description="All about growth",
            url="https://example.com/growth",
            category_id="10002",
        )
    )
    mkt = sandbox.world.projects["MKT"]
    assert (mkt.name, mkt.lead, mkt.description, mkt.url, mkt.category_id) == (
        "Growth",
        bob,
        "All about growth",
        "https://example.com/growth",
        "10002",
    )
    assert heard == [frozenset({"projects", "project:MKT"})]
    shown = await service.project("MKT")  # invalidated: read again
    assert shown.name == "Growth" and shown.url == "https://example.com/growth"


async def test_archive_then_restore(store: Store, sandbox: Sandbox) -> None:
    service = ProjectsService.of(store)
    heard = listen(store)
    key = "MKT"
    await service.dispatch(ArchiveProject(key=key))
    assert sandbox.world.projects[key].archived
    assert "search" in heard[-1]
    assert key in [p.key for p in await service.all(status="archived")]
    assert key not in [p.key for p in await service.all()]
    with pytest.raises(ValidationError) as refused:  # Jira will not delete an archived project
        await service.dispatch(DeleteProject(key=key, mode="permanent"))
    assert "restore it first" in refused.value.message
    await service.dispatch(RestoreProject(key=key))
    assert not sandbox.world.projects[key].archived
    assert key in [p.key for p in await service.all()]


async def test_trash_then_restore_and_delete_for_good(store: Store, sandbox: Sandbox) -> None:
    service = ProjectsService.of(store)
    await service.dispatch(DeleteProject(key="HELP", mode="trash"))
    assert sandbox.world.projects["HELP"].deleted
    assert [p.key for p in await service.all(status="deleted")] == ["HELP"]
    await service.dispatch(RestoreProject(key="HELP"))
    assert not sandbox.world.projects["HELP"].deleted
    await service.dispatch(DeleteProject(key="HELP", mode="permanent"))
    assert "HELP" not in sandbox.world.projects
    assert not [i for i in sandbox.world.issues.values() if i.project_key == "HELP"]


async def test_background_delete_follows_the_task_until_it_is_done(
    store: Store, sandbox: Sandbox
) -> None:
    service = ProjectsService.of(store)
    service.poll_interval = 0
    heard = listen(store)
    task = await service.dispatch(DeleteProject(key="MOB", mode="background"))
    assert isinstance(task, TaskProgress) and task.status == "ENQUEUED" and not task.done
    assert "MOB" in sandbox.world.projects  # nothing gone yet
    seen: list[tuple[str, int]] = []
    done = await service.follow("MOB", task, lambda t: seen.append((t.status, t.progress)))
    assert done.succeeded and done.progress == 100
    assert [p for _, p in seen] == sorted(p for _, p in seen) and seen[-1] == ("COMPLETE", 100)
    assert len(seen) <= 4
    assert "MOB" not in sandbox.world.projects
    assert heard[-1] == frozenset({"projects", "project:MOB", "search"})


async def test_a_second_background_delete_of_the_same_project_is_refused(store: Store) -> None:
    service = ProjectsService.of(store)
    await service.dispatch(DeleteProject(key="CORE", mode="background"))
    with pytest.raises(StoreError) as refused:
        await service.dispatch(DeleteProject(key="CORE", mode="background"))
    assert "already being deleted" in refused.value.message
