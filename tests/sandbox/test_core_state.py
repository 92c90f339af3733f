"""`--state FILE`: changes survive a restart, writes are atomic, a torn temp file is harmless."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sandbox_support import ALICE, BASE_URL
from starlette.applications import Starlette

from tui.sandbox.app import SandboxConfig, create_app
from tui.sandbox.persist import StateFileError, temp_path


def _config(path: Path, *, issues: int = 80, seed: int = 42) -> SandboxConfig:
    return SandboxConfig(issues=issues, seed=seed, base_url=BASE_URL, state_file=str(path))


def _client(app: Starlette) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL, auth=ALICE)


async def _add_filter(app: Starlette, name: str, *, written: bool = True) -> str:
    async with _client(app) as client:
        response = await client.post("/rest/api/2/filter", json={"name": name, "jql": "project = DASH"})
        assert response.status_code == 200
        flushed = await client.post("/sandbox/state/flush")
        assert flushed.json()["written"] is written
    return str(response.json()["id"])


async def test_a_change_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "sandbox.state"
    first = create_app(_config(state))
    assert state.exists()  # the seeded world is written at once
    filter_id = await _add_filter(first, "Kept across restarts")
    version = first.state.sandbox.world.version

    second = create_app(_config(state, issues=5, seed=99))  # the file wins over the seed options
    assert len(second.state.sandbox.world.issues) == 80
    assert second.state.sandbox.world.version == version
    async with _client(second) as client:
        got = await client.get(f"/rest/api/2/filter/{filter_id}")
    assert got.json()["name"] == "Kept across restarts"


async def test_every_write_bumps_the_world_version(tmp_path: Path) -> None:
    app = create_app(_config(tmp_path / "s"))
    world = app.state.sandbox.world
    before = world.version
    async with _client(app) as client:
        await client.get("/rest/api/2/myself")
        await client.post("/rest/api/2/search", json={"jql": "project = DASH"})
        assert world.version == before  # reads, including POST searches, change nothing
        await client.post("/rest/api/2/filter", json={"name": "One", "jql": "project = DASH"})
        await client.post("/rest/api/2/filter", json={"name": "", "jql": "project = DASH"})  # refused: 400
    assert world.version == before + 1
    assert app.state.sandbox.persister.dirty


async def test_a_crash_mid_write_leaves_the_previous_state(tmp_path: Path) -> None:
    state = tmp_path / "sandbox.state"
    first = create_app(_config(state))
    await _add_filter(first, "Before the crash")
    # a crash while writing the next state: the temp file holds a torn pickle
    temp_path(state).write_bytes(b"\x80\x05garbage, cut short by a power failure")
    second = create_app(_config(state))
    names = {f.name for f in second.state.sandbox.world.filters.values()}
    assert "Before the crash" in names
    # and the next write replaces the torn temp file
    await _add_filter(second, "After the crash")
    assert not temp_path(state).exists()
    assert "After the crash" in {f.name for f in create_app(_config(state)).state.sandbox.world.filters.values()}


def test_a_file_that_is_not_a_state_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "sandbox.state"
    state.write_text("not a pickle")
    with pytest.raises(StateFileError, match="move it away"):
        create_app(_config(state))


async def test_flush_writes_only_when_something_changed(tmp_path: Path) -> None:
    app = create_app(_config(tmp_path / "s"))
    sandbox = app.state.sandbox
    assert sandbox.flush() is False
    sandbox.mutated()
    assert sandbox.flush() is True
    assert sandbox.flush() is False


async def test_without_a_state_file_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = create_app(SandboxConfig(issues=10, base_url=BASE_URL))
    await _add_filter(app, "Memory only", written=False)
    assert list(tmp_path.iterdir()) == []


async def test_with_no_debounce_each_write_is_saved_at_once(tmp_path: Path) -> None:
    state = tmp_path / "s"
    config = _config(state)
    config.state_flush_seconds = 0
    app = create_app(config)
    async with _client(app) as client:
        await client.post("/rest/api/2/filter", json={"name": "Saved at once", "jql": "project = DASH"})
    assert not app.state.sandbox.persister.dirty
    assert "Saved at once" in {f.name for f in create_app(_config(state)).state.sandbox.world.filters.values()}
