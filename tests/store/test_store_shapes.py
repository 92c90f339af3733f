"""The three API shapes normalise to the same models for the same sandbox issue.

What legitimately differs is named here and nowhere else:
- v3 vs v2: how a user is identified (accountId vs username, by design of `User`), the markup of
  rich text (ADF vs wiki; the v2 and legacy bodies are compared as text), and the server's
  display names of fields (Cloud says "Components", Data Center "Component/s").
- v2 vs 2.0.alpha1: what seed 001's shape does not send at all — the issue id, users' email and
  time zone, status categories, the parent's details, field names, the changelog, and the
  transitions (a link there, fetched by `store.transitions`).
Everything else must be equal.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from store_support import StoreFactory

from tui.models import Issue, IssueSummary, User
from tui.sandbox.app import Sandbox


def _user(user: User | None) -> Any:
    return None if user is None else user.display_name


def comparable(issue: Issue) -> dict[str, Any]:
    """The issue as builtins with the shape-specific parts (module docstring) projected out."""
    data: dict[str, Any] = msgspec.to_builtins(issue)
    for role in ("assignee", "reporter"):
        data[role] = _user(getattr(issue, role))
    data["description"] = issue.description is not None
    data["field_names"] = sorted(issue.field_names)
    data["comments"] = [(c.id, _user(c.author), c.created, c.updated, c.body.kind != "text") for c in issue.comments]
    data["worklogs"] = [(w.id, _user(w.author), w.started, w.time_spent_seconds) for w in issue.worklogs]
    data["attachments"] = [(a.id, a.filename, a.size, a.mime_type, _user(a.author)) for a in issue.attachments]
    data["changelog"] = [(e.id, _user(e.author), e.created, msgspec.to_builtins(e.items)) for e in issue.changelog]
    data["links"] = [(x.type.name, x.direction, x.phrase, x.other.key) for x in issue.links]
    data["subtasks"] = [s.key for s in issue.subtasks]
    return data


def without_legacy_gaps(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    for gone in ("id", "field_names", "changelog", "transitions"):
        data.pop(gone, None)
    if data.get("status"):
        data["status"] = {**data["status"], "category": None}
    if data.get("parent"):
        data["parent"] = {"key": data["parent"]["key"]}
    return data


def _richest(sandbox: Sandbox) -> str:
    """A sub-task with comments, worklogs, attachments, links and a changelog, if there is one."""
    def score(issue: Any) -> int:
        return sum(bool(x) for x in (issue.comments, issue.worklogs, issue.attachments, issue.parent_key,
                                     issue.changelog, issue.labels, issue.component_ids, issue.fix_version_ids))
    return max(sandbox.world.issues.values(), key=score).key


async def _issue_in(make_store: StoreFactory, api_version: str, key: str) -> Issue:
    store = make_store(api_version=api_version, cache=False)
    await store.connect()
    issue = await store.issue(key)
    await store.aclose()
    return issue


@pytest.mark.parametrize("pick", ["richest", "DASH-1", "MOB-7"])
async def test_v3_v2_and_legacy_normalise_equal(make_store: StoreFactory, sandbox: Sandbox, pick: str) -> None:
    key = _richest(sandbox) if pick == "richest" else pick
    v3, v2, legacy = [await _issue_in(make_store, v, key) for v in ("3", "2", "2.0.alpha1")]

    assert v3.description is None or v3.description.kind == "adf"
    assert v2.description is None or v2.description.kind == "wiki"
    assert comparable(v3) == comparable(v2)
    assert without_legacy_gaps(comparable(v2)) == without_legacy_gaps(comparable(legacy))
    # rich text: v2 and the legacy shape carry the same wiki markup
    assert v2.description == legacy.description
    assert [c.body for c in v2.comments] == [c.body for c in legacy.comments]
    assert [w.comment for w in v2.worklogs] == [w.comment for w in legacy.worklogs]


async def test_search_rows_are_equal_in_every_shape(make_store: StoreFactory) -> None:
    rows: dict[str, list[IssueSummary]] = {}
    for version in ("3", "2", "2.0.alpha1"):
        store = make_store(api_version=version, cache=False)
        await store.connect()
        rows[version] = [i async for page in store.search("project = MOB ORDER BY key ASC") for i in page.issues]
        await store.aclose()
    assert rows["3"] == rows["2"]
    # the legacy search carries no issue id and no status category
    strip = [msgspec.structs.replace(r, id="", status_category="undefined") for r in rows["2"]]
    assert strip == rows["2.0.alpha1"]
