"""Every file jiradash writes is 0600 in a 0700 directory, whatever the umask: the disk cache,
drafts, JQL history, crash reports, the config file, token files and the remembered theme."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.config import Profile, upsert_profile
from tui.crash import write_report
from tui.jql.history import JqlHistory
from tui.launch import _session_for
from tui.secrets import store_secret
from tui.store.mutations import AddComment
from tui.store.store import Store, StoreSettings

BASE_URL = "http://sandbox.invalid"


@pytest.fixture(autouse=True)
def _open_umask_and_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A permissive umask (0): nothing may count on the user's umask being strict."""
    for name in ("CONFIG", "CACHE", "DATA", "LOG"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / "home" / name.lower() / "jiradash"))
    old = os.umask(0)
    try:
        yield tmp_path / "home"
    finally:
        os.umask(old)


def _modes(root: Path) -> tuple[dict[str, int], dict[str, int]]:
    files, dirs = {}, {}
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        (dirs if path.is_dir() else files)[str(path.relative_to(root.parent))] = mode
    return files, dirs


def _assert_private(root: Path) -> int:
    files, dirs = _modes(root)
    assert files, f"nothing was written under {root}"
    assert {k: oct(v) for k, v in files.items() if v != 0o600} == {}
    assert {k: oct(v) for k, v in dirs.items() if v != 0o700} == {}
    return len(files)


async def test_cache_and_drafts(sandbox_app: Starlette, tmp_path: Path) -> None:
    profile = Profile(name="modes", base_url=BASE_URL, user="alice@example.com")
    store = Store(
        base_url=BASE_URL,
        auth=BasicAuth("alice@example.com", Secret("sandbox-token")),
        transport=httpx.ASGITransport(app=sandbox_app),
        identity=profile.identity,
        cache_dir=profile.cache_dir,
        drafts_dir=profile.data_dir,
        settings=StoreSettings(api_version="2"),
    )
    try:
        await store.connect()
        async for _ in store.search("ORDER BY key ASC", limit=20):
            pass
        await store.issue("CORE-1")
        store.drafts.save("CORE-1", "comment", "a draft on disk")
        await store.dispatch(AddComment(key="CORE-1", body="sent and confirmed"))
    finally:
        await store.aclose()
    home = tmp_path / "home"
    assert _assert_private(home / "cache") >= 2
    assert (profile.data_dir / "drafts.json").exists()
    _assert_private(home / "data")


def test_history_crash_reports_config_token_and_theme(tmp_path: Path) -> None:
    home = tmp_path / "home"
    profile = Profile(name="modes", base_url="https://jira.example.org", user="alice")
    history = JqlHistory(profile.data_dir / "jql-history.json")
    history.append("project = CORE")
    assert write_report(RuntimeError("boom"), "test") is not None
    upsert_profile(profile)
    store_secret(profile, Secret("a-token-kept-in-a-file"), to_file=True)
    session = _session_for(Profile(name="themed", base_url="https://jira.example.org"))
    session.save_theme("textual-light")
    for kind in ("data", "log", "config"):
        _assert_private(home / kind)
