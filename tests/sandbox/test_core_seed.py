"""The seeded world: deterministic, the promised sizes and kinds, coherent relations, valid ADF."""

from __future__ import annotations

import json
import pickle
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from tui.sandbox.app import SandboxConfig
from tui.sandbox.seed import seed_world
from tui.sandbox.seed_catalog import DONE, SEED_EPOCH, SPAN
from tui.sandbox.world import World

ADF_SCHEMA = Path(__file__).resolve().parents[1] / "contracts" / "adf-schema.full.json"


@pytest.fixture(scope="module")
def world() -> World:
    return seed_world(SandboxConfig())


def test_the_same_seed_gives_the_same_world_and_another_seed_another() -> None:
    one, two = seed_world(SandboxConfig(issues=150)), seed_world(SandboxConfig(issues=150))
    assert pickle.dumps(one) == pickle.dumps(two)
    other = seed_world(SandboxConfig(issues=150, seed=43))
    assert [i.summary for i in other.issues.values()] != [i.summary for i in one.issues.values()]


def test_default_sizes_and_kinds(world: World) -> None:
    assert len(world.users) == 60
    assert len(world.issues) == 600
    assert {p.type_key for p in world.projects.values()} == {"software", "business", "service_desk"}
    assert len(world.projects) == 5
    for project in world.projects.values():
        assert project.lead in world.users
        assert project.components and project.versions and project.category_id in world.categories
    assert any(v.released for p in world.projects.values() for v in p.versions)
    assert any(v.release_date and v.release_date > SEED_EPOCH.date() for p in world.projects.values() for v in p.versions)
    names = {world.issue_types[i.issuetype_id].name for i in world.issues.values()}
    assert {"Epic", "Story", "Task", "Bug", "Sub-task"} <= names
    assert set(world.link_types[link.type_id].name for link in world.links.values()) == {"Blocks", "Cloners", "Duplicate", "Relates"}


def test_the_demo_accounts(world: World) -> None:
    by_name = {u.name: u for u in world.users.values()}
    assert by_name["alice"].email == "alice@example.com" and by_name["alice"].token == "sandbox-token"
    assert by_name["alice"].admin and not by_name["bob"].admin
    assert by_name["bob"].token == "sandbox-token-bob"
    assert len({u.account_id for u in world.users.values()}) == 60
    assert len({u.email for u in world.users.values()}) == 60


def test_relations_are_coherent(world: World) -> None:
    issues = world.issues
    for issue in issues.values():
        kind = world.issue_types[issue.issuetype_id]
        assert issue.created <= issue.updated <= SEED_EPOCH
        assert issue.created >= SEED_EPOCH - SPAN
        if kind.subtask:
            parent = issues[issue.parent_key or ""]
            assert parent.project_key == issue.project_key
            assert not world.issue_types[parent.issuetype_id].subtask
            assert parent.created <= issue.created
        elif issue.parent_key is not None:
            assert world.issue_types[issues[issue.parent_key].issuetype_id].name == "Epic"
        assert (issue.status_id == DONE) == (issue.resolution_id is not None) == (issue.resolved is not None)
        for comment in issue.comments:
            assert issue.created <= comment.created <= issue.updated
        assert all(w in world.users for w in issue.watchers + issue.voters)
    for link in world.links.values():
        assert link.outward_key in issues and link.inward_key in issues and link.outward_key != link.inward_key
    numbers = Counter(i.key.split("-")[0] for i in issues.values())
    for project, count in numbers.items():
        assert {i.key for i in issues.values() if i.project_key == project} == {f"{project}-{n}" for n in range(1, count + 1)}


def test_activity_and_fields_are_spread_but_not_everywhere(world: World) -> None:
    issues = list(world.issues.values())
    for attribute in ("comments", "worklogs", "watchers", "voters", "attachments", "labels", "changelog"):
        share = sum(1 for i in issues if getattr(i, attribute)) / len(issues)
        assert 0.02 < share < 0.9, attribute
    assert any(i.duedate for i in issues) and any(i.original_estimate_seconds for i in issues)


def test_the_workflow_needs_a_resolution_for_done_and_has_back_transitions(world: World) -> None:
    by_name = {t.name: t for t in world.transitions}
    assert by_name["Done"].requires_resolution and by_name["Done"].to_status_id == DONE
    assert not any(t.requires_resolution for t in world.transitions if t.name != "Done")
    assert {"Back to To Do", "Reopen"} <= set(by_name)
    statuses = [s.name for s in world.statuses.values()]
    assert statuses == ["To Do", "In Progress", "In Review", "Done"]


def test_alice_and_bob_have_favourite_filters(world: World) -> None:
    owners = {world.users[f.owner].name for f in world.filters.values()}
    favourites = {world.users[a].name for f in world.filters.values() for a in f.favourite_of}
    assert {"alice", "bob"} <= owners and {"alice", "bob"} <= favourites


def _shape(node: object) -> object:
    """A node with its text blanked: blocks that differ only in words validate alike."""
    if isinstance(node, dict):
        return {k: "" if k in ("text", "href", "id") else _shape(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_shape(item) for item in node]
    return node


def test_rich_text_is_valid_adf_with_the_promised_nodes(world: World) -> None:
    documents = [i.description for i in world.issues.values() if i.description]
    documents += [c.body for i in world.issues.values() for c in i.comments]
    assert all(d["type"] == "doc" and d["version"] == 1 for d in documents)
    # Every document is a doc of blocks; validating each distinct block shape once is enough
    # (the ADF schema is slow on tables: seconds per validation).
    blocks = {json.dumps(_shape(b), sort_keys=True): b for d in documents for b in d["content"]}
    validator = jsonschema.Draft4Validator(json.loads(ADF_SCHEMA.read_text()))
    seen: set[str] = set()

    def walk(node: dict[str, object]) -> None:
        seen.add(str(node["type"]))
        for mark in node.get("marks", []):  # type: ignore[attr-defined]
            seen.add(mark["type"])
        for child in node.get("content", []):  # type: ignore[attr-defined]
            walk(child)

    for block in blocks.values():
        validator.validate({"type": "doc", "version": 1, "content": [block]})
        walk(block)
    assert {"heading", "bulletList", "orderedList", "codeBlock", "mention", "table", "panel", "link"} <= seen
