"""Project roles: Jira's three default roles per project, their actors, and changes to them.

Every project has Administrators (the `jira-administrators` group and the project lead),
Developers (`jira-developers`) and Users (`jira-users`). Edited actor lists are kept per project
under `world.extra["projects"]["roles"]` as `[{"type": "user"|"group", "name": ...}]`.
"""

from __future__ import annotations

import zlib
from typing import Any
from urllib.parse import quote

from tui.sandbox.http import JiraHTTPError
from tui.sandbox.projects_state import extra
from tui.sandbox.shapes.common import Shape, api_base
from tui.sandbox.world import SandboxProject, World

# id -> (name, description, default groups)
ROLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "10002": (
        "Administrators",
        "A project role that represents administrators in a project",
        ("jira-administrators",),
    ),
    "10000": (
        "Developers",
        "A project role that represents developers in a project",
        ("jira-developers",),
    ),
    "10001": ("Users", "A project role that represents users in a project", ("jira-users",)),
}
GROUPS = frozenset(
    {"jira-administrators", "jira-developers", "jira-users", "jira-software-users", "site-admins"}
)

Actor = dict[str, str]


def role_ids() -> list[str]:
    return list(ROLES)


def find_role(role_id: str) -> tuple[str, str, tuple[str, ...]]:
    found = ROLES.get(role_id)
    if found is None:
        raise JiraHTTPError(404, f"Cannot find project role with id {role_id}.")
    return found


def actors(world: World, project: SandboxProject, role_id: str) -> list[Actor]:
    stored: list[Actor] | None = extra(world)["roles"].get(project.key, {}).get(role_id)
    if stored is not None:
        return stored
    _, _, groups = find_role(role_id)
    found = [{"type": "group", "name": g} for g in groups]
    if role_id == "10002":
        found.append({"type": "user", "name": project.lead})
    return found


def set_actors(world: World, project: SandboxProject, role_id: str, new: list[Actor]) -> None:
    unique = list({(a["type"], a["name"]): a for a in new}.values())
    extra(world)["roles"].setdefault(project.key, {})[role_id] = unique


def parse_actors(world: World, users: list[Any], groups: list[Any]) -> list[Actor]:
    """Validate account ids / usernames and group names from a request body."""
    found: list[Actor] = []
    for ref in users:
        user = world.users.get(ref) if isinstance(ref, str) else None
        if user is None and isinstance(ref, str):
            user = world.user_by_name(ref)
        if user is None:
            raise JiraHTTPError(400, f"The user '{ref}' does not exist.")
        found.append({"type": "user", "name": user.account_id})
    for name in groups:
        if name not in GROUPS:
            raise JiraHTTPError(400, f"The group '{name}' does not exist.")
        found.append({"type": "group", "name": str(name)})
    return found


def _actor_id(actor: Actor) -> int:
    return 10000 + zlib.crc32(f"{actor['type']}:{actor['name']}".encode()) % 90000


def actor_json(world: World, actor: Actor, shape: Shape, base_url: str) -> dict[str, Any]:
    if actor["type"] == "group":
        body: dict[str, Any] = {
            "id": _actor_id(actor),
            "displayName": actor["name"],
            "type": "atlassian-group-role-actor",
            "name": actor["name"],
        }
        if shape == "3":
            body["actorGroup"] = {
                "name": actor["name"],
                "displayName": actor["name"],
                "groupId": f"group-{actor['name']}",
            }
        return body
    user = world.users.get(actor["name"])
    display = user.display_name if user else actor["name"]
    body = {"id": _actor_id(actor), "displayName": display, "type": "atlassian-user-role-actor"}
    root = base_url.rstrip("/")
    if shape == "3":
        body["actorUser"] = {"accountId": actor["name"]}
        body["avatarUrl"] = (
            f"{root}/secure/useravatar?size=small&ownerId={quote(actor['name'], safe='')}"
        )
    else:
        body["name"] = user.name if user else actor["name"]
    return body


def role_json(
    world: World, project: SandboxProject, role_id: str, shape: Shape, base_url: str
) -> dict[str, Any]:
    name, description, _ = find_role(role_id)
    return {
        "self": f"{api_base(base_url, shape)}/project/{project.key}/role/{role_id}",
        "name": name,
        "id": int(role_id),
        "description": description,
        "actors": [actor_json(world, a, shape, base_url) for a in actors(world, project, role_id)],
    }


def roles_map(project: SandboxProject, shape: Shape, base_url: str) -> dict[str, str]:
    api = api_base(base_url, shape)
    return {name: f"{api}/project/{project.key}/role/{rid}" for rid, (name, _, _) in ROLES.items()}
