"""The sandbox's issues in the three API shapes: v3 (Cloud, ADF), v2 (Server/DC, wiki markup)
and 2.0.alpha1 (seed 001: `{"name","type","value"}` wrappers). One entry point, `issue_json`,
which builds only the requested fields; the referenced objects' builders are exported for the
other route modules (users, statuses, priorities, ...).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

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
