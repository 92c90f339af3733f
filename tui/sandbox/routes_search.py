"""Issue search: `GET|POST /rest/api/{version}/search` and Cloud's `GET|POST .../search/jql`.

- `/search` (v2, `latest`, 2.0.alpha1): `jql`, `startAt`, `maxResults` (default 50, capped at
  100), `fields`, `expand`; answers `startAt, maxResults, total, issues`. On v3 it answers
  410 Gone pointing to `/search/jql`, as Cloud has since 2025.
- `/search/jql` (v3 and v2, as the `jira` library expects on Cloud): `nextPageToken` and
  `isLast`, no total; the token is opaque (an offset bound to the query), and an unbounded
  query (no restriction, e.g. only ORDER BY) is refused, as on Cloud. Its default `fields` is
  `id` only.
- Bad JQL: 400 `{"errorMessages": [...], "errors": {}}` with the JQL engine's (Jira's) wording.

The filtered, sorted list is cached per (jql, world.version, viewer), so paging through 100,000
issues runs the query once; pages concatenate to the whole ordered list (no gaps, no repeats)
while the world does not change. Each issue's JSON is encoded once per world version, shape,
viewer, fields and expand (`shapes.issue_fragments`) and a page joins the kept bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

import msgspec
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.app import Sandbox
from tui.sandbox.http import (
    JiraHTTPError,
    JiraJSONResponse,
    api_shape,
    current_user,
    json_body,
    query_int,
    query_list,
    sandbox_of,
)
from tui.sandbox.jql import JqlError, compile_jql
from tui.sandbox.shapes import FIELD_BY_ID, issue_fragments, make_out, resolve_fields
from tui.sandbox.world import SandboxIssue, SandboxUser

MAX_RESULTS = 100
DEFAULT_RESULTS = 50
CACHE_SIZE = 16
GONE = (
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
    "A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"
)
UNBOUNDED = "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
BAD_TOKEN = "The provided next page token is invalid or expired."


class SearchCache:
    """The last few result lists, keyed by (jql, world version, viewer).

    A query that reads the clock (`updated >= -1d`, `startOfDay()`) is also keyed by the minute,
    so its answer moves with time while the pages of one listing stay consistent.
    """

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[str, int, str], list[SandboxIssue]] = OrderedDict()

    def results(self, sandbox: Sandbox, jql: str, viewer: SandboxUser) -> list[SandboxIssue]:
        world = sandbox.world
        now = datetime.now(UTC)
        key = (jql, world.version, viewer.account_id)
        found = self.entries.get(key)
        if found is None:
            key = (jql, world.version, f"{viewer.account_id}@{int(now.timestamp() // 60)}")
            found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            return found
        try:
            query = compile_jql(jql, world, current_user=viewer.account_id, now=now)
        except JqlError as exc:
            raise JiraHTTPError(400, exc.messages) from exc
        if not query.time_dependent:
            key = (jql, world.version, viewer.account_id)
        found = query.filter_sorted(world.issues.values())
        self.entries[key] = found
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return found


def search_cache(sandbox: Sandbox) -> SearchCache:
    cache = sandbox.runtime.get("search")
    if not isinstance(cache, SearchCache):
        cache = sandbox.runtime["search"] = SearchCache()
    return cache


def _as_list(value: Any, name: str) -> list[str] | None:
    """A body's list parameter: a JSON list of strings or one comma-separated string."""
    if value is None:
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [part.strip() for item in value for part in item.split(",") if part.strip()]
    raise JiraHTTPError(400, f"The '{name}' parameter must be a list of strings.")


