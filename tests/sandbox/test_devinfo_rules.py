"""Each documented rule of the devinfo store and delete operations, broken one at a time, is
answered as Jira answers it: the whole request refused (400/413), a repository failed, or one
entity failed with its reason while the rest of the request is accepted."""

from __future__ import annotations

from typing import Any

import pytest
from devinfo_support import ROOT, Devinfo, branch, commit, devinfo, pull_request, repo

__all__ = ["devinfo"]


def messages(answer: Any) -> str:
    return " ".join(m["message"] for m in answer.json()["errorMessages"])


# --- the whole request -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 400, "'repositories' array"),
        ({"repositories": []}, 400, "No repositories"),
        ({"repositories": [repo(f"r{i}") for i in range(101)]}, 400, "At most 100 repositories"),
        ({"repositories": [repo("same"), repo("same")]}, 400, "must not contain duplicates: same"),
        ({"repositories": [repo("bad id!")]}, 400, "needs an id"),
        ({"repositories": [repo()], "properties": {f"k{i}": "v" for i in range(6)}}, 400, "At most 5 properties"),
        ({"repositories": [repo()], "properties": {"_private": "v"}}, 400, "cannot start with '_'"),
        ({"repositories": [repo()], "properties": {"a:b": "v"}}, 400, "cannot contain ':'"),
        ({"repositories": [repo()], "properties": {"k" * 256: "v"}}, 400, "1-255 characters"),
        ({"repositories": [repo()], "properties": {"k": "v" * 256}}, 400, "1-255 characters"),
        ({"repositories": [repo()], "properties": {"k": 5}}, 400, "string values"),
        ({"repositories": [repo()], "operationType": "SOMETIMES"}, 400, "operationType"),
    ],
    ids=["no-array", "empty", "101-repositories", "duplicate-repositories", "bad-repository-id",
         "6-properties", "underscore-key", "colon-key", "long-key", "long-value", "non-string-value",
         "operation-type"],
)
async def test_request_level_refusals(devinfo: Devinfo, body: dict[str, Any], status: int, words: str) -> None:
    answer = await devinfo.client.post(f"{ROOT}/bulk", json=body)
    assert answer.status_code == status
    assert words in messages(answer)
    assert devinfo.state.pending == [] and "repo1" not in devinfo.state.repositories


async def test_1000_entities_pass_and_1001_is_too_large(devinfo: Devinfo) -> None:
    def split(total: int) -> list[dict[str, Any]]:
        repos, n = [], 0
        while n < total:
            take = min(400, total - n)
            repos.append(repo(f"r{n}", commits=[commit(f"c{i}") for i in range(take)]))
            n += take
        return repos

    ok = await devinfo.store(*split(1000))
    assert ok.status_code == 202
    assert sum(len(v["commits"]) for v in ok.json()["acceptedDevinfoEntities"].values()) == 1000
    large = await devinfo.store(*split(1001))
    assert large.status_code == 413
    assert "Submit fewer devinfo entities" in messages(large)


async def test_properties_at_the_limits_are_accepted(devinfo: Devinfo) -> None:
    props = {f"{'k' * 254}{i}": "v" * 255 for i in range(5)}
    answer = await devinfo.store(repo(commits=[commit()]), properties=props)
    assert answer.status_code == 202
    assert devinfo.state.repositories["repo1"].properties == props


