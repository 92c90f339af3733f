"""Search pages join each issue's JSON encoded once per world version, shape, viewer, fields and
expand (`tui.sandbox.shapes.issue_fragments`): the same answer as building every issue afresh,
never another variant's bytes, and a recorded change shows on the next page."""

from __future__ import annotations

import httpx
import pytest

from tui.sandbox.app import Sandbox
from tui.sandbox.shapes import issue_json

JQL = "project = DASH ORDER BY key ASC"


@pytest.mark.parametrize("shape", ["2", "2.0.alpha1"])
@pytest.mark.parametrize("params", [{}, {"fields": "summary,assignee", "expand": "renderedFields"}])
async def test_a_page_asked_twice_is_the_issues_built_afresh(
    alice_client: httpx.AsyncClient, sandbox: Sandbox, shape: str, params: dict[str, str]
) -> None:
    query = {"jql": JQL, "maxResults": "20", **params}
    first = (await alice_client.get(f"/rest/api/{shape}/search", params=query)).json()
    again = (await alice_client.get(f"/rest/api/{shape}/search", params=query)).json()
    assert again == first
    alice = next(u for u in sandbox.world.users.values() if u.name == "alice")
    fields = params["fields"].split(",") if "fields" in params else None
    expand = set(params["expand"].split(",")) if "expand" in params else set()
    built = [
        issue_json(sandbox, sandbox.world.issues[i["key"]], shape=shape, fields=fields, expand=expand, viewer=alice)  # type: ignore[arg-type]
        for i in first["issues"]
    ]
    assert first["issues"] == built


async def test_other_fields_of_the_same_issues_are_not_mixed_up(alice_client: httpx.AsyncClient) -> None:
    wide = (await alice_client.get("/rest/api/2/search", params={"jql": JQL, "fields": "summary,status"})).json()
    narrow = (await alice_client.get("/rest/api/2/search", params={"jql": JQL, "fields": "summary"})).json()
    assert [i["key"] for i in wide["issues"]] == [i["key"] for i in narrow["issues"]]
    assert all(set(i["fields"]) == {"summary", "status"} for i in wide["issues"])
    assert all(set(i["fields"]) == {"summary"} for i in narrow["issues"])


async def test_a_recorded_change_shows_on_the_next_page(alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    params = {"jql": JQL, "fields": "summary", "maxResults": "5"}
    before = (await alice_client.get("/rest/api/2/search", params=params)).json()["issues"][0]
    sandbox.world.issues[before["key"]].summary = "Renamed on the server"
    sandbox.mutated()
    after = (await alice_client.get("/rest/api/2/search", params=params)).json()["issues"][0]
    assert after["key"] == before["key"] and after["fields"]["summary"] == "Renamed on the server"
