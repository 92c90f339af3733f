"""The sandbox's per-issue development detail (`/rest/dev-status/latest/issue/detail`): the
repositories with entities carrying the issue's key, each with its commits carrying it; Jira's
credentials required; an unknown issue id is 404; a repository whose entities go stops showing."""

from __future__ import annotations

import httpx
import pytest
from devinfo_support import BASE, Devinfo, commit, devinfo, repo
from sandbox_support import ALICE

__all__ = ["devinfo"]

DETAIL = "/rest/dev-status/latest/issue/detail"
pytestmark = pytest.mark.sandbox(issues=150, users=20)


def jira(env: Devinfo, auth: tuple[str, str] | None = ALICE) -> httpx.AsyncClient:
    """A client with Jira's own credentials on the same sandbox as `env`."""
    client = httpx.AsyncClient(transport=env.transport, base_url=BASE, auth=auth)
    env.made.append(client)
    return client


async def issue_id(client: httpx.AsyncClient, key: str) -> str:
    found: str = (await client.get(f"/rest/api/2/issue/{key}")).json()["id"]
    return found


async def test_the_repositories_carrying_a_key(devinfo: Devinfo) -> None:
    alice_client = jira(devinfo)
    ident = await issue_id(alice_client, "DASH-5")
    answer = await alice_client.get(DETAIL, params={"issueId": ident, "dataType": "repository"})
    assert answer.status_code == 200
    detail = answer.json()["detail"][0]
    assert [r["id"] for r in detail["repositories"]] == ["web-app", "web-app-experiments"]
    for found in detail["repositories"]:
        stored = devinfo.state.repositories[found["id"]].entities["commits"]
        carrying = [c for c in stored.values() if "DASH-5" in c.data["issueKeys"]]
        assert len(found["commits"]) == len(carrying)
    assert answer.json()["errors"] == []
    same = await alice_client.get(DETAIL.replace("latest", "1.0"), params={"issueId": ident})
    assert same.json()["detail"][0]["repositories"] == detail["repositories"]


async def test_a_stored_repository_shows_and_a_deleted_one_goes(devinfo: Devinfo) -> None:
    alice_client = jira(devinfo)
    ident = await issue_id(alice_client, "DASH-1")
    before = (await alice_client.get(DETAIL, params={"issueId": ident})).json()
    assert before["detail"][0]["repositories"] == []  # the seed has nothing for DASH-1
    assert (await devinfo.store(repo("late", commits=[commit("c1")]))).status_code == 202
    after = (await alice_client.get(DETAIL, params={"issueId": ident})).json()
    assert [r["id"] for r in after["detail"][0]["repositories"]] == ["late"]
    assert (await devinfo.client.delete("/rest/devinfo/0.10/repository/late")).status_code == 202
    gone = (await alice_client.get(DETAIL, params={"issueId": ident})).json()
    assert gone["detail"][0]["repositories"] == []


async def test_refusals(devinfo: Devinfo) -> None:
    alice_client, anon_client = jira(devinfo), jira(devinfo, None)
    ident = await issue_id(alice_client, "DASH-5")
    assert (await anon_client.get(DETAIL, params={"issueId": ident})).status_code == 401
    missing = await alice_client.get(DETAIL, params={"issueId": "99999999"})
    assert missing.status_code == 404
    assert missing.json()["errorMessages"] == ["Issue does not exist or you do not have permission to see it."]
    other = await alice_client.get(DETAIL, params={"issueId": ident, "dataType": "branch"})
    assert other.status_code == 400
