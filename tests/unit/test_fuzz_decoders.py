"""Every API response decoder, fed what a broken or hostile server might send: real answers with
fields removed or of the wrong type, schema-invalid JSON, HTML, empty bodies, and a 50 MB body.

A decoder either returns its model or raises one of the errors the store's `Http` turns into a
`ServerError` with a readable message (msgspec's DecodeError / ValidationError, ValueError,
TypeError); nothing else may escape, since anything else would crash the screen that asked.
The samples are the sandbox's real answers for the three API shapes (v3, v2, 2.0.alpha1) and the
projects API; hypothesis mutates them (seeded, bounded example counts).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import tracemalloc
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.api.call import Call
from tui.api.jira import JiraApi
from tui.api.projects import ProjectsApi
from tui.sandbox.app import SandboxConfig, create_app
from tui.store.counters import Counters
from tui.store.errors import ServerError, StoreError
from tui.store.http import Http, RetryPolicy

BASE = "http://sandbox.invalid"
AUTH = ("alice@example.com", "sandbox-token")
HANDLED = (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError)
FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _calls(shape: str, key: str, project: str) -> dict[str, Call[Any]]:
    api = JiraApi(BASE, shape)  # type: ignore[arg-type]
    calls: dict[str, Call[Any]] = {
        "serverInfo": api.server_info(),
        "myself": api.myself(),
        "issue": api.issue(key),
        "transitions": api.transitions(key),
        "search": api.search_offset(f"project = {project}", 0, 5),
    }
    if shape != "2.0.alpha1":
        projects = ProjectsApi(api)
        calls |= {
            "users": api.users("a"),
            "assignable": api.assignable_users(key),
            "priorities": api.priorities(),
            "linktypes": api.link_types(),
            "createmeta": api.projects_for_create(),
            "filters": api.favourite_filters(),
            "autocomplete": api.jql_autocomplete(),
            "suggestions": api.jql_suggestions("project", ""),
            "project": projects.project(project),
            "components": projects.components(project),
            "versions": projects.versions(project),
            "statuses": projects.statuses(project),
            "role": projects.role(project, "10002"),
        }
    if shape == "3":
        calls["search/jql"] = api.search_token(f"project = {project}", None, 0, 5)
    return calls


async def _samples() -> list[tuple[str, Call[Any], bytes]]:
    app = create_app(SandboxConfig(issues=12, users=6, projects=2, seed=3, skills=0, base_url=BASE))
    world = app.state.sandbox.world
    key = next(iter(world.issues))
    project = key.split("-")[0]
    found = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, auth=AUTH) as client:
        for shape in ("3", "2", "2.0.alpha1"):
            for name, call in _calls(shape, key, project).items():
                response = await client.request(
                    call.method, call.path, params=call.params or None, content=call.body,
                    headers={"Content-Type": "application/json"},
                )
                if response.status_code == 200:
                    found.append((f"{shape} {name}", call, response.content))
    return found


SAMPLES = asyncio.run(_samples())
NAMES = [name for name, _, _ in SAMPLES]


def test_the_samples_decode_as_they_are() -> None:
    assert len(SAMPLES) >= 30, NAMES
    for name, call, body in SAMPLES:
        assert call.decode(body) is not None or name.endswith("myself"), name


def _decode_or_handled(call: Call[Any], body: bytes) -> None:
    with contextlib.suppress(*HANDLED):
        call.decode(body)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
wrong_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.just([]), st.just({}), st.lists(st.integers(), max_size=3), st.just("2026-13-45T99:99:99"),
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:3]):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(data: st.DataObject, doc: Any) -> Any:
    """Remove fields, or give them values of the wrong type, at a few random places."""
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            return data.draw(wrong_values)
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(wrong_values)
    return doc


@FUZZ
@given(st.sampled_from(range(len(SAMPLES))), st.data())
def test_real_answers_with_missing_fields_and_wrong_types(index: int, data: st.DataObject) -> None:
    _, call, body = SAMPLES[index]
    mutated = _mutate(data, json.loads(body))
    _decode_or_handled(call, json.dumps(mutated).encode())


@FUZZ
@given(st.sampled_from(range(len(SAMPLES))), json_values)
def test_schema_invalid_json(index: int, value: Any) -> None:
    _, call, _ = SAMPLES[index]
    _decode_or_handled(call, json.dumps(value).encode())


@FUZZ
@given(st.sampled_from(range(len(SAMPLES))), st.binary(max_size=200), st.integers(0, 400))
def test_bytes_cut_short_or_garbage(index: int, garbage: bytes, cut: int) -> None:
    _, call, body = SAMPLES[index]
    _decode_or_handled(call, body[:cut])
    _decode_or_handled(call, garbage)


# --- through the store's Http: a clear ServerError, never a crash -------------------------


def _http(body: bytes, content_type: str = "application/json") -> Http:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": content_type}, content=body)

    client = httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url=BASE)

    async def no_sleep(_: float) -> None:
        return None

    return Http(client, Counters(), policy=RetryPolicy(retries=1), sleep=no_sleep)


HOSTILE: dict[str, tuple[bytes, str]] = {
    "html login page": (b"<!DOCTYPE html><html><body><form>Log in</form></body></html>", "text/html"),
    "html as json": (b"<html><body>Proxy error</body></html>", "application/json"),
    "empty": (b"", "application/json"),
    "null": (b"null", "application/json"),
    "a number": (b"42", "application/json"),
    "deeply nested": (b"[" * 5000 + b"]" * 5000, "application/json"),
}


@pytest.mark.parametrize("name", NAMES[::3])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
async def test_hostile_bodies_are_a_clear_server_error(name: str, kind: str) -> None:
    call = next(c for n, c, _ in SAMPLES if n == name)
    body, content_type = HOSTILE[kind]
    http = _http(body, content_type)
    try:
        await http.run(call)
    except StoreError as error:
        assert isinstance(error, ServerError), type(error)
        assert error.message and len(error.message) < 500
    finally:
        await http.client.aclose()


def _big(make: Callable[[int], bytes]) -> bytes:
    return make(50 * 1024 * 1024)


@pytest.mark.parametrize(
    "kind",
    ["one huge string", "a huge array of the wrong type", "not json at all"],
)
async def test_a_50_mb_body_is_refused_with_bounded_memory(kind: str) -> None:
    makers: dict[str, Callable[[int], bytes]] = {
        "one huge string": lambda n: b'{"summary": "' + b"x" * n + b'"}',
        "a huge array of the wrong type": lambda n: b"[" + b"1," * (n // 2) + b"1]",
        "not json at all": lambda n: b"\x00garbage" * (n // 8),
    }
    body = _big(makers[kind])
    call = next(c for n, c, _ in SAMPLES if n == "2 issue")
    http = _http(body)
    tracemalloc.start()
    try:
        with pytest.raises(ServerError) as refused:
            await http.run(call)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        await http.client.aclose()
    assert peak < 4 * len(body), f"peak {peak / 2**20:.0f} MiB for a {len(body) / 2**20:.0f} MiB body"
    assert "not what" in refused.value.message or "cut short" in refused.value.message or refused.value.message
    assert len(refused.value.message) < 500  # the body is never quoted whole
