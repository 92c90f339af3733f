"""JQL reference data, value suggestions and query parsing under `/rest/api/{3,2}/jql/...`.

- `GET|POST jql/autocompletedata`: the fields the sandbox's JQL knows (operators, Java types,
  orderable), its functions and Jira's reserved words (`JQLReferenceData`).
- `GET jql/autocompletedata/suggestions?fieldName=&fieldValue=`: values from the world —
  projects, statuses, status categories, priorities, resolutions, issue types, users,
  labels, components and versions — matching `fieldValue` anywhere (case-insensitive), the
  match in `<b>` as Jira marks it, at most 15 as Jira returns. `predicateName=by` suggests users.
- `POST jql/parse?validation=strict|warn|none`: each query's structure, errors and warnings.

The legacy 2.0.alpha1 API has none of these (404).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.app import Sandbox
from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, api_shape, json_body, sandbox_of
from tui.sandbox.jql import analyse_jql
from tui.sandbox.jql.fields import FIELDS, FUNCTIONS, field_named
from tui.sandbox.jql.lookups import STATUS_CATEGORIES
from tui.sandbox.jql.parser import RESERVED_WORDS
from tui.sandbox.world import SandboxUser, World

SUGGESTION_LIMIT = 15
_VALIDATIONS = ("strict", "warn", "none")


def _modern_shape(request: Request) -> str:
    shape = api_shape(request)
    if shape == "2.0.alpha1":
        raise JiraHTTPError(404, f"null for uri: {request.url}")
    return shape


def reference_data() -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    for field in FIELDS:
        for name in (field.name, *field.aliases):
            fields.append(
                {
                    "value": name,
                    "displayName": name,
                    "orderable": "true" if field.orderable else "false",
                    "searchable": "true",
                    "auto": "true" if field.auto else "false",
                    "operators": list(field.operators),
                    "types": [field.java_type],
                }
            )
    functions: list[dict[str, Any]] = []
    for function in FUNCTIONS:
        entry: dict[str, Any] = {
            "value": f"{function.name}()",
            "displayName": f"{function.name}()",
            "types": [function.java_type],
        }
        if function.is_list:
            entry["isList"] = "true"
        functions.append(entry)
    return {
        "visibleFieldNames": fields,
        "visibleFunctionNames": functions,
        "jqlReservedWords": sorted(RESERVED_WORDS),
    }


async def autocomplete_data(request: Request) -> Response:
    _modern_shape(request)
    if request.method == "POST":
        body = await json_body(request)
        if body is not None and not isinstance(body, dict):
            raise JiraHTTPError(400, "The request body must be a JSON object.")
        project_ids = (body or {}).get("projectIds", [])
        if not isinstance(project_ids, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in project_ids
        ):
            raise JiraHTTPError(400, "The 'projectIds' must be a list of project IDs.")
    # The sandbox has no custom fields, so `projectIds` and collapsed fields change nothing.
    return JiraJSONResponse(reference_data())


def _highlight(text: str, typed: str) -> str:
    """`text` as HTML, with the first case-insensitive occurrence of `typed` in bold."""
    if not typed:
        return html.escape(text)
    at = text.lower().find(typed.lower())
    if at < 0:
        return html.escape(text)
    end = at + len(typed)
    return (
        html.escape(text[:at])
        + "<b>"
        + html.escape(text[at:end])
        + "</b>"
        + html.escape(text[end:])
    )


def _user_candidates(sandbox: Sandbox, shape: str) -> list[tuple[str, str, str]]:
    """(value, shown, searched) for every active user: Cloud suggests account ids."""
    found: list[tuple[str, str, str]] = []
    for user in sandbox.world.users.values():
        if not user.active:
            continue
        value = user.account_id if shape == "3" else user.name
        found.append((value, user.display_name, f"{user.display_name} {user.name} {user.email}"))
    return found


_LABELS: dict[int, tuple[World, int, list[str]]] = {}  # id(world) -> (world, version, labels)


def _labels(world: World) -> list[str]:
    """Every label in use, rescanned only when the world's version moves."""
    cached = _LABELS.get(id(world))
    if cached is not None and cached[0] is world and cached[1] == world.version:
        return cached[2]
    labels = sorted({label for issue in world.issues.values() for label in issue.labels})
    _LABELS.clear()  # one sandbox at a time is enough to remember
    _LABELS[id(world)] = (world, world.version, labels)
    return labels


