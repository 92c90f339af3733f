"""The sandbox's per-issue development information (`/rest/dev-status/latest/issue/summary` and
`.../detail`): the summary counts commits, branches and pull requests carrying the issue's key by
application type (the repository URL's host: `stash` for the seed's, `github` for github.com);
the detail names, per application type, the repositories with entities carrying the key, each
with its commits carrying it (plus branches or pull requests for those data types); Jira's
credentials required; an unknown issue id is 404, another data type 400; a repository whose
entities go stops showing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from devinfo_support import BASE, Devinfo, branch, commit, devinfo, pull_request, repo
from sandbox_support import ALICE

__all__ = ["devinfo"]

DETAIL = "/rest/dev-status/latest/issue/detail"
SUMMARY = "/rest/dev-status/latest/issue/summary"
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
    other = await alice_client.get(DETAIL, params={"issueId": ident, "dataType": "build"})
    assert other.status_code == 400
    assert (await anon_client.get(SUMMARY, params={"issueId": ident})).status_code == 401
    assert (await alice_client.get(SUMMARY, params={"issueId": "99999999"})).status_code == 404


async def test_the_summary_counts_by_application_type(devinfo: Devinfo) -> None:
    alice_client = jira(devinfo)
    ident = await issue_id(alice_client, "DASH-5")
    seeded = (await alice_client.get(SUMMARY, params={"issueId": ident})).json()
    assert seeded["errors"] == [] and seeded["configErrors"] == []
    commits = sum(1 for r in devinfo.state.repositories.values() for c in r.entities["commits"].values()
                  if "DASH-5" in c.data["issueKeys"])
    assert seeded["summary"]["repository"]["overall"] == {"count": commits, "dataType": "repository"}
    assert set(seeded["summary"]["repository"]["byInstanceType"]) == {"stash"}  # the seed's own git host
    hosted = repo("hosted", url="https://github.com/example/hosted", commits=[commit("h1", keys=["DASH-5"])],
                  branches=[branch("hb", issueKeys=["DASH-5"])], pullRequests=[pull_request("7", issueKeys=["DASH-5"])])
    assert (await devinfo.store(hosted)).status_code == 202
    summary = (await alice_client.get(SUMMARY, params={"issueId": ident})).json()["summary"]
    assert summary["repository"]["byInstanceType"]["github"] == {"count": 1, "name": "GitHub"}
    assert summary["repository"]["byInstanceType"]["stash"]["count"] == commits
    assert summary["branch"]["byInstanceType"]["github"]["count"] == 1
    assert summary["pullrequest"]["byInstanceType"]["github"]["count"] == 1
    nothing = (await alice_client.get(SUMMARY, params={"issueId": await issue_id(alice_client, "DASH-1")})).json()
    assert all(part["byInstanceType"] == {} and part["overall"]["count"] == 0 for part in nothing["summary"].values())


async def test_the_detail_of_one_application_type(devinfo: Devinfo) -> None:
    alice_client = jira(devinfo)
    ident = await issue_id(alice_client, "DASH-5")
    hosted = repo("hosted", url="https://github.com/example/hosted", commits=[commit("h1", keys=["DASH-5"])],
                  branches=[branch("hb", issueKeys=["DASH-5"])], pullRequests=[pull_request("7", issueKeys=["DASH-5"])])
    assert (await devinfo.store(hosted)).status_code == 202

    async def detail(**params: str) -> list[dict[str, Any]]:
        answer = await alice_client.get(DETAIL, params={"issueId": ident, **params})
        assert answer.status_code == 200
        found: list[dict[str, Any]] = answer.json()["detail"]
        return found

    github = await detail(applicationType="github", dataType="repository")
    assert [e["_instance"]["type"] for e in github] == ["github"]
    assert [r["id"] for r in github[0]["repositories"]] == ["hosted"]
    stash = await detail(applicationType="stash", dataType="repository")
    assert [r["id"] for r in stash[0]["repositories"]] == ["web-app", "web-app-experiments"]
    assert await detail(applicationType="gitlab", dataType="repository") == []
    assert {e["_instance"]["type"] for e in await detail()} == {"github", "stash"}
    branches = (await detail(applicationType="github", dataType="branch"))[0]
    assert [b["name"] for b in branches["branches"]] == ["feature/DASH-1-hb"]
    pulls = (await detail(applicationType="github", dataType="pullrequest"))[0]
    found = pulls["pullRequests"][0]
    assert found["id"] == "#7" and found["repositoryId"] == "hosted" and found["status"] == "OPEN"
    assert found["reviewers"] == [{"name": "Rev One", "approved": True}]
