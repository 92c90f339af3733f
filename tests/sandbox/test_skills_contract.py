"""Every Skills for Jira answer of the sandbox has exactly the documented shape.

The schemas below are written from the Skills for Jira API page (`../shared/seeds/
000_dcd18e324cc9f09c.txt`, "Endpoints"): the field names, their nesting, and nothing else
(`additionalProperties: false`). The tree's leaves carry `key` and `experts` only; categories
carry `key`, `type: "category"`, `displayName` and `children`, as the page's example shows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import jsonschema
import pytest

from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.skills import profile_section

NAMES = {"type": "array", "items": {"type": "string"}}


def obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


LEAF = obj(key={"type": "string"}, experts=NAMES)
CATEGORY = obj(
    key={"type": "string"},
    type={"const": "category"},
    displayName={"type": "string"},
    children={"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/category"}, LEAF]}},
)
SCHEMAS: dict[str, dict[str, Any]] = {
    "user_skills": obj(skills=NAMES),
    "add_skills": obj(added=NAMES, existing=NAMES),
    "remove_skills": obj(removed=NAMES, missing=NAMES),
    "all_skills": obj(skillsByAccountId={"type": "object", "additionalProperties": NAMES}),
    "bulk_update": obj(changes={"type": "object", "additionalProperties": obj(added=NAMES, removed=NAMES)}),
    "skill_tree": {**obj(experts={"type": "array", "items": {"$ref": "#/$defs/category"}}),
                   "$defs": {"category": CATEGORY}},
}
ERROR = obj(errorMessages=NAMES, errors={"type": "object", "additionalProperties": {"type": "string"}})


@pytest.fixture
async def skills() -> AsyncIterator[tuple[Sandbox, httpx.AsyncClient, dict[str, str]]]:
    app = create_app(SandboxConfig(issues=100, users=20))
    sandbox: Sandbox = app.state.sandbox
    section = profile_section(sandbox)
    headers = {"Authorization-Skills": f"Bearer {section['token']}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=sandbox.base_url,
                                 headers=headers) as client:
        yield sandbox, client, section["urls"]


def someone(sandbox: Sandbox) -> str:
    return next(a for a, held in sandbox.world.extra["skills"].held.items() if len(held) >= 2)


async def test_every_operation_answers_the_documented_shape(skills: tuple[Sandbox, httpx.AsyncClient, dict[str, str]]) -> None:
    sandbox, client, urls = skills
    account = someone(sandbox)
    held = list(sandbox.world.extra["skills"].held[account])
    answers = {
        "user_skills": await client.get(urls["user_skills"], params={"accountId": account}),
        "add_skills": await client.put(urls["add_skills"], params={"accountId": account},
                                       json={"skills": [held[0], "Selenium"]}),
        "remove_skills": await client.request("DELETE", urls["remove_skills"], params={"accountId": account},
                                              json={"skills": ["Selenium", "Product Discovery"]}),
        "all_skills": await client.get(urls["all_skills"]),
        "bulk_update": await client.post(urls["bulk_update"], json={"skillsByAccountId": {account: held[:1]}}),
        "skill_tree": await client.get(urls["skill_tree"]),
    }
    for op, response in answers.items():
        assert response.status_code == 200, (op, response.text)
        assert response.headers["content-type"].startswith("application/json")
        jsonschema.validate(response.json(), SCHEMAS[op])


@pytest.mark.parametrize(
    ("op", "method", "params", "body"),
    [
        ("user_skills", "GET", {}, None),  # no accountId
        ("user_skills", "GET", {"accountId": "no-such-account"}, None),
        ("add_skills", "PUT", {"accountId": "ACCOUNT"}, b'{"skills": "Python"}'),
        ("add_skills", "PUT", {"accountId": "ACCOUNT"}, b"{not json"),
        ("add_skills", "PUT", {"accountId": "ACCOUNT"}, b'{"skills": ["No Such Skill"]}'),
        ("remove_skills", "DELETE", {"accountId": "ACCOUNT"}, b"{}"),
        ("bulk_update", "POST", {}, b'{"skillsByAccountId": ["x"]}'),
        ("bulk_update", "POST", {}, b'{"skillsByAccountId": {"no-such-account": []}}'),
        ("all_skills", "POST", {}, b"{}"),  # wrong method for the operation
    ],
)
async def test_errors_are_jira_error_collections(
    skills: tuple[Sandbox, httpx.AsyncClient, dict[str, str]], op: str, method: str,
    params: dict[str, str], body: bytes | None,
) -> None:
    sandbox, client, urls = skills
    params = {k: (someone(sandbox) if v == "ACCOUNT" else v) for k, v in params.items()}
    response = await client.request(method, urls[op], params=params, content=body)
    assert response.status_code in (400, 404, 405)
    payload = response.json()
    jsonschema.validate(payload, ERROR)
    assert payload["errorMessages"] or payload["errors"]


async def test_a_bad_or_missing_token_is_a_401_that_says_so(skills: tuple[Sandbox, httpx.AsyncClient, dict[str, str]]) -> None:
    _, client, urls = skills
    wrong = await client.get(urls["all_skills"], headers={"Authorization-Skills": "Bearer nope"})
    assert wrong.status_code == 401
    jsonschema.validate(wrong.json(), ERROR)
    assert "token is not valid" in wrong.json()["errorMessages"][0]
    missing = await client.get(urls["all_skills"], headers={"Authorization-Skills": ""})
    assert missing.status_code == 401
    assert "Authorization-Skills" in missing.json()["errorMessages"][0]
    # Jira's own credentials are no substitute for the Skills token
    jira = await client.get(urls["all_skills"], headers={"Authorization-Skills": "", "Authorization": "Bearer x"})
    assert jira.status_code == 401


async def test_the_six_urls_are_distinct_and_say_nothing_of_their_operation(
    skills: tuple[Sandbox, httpx.AsyncClient, dict[str, str]],
) -> None:
    sandbox, _, urls = skills
    assert len(set(urls.values())) == 6
    for url in urls.values():
        assert url.startswith(sandbox.base_url + "/x1/")
        assert not any(word in url for word in ("skill", "user", "tree", "bulk", "add", "remove"))
