"""Fault injection: 429 with Retry-After, 503, dropped connections (in process and over loopback),
truncated JSON, runtime knobs, determinism under the seed, and `/sandbox/*` left alone."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from sandbox_support import ALICE, LiveSandbox

from tui.sandbox.app import Sandbox


@pytest.mark.sandbox(rate_limit=0.2)  # one request per 5 s: the second comes sooner on any machine
async def test_rate_limit_answers_429_with_retry_after(alice_client: httpx.AsyncClient) -> None:
    assert (await alice_client.get("/rest/api/3/priority")).status_code == 200
    limited = await alice_client.get("/rest/api/3/priority")
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 5
    assert limited.json() == {"errorMessages": ["Rate limit exceeded."], "errors": {}}


@pytest.mark.sandbox(fail_rate=1.0)
async def test_fail_rate_answers_503_with_a_jira_error_body(alice_client: httpx.AsyncClient) -> None:
    response = await alice_client.get("/rest/api/2/myself")
    assert response.status_code == 503
    assert response.json()["errorMessages"]
    assert response.json()["errors"] == {}


@pytest.mark.sandbox(drop_rate=1.0)
async def test_drop_rate_breaks_the_connection_in_process(alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        await alice_client.get("/rest/api/2/myself")
    # the request ran before the reply was lost: a write happened
    before = len(sandbox.world.filters)
    with pytest.raises(httpx.TransportError):
        await alice_client.post("/rest/api/2/filter", json={"name": "Lost reply", "jql": "project = DASH"})
    assert len(sandbox.world.filters) == before + 1


@pytest.mark.sandbox(truncate_rate=1.0)
async def test_truncate_rate_cuts_json_bodies(alice_client: httpx.AsyncClient) -> None:
    response = await alice_client.get("/rest/api/3/field")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


@pytest.mark.sandbox(fail_rate=1.0, drop_rate=1.0, rate_limit=0.001)
async def test_sandbox_paths_are_never_faulted(anon_client: httpx.AsyncClient) -> None:
    for _ in range(3):
        assert (await anon_client.get("/sandbox/profile")).status_code == 200


async def test_faults_are_set_at_runtime(anon_client: httpx.AsyncClient, alice_client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    changed = await anon_client.post("/sandbox/faults", json={"fail_rate": 1, "latency_ms": 0})
    assert changed.json()["fail_rate"] == 1.0
    assert sandbox.config.fail_rate == 1.0
    assert (await alice_client.get("/rest/api/3/myself")).status_code == 503
    sandbox.config.fail_rate = 0.0  # attributes work too
    assert (await alice_client.get("/rest/api/3/myself")).status_code == 200
    bad = await anon_client.post("/sandbox/faults", json={"fail_rate": 2, "nonsense": 1})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"fail_rate", "nonsense"}


async def _statuses(client: httpx.AsyncClient, n: int) -> list[int]:
    return [(await client.get("/rest/api/3/priority")).status_code for _ in range(n)]


@pytest.mark.sandbox(fail_rate=0.5, seed=7)
async def test_faults_repeat_under_the_same_seed(alice_client: httpx.AsyncClient, anon_client: httpx.AsyncClient) -> None:
    first = await _statuses(alice_client, 20)
    assert {200, 503} <= set(first)
    await anon_client.post("/sandbox/faults", json={"seed": 7})  # restart the fault sequence
    assert await _statuses(alice_client, 20) == first


@pytest.fixture
def faulty_live(live_sandbox: LiveSandbox) -> Iterator[LiveSandbox]:
    """The shared loopback sandbox with its knobs restored afterwards."""
    before = live_sandbox.sandbox.faults.settings()
    yield live_sandbox
    live_sandbox.sandbox.faults.update(before)


async def test_drop_rate_disconnects_a_real_client(faulty_live: LiveSandbox) -> None:
    faulty_live.sandbox.config.drop_rate = 1.0
    async with httpx.AsyncClient(base_url=faulty_live.base_url, auth=ALICE) as client:
        with pytest.raises(httpx.TransportError):
            await client.get("/rest/api/2/myself")
        faulty_live.sandbox.config.drop_rate = 0.0
        assert (await client.get("/rest/api/2/myself")).status_code == 200


async def test_truncation_over_loopback_is_a_complete_response_with_broken_json(faulty_live: LiveSandbox) -> None:
    faulty_live.sandbox.config.truncate_rate = 1.0
    async with httpx.AsyncClient(base_url=faulty_live.base_url, auth=ALICE) as client:
        response = await client.get("/rest/api/3/priority")
    faulty_live.sandbox.config.truncate_rate = 0.0
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
