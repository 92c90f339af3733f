"""The sandbox's issues in the three API shapes: v3 (Cloud, ADF), v2 (Server/DC, wiki markup)
and 2.0.alpha1 (seed 001: `{"name","type","value"}` wrappers). One entry point, `issue_json`,
which builds only the requested fields; the referenced objects' builders are exported for the
other route modules (users, statuses, priorities, ...).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from tui.sandbox.shapes.common import (
    LEGACY,
    Out,
    Shape,
    api_base,
    avatar_urls,
    component_json,
    format_duration,
    issuetype_json,
    jira_date,
    jira_time,
    parse_duration,
    parse_jira_time,
    priority_json,
    project_ref_json,
    resolution_json,
    status_category_json,
    status_json,
    user_json,
    version_json,
)
from tui.sandbox.shapes.fields import (
    ALL_IDS,
    FIELD_BY_ID,
    FIELDS,
    NAVIGABLE_IDS,
    FieldDef,
    resolve_fields,
)
from tui.sandbox.shapes.issue import modern_issue_json
from tui.sandbox.shapes.legacy import legacy_issue_json
from tui.sandbox.shapes.parts import link_type_json

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox
    from tui.sandbox.world import SandboxIssue, SandboxUser

__all__ = [
    "ALL_IDS",
    "FIELDS",
    "FIELD_BY_ID",
    "LEGACY",
    "NAVIGABLE_IDS",
    "FieldDef",
    "Out",
    "Shape",
    "api_base",
    "avatar_urls",
    "component_json",
    "format_duration",
    "issue_fragments",
    "issue_json",
    "issue_json_out",
    "issuetype_json",
    "jira_date",
    "jira_time",
    "link_type_json",
    "make_out",
    "parse_duration",
    "parse_jira_time",
    "priority_json",
    "project_ref_json",
    "resolution_json",
    "resolve_fields",
    "status_category_json",
    "status_json",
    "user_json",
    "version_json",
]


_OUTS: OrderedDict[tuple[int, str, str, str, int], Out] = OrderedDict()
FRAGMENT_BUDGET = 64 * 1024 * 1024  # encoded search issues kept, over every `Out`


def make_out(sandbox: Sandbox, shape: Shape, viewer: SandboxUser) -> Out:
    """The context the builders share. The same one comes back while the world is unchanged,
    so a search page (one `issue_json` call per issue) builds each user or status once."""
    world = sandbox.world
    root = sandbox.base_url.rstrip("/")
    key = (id(world), root, shape, viewer.account_id, world.version)
    out = _OUTS.get(key)
    if out is None or out.world is not world or out.viewer is not viewer:
        out = Out(world=world, root=root, shape=shape, viewer=viewer)
        _OUTS[key] = out
        while len(_OUTS) > 16:
            _OUTS.popitem(last=False)
    return out


def issue_json(
    sandbox: Sandbox,
    issue: SandboxIssue,
    *,
    shape: Shape,
    fields: list[str] | None,
    expand: set[str],
    viewer: SandboxUser,
) -> dict[str, Any]:
    """One issue as `shape` returns it. `fields` None means every navigable field (search's
    default); `*all`, `*navigable`, `-field` and plain ids work as in Jira. `expand` takes
    renderedFields, names, schema, transitions, changelog, editmeta (v2, v3) or html (legacy)."""
    return issue_json_out(make_out(sandbox, shape, viewer), issue, fields=fields, expand=expand)


def issue_json_out(out: Out, issue: SandboxIssue, *, fields: list[str] | None, expand: set[str]) -> dict[str, Any]:
    field_ids = resolve_fields(fields)
    if out.legacy:
        return legacy_issue_json(out, issue, field_ids, expand)
    return modern_issue_json(out, issue, field_ids, expand)


def issue_fragments(
    out: Out, issues: Sequence[SandboxIssue], *, fields: list[str] | None, expand: set[str]
) -> list[msgspec.Raw]:
    """A search page's issues, each JSON-encoded once per (`Out`, fields, expand): a listing
    paged again, or the same issues asked by another query, joins kept bytes instead of
    building and encoding dicts. `Out` changes with the world's version, so an edit made
    through the API (or announced with `Sandbox.mutated`) is never served stale."""
    fragments = out.fragments
    variant = (resolve_fields(fields), frozenset(expand))
    kept = fragments.by_variant.get(variant)
    if kept is None:
        kept = fragments.by_variant[variant] = {}
    room = _fragment_room(out)
    page: list[msgspec.Raw] = []
    for issue in issues:
        encoded = kept.get(issue.key)
        if encoded is None:
            encoded = msgspec.json.encode(issue_json_out(out, issue, fields=fields, expand=expand))
            if room >= len(encoded):
                kept[issue.key] = encoded
                fragments.size += len(encoded)
                room -= len(encoded)
        page.append(msgspec.Raw(encoded))
    return page


def _fragment_room(current: Out) -> int:
    """Bytes `current` may still keep: the least recently used other `Out`s give theirs up
    when the budget is spent."""
    total = sum(out.fragments.size for out in _OUTS.values() if out is not current) + current.fragments.size
    for out in list(_OUTS.values()):
        if total + FRAGMENT_BUDGET // 8 <= FRAGMENT_BUDGET:
            break
        if out is not current and out.fragments.size:
            total -= out.fragments.size
            out.fragments.clear()
    return max(0, FRAGMENT_BUDGET - total)
