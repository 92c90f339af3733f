"""What every issue route shares: the paths, finding the issue, reading users and rich text
from a body in the request's shape, and recording a change (timestamp, changelog, `mutated()`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request

from tui.sandbox.http import JiraHTTPError, api_shape, current_user, sandbox_of
from tui.sandbox.issue_index import lookup_issue
from tui.sandbox.shapes import Out, Shape, make_out
from tui.sandbox.wiki_adf import wiki_to_adf
from tui.sandbox.world import ChangelogItem, SandboxChange, SandboxIssue, SandboxUser, World

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox


class IssueKeyConvertor(Convertor[str]):
    """`{issueIdOrKey:issuekey}` refuses the words Jira uses for sibling resources (`createmeta`,
    `picker`, `bulkfetch`, ...), so the order modules are mounted in never hides those."""

    regex = r"(?!(?:createmeta|picker|bulkfetch|bulk|archive|unarchive|properties|watching|events)(?:/|$))[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("issuekey", IssueKeyConvertor())

API = "/rest/api/{version}"
ISSUE = API + "/issue/{issueIdOrKey:issuekey}"
NO_ISSUE = "Issue does not exist or you do not have permission to see it."
MODERN: tuple[Shape, ...] = ("3", "2")
V3_ONLY: tuple[Shape, ...] = ("3",)
LEGACY_ONLY: tuple[Shape, ...] = ("2.0.alpha1",)
UNSET = object()


def now() -> datetime:
    return datetime.now(UTC)


def request_out(request: Request, *, shapes: Iterable[Shape] = ("3", "2", "2.0.alpha1")) -> Out:
    """The builders' context for this request; 404 where the shape has no such resource."""
    shape = api_shape(request)
    if shape not in tuple(shapes):
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    return make_out(sandbox_of(request), shape, current_user(request))


def find_issue(world: World, key_or_id: str) -> SandboxIssue:
    issue = lookup_issue(world, key_or_id)
    if issue is None:
        raise JiraHTTPError(404, NO_ISSUE)
    project = world.projects.get(issue.project_key)
    if project is not None and project.deleted:
        raise JiraHTTPError(404, NO_ISSUE)
    return issue


def path_issue(request: Request) -> SandboxIssue:
    return find_issue(sandbox_of(request).world, str(request.path_params["issueIdOrKey"]))


def record(sandbox: Sandbox, issue: SandboxIssue, author: SandboxUser, items: list[ChangelogItem]) -> None:
    """A change to `issue`: bump `updated`, add a changelog entry when there are items."""
    when = now()
    issue.updated = when
    if items:
        issue.changelog.append(SandboxChange(sandbox.world.new_id(), author.account_id, when, items))
    sandbox.mutated()


# --- reading request bodies -------------------------------------------------------------------


def user_from(world: World, value: Any, shape: Shape) -> SandboxUser | object | None:
    """A user reference from a body: `{"accountId"}` (v3, v2), `{"name"}`/`{"key"}` (v2),
    a bare string (legacy, v2 watchers). Returns None for null/unassign, UNSET if unknown."""
    if value is None:
        return None
    ident: Any
    if isinstance(value, dict):
        if "accountId" in value:
            ident = value["accountId"]
        elif shape != "3" and ("name" in value or "key" in value):
            ident = value.get("name", value.get("key"))
        else:
            return UNSET
        if ident is None:
            return None
    else:
        ident = value
    if not isinstance(ident, str) or not ident:
        return UNSET
    if shape == "3":
        return world.users.get(ident, UNSET)
    found = world.users.get(ident) or world.user_by_name(ident)
    return found if found is not None else UNSET


def rich_text_in(world: World, value: Any, shape: Shape, field: str) -> dict[str, Any] | None:
    """A body in the request's shape, as the ADF the world stores (400 naming `field` if bad)."""
    if value is None:
        return None
    if shape == "3":
        if not isinstance(value, dict) or value.get("type") != "doc" or not _adf_shaped(value):
            raise JiraHTTPError(400, errors={field: "Operation value must be an Atlassian Document (see the Atlassian Document Format)"})
        return {"type": "doc", "version": 1, "content": list(value.get("content") or [])}
    if not isinstance(value, str):
        raise JiraHTTPError(400, errors={field: f"Operation value must be a string for the field '{field}'."})

    def mention(name: str) -> tuple[str, str] | None:
        found = world.users.get(name) or world.user_by_name(name)
        return (found.account_id, f"@{found.display_name}") if found is not None else None

    return wiki_to_adf(value, mention=mention)


def _adf_shaped(node: Any, depth: int = 0) -> bool:
    """The structure every ADF node has (a `type`, `content` a list of nodes, text non-empty):
    enough that a stored body always renders; the node vocabulary is the schema's business."""
    if not isinstance(node, dict) or not isinstance(node.get("type"), str) or depth > 64:
        return False
    if node["type"] == "text" and (not isinstance(node.get("text"), str) or not node["text"]):
        return False
    if not isinstance(node.get("attrs", {}), dict) or not isinstance(node.get("marks", []), list):
        return False
    content = node.get("content", [])
    return isinstance(content, list) and all(_adf_shaped(child, depth + 1) for child in content)


def user_label(world: World, account_id: str | None) -> str | None:
    user = world.users.get(account_id) if account_id else None
    return user.display_name if user is not None else None