def _as_int(value: Any, name: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise JiraHTTPError(400, f"The '{name}' parameter must be an integer.")
    return max(0, value)


async def _params(request: Request) -> dict[str, Any]:
    """jql, startAt, maxResults, fields, expand, nextPageToken from the query or the body."""
    if request.method == "POST":
        body = await json_body(request)
        if not isinstance(body, dict):
            raise JiraHTTPError(400, "Expected a JSON object describing the search.")
        jql = body.get("jql", "")
        token = body.get("nextPageToken")
        if not isinstance(jql, str) or (token is not None and not isinstance(token, str)):
            raise JiraHTTPError(400, "The 'jql' and 'nextPageToken' parameters must be strings.")
        return {
            "jql": jql,
            "startAt": _as_int(body.get("startAt"), "startAt", 0),
            "maxResults": _as_int(body.get("maxResults"), "maxResults", DEFAULT_RESULTS),
            "fields": _as_list(body.get("fields"), "fields"),
            "expand": _as_list(body.get("expand"), "expand") or [],
            "nextPageToken": token,
        }
    return {
        "jql": request.query_params.get("jql", ""),
        "startAt": query_int(request, "startAt", 0),
        "maxResults": query_int(request, "maxResults", DEFAULT_RESULTS),
        "fields": query_list(request, "fields"),
        "expand": query_list(request, "expand") or [],
        "nextPageToken": request.query_params.get("nextPageToken"),
    }


def _issues(request: Request, page: list[SandboxIssue], fields: list[str] | None, expand: set[str]) -> list[msgspec.Raw]:
    """The page's issues as encoded JSON, each built once while the world is unchanged."""
    sandbox = sandbox_of(request)
    out = make_out(sandbox, api_shape(request), current_user(request))
    return issue_fragments(out, page, fields=fields, expand=expand - {"names", "schema"})


def _names_and_schema(body: dict[str, Any], fields: list[str] | None, expand: set[str], shape: str) -> None:
    ids = [field_id for field_id in resolve_fields(fields) if field_id in FIELD_BY_ID]
    if "names" in expand:
        body["names"] = {field_id: FIELD_BY_ID[field_id].display_name(shape) for field_id in ids}
    if "schema" in expand:
        body["schema"] = {field_id: FIELD_BY_ID[field_id].schema() for field_id in ids}


async def search(request: Request) -> Response:
    shape = api_shape(request)
    if shape == "3":
        raise JiraHTTPError(410, GONE)
    params = await _params(request)
    sandbox, viewer = sandbox_of(request), current_user(request)
    found = search_cache(sandbox).results(sandbox, params["jql"], viewer)
    start, size = params["startAt"], min(params["maxResults"], MAX_RESULTS)
    expand = set(params["expand"])
    body: dict[str, Any] = {
        "expand": "schema,names",
        "startAt": start,
        "maxResults": size,
        "total": len(found),
        "issues": _issues(request, found[start : start + size], params["fields"], expand),
    }
    if shape != "2.0.alpha1":
        _names_and_schema(body, params["fields"], expand, shape)
    else:
        del body["expand"]
    return JiraJSONResponse(body)


def _token_hash(jql: str, viewer: SandboxUser) -> str:
    return hashlib.sha256(f"{viewer.account_id}\n{jql}".encode()).hexdigest()[:12]


def encode_token(offset: int, jql: str, viewer: SandboxUser) -> str:
    raw = json.dumps({"o": offset, "q": _token_hash(jql, viewer)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, jql: str, viewer: SandboxUser) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = data["o"]
        if data["q"] != _token_hash(jql, viewer) or not isinstance(offset, int) or offset < 0:
            raise ValueError(token)
    except (ValueError, KeyError, TypeError) as exc:
        raise JiraHTTPError(400, BAD_TOKEN) from exc
    return offset


def _unbounded(jql: str) -> bool:
    text = " ".join(jql.split()).lower()
    return not text or text.startswith("order by")


async def search_jql(request: Request) -> Response:
    shape = api_shape(request)
    if shape == "2.0.alpha1":
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    params = await _params(request)
    sandbox, viewer = sandbox_of(request), current_user(request)
    jql: str = params["jql"]
    if _unbounded(jql):
        raise JiraHTTPError(400, UNBOUNDED)
    found = search_cache(sandbox).results(sandbox, jql, viewer)
    token = params["nextPageToken"]
    start = decode_token(token, jql, viewer) if token else 0
    size = max(1, min(params["maxResults"], MAX_RESULTS))  # a page of 0 would never advance
    fields = params["fields"] if params["fields"] is not None else ["id"]
    expand = set(params["expand"])
    page = found[start : start + size]
    body: dict[str, Any] = {"issues": _issues(request, page, fields, expand)}
    end = start + len(page)
    body["isLast"] = end >= len(found)
    if not body["isLast"]:
        body["nextPageToken"] = encode_token(end, jql, viewer)
    _names_and_schema(body, fields, expand, shape)
    return JiraJSONResponse(body)


def routes() -> list[BaseRoute]:
    api = "/rest/api/{version}"
    return [
        Route(f"{api}/search", search, methods=["GET", "POST"]),
        Route(f"{api}/search/jql", search_jql, methods=["GET", "POST"]),
    ]
