"""The small objects every issue shape embeds: users, statuses, priorities, types, projects.

Owns the three API shapes' names (`Shape`), their URL bases, Jira's time and duration formats,
and the JSON of the referenced objects an issue's fields carry. `Out` bundles what every builder
needs (the world, the API base URL, the shape, the viewer) so a search page builds it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import quote

from tui.sandbox.world import (
    IssueTypeDef,
    NamedDef,
    SandboxComponent,
    SandboxProject,
    SandboxUser,
    SandboxVersion,
    StatusDef,
    World,
)

Shape = Literal["3", "2", "2.0.alpha1"]
LEGACY: Shape = "2.0.alpha1"

_API_PATHS: dict[str, str] = {"3": "/rest/api/3", "2": "/rest/api/2", LEGACY: "/rest/api/2.0.alpha1"}

# Jira's status categories: id, key, name, colour (the ids are Jira's own).
_CATEGORIES: dict[str, tuple[int, str, str, str]] = {
    "undefined": (1, "undefined", "No Category", "medium-gray"),
    "new": (2, "new", "To Do", "blue-gray"),
    "done": (3, "done", "Done", "green"),
    "indeterminate": (4, "indeterminate", "In Progress", "yellow"),
}


def api_base(base_url: str, shape: Shape) -> str:
    """`http://host/rest/api/3` for a site root and a shape."""
    return base_url.rstrip("/") + _API_PATHS[shape]


@dataclass(slots=True)
class Fragments:
    """Search's issues already encoded, by (field ids, expand) then issue key, and their bytes
    in all (see `shapes.issue_fragments`)."""

    by_variant: dict[tuple[tuple[str, ...], frozenset[str]], dict[str, bytes]] = field(default_factory=dict)
    size: int = 0

    def clear(self) -> None:
        self.by_variant.clear()
        self.size = 0


@dataclass(frozen=True)
class Out:
    """Everything a JSON builder needs, built once per request (or reused for a page: see
    `shapes.make_out`). `memo` keeps the referenced objects' JSON (users, statuses, ...) so a
    page of issues builds each once; the dicts are shared, so callers must not mutate them.
    `fragments` keeps search's issues already encoded, valid as long as the `Out` (the world's
    version)."""

    world: World
    root: str  # the site's base URL, no trailing slash
    shape: Shape
    viewer: SandboxUser
    memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)
    fragments: Fragments = field(default_factory=lambda: Fragments(), compare=False, repr=False)

    @property
    def api(self) -> str:
        return self.root + _API_PATHS[self.shape]

    @property
    def v3(self) -> bool:
        return self.shape == "3"

    @property
    def legacy(self) -> bool:
        return self.shape == LEGACY

    def ref(self, kind: str, key: str | None, build: Callable[[], dict[str, Any] | None]) -> Any:
        """The JSON of a referenced object, built once per `Out`."""
        if key is None:
            return None
        memo_key = (kind, key)
        if memo_key not in self.memo:
            self.memo[memo_key] = build()
        return self.memo[memo_key]

    def user(self, account_id: str | None) -> dict[str, Any] | None:
        def build() -> dict[str, Any] | None:
            found = self.world.users.get(account_id) if account_id else None
            return user_json(found, self.shape, base_url=self.root) if found is not None else None

        result: dict[str, Any] | None = self.ref("user", account_id, build)
        return result


# --- times and durations ------------------------------------------------------------------


def jira_time(value: datetime) -> str:
    """Jira's timestamp format: `2021-01-17T12:34:00.000+0000` (naive values are UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    text = value.isoformat(timespec="milliseconds")  # ...+00:00; much faster than strftime
    return text[:-3] + text[-2:]


def jira_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def rendered_time(value: datetime) -> str:
    """How `renderedFields` shows a timestamp: `17/Jan/21 12:34 PM`."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.strftime("%d/%b/%y %I:%M %p")


_TIME_PATTERNS = (
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S",
)


def parse_jira_time(text: str) -> datetime:
    """Parse Jira's `started` format (and plain ISO 8601); raises ValueError otherwise."""
    for pattern in _TIME_PATTERNS:
        try:
            parsed = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


# Jira's default time tracking: 8-hour days, 5-day weeks.
_UNIT_SECONDS = {"w": 5 * 8 * 3600, "d": 8 * 3600, "h": 3600, "m": 60}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhm])", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """`"1h 30m"` -> 5400 seconds; a bare number counts minutes, as Jira does."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("empty duration")
    if cleaned.isdigit():
        return int(cleaned) * 60
    total = 0.0
    position = 0
    for match in _DURATION_PART.finditer(cleaned):
        if cleaned[position : match.start()].strip():
            raise ValueError(f"invalid duration: {text!r}")
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        position = match.end()
    if position == 0 or cleaned[position:].strip():
        raise ValueError(f"invalid duration: {text!r}")
    return int(total)


