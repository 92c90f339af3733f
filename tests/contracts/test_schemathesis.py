"""A property-based API test over the OpenAPI subsets in `tests/contracts/` (what schemathesis
does, with hypothesis and openapi-core, which the suite already has): every GET operation of the
Cloud v3 and the Data Center 10.3 documents, and the safe POSTs (search), is called on the
in-process sandbox with parameters drawn from each parameter's schema and from the seeded world
(real keys and ids mixed with junk). No answer may be a 5xx, and every answer must conform to
the document (its status listed, its body valid). Operations the sandbox does not serve (its
"null for uri" 404) are skipped and counted. Seeded, bounded: a few examples per operation.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from contract_helpers import ContractError, Contracts, spec_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.sandbox.app import SandboxConfig, create_app

BASE = "http://sandbox.invalid"
ALICE = ("alice@example.com", "sandbox-token")
APP = create_app(SandboxConfig(issues=40, users=10, projects=3, seed=11, skills=0, base_url=BASE))
WORLD = APP.state.sandbox.world
PREFIX = {"cloud": "", "dc": "/rest"}
SAFE_POSTS = {("cloud", "/rest/api/3/search/jql"), ("dc", "/api/2/search"), ("cloud", "/rest/api/3/search")}
EXAMPLES = settings(
    max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def _operations() -> list[tuple[str, str, str]]:
    found = []
    for spec in ("cloud", "dc"):
        for path, item in spec_dict(spec).get("paths", {}).items():  # type: ignore[arg-type]
            for method in item:
                if method == "get" or (method == "post" and (spec, path) in SAFE_POSTS):
                    if "/attachment/content" in path or "/attachment/thumbnail" in path:
                        continue  # binary bodies: nothing to validate
                    found.append((spec, method, path))
    return found


OPERATIONS = _operations()
_issue = next(iter(WORLD.issues.values()))
_project = next(iter(WORLD.projects.values()))
REAL: list[str] = [
    _issue.key, _issue.id, _project.key, str(getattr(_project, "id", "10000")),
    *(c.id for c in _issue.comments[:1]), *(w.id for w in _issue.worklogs[:1]),
    *list(WORLD.link_types)[:1], *list(WORLD.priorities)[:1], *list(WORLD.statuses)[:1],
    *list(WORLD.filters)[:1], *list(WORLD.links)[:1], *list(WORLD.issue_types)[:1],
    "10000", "1", "0", "-1",
]
junk = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)


def _resolve(spec: str, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec_dict(spec)  # type: ignore[arg-type]
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _value(spec: str, schema: dict[str, Any]) -> st.SearchStrategy[str]:
    schema = _resolve(spec, schema or {})
    if "enum" in schema:
        return st.sampled_from([str(v) for v in schema["enum"]])
    kind = schema.get("type")
    if kind == "integer":
        return st.integers(-3, 120).map(str)
    if kind == "boolean":
        return st.sampled_from(["true", "false"])
    if kind == "array":
        return st.lists(_value(spec, schema.get("items", {})), max_size=3).map(",".join)
    return st.sampled_from(REAL) | junk | st.just("")


@st.composite
def requests(draw: st.DrawFn, spec: str, method: str, path: str) -> httpx.Request:
    item = _resolve(spec, spec_dict(spec)["paths"][path])  # type: ignore[arg-type]
    parameters = [_resolve(spec, p) for p in item.get("parameters", []) + item[method].get("parameters", [])]
    url = PREFIX[spec] + path
    params: list[tuple[str, str]] = []
    for p in parameters:
        if p["in"] == "path":
            value = draw(st.sampled_from(REAL) | junk.filter(lambda s: "/" not in s and s not in ".."))
            url = url.replace("{" + p["name"] + "}", _quote(value))
        elif p["in"] == "query" and (p.get("required") or draw(st.booleans())):
            params.append((p["name"], draw(_value(spec, p.get("schema", {})))))
    body = None
    if method == "post":
        jql = draw(st.sampled_from([f"project = {_project.key}", "ORDER BY key", "assignee = currentUser()"]) | junk)
        fields = {"jql": jql, "maxResults": draw(st.integers(0, 60))}
        if path.endswith("/jql"):
            fields["fields"] = ["summary", "status"]
        else:
            fields["startAt"] = draw(st.integers(0, 50))
        body = json.dumps(fields).encode()
    return httpx.Request(
        method.upper(), BASE + url, params=params, content=body,
        headers={"Content-Type": "application/json"} if body else {},
    )


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


async def _send(request: httpx.Request) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=APP), auth=ALICE) as client:
        response = await client.send(request)
        await response.aread()
        return response


NOT_SERVED: set[str] = set()
# Answers that break the document in ways found by this test and reported (docs/RELIABILITY.md);
# each is allowed only with the error it was reported with, so anything new still fails.
KNOWN: dict[tuple[str, str, str], str] = {
    # Jira writes offsets as +0000; the Cloud document says RFC 3339 date-time (+00:00)
    ("cloud", "get", "/rest/api/3/issue/{issueIdOrKey}/changelog"): "is not a 'date-time'",
    # DC versions carry plain dates (2026-09-17) where the DC document says date-time
    ("dc", "get", "/api/2/project/{projectIdOrKey}/versions"): "is not a 'date-time'",
    # DC autocompletedata lists field objects where the DC document says strings
    ("dc", "get", "/api/2/jql/autocompletedata"): "is not of type 'string'",
    # the sandbox's DC notification scheme events: notifications shaped unlike the document
    ("dc", "get", "/api/2/project/{projectKeyOrId}/notificationscheme"): "is not of type 'object'",
}
# Cloud removed GET/POST /rest/api/3/search (410 Gone, as the real Cloud answers); the subset
# still documents them.
GONE = {("cloud", "get", "/rest/api/3/search"), ("cloud", "post", "/rest/api/3/search")}


def _jira_error_body(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and (
        isinstance(body.get("errorMessages"), list) or isinstance(body.get("errors"), dict)
    )


@pytest.fixture(scope="module")
def contracts_() -> Contracts:
    return Contracts()


@pytest.mark.parametrize(("spec", "method", "path"), OPERATIONS, ids=[f"{s}:{m}:{p}" for s, m, p in OPERATIONS])
def test_operation_answers_conform(spec: str, method: str, path: str, contracts_: Contracts) -> None:
    seen: list[int] = []

    @EXAMPLES
    @given(requests(spec, method, path))
    def run(request: httpx.Request) -> None:
        response = asyncio.run(_send(request))
        seen.append(response.status_code)
        assert response.status_code < 500, f"{request.method} {request.url} -> {response.status_code}: {response.text[:300]}"
        if response.status_code == 404 and b"null for uri" in response.content:
            NOT_SERVED.add(f"{spec} {method} {path}")
            return
        if (spec, method, path) in GONE:
            assert response.status_code == 410 and _jira_error_body(response)
            return
        try:
            contracts_.check(response)
        except ContractError as error:
            text = str(error)
            if "Unknown response http status" in text and response.status_code in (400, 404):
                # junk parameters refused the way Jira refuses them, with its error body, even
                # where the document lists no such status (negative examples)
                assert _jira_error_body(response), f"{request.url}: {response.status_code} {response.text[:200]}"
                return
            known = KNOWN.get((spec, method, path))
            if known is not None and known in text:
                return
            raise AssertionError(f"{request.url}: {error}") from None

    run()
    if all(s == 404 for s in seen) and f"{spec} {method} {path}" in NOT_SERVED:
        pytest.skip("the sandbox does not serve this operation")
