"""The store's side of issue 6's additions, against the sandbox: role members in the three
shapes (`role_members`: the role list, then each role), a key change (`UpdateProject.new_key`:
the issues renumbered, the old key's, searches' and issues' caches announced stale) and a cleared
category (`categoryId: -1`)."""

from __future__ import annotations

import pytest
from store_support import StoreFactory

from tui.models.project_detail import RoleActor
from tui.sandbox.app import Sandbox
from tui.store.mutations_projects import CLEAR_CATEGORY, UpdateProject
from tui.store.projects import ProjectsService
from tui.store.store import Store


@pytest.mark.parametrize("api_version", ["3", "2", "2.0.alpha1"])
async def test_role_members_in_every_shape(
    make_store: StoreFactory, sandbox: Sandbox, api_version: str
) -> None:
    store = make_store(api_version=api_version)
    await store.connect()
    try:
        roles = await ProjectsService.of(store).role_members("DASH")
        lead = sandbox.world.users[sandbox.world.projects["DASH"].lead]
        by_name = {r.name: r for r in roles}
        assert list(by_name) == ["Administrators", "Developers", "Users"]
        admins = by_name["Administrators"]
        assert admins.id == "10002" and admins.actors is not None
        lead_id = lead.account_id if api_version == "3" else lead.name
        assert admins.actors == (
            RoleActor(kind="group", name="jira-administrators", id="jira-administrators"),
            RoleActor(kind="user", name=lead.display_name, id=lead_id),
        )
        assert by_name["Users"].actors == (
            RoleActor(kind="group", name="jira-users", id="jira-users"),
        )
    finally:
        await store.aclose()


async def test_a_key_change_renumbers_and_announces_the_old_and_new_keys(
    store: Store, sandbox: Sandbox
) -> None:
    service = ProjectsService.of(store)
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)
    before = sorted(k for k, i in sandbox.world.issues.items() if i.project_key == "MOB")
    await service.dispatch(UpdateProject(key="MOB", name="Mobile Apps", new_key="APP"))
    assert "MOB" not in sandbox.world.projects
    assert sorted(k for k, i in sandbox.world.issues.items() if i.project_key == "APP") == sorted(
        k.replace("MOB-", "APP-") for k in before
    )
    assert heard == [frozenset({"projects", "project:MOB", "project:APP", "search", "issue"})]
    assert (await service.project("APP")).name == "Mobile Apps"
    assert "APP" in [p.key for p in await service.all()]


async def test_an_unchanged_key_is_not_sent_and_a_cleared_category_is(
    store: Store, sandbox: Sandbox
) -> None:
    same = UpdateProject(key="MKT", new_key="MKT", category_id=CLEAR_CATEGORY)
    assert same.body() == {"categoryId": -1} and not same.rekeys
    assert same.invalidates() == frozenset({"projects", "project:MKT"})
    await ProjectsService.of(store).dispatch(same)
    assert sandbox.world.projects["MKT"].category_id is None
    assert (await ProjectsService.of(store).project("MKT")).category is None
