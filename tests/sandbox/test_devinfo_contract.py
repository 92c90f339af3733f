"""Every devinfo answer of the sandbox validates against Atlassian's devinfo OpenAPI subset
(`tests/contracts/jira-software-devinfo.subset.json`), requests included: success and error,
for all six operations. The issue-key pattern sits on the array upstream, so the keys of every
answer are also checked item by item here."""

from __future__ import annotations

import json
import re
from pathlib import Path

from contract_helpers import Contracts
from devinfo_support import ROOT, Devinfo, branch, commit, devinfo, pull_request, repo

__all__ = ["devinfo"]

DOCUMENT = json.loads((Path(__file__).parents[1] / "contracts" / "jira-software-devinfo.subset.json").read_text())
ITEM_KEY = re.compile(DOCUMENT["paths"][f"{ROOT}/bulk"]["post"]["requestBody"]["content"]["application/json"]
                      ["schema"]["properties"]["repositories"]["items"]["properties"]["commits"]["items"]
                      ["properties"]["issueKeys"]["pattern"])


def all_keys(body: dict[str, object]) -> list[str]:
    found: list[str] = []
    for kind in ("commits", "branches", "pullRequests"):
        for item in body.get(kind, []):  # type: ignore[attr-defined]
            found += item["issueKeys"]
            found += item.get("lastCommit", {}).get("issueKeys", [])
    return found


async def test_store_answers_a_store_devinfo_result(devinfo: Devinfo, contracts: Contracts) -> None:
    good = repo(commits=[commit()], branches=[branch()], pullRequests=[pull_request()])
    partly = repo("repo2", commits=[commit("ok"), commit("bad", keys=["not a key"])])
    answer = await devinfo.store(good, partly, properties={"accountId": "42"},
                                 providerMetadata={"product": "tests"}, preventTransitions=True)
    assert answer.status_code == 202
    contracts.check(answer, request=True)
    body = answer.json()
    assert set(body) == {"acceptedDevinfoEntities", "failedDevinfoEntities", "unknownIssueKeys"}
    assert body["acceptedDevinfoEntities"]["repo2"] == {"commits": ["ok"]}
    assert body["failedDevinfoEntities"]["repo2"]["commits"][0]["id"] == "bad"


async def test_get_repository_and_its_404(devinfo: Devinfo, contracts: Contracts) -> None:
    for repo_id in sorted(devinfo.state.repositories):
        answer = await devinfo.get(repo_id)
        assert answer.status_code == 200
        contracts.check(answer, request=True)
        assert all(ITEM_KEY.match(k) for k in all_keys(answer.json()))
    missing = await devinfo.get("no-such-repo")
    assert missing.status_code == 404
    contracts.check(missing)


async def test_exists_and_its_400(devinfo: Devinfo, contracts: Contracts) -> None:
    yes = await devinfo.client.get(f"{ROOT}/existsByProperties", params={"source": "sandbox-seed"})
    assert yes.status_code == 200 and yes.json() == {"hasDataMatchingProperties": True}
    contracts.check(yes, request=True)
    bad = await devinfo.client.get(f"{ROOT}/existsByProperties")
    assert bad.status_code == 400
    contracts.check(bad)


async def test_the_three_deletes_answer_202(devinfo: Devinfo, contracts: Contracts) -> None:
    exchanges = [
        await devinfo.client.delete(f"{ROOT}/repository/web-app/commit/abc", params={"_updateSequenceId": 5}),
        await devinfo.client.delete(f"{ROOT}/repository/web-app", params={"_updateSequenceId": 5}),
        await devinfo.client.delete(f"{ROOT}/bulkByProperties", params={"source": "nothing"}),
    ]
    for answer in exchanges:
        assert answer.status_code == 202 and answer.content == b""
        contracts.check(answer, request=True)
    wrong = await devinfo.client.delete(f"{ROOT}/repository/web-app/tag/v1")
    assert wrong.status_code == 400
    contracts.check(wrong)


async def test_refusals_have_the_error_messages_shape(devinfo: Devinfo, contracts: Contracts) -> None:
    empty = await devinfo.store()
    assert empty.status_code == 400
    contracts.check(empty)
    many = [commit(f"c{i}") for i in range(400)]
    too_much = await devinfo.store(repo("a", commits=many), repo("b", commits=many), repo("c", commits=many[:201]))
    assert too_much.status_code == 413
    contracts.check(too_much)
    for answer in (empty, too_much):
        assert all(set(m) == {"message"} for m in answer.json()["errorMessages"])


async def test_unauthenticated_and_forbidden_are_documented_statuses(devinfo: Devinfo, contracts: Contracts) -> None:
    none = await devinfo.anon.get(f"{ROOT}/repository/web-app")
    assert none.status_code == 401
    contracts.check(none)
    clients = devinfo.state.clients.values()
    reader = next(c for c in clients if c.scopes == frozenset({"READ"}))
    read_only = devinfo.with_token(await devinfo.token(reader.client_id, reader.client_secret))
    refused = await read_only.post(f"{ROOT}/bulk", json={"repositories": [repo(commits=[commit()])]})
    assert refused.status_code == 403
    contracts.check(refused)
