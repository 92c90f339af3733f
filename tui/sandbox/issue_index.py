"""Derived lookups over a `World` that issue routes and shapes need fast: id -> key, parent ->
sub-tasks, issue -> its links, attachment -> issue. Rebuilt lazily whenever `world.version`
moves, so a search page over 100,000 issues never scans them per issue; nothing is persisted.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from tui.sandbox.world import SandboxIssue, SandboxLink, World

_KEEP = 4  # worlds remembered at once (tests build several)


@dataclass(slots=True)
class IssueIndex:
    version: int
    key_by_id: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)  # parent key -> sub-task keys
    links: dict[str, list[str]] = field(default_factory=dict)  # issue key -> link ids
    attachments: dict[str, str] = field(default_factory=dict)  # attachment id -> issue key


_cache: OrderedDict[int, tuple[World, IssueIndex]] = OrderedDict()


def index_of(world: World) -> IssueIndex:
    entry = _cache.get(id(world))
    if entry is not None and entry[0] is world and entry[1].version == world.version:
        _cache.move_to_end(id(world))
        return entry[1]
    index = _build(world)
    _cache[id(world)] = (world, index)
    _cache.move_to_end(id(world))
    while len(_cache) > _KEEP:
        _cache.popitem(last=False)
    return index


def _build(world: World) -> IssueIndex:
    index = IssueIndex(version=world.version)
    for issue in world.issues.values():
        index.key_by_id[issue.id] = issue.key
        if issue.parent_key is not None:
            index.children.setdefault(issue.parent_key, []).append(issue.key)
        for attachment in issue.attachments:
            index.attachments[attachment.id] = issue.key
    for link in world.links.values():
        index.links.setdefault(link.outward_key, []).append(link.id)
        index.links.setdefault(link.inward_key, []).append(link.id)
    return index


def lookup_issue(world: World, key_or_id: str) -> SandboxIssue | None:
    """An issue by key (any case) or numeric id."""
    issue = world.issues.get(key_or_id) or world.issues.get(key_or_id.upper())
    if issue is not None:
        return issue
    key = index_of(world).key_by_id.get(key_or_id)
    if key is None:
        return None
    return world.issues.get(key)


def subtasks_of(world: World, issue: SandboxIssue) -> list[SandboxIssue]:
    keys = index_of(world).children.get(issue.key, ())
    return [world.issues[key] for key in keys if key in world.issues]


def links_of(world: World, issue: SandboxIssue) -> list[SandboxLink]:
    ids = index_of(world).links.get(issue.key, ())
    return [world.links[link_id] for link_id in ids if link_id in world.links]


def attachment_owner(world: World, attachment_id: str) -> SandboxIssue | None:
    key = index_of(world).attachments.get(attachment_id)
    return world.issues.get(key) if key is not None else None