def _candidates(sandbox: Sandbox, shape: str, field: str) -> list[tuple[str, str, str]]:
    """(value to put in the query, what to show, what `fieldValue` is matched against)."""
    world = sandbox.world
    visible = [p for p in world.projects.values() if not (p.archived or p.deleted)]

    def named(names: list[str]) -> list[tuple[str, str, str]]:
        unique = list(dict.fromkeys(names))
        return [(n, n, n) for n in unique]

    if field == "project":
        return [(p.name, f"{p.name} ({p.key})", f"{p.name} ({p.key})") for p in visible]
    if field == "status":
        return named([s.name for s in world.statuses.values()])
    if field == "statusCategory":
        return named([name for _, _, name in STATUS_CATEGORIES])
    if field == "priority":
        return named([p.name for p in world.priorities.values()])
    if field == "resolution":
        return named([r.name for r in world.resolutions.values()])
    if field == "issuetype":
        return named([t.name for t in world.issue_types.values()])
    if field in ("assignee", "reporter", "watcher", "voter"):
        return _user_candidates(sandbox, shape)
    if field == "labels":
        return named(_labels(world))
    if field == "component":
        return named([c.name for p in visible for c in p.components])
    if field == "fixVersion":
        return named([v.name for p in visible for v in p.versions])
    return []


async def suggestions(request: Request) -> Response:
    shape = _modern_shape(request)
    sandbox = sandbox_of(request)
    params = request.query_params
    field_name = params.get("fieldName", "")
    predicate = params.get("predicateName")
    typed = params.get("fieldValue", "")
    if predicate is not None:
        if predicate.lower() not in ("by", "from", "to"):
            raise JiraHTTPError(400, f"The predicate '{predicate}' is not supported.")
        typed = params.get("predicateValue", "")
    field = field_named(field_name)
    if field is None:
        return JiraJSONResponse({"results": []})
    target = "assignee" if predicate is not None and predicate.lower() == "by" else field.name
    results: list[dict[str, str]] = []
    needle = typed.lower()
    for value, shown, searched in _candidates(sandbox, shape, target):
        if needle and needle not in searched.lower():
            continue
        results.append({"value": value, "displayName": _highlight(shown, typed)})
        if len(results) >= SUGGESTION_LIMIT:
            break
    return JiraJSONResponse({"results": results})


def _viewer(request: Request) -> SandboxUser | None:
    user: SandboxUser | None = getattr(request.state, "user", None)
    return user


async def parse(request: Request) -> Response:
    _modern_shape(request)
    sandbox = sandbox_of(request)
    validation = request.query_params.get("validation", "strict")
    if validation not in _VALIDATIONS:
        raise JiraHTTPError(
            400,
            f"The value '{validation}' is not valid for 'validation'. "
            "Valid values: strict, warn, none.",
        )
    body = await json_body(request)
    queries = body.get("queries") if isinstance(body, dict) else None
    if not isinstance(queries, list) or not queries:
        raise JiraHTTPError(400, "The 'queries' field must be a non-empty list of JQL queries.")
    if not all(isinstance(q, str) and q for q in queries):
        raise JiraHTTPError(400, "Every query must be a non-empty string.")
    viewer = _viewer(request)
    now = datetime.now(UTC)
    parsed: list[dict[str, Any]] = []
    for text in queries:
        analysis = analyse_jql(
            text, sandbox.world, current_user=viewer.account_id if viewer else None, now=now
        )
        entry: dict[str, Any] = {"query": text}
        if analysis.query is None:  # a syntax error: there is no structure to show
            entry["errors"] = analysis.errors
            parsed.append(entry)
            continue
        errors = analysis.errors if validation != "none" else []
        warnings = analysis.warnings if validation != "none" else []
        if not errors or validation != "strict":
            entry["structure"] = analysis.compiled.structure() if analysis.compiled else {}
        if errors:
            entry["errors"] = errors
        if warnings:
            entry["warnings"] = warnings
        parsed.append(entry)
    return JiraJSONResponse({"queries": parsed})


def routes() -> list[BaseRoute]:
    api = "/rest/api/{version}/jql"
    return [
        Route(f"{api}/autocompletedata", autocomplete_data, methods=["GET", "POST"]),
        Route(f"{api}/autocompletedata/suggestions", suggestions, methods=["GET"]),
        Route(f"{api}/parse", parse, methods=["POST"]),
    ]