# --- a repository --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "words"),
    [
        (repo(commits=[commit(f"c{i}") for i in range(401)]), "Maximum number of commits is 400"),
        (repo(branches=[branch(f"b{i}") for i in range(401)]), "Maximum number of branches is 400"),
        (repo(pullRequests=[pull_request(str(i)) for i in range(401)]), "Maximum number of pullRequests is 400"),
        (repo(commits=[commit("twice"), commit("twice")]), "duplicate entity IDs: twice"),
        (repo(name="n" * 256), "repository.name must be at most 255"),
        (repo(url="not a url"), "repository.url must be an absolute URL"),
        (repo(description="d" * 1025), "repository.description must be at most 1024"),
        ({"id": "repo1", "name": "x", "url": "https://git.example.com/x"}, "repository.updateSequenceId is required"),
    ],
    ids=["401-commits", "401-branches", "401-pull-requests", "duplicate-commit", "long-name", "bad-url",
         "long-description", "no-sequence-id"],
)
async def test_repository_level_failures(devinfo: Devinfo, broken: dict[str, Any], words: str) -> None:
    answer = await devinfo.store(broken, repo("fine", commits=[commit()]))
    assert answer.status_code == 202
    body = answer.json()
    assert words in " ".join(m["message"] for m in body["failedDevinfoEntities"]["repo1"]["errorMessages"])
    assert "repo1" not in body["acceptedDevinfoEntities"]
    assert body["acceptedDevinfoEntities"]["fine"] == {"commits": ["c1"]}
    assert "repo1" not in devinfo.state.repositories and "fine" in devinfo.state.repositories


async def test_400_of_each_kind_in_one_repository_is_allowed(devinfo: Devinfo) -> None:
    answer = await devinfo.store(repo(commits=[commit(f"c{i}") for i in range(400)],
                                      branches=[branch(f"b{i}") for i in range(400)],
                                      pullRequests=[pull_request(str(i)) for i in range(200)]))
    assert answer.status_code == 202
    assert devinfo.state.repositories["repo1"].count() == 1000


# --- one entity --------------------------------------------------------------------------------------

ENTITY_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("commits", commit(keys=[]), "between 1 and 500 issue keys"),
    ("commits", commit(keys=[f"DASH-{i}" for i in range(1, 502)]), "between 1 and 500 issue keys"),
    ("commits", commit(keys=["DASH-1", "1ABC-2"]), "not valid Jira issue keys: 1ABC-2"),
    ("commits", commit(keys=["D-1"]), "not valid Jira issue keys: D-1"),
    ("commits", commit(issueKeys="DASH-1"), "must be an array of issue keys"),
    ("commits", commit(files=[commit()["files"][0]] * 11), "at most 10 items (got 11)"),
    ("commits", commit(displayId="x" * 256), "displayId must be at most 255"),
    ("commits", commit(fileCount=-1), "fileCount must be at least 0"),
    ("commits", commit(flags=["SQUASH"]), "flags may only hold MERGE_COMMIT"),
    ("commits", commit(authorTimestamp="yesterday"), "authorTimestamp must be an ISO 8601"),
    ("commits", commit(updateSequenceId="7"), "updateSequenceId must be a 64-bit integer"),
    ("commits", commit(updateSequenceId=2**63), "updateSequenceId must be a 64-bit integer"),
    ("commits", commit(id="has space"), "may only contain letters, digits"),
    ("commits", commit(files=[{**commit()["files"][0], "changeType": "RENAMED"}]), "changeType must be one of"),
    ("commits", commit(files=[{**commit()["files"][0], "linesAdded": -3}]), "linesAdded must be at least 0"),
    ("commits", commit(author={"name": "n" * 256}), "author.name must be at most 255"),
    ("commits", {k: v for k, v in commit().items() if k != "url"}, "commit.url is required"),
    ("branches", branch(name="b" * 513), "branch.name must be at most 512"),
    ("branches", branch(lastCommit=commit(files="none")), "lastCommit.files must be an array"),
    ("branches", {k: v for k, v in branch().items() if k != "lastCommit"}, "branch.lastCommit is required"),
    ("pullRequests", pull_request(status="WIP"), "status must be one of OPEN, MERGED, DECLINED, UNKNOWN"),
    ("pullRequests", pull_request(title="t" * 1025), "title must be at most 1024"),
    ("pullRequests", pull_request(sourceBranch="s" * 256), "sourceBranch must be at most 255"),
    ("pullRequests", pull_request(reviewers=[{"name": "r", "approvalStatus": "MAYBE"}]), "approvalStatus must be one of"),
    ("pullRequests", pull_request(reviewers=[{"email": "e" * 255}]), "email must be at most 254"),
    ("pullRequests", pull_request(commentCount=1.5), "commentCount must be a 32-bit integer"),
]