def format_duration(seconds: int) -> str:
    """5400 -> `"1h 30m"`, with Jira's 8-hour days and 5-day weeks; 0 -> `"0m"`."""
    if seconds <= 0:
        return "0m"
    parts = []
    remaining = seconds
    for unit in ("w", "d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts) if parts else "0m"


# --- referenced objects -------------------------------------------------------------------


def avatar_urls(base_url: str, owner: str) -> dict[str, str]:
    root = base_url.rstrip("/")
    owner_q = quote(owner, safe="")
    return {
        f"{size}x{size}": f"{root}/secure/useravatar?size={size}&ownerId={owner_q}"
        for size in (48, 24, 16, 32)
    }


def user_json(user: SandboxUser, shape: Shape, *, base_url: str) -> dict[str, Any]:
    """A user as the shape shows one: accountId on v3, name/key on v2, the short legacy form."""
    api = api_base(base_url, shape)
    if shape == "3":
        return {
            "self": f"{api}/user?accountId={quote(user.account_id, safe='')}",
            "accountId": user.account_id,
            "emailAddress": user.email,
            "avatarUrls": avatar_urls(base_url, user.account_id),
            "displayName": user.display_name,
            "active": user.active,
            "timeZone": user.time_zone,
            "accountType": "atlassian",
        }
    if shape == "2":
        return {
            "self": f"{api}/user?username={quote(user.name, safe='')}",
            "name": user.name,
            "key": user.name,
            "emailAddress": user.email,
            "avatarUrls": avatar_urls(base_url, user.name),
            "displayName": user.display_name,
            "active": user.active,
            "timeZone": user.time_zone,
        }
    return {
        "self": f"{api}/user?username={quote(user.name, safe='')}",
        "name": user.name,
        "displayName": user.display_name,
        "active": user.active,
    }


def status_category_json(category: str, shape: Shape, *, base_url: str) -> dict[str, Any]:
    number, key, name, colour = _CATEGORIES.get(category, _CATEGORIES["undefined"])
    return {
        "self": f"{api_base(base_url, shape)}/statuscategory/{number}",
        "id": number,
        "key": key,
        "colorName": colour,
        "name": name,
    }


def status_json(status: StatusDef, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    if shape == LEGACY:
        return {"self": f"{api}/status/{status.id}", "name": status.name}
    return {
        "self": f"{api}/status/{status.id}",
        "description": "",
        "iconUrl": f"{base_url.rstrip('/')}/images/icons/statuses/generic.png",
        "name": status.name,
        "id": status.id,
        "statusCategory": status_category_json(status.category, shape, base_url=base_url),
    }


def priority_json(priority: NamedDef, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    if shape == LEGACY:
        return {"self": f"{api}/priority/{priority.id}", "name": priority.name}
    icon = f"{base_url.rstrip('/')}/images/icons/priorities/{priority.name.lower()}.svg"
    return {"self": f"{api}/priority/{priority.id}", "iconUrl": icon, "name": priority.name, "id": priority.id}


def resolution_json(resolution: NamedDef, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    if shape == LEGACY:
        return {"self": f"{api}/resolution/{resolution.id}", "name": resolution.name}
    return {
        "self": f"{api}/resolution/{resolution.id}",
        "id": resolution.id,
        "description": resolution.description,
        "name": resolution.name,
    }


def issuetype_json(issuetype: IssueTypeDef, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    if shape == LEGACY:
        return {"self": f"{api}/issueType/{issuetype.id}", "name": issuetype.name, "subtask": issuetype.subtask}
    body: dict[str, Any] = {
        "self": f"{api}/issuetype/{issuetype.id}",
        "id": issuetype.id,
        "description": issuetype.description,
        "iconUrl": f"{base_url.rstrip('/')}/images/icons/issuetypes/{issuetype.name.lower().replace(' ', '-')}.svg",
        "name": issuetype.name,
        "subtask": issuetype.subtask,
    }
    if shape == "3":
        body["hierarchyLevel"] = issuetype.hierarchy_level
    return body


def project_ref_json(project: SandboxProject, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    if shape == LEGACY:
        return {"self": f"{api}/project/{project.key}", "key": project.key, "name": project.name}
    body: dict[str, Any] = {
        "self": f"{api}/project/{project.id}",
        "id": project.id,
        "key": project.key,
        "name": project.name,
        "projectTypeKey": project.type_key,
        "avatarUrls": {
            f"{size}x{size}": f"{base_url.rstrip('/')}/secure/projectavatar?size={size}&pid={project.id}"
            for size in (48, 24, 16, 32)
        },
    }
    if shape == "3":
        body["simplified"] = False
    return body


def component_json(component: SandboxComponent, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    body: dict[str, Any] = {"self": f"{api}/component/{component.id}", "id": component.id, "name": component.name}
    if component.description:
        body["description"] = component.description
    return body


def version_json(version: SandboxVersion, shape: Shape, *, base_url: str) -> dict[str, Any]:
    api = api_base(base_url, shape)
    body: dict[str, Any] = {
        "self": f"{api}/version/{version.id}",
        "id": version.id,
        "name": version.name,
        "description": version.description,
        "archived": version.archived,
        "released": version.released,
    }
    if version.release_date is not None:
        body["releaseDate"] = version.release_date.isoformat()
    return body
