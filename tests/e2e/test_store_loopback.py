"""The store over real HTTP: the sandbox served by uvicorn on 127.0.0.1, and the headless
command run as separate processes sharing a disk cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.api.redact import Secret
from tui.config import Profile
from tui.store.build import store_for_profile
from tui.store.mutations import AddComment, SetWatching

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def profile(live_sandbox: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Profile:
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    url: str = live_sandbox.base_url  # type: ignore[attr-defined]
    return Profile(name="loop", base_url=url, user="alice@example.com", api_version="2")


async def test_the_store_over_loopback(profile: Profile) -> None:
    store = store_for_profile(profile, Secret("sandbox-token"))
    server = await store.connect()
    assert server.api_shape == "2"
    pages = [p async for p in store.search("project = DASH ORDER BY key ASC")]
    assert sum(len(p.issues) for p in pages) == pages[0].total
    issue = await store.issue(pages[0].issues[0].key)
    again = await store.issue(issue.key)
    assert again == issue and store.stats.requests_to("GET", "/issue/{key}") == 1
    await store.dispatch(SetWatching(key=issue.key, watching=not issue.is_watching))
    await store.dispatch(SetWatching(key=issue.key, watching=issue.is_watching))  # restore the shared world
    await store.aclose()


async def test_session_auth_over_loopback_logs_in_again_after_expiry(live_sandbox: object, profile: Profile) -> None:
    from dataclasses import replace

    store = store_for_profile(replace(profile, auth="session", name="sess"), Secret("sandbox-password"))
    await store.connect()
    live_sandbox.sandbox.auth.sessions.clear()  # type: ignore[attr-defined]
    comment = await store.dispatch(AddComment(key="DASH-2", body="over a renewed session"))
    assert comment is not None
    assert store.stats.requests_to("POST", "/rest/auth/1/session") == 2
    await store.aclose()


def _jiradash(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIRA_", "JIRADASH_"))}
    env.update({f"JIRADASH_{n}_DIR": str(tmp_path / n.lower()) for n in ("CONFIG", "CACHE", "DATA")})
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)


def test_demo_search_twice_in_two_processes(tmp_path: Path) -> None:
    first = _jiradash(tmp_path, "search", "ORDER BY updated DESC", "--json", "--stats", "--demo")
    assert first.returncode == 0, first.stderr
    assert len(json.loads(first.stdout)) == 600
    stats = json.loads(first.stderr)
    assert stats["requests"]["POST /rest/api/2/search"] == 6

    second = _jiradash(tmp_path, "search", "ORDER BY updated DESC", "--json", "--stats", "--demo")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)
    again = json.loads(second.stderr)
    assert again["requests_total"] <= 1 and again["cache"]["disk_hits"] >= 3