@pytest.mark.parametrize(("kind", "entity", "words"), ENTITY_CASES,
                         ids=[f"{k}-{w.split()[0]}-{i}" for i, (k, _, w) in enumerate(ENTITY_CASES)])
async def test_entity_level_failures_leave_the_rest_accepted(
    devinfo: Devinfo, kind: str, entity: dict[str, Any], words: str
) -> None:
    good = {"commits": commit("good"), "branches": branch("good"), "pullRequests": pull_request("good")}[kind]
    answer = await devinfo.store(repo(**{kind: [entity, good]}))
    assert answer.status_code == 202
    body = answer.json()
    assert body["acceptedDevinfoEntities"]["repo1"] == {kind: ["good"]}
    (failure,) = body["failedDevinfoEntities"]["repo1"][kind]
    assert failure["id"] == (entity["id"] if isinstance(entity.get("id"), str) else "[0]")
    assert words in " ".join(m["message"] for m in failure["errorMessages"])
    assert list(devinfo.state.repositories["repo1"].entities[kind]) == ["good"]


async def test_500_keys_and_long_messages_are_fine(devinfo: Devinfo) -> None:
    keys = [f"DASH-{i}" for i in range(1, 501)]
    answer = await devinfo.store(repo(commits=[commit("c1", keys=keys, message="m" * 3000)]))
    assert answer.json()["acceptedDevinfoEntities"]["repo1"] == {"commits": ["c1"]}
    stored = devinfo.state.repositories["repo1"].entities["commits"]["c1"].data
    assert len(stored["message"]) == 1024  # "truncated down to 1024 characters"
    assert len(stored["issueKeys"]) == 500


async def test_unknown_issue_keys_are_listed_and_the_entity_kept(devinfo: Devinfo) -> None:
    answer = await devinfo.store(repo(commits=[commit("c1", keys=["DASH-1", "UTF-8", "NOPE-12"])],
                                      branches=[branch(lastCommit=commit("tip", keys=["ZZZ-1"]))]))
    body = answer.json()
    assert body["unknownIssueKeys"] == ["UTF-8", "NOPE-12", "ZZZ-1"]
    assert body["acceptedDevinfoEntities"]["repo1"] == {"commits": ["c1"], "branches": ["b1"]}
    assert body["failedDevinfoEntities"] == {}


# --- the query operations ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "DELETE"])
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", "At least one property"),
        ("_updateSequenceId=5", "At least one property"),
        ("a=1&_updateSequenceId=soon", "must be a number"),
        ("a=1&a=2", "more than once"),
    ],
    ids=["none", "only-sequence", "bad-sequence", "repeated-key"],
)
async def test_by_properties_queries_are_checked(devinfo: Devinfo, method: str, query: str, words: str) -> None:
    path = f"{ROOT}/existsByProperties" if method == "GET" else f"{ROOT}/bulkByProperties"
    answer = await devinfo.client.request(method, f"{path}?{query}")
    assert answer.status_code == 400
    assert words in messages(answer)


async def test_deletes_check_the_entity_type_and_the_bound(devinfo: Devinfo) -> None:
    wrong = await devinfo.client.delete(f"{ROOT}/repository/web-app/pullrequest/1")
    assert wrong.status_code == 400 and "Wrong entity type" in messages(wrong)
    bad = await devinfo.client.delete(f"{ROOT}/repository/web-app?_updateSequenceId=x")
    assert bad.status_code == 400 and "must be a number" in messages(bad)
    assert devinfo.state.pending == [] and "web-app" in devinfo.state.repositories
