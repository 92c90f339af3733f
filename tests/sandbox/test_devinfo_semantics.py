"""What the devinfo operations do to the stored data: `updateSequenceId` ordering (older never
replaces newer; an ignored update is still accepted), deletes bounded by `_updateSequenceId`,
properties, the most recent 400 entities, the asynchronous visibility delay on a fake clock,
the seeded repositories, and the state file."""

from __future__ import annotations

from pathlib import Path

import pytest
from devinfo_support import ROOT, Devinfo, branch, commit, devinfo, ids, pull_request, repo

from tui.sandbox.app import SandboxConfig, build_sandbox
from tui.sandbox.devinfo import state_of

__all__ = ["devinfo"]


async def test_a_newer_update_replaces_an_older_one_never_the_reverse(devinfo: Devinfo) -> None:
    await devinfo.store(repo(seq=5, description="v5", commits=[commit("c1", seq=5, message="DASH-1 five")]))
    older = await devinfo.store(repo(seq=3, description="v3", commits=[commit("c1", seq=3, message="DASH-1 three")]))
    same = await devinfo.store(repo(seq=5, description="v5b", commits=[commit("c1", seq=5, message="DASH-1 again")]))
    for answer in (older, same):  # out of order is not a failure
        assert answer.json()["acceptedDevinfoEntities"]["repo1"] == {"commits": ["c1"]}
        assert answer.json()["failedDevinfoEntities"] == {}
    body = (await devinfo.get("repo1")).json()
    assert body["description"] == "v5" and body["commits"][0]["message"] == "DASH-1 five"
    await devinfo.store(repo(seq=9, description="v9", commits=[commit("c1", seq=9, message="DASH-1 nine")]))
    body = (await devinfo.get("repo1")).json()
    assert (body["description"], body["updateSequenceId"]) == ("v9", 9)
    assert (body["commits"][0]["message"], body["commits"][0]["updateSequenceId"]) == ("DASH-1 nine", 9)


async def test_entities_order_independently_of_their_repository(devinfo: Devinfo) -> None:
    await devinfo.store(repo(seq=10, commits=[commit("c1", seq=1)]))
    await devinfo.store(repo(seq=2, commits=[commit("c1", seq=4, message="DASH-1 newer"), commit("c2", seq=1)]))
    body = (await devinfo.get("repo1")).json()
    assert body["updateSequenceId"] == 10
    assert {c["id"]: c["message"] for c in body["commits"]} == {"c1": "DASH-1 newer", "c2": "DASH-1 change c2"}


async def test_delete_repository_with_and_without_a_bound(devinfo: Devinfo) -> None:
    await devinfo.store(repo(seq=5, commits=[commit("old", seq=4), commit("new", seq=8)], branches=[branch(seq=6)]))
    answer = await devinfo.client.delete(f"{ROOT}/repository/repo1", params={"_updateSequenceId": 6})
    assert answer.status_code == 202
    body = (await devinfo.get("repo1")).json()  # the repository stays while newer data does
    assert ids(body, "commits") == ["new"] and body["branches"] == []
    await devinfo.client.delete(f"{ROOT}/repository/repo1", params={"_updateSequenceId": 8})
    assert (await devinfo.get("repo1")).status_code == 404
    await devinfo.store(repo("repo2", commits=[commit(seq=100)]))
    await devinfo.client.delete(f"{ROOT}/repository/repo2")
    assert (await devinfo.get("repo2")).status_code == 404
    assert (await devinfo.client.delete(f"{ROOT}/repository/never-there")).status_code == 202


async def test_delete_one_entity_of_each_type_bounded(devinfo: Devinfo) -> None:
    await devinfo.store(repo(commits=[commit("c1", seq=7)], branches=[branch("b1", seq=7)],
                             pullRequests=[pull_request("1", seq=7)]))
    for entity_type, entity_id in (("commit", "c1"), ("branch", "b1"), ("pull_request", "1")):
        await devinfo.client.delete(f"{ROOT}/repository/repo1/{entity_type}/{entity_id}",
                                    params={"_updateSequenceId": 6})
    body = (await devinfo.get("repo1")).json()
    assert (ids(body, "commits"), ids(body, "branches"), ids(body, "pullRequests")) == (["c1"], ["b1"], ["1"])
    for entity_type, entity_id in (("commit", "c1"), ("branch", "b1"), ("pull_request", "1")):
        await devinfo.client.delete(f"{ROOT}/repository/repo1/{entity_type}/{entity_id}",
                                    params={"_updateSequenceId": 7})
    body = (await devinfo.get("repo1")).json()
    assert body["commits"] == body["branches"] == body["pullRequests"] == []


