"""What the sandbox's Skills for Jira operations do: the API page's examples replayed, the bulk
update's replace-the-named-users meaning, and the seeded tree."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tui.api.skills import decode_tree, parse_console_block
from tui.models.skill_match import norm
from tui.models.skills import LEVELS, split_level
from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.skills import profile_section

Client = tuple[Sandbox, httpx.AsyncClient, dict[str, str]]


async def open_skills(config: SandboxConfig) -> tuple[Sandbox, httpx.AsyncClient, dict[str, str]]:
    app = create_app(config)
    sandbox: Sandbox = app.state.sandbox
    section = profile_section(sandbox)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=sandbox.base_url,
                               headers={"Authorization-Skills": f"Bearer {section['token']}"})
    return sandbox, client, section["urls"]


@pytest.fixture
async def skills() -> AsyncIterator[Client]:
    sandbox, client, urls = await open_skills(SandboxConfig())
    async with client:
        yield sandbox, client, urls


def two_users(sandbox: Sandbox) -> tuple[str, str]:
    first, second = list(sandbox.world.users)[:2]
    return first, second


async def everyone(client: httpx.AsyncClient, urls: dict[str, str]) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = (await client.get(urls["all_skills"])).json()["skillsByAccountId"]
    return mapping


async def test_the_documented_examples_replay_as_written(skills: Client) -> None:
    sandbox, client, urls = skills
    a, b = two_users(sandbox)
    setup = {a: ["Engineering - Beginner", "JavaScript"],
             b: ["Marketing - Competent", "Marketing - Expert", "English - Expert", "Social Media Marketing"]}
    await client.post(urls["bulk_update"], json={"skillsByAccountId": setup})

    added = await client.put(urls["add_skills"], params={"accountId": a},
                             json={"skills": ["Engineering - Beginner", "JavaScript", "HTML/CSS"]})
    assert added.json() == {"added": ["HTML/CSS"], "existing": ["Engineering - Beginner", "JavaScript"]}
    got = await client.get(urls["user_skills"], params={"accountId": a})
    assert got.json() == {"skills": ["Engineering - Beginner", "JavaScript", "HTML/CSS"]}

    bulk = await client.post(urls["bulk_update"], json={"skillsByAccountId": {
        a: ["Engineering - Beginner"],
        b: ["Marketing - Expert", "Marketing - Master", "English - Expert", "Social Media Marketing"],
    }})
    assert bulk.json() == {"changes": {
        a: {"added": [], "removed": ["JavaScript", "HTML/CSS"]},
        b: {"added": ["Marketing - Master"], "removed": ["Marketing - Competent"]},
    }}

    await client.put(urls["add_skills"], params={"accountId": a}, json={"skills": ["HTML/CSS"]})
    removed = await client.request("DELETE", urls["remove_skills"], params={"accountId": a},
                                   json={"skills": ["HTML/CSS", "Product Discovery"]})
    assert removed.json() == {"removed": ["HTML/CSS"], "missing": ["Product Discovery"]}


async def test_bulk_update_replaces_named_users_and_leaves_the_rest_alone(skills: Client) -> None:
    _, client, urls = skills
    before = await everyone(client, urls)
    a, b = list(before)[:2]
    response = await client.post(urls["bulk_update"], json={"skillsByAccountId": {a: ["Python"], b: []}})
    assert response.status_code == 200
    changes = response.json()["changes"]
    assert set(changes) == {a, b}
    assert changes[b] == {"added": [], "removed": before[b]}
    after = await everyone(client, urls)
    assert after[a] == ["Python"]
    assert b not in after  # nobody holds nothing in the mapping
    assert (await client.get(urls["user_skills"], params={"accountId": b})).json() == {"skills": []}
    assert {k: v for k, v in after.items() if k != a} == {k: v for k, v in before.items() if k not in (a, b)}


async def test_a_bulk_update_naming_an_unknown_user_or_skill_changes_nothing(skills: Client) -> None:
    _, client, urls = skills
    before = await everyone(client, urls)
    a = next(iter(before))
    for mapping in ({a: ["Python"], "no-such-account": ["Python"]}, {a: ["Python", "Juggling"]}):
        response = await client.post(urls["bulk_update"], json={"skillsByAccountId": mapping})
        assert response.status_code == 400
    assert await everyone(client, urls) == before


async def test_the_tree_lists_the_holders_of_each_skill(skills: Client) -> None:
    sandbox, client, urls = skills
    a, _ = two_users(sandbox)
    await client.post(urls["bulk_update"], json={"skillsByAccountId": {a: ["Wireframes", "Python"]}})
    tree = decode_tree((await client.get(urls["skill_tree"])).content)
    experts = tree.experts()
    mapping = await everyone(client, urls)
    for skill, holders in experts.items():
        assert set(holders) == {acc for acc, held in mapping.items() if skill in held}
    assert a in experts["Wireframes"]
    ux = [path for path, leaf in tree.leaves() if leaf.key == "User Flows"]
    assert ux == [("Design", "UX")]


async def test_the_seeded_tree_has_eight_categories_and_the_asked_number_of_skills(skills: Client) -> None:
    sandbox, client, urls = skills
    tree = decode_tree((await client.get(urls["skill_tree"])).content)
    assert len(tree.roots) == 8
    columns = tree.skills()
    assert len(columns) == sandbox.config.skills == 120
    leveled = [s for s in columns if s.levels]
    assert leveled and all(s.levels == LEVELS for s in leveled)
    assert {"Engineering - Beginner", "Marketing - Expert", "QA - Competent"} <= tree.skill_names()
    # the issues' labels are skills, so assignment by skill has something to go on
    labels = {norm(label) for issue in sandbox.world.issues.values() for label in issue.labels}
    skill_keys = {norm(split_level(name)[0]) for name in tree.skill_names()}
    assert len(labels & skill_keys) >= 15
    # and their holders are mostly people who work on such issues
    held = sandbox.world.extra["skills"].held
    assert sum(1 for skills in held.values() if skills) >= 0.8 * len(sandbox.world.users)


async def test_the_size_is_a_parameter_and_the_seed_is_deterministic() -> None:
    sandbox, client, urls = await open_skills(SandboxConfig(skills=500, users=200, issues=200))
    async with client:
        big = decode_tree((await client.get(urls["skill_tree"])).content)
    assert len(big.skills()) == 500
    again, client2, urls2 = await open_skills(SandboxConfig(skills=500, users=200, issues=200))
    async with client2:
        assert (await client2.get(urls2["skill_tree"])).content == (await client2.get(urls2["skill_tree"])).content
    assert again.world.extra["skills"].held == sandbox.world.extra["skills"].held
    assert urls2 == urls


async def test_the_console_block_parses_back_to_the_profile_urls(skills: Client) -> None:
    _, client, urls = skills
    text = (await client.get("/sandbox/skills/console")).text
    assert "skills-token" not in text
    assert parse_console_block(text) == urls
