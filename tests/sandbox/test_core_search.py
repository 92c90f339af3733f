"""Search: `/search` (v2, latest, legacy) with startAt/total, Cloud's `/search/jql` with page
tokens on v3 and v2, 410 on the v3 `/search`, Jira's 400 for bad JQL, and stable pagination."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.routes_search import GONE

JQL = "project = DASH ORDER BY updated DESC"


def expected_keys(sandbox: Sandbox, project: str = "DASH") -> list[str]:
    issues = [i for i in sandbox.world.issues.values() if i.project_key == project]
    issues.sort(key=lambda i: (i.updated, -int(i.key.split("-")[1])), reverse=True)
    return [i.key for i in issues]


async def test_v2_search_pages_with_total(alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    response = await alice_client.get("/rest/api/2/search", params={"jql": JQL, "maxResults": 10, "fields": "summary,status"})
    body = response.json()
    assert response.status_code == 200
    assert (body["startAt"], body["maxResults"]) == (0, 10)
    assert body["total"] == len(expected_keys(sandbox))
    assert [i["key"] for i in body["issues"]] == expected_keys(sandbox)[:10]
    assert set(body["issues"][0]["fields"]) == {"summary", "status"}
    assert isinstance(body["issues"][0]["fields"]["status"]["name"], str)


async def test_post_search_takes_a_body(alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    response = await alice_client.post(
        "/rest/api/latest/search", json={"jql": JQL, "startAt": 5, "maxResults": 5, "fields": ["summary"]}
    )
    assert [i["key"] for i in response.json()["issues"]] == expected_keys(sandbox)[5:10]


async def test_max_results_is_capped_at_100(alice_client: httpx.AsyncClient) -> None:
    body = (await alice_client.get("/rest/api/2/search", params={"jql": "", "maxResults": 1000, "fields": "key"})).json()
    assert body["maxResults"] == 100
    assert len(body["issues"]) == 100
    assert body["total"] == 600


async def test_the_legacy_shape_searches_too(alice_client: httpx.AsyncClient) -> None:
    body = (await alice_client.get("/rest/api/2.0.alpha1/search", params={"jql": "project = MKT", "maxResults": 2})).json()
    assert body["total"] > 0
    assert body["issues"][0]["fields"]["summary"]["name"] == "summary"


async def test_v3_search_is_gone(alice_client: httpx.AsyncClient) -> None:
    for response in (
        await alice_client.get("/rest/api/3/search", params={"jql": JQL}),
        await alice_client.post("/rest/api/3/search", json={"jql": JQL}),
    ):
        assert response.status_code == 410
        assert response.json()["errorMessages"] == [GONE]
        assert "/search/jql" in GONE


@pytest.mark.parametrize("version", ["3", "2"])
async def test_enhanced_search_walks_tokens_to_the_end(alice_client: httpx.AsyncClient, sandbox: Sandbox, version: str) -> None:
    keys: list[str] = []
    token: str | None = None
    while True:
        params: dict[str, str | int] = {"jql": JQL, "maxResults": 40, "fields": "key"}
        if token:
            params["nextPageToken"] = token
        body = (await alice_client.get(f"/rest/api/{version}/search/jql", params=params)).json()
        assert "total" not in body
        keys += [i["key"] for i in body["issues"]]
        if body["isLast"]:
            assert "nextPageToken" not in body
            break
        token = body["nextPageToken"]
    assert keys == expected_keys(sandbox)


async def test_enhanced_search_defaults_to_ids_and_takes_post(alice_client: httpx.AsyncClient) -> None:
    body = (await alice_client.post("/rest/api/3/search/jql", json={"jql": "project = HELP", "maxResults": 3})).json()
    assert len(body["issues"]) == 3
    assert all(issue["id"] and not issue["fields"] for issue in body["issues"])


@pytest.mark.parametrize("jql", ["", "   ", "ORDER BY created DESC"])
async def test_enhanced_search_refuses_unbounded_queries(alice_client: httpx.AsyncClient, jql: str) -> None:
    response = await alice_client.get("/rest/api/3/search/jql", params={"jql": jql})
    assert response.status_code == 400
    assert "Unbounded JQL queries are not allowed here" in response.json()["errorMessages"][0]


async def test_a_forged_or_foreign_token_is_refused(alice_client: httpx.AsyncClient) -> None:
    first = (await alice_client.get("/rest/api/3/search/jql", params={"jql": JQL, "maxResults": 5})).json()
    for token, jql in ((first["nextPageToken"], "project = CORE"), ("bm9uc2Vuc2U", JQL)):
        response = await alice_client.get("/rest/api/3/search/jql", params={"jql": jql, "nextPageToken": token})
        assert response.status_code == 400
        assert response.json()["errorMessages"] == ["The provided next page token is invalid or expired."]


@pytest.mark.parametrize(
    ("jql", "fragment"),
    [
        ("nosuchfield = 1", "Field 'nosuchfield' does not exist or you do not have permission to view it."),
        ("project = NOPE", "The value 'NOPE' does not exist for the field 'project'."),
        ("project = DASH AND", "Error in the JQL Query"),
        ("created > nosuchfunction()", "Unable to find JQL function 'nosuchfunction()'."),
    ],
)
async def test_bad_jql_gets_400_in_jiras_words(alice_client: httpx.AsyncClient, jql: str, fragment: str) -> None:
    for path in ("/rest/api/2/search", "/rest/api/3/search/jql"):
        response = await alice_client.get(path, params={"jql": jql})
        assert response.status_code == 400
        body = response.json()
        assert body["errors"] == {}
        assert any(fragment in message for message in body["errorMessages"]), body


async def test_current_user_depends_on_who_asks(alice_client: httpx.AsyncClient, bob_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    params = {"jql": "assignee = currentUser()", "maxResults": 100, "fields": "assignee"}
    for client, name in ((alice_client, "alice"), (bob_client, "bob")):
        body = (await client.get("/rest/api/2/search", params=params)).json()
        owner = next(u for u in sandbox.world.users.values() if u.name == name)
        assert body["total"] == sum(1 for i in sandbox.world.issues.values() if i.assignee == owner.account_id)
        assert all(i["fields"]["assignee"]["name"] == name for i in body["issues"])


async def test_a_change_shows_in_the_next_search(alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    params = {"jql": 'summary ~ "zebra"', "fields": "summary"}
    assert (await alice_client.get("/rest/api/2/search", params=params)).json()["total"] == 0
    sandbox.world.issues["DASH-1"].summary = "A zebra crossing in the sidebar"
    sandbox.mutated()
    body = (await alice_client.get("/rest/api/2/search", params=params)).json()
    assert [i["key"] for i in body["issues"]] == ["DASH-1"]


async def test_names_and_schema_expand(alice_client: httpx.AsyncClient) -> None:
    params = {"jql": "project = DASH", "maxResults": 1, "fields": "summary,priority", "expand": "names,schema"}
    body = (await alice_client.get("/rest/api/2/search", params=params)).json()
    assert body["names"] == {"summary": "Summary", "priority": "Priority"}
    assert body["schema"]["priority"]["type"] == "priority"


_SMALL = create_app(SandboxConfig(issues=120, seed=3, base_url="http://sandbox.invalid"))


@settings(max_examples=15, deadline=None)
@given(
    page=st.integers(min_value=1, max_value=60),
    jql=st.sampled_from(["project = DASH", "ORDER BY key", "status != Done ORDER BY priority DESC, created ASC", ""]),
)
async def test_pages_have_no_gaps_or_repeats(page: int, jql: str) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=_SMALL), base_url="http://sandbox.invalid", auth=("alice", "sandbox-token")
    ) as client:
        whole = (await client.get("/rest/api/2/search", params={"jql": jql, "maxResults": 100, "fields": "key"})).json()
        total = whole["total"]
        keys: list[str] = []
        for start in range(0, total, page):
            body = (await client.get("/rest/api/2/search", params={"jql": jql, "startAt": start, "maxResults": page, "fields": "key"})).json()
            assert body["total"] == total
            keys += [i["key"] for i in body["issues"]]
        assert len(keys) == total == len(set(keys))
        if total <= 100:
            assert keys == [i["key"] for i in whole["issues"]]
