"""Shared pieces of the sandbox devinfo tests (`test_devinfo_*.py`): a fresh sandbox per test with
a devinfo client holding a bearer token of the full-scope OAuth client, a fake clock for the
visibility delay and token expiry, and builders of valid entities to break one rule at a time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest

from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.devinfo import DevinfoState, profile_section, runtime_of, state_of

BASE = "http://sandbox.invalid"
ROOT = "/rest/devinfo/0.10"
KEY = "DASH-1"


@dataclass
class Clock:
    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Devinfo:
    sandbox: Sandbox
    client: httpx.AsyncClient  # carries the full-scope bearer token
    anon: httpx.AsyncClient  # no credentials
    clock: Clock
    section: dict[str, Any]
    transport: httpx.ASGITransport
    made: list[httpx.AsyncClient] = field(default_factory=list)

    @property
    def state(self) -> DevinfoState:
        return state_of(self.sandbox)

    async def token(self, client_id: str, secret: str) -> str:
        answer = await self.anon.post("/oauth/token", data={"grant_type": "client_credentials",
                                                            "client_id": client_id, "client_secret": secret})
        assert answer.status_code == 200, answer.text
        token: str = answer.json()["access_token"]
        return token

    def with_token(self, token: str) -> httpx.AsyncClient:
        made = httpx.AsyncClient(transport=self.transport, base_url=BASE,
                                 headers={"Authorization": f"Bearer {token}"})
        self.made.append(made)
        return made

    async def store(self, *repos: dict[str, Any], **extra: Any) -> httpx.Response:
        return await self.client.post(f"{ROOT}/bulk", json={"repositories": list(repos), **extra})

    async def get(self, repo_id: str) -> httpx.Response:
        return await self.client.get(f"{ROOT}/repository/{repo_id}")


async def make_devinfo(config: SandboxConfig) -> Devinfo:
    app = create_app(config)
    sandbox: Sandbox = app.state.sandbox
    clock = Clock()
    runtime_of(sandbox).clock = clock
    transport = httpx.ASGITransport(app=app)
    anon = httpx.AsyncClient(transport=transport, base_url=BASE)
    section = profile_section(sandbox)
    answer = await anon.post("/oauth/token", data={"grant_type": "client_credentials",
                                                   "client_id": section["client_id"],
                                                   "client_secret": section["client_secret"]})
    client = httpx.AsyncClient(transport=transport, base_url=BASE,
                               headers={"Authorization": f"Bearer {answer.json()['access_token']}"})
    return Devinfo(sandbox, client, anon, clock, section, transport)


SMALL = {"issues": 150, "users": 20}  # enough for six repositories; seeds in a few ms


@pytest.fixture
async def devinfo(request: pytest.FixtureRequest, sandbox_config: SandboxConfig) -> AsyncIterator[Devinfo]:
    """Configure with `@pytest.mark.sandbox(devinfo_visibility_delay=..., issues=...)`."""
    marker = request.node.get_closest_marker("sandbox")
    given = marker.kwargs if marker is not None else {}
    env = await make_devinfo(replace(sandbox_config, **{k: v for k, v in SMALL.items() if k not in given}))
    try:
        yield env
    finally:
        for client in (env.client, env.anon, *env.made):
            await client.aclose()


# --- valid entities ------------------------------------------------------------------------------


def author(name: str = "Dev One") -> dict[str, Any]:
    return {"name": name, "email": "dev.one@example.com"}


def commit(ident: str = "c1", seq: int = 1, keys: list[str] | None = None, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": ident, "issueKeys": [KEY] if keys is None else keys, "updateSequenceId": seq, "hash": ident,
        "message": f"{KEY} change {ident}", "author": author(), "fileCount": 1,
        "url": f"https://git.example.com/r/commits/{ident}", "authorTimestamp": "2026-10-31T23:27:25+00:00",
        "displayId": ident[:7],
        "files": [{"path": "README.md", "url": "https://git.example.com/r/src/README.md",
                   "changeType": "MODIFIED", "linesAdded": 1, "linesRemoved": 0}],
    }
    body.update(over)
    return body


def branch(ident: str = "b1", seq: int = 1, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": ident, "issueKeys": [KEY], "updateSequenceId": seq, "name": f"feature/{KEY}-{ident}",
        "lastCommit": commit("tip-" + ident, seq), "url": f"https://git.example.com/r/branch/{ident}",
        "createPullRequestUrl": "https://git.example.com/r/pull-requests/new",
    }
    body.update(over)
    return body


def pull_request(ident: str = "1", seq: int = 1, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": ident, "issueKeys": [KEY], "updateSequenceId": seq, "status": "OPEN", "title": f"{KEY} work",
        "author": author(), "commentCount": 2, "sourceBranch": f"feature/{KEY}", "destinationBranch": "main",
        "lastUpdate": "2026-10-31T23:27:25+00:00", "url": f"https://git.example.com/r/pull-requests/{ident}",
        "displayId": f"#{ident}",
        "reviewers": [{"name": "Rev One", "approvalStatus": "APPROVED", "email": "rev@example.com"}],
    }
    body.update(over)
    return body


def repo(ident: str = "repo1", seq: int = 1, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": ident, "name": ident, "url": f"https://git.example.com/{ident}",
                            "updateSequenceId": seq}
    body.update(over)
    return body


def ids(body: dict[str, Any], kind: str) -> list[str]:
    return [item["id"] for item in body.get(kind, [])]