async def test_properties_tag_repositories_for_exists_and_delete(devinfo: Devinfo) -> None:
    await devinfo.store(repo("a", seq=3, commits=[commit(seq=3)]), properties={"account": "1", "site": "x"})
    await devinfo.store(repo("b", seq=9, commits=[commit(seq=9)]), properties={"account": "1"})

    async def exists(**params: object) -> bool:
        answer = await devinfo.client.get(f"{ROOT}/existsByProperties", params=params)
        assert answer.status_code == 200
        return bool(answer.json()["hasDataMatchingProperties"])

    assert await exists(account="1", site="x")  # ALL properties (AND)
    assert not await exists(account="2")
    assert not await exists(account="1", site="y")
    assert await exists(account="1", _updateSequenceId=3)
    assert not await exists(account="1", _updateSequenceId=2)  # everything is newer
    await devinfo.client.delete(f"{ROOT}/bulkByProperties", params={"account": "1", "_updateSequenceId": 5})
    assert (await devinfo.get("a")).status_code == 404
    assert (await devinfo.get("b")).status_code == 200  # newer than the bound
    await devinfo.client.delete(f"{ROOT}/bulkByProperties", params={"account": "1"})
    assert (await devinfo.get("b")).status_code == 404
    assert not await exists(account="1")


async def test_get_answers_the_most_recent_400_entities(devinfo: Devinfo) -> None:
    for start in range(0, 450, 150):
        await devinfo.store(repo(commits=[commit(f"c{i:03d}") for i in range(start, start + 150)]))
    await devinfo.store(repo(branches=[branch("late")]))
    body = (await devinfo.get("repo1")).json()
    assert len(body["commits"]) + len(body["branches"]) == 400
    assert ids(body, "branches") == ["late"]
    assert ids(body, "commits")[0] == "c449" and "c049" not in ids(body, "commits")
    assert devinfo.state.repositories["repo1"].count() == 451


@pytest.mark.sandbox(devinfo_visibility_delay=30.0)
async def test_writes_become_visible_after_the_delay(devinfo: Devinfo) -> None:
    answer = await devinfo.store(repo(commits=[commit()]))
    assert answer.status_code == 202 and answer.json()["acceptedDevinfoEntities"]["repo1"] == {"commits": ["c1"]}
    assert (await devinfo.get("repo1")).status_code == 404  # stored is what is visible now
    devinfo.clock.now += 29.9
    assert (await devinfo.get("repo1")).status_code == 404
    devinfo.clock.now += 0.1
    assert (await devinfo.get("repo1")).status_code == 200
    await devinfo.client.delete(f"{ROOT}/repository/repo1")
    assert (await devinfo.get("repo1")).status_code == 200  # the delete is pending
    devinfo.clock.now += 30
    assert (await devinfo.get("repo1")).status_code == 404


@pytest.mark.sandbox(devinfo_visibility_delay=10.0)
async def test_pending_operations_apply_in_the_order_they_arrived(devinfo: Devinfo) -> None:
    await devinfo.store(repo(seq=1, commits=[commit("c1", seq=1)]))
    devinfo.clock.now += 5
    await devinfo.client.delete(f"{ROOT}/repository/repo1/commit/c1")
    await devinfo.store(repo(seq=1, commits=[commit("c2", seq=1)]))
    devinfo.clock.now += 5  # the first store is due, not yet the delete
    assert ids((await devinfo.get("repo1")).json(), "commits") == ["c1"]
    devinfo.clock.now += 5
    assert ids((await devinfo.get("repo1")).json(), "commits") == ["c2"]


async def test_the_seeded_repositories(devinfo: Devinfo) -> None:
    assert len(devinfo.state.repositories) == 6
    statuses, approvals, forks = set(), set(), []
    for repo_id in devinfo.state.repositories:
        body = (await devinfo.get(repo_id)).json()
        assert body["commits"] and body["branches"] and body["pullRequests"]
        for kind in ("commits", "branches", "pullRequests"):
            for item in body[kind]:
                assert all(key in devinfo.sandbox.world.issues for key in item["issueKeys"])
        statuses |= {p["status"] for p in body["pullRequests"]}
        approvals |= {r["approvalStatus"] for p in body["pullRequests"] for r in p["reviewers"]}
        forks += [body["forkOf"]] if "forkOf" in body else []
    assert statuses == {"OPEN", "MERGED", "DECLINED"}
    assert approvals == {"APPROVED", "UNAPPROVED"}
    assert forks == ["web-app"]
    assert devinfo.section["repositories"] == sorted(devinfo.state.repositories)


def test_the_seed_is_deterministic_and_the_state_file_keeps_devinfo(tmp_path: Path) -> None:
    first = state_of(build_sandbox(SandboxConfig(seed=7)))
    again = state_of(build_sandbox(SandboxConfig(seed=7)))
    assert {k: r.data for k, r in first.repositories.items()} == {k: r.data for k, r in again.repositories.items()}
    path = tmp_path / "state.bin"
    saved = build_sandbox(SandboxConfig(seed=7, state_file=str(path), state_flush_seconds=0))
    state_of(saved).repositories.pop("web-app")
    saved.mutated()
    saved.flush()
    loaded = state_of(build_sandbox(SandboxConfig(seed=7, state_file=str(path))))
    assert "web-app" not in loaded.repositories and len(loaded.repositories) == 5
