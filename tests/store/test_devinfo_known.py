"""The repositories a profile knows, kept where the profile lives: `ID` and `ID=PATH` entries of
`devinfo_repositories`, remembering into `config.toml` (0600, other entries and settings kept)
or `devinfo.json` for a profile not saved there; and the store's side of the issue panel: the
repositories Jira's per-issue development detail names become known at once (announced), with
nothing met when the server refuses the detail."""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from store_support import StoreFactory

from tui.config import Profile, config_path, load_config, upsert_profile
from tui.sandbox.devinfo import profile_section
from tui.store.devinfo_known import development, met_repositories, push_local, remember
from tui.store.devinfo_profile import (
    devinfo_for_store,
    forget_repository,
    known_repositories,
    local_paths,
    remember_repository,
)
from tui.store.devinfo_push import PushProgress
from tui.store.errors import StoreError

pytestmark = pytest.mark.sandbox(issues=150, users=20)


def saved_profile(*entries: str) -> Profile:
    profile = Profile(name="work", base_url="https://jira.example.com", theme="nord", devinfo_repositories=entries)
    upsert_profile(profile)
    return profile


def test_entries_name_ids_and_local_checkouts(tmp_path: Path) -> None:
    profile = Profile(name="work", base_url="https://jira.example.com",
                      devinfo_repositories=("web-app=~/src/web app", "core", f"tools={tmp_path}"))
    assert known_repositories(profile) == ("web-app", "core", "tools")
    assert local_paths(profile) == {"web-app": Path.home() / "src" / "web app", "tools": tmp_path}


def test_remembering_writes_the_saved_profile_and_keeps_the_rest() -> None:
    profile = saved_profile("web-app=/src/web", "core")
    remember_repository(profile, "found")
    remember_repository(profile, "web-app")  # known already, with its path: unchanged
    saved = load_config().profiles["work"]
    assert saved.devinfo_repositories == ("web-app=/src/web", "core", "found")
    assert saved.theme == "nord"
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600
    forget_repository(profile, "found")
    forget_repository(profile, "web-app")  # a person's ID=PATH entry stays
    assert load_config().profiles["work"].devinfo_repositories == ("web-app=/src/web", "core")
    forget_repository(profile, "web-app", with_path=True)  # screen 4's Forget, once confirmed
    saved = load_config().profiles["work"]
    assert saved.devinfo_repositories == ("core",)
    assert saved.theme == "nord"
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600


def test_forgetting_from_the_data_directory() -> None:
    profile = Profile(name="env", base_url="https://jira.example.com")
    remember_repository(profile, "found")
    remember_repository(profile, "other")
    forget_repository(profile, "found")
    assert known_repositories(profile) == ("other",)


def test_a_profile_not_in_the_file_remembers_in_its_data_directory() -> None:
    profile = Profile(name="env", base_url="https://jira.example.com")
    remember_repository(profile, "found")
    assert known_repositories(profile) == ("found",)
    assert not config_path().exists()


async def test_met_repositories_become_known_and_are_announced(app: Starlette, make_store: StoreFactory) -> None:
    section = profile_section(app.state.sandbox)
    profile = saved_profile("web-app")
    profile = replace(profile, devinfo_client_id=section["client_id"], devinfo_token_url=section["token_url"],
                      devinfo_url=section["url"], allow_insecure_http=True)
    store = make_store(api_version="2")
    store.devinfo = devinfo_for_store(store, profile, env={"JIRA_DEVINFO_CLIENT_SECRET": section["client_secret"]},
                                      transport=httpx.ASGITransport(app=app))
    store.devinfo_repositories = list(known_repositories(profile))
    announced: list[frozenset[str]] = []
    store.subscribe(announced.append)
    await store.connect()
    assert await met_repositories(store, "DASH-5") == ("web-app", "web-app-experiments")
    found = await development(store, "DASH-5")
    assert [r.id for r in found] == ["web-app", "web-app-experiments"]
    assert store.devinfo_repositories == ["web-app", "web-app-experiments"]
    assert frozenset({"devinfo:web-app-experiments"}) in announced
    assert load_config().profiles["work"].devinfo_repositories == ("web-app", "web-app-experiments")
    assert remember(store, "web-app") is False
    assert await met_repositories(store, "NOPE-1") == ()  # no such issue: nothing met, no error
    await store.aclose()


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Build Bot", "GIT_AUTHOR_EMAIL": "bot@example.com",
           "GIT_COMMITTER_NAME": "Build Bot", "GIT_COMMITTER_EMAIL": "bot@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": "@1790000000 +0000", "GIT_COMMITTER_DATE": "@1790000000 +0000"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


async def test_push_local_reports_progress_and_keeps_jiras_own_fields(
        app: Starlette, make_store: StoreFactory, tmp_path: Path) -> None:
    checkout, plain = tmp_path / "web", tmp_path / "plain"
    checkout.mkdir()
    plain.mkdir()
    _git(checkout, "init", "-q", "-b", "main")
    (checkout / "a.txt").write_text("a\n")
    _git(checkout, "add", "a.txt")
    _git(checkout, "commit", "-qm", "DASH-5: local work")
    section = profile_section(app.state.sandbox)
    profile = replace(saved_profile(f"web-app={checkout}", f"plain={plain}", "core-services"),
                      devinfo_client_id=section["client_id"], devinfo_token_url=section["token_url"],
                      devinfo_url=section["url"], allow_insecure_http=True)
    store = make_store(api_version="2")
    store.devinfo = devinfo_for_store(store, profile, env={"JIRA_DEVINFO_CLIENT_SECRET": section["client_secret"]},
                                      transport=httpx.ASGITransport(app=app))
    store.devinfo_repositories = list(known_repositories(profile))
    assert store.devinfo is not None
    before = await store.devinfo.repository("web-app")
    seen: list[PushProgress] = []
    report = await push_local(store, "web-app", progress=seen.append)
    assert (report.accepted, report.failures, report.commits, report.branches) == (2, [], 1, 1)  # main's tip has a key
    assert [(p.requests_sent, p.requests_total, p.entities_sent) for p in seen] == [(1, 1, 2)]
    after = await store.devinfo.repository("web-app", refresh=True)
    assert (after.name, after.url, after.description) == (before.name, before.url, before.description)
    assert len(after.commits) == len(before.commits) + 1
    with pytest.raises(StoreError, match="names no local checkout for repository core-services"):
        await push_local(store, "core-services")
    with pytest.raises(StoreError, match="has no web-style origin remote"):
        await push_local(store, "plain")  # nothing in Jira, no origin: no URL to give it
    await store.aclose()
