"""`jiradash skills export|import` and `jiradash config skills`, against the in-process sandbox."""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.cli import main
from tui.commands.skills import export_text, import_skills
from tui.commands.skills_io import read_skills_file
from tui.commands.skills_setup import run_config_skills
from tui.config import Profile, upsert_profile
from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.skills import console_text, profile_section
from tui.store.skills import SkillsService
from tui.store.skills_profile import endpoints_for, load_urls

LOOPBACK = "http://127.0.0.1:8080"  # never dialled: requests go to the app in process


@pytest.fixture
async def env() -> AsyncIterator[tuple[Sandbox, SkillsService]]:
    app = create_app(SandboxConfig(issues=200, users=30))
    sandbox: Sandbox = app.state.sandbox
    section = profile_section(sandbox)
    service = SkillsService(SkillsEndpoints(urls=section["urls"], token=Secret(section["token"])),
                            transport=httpx.ASGITransport(app=app), allow_insecure_http=True)
    try:
        yield sandbox, service
    finally:
        await service.aclose()


def held(sandbox: Sandbox) -> dict[str, list[str]]:
    return {a: list(s) for a, s in sandbox.world.extra["skills"].held.items()}


async def test_export_round_trips_through_import_as_no_change(env: tuple[Sandbox, SkillsService]) -> None:
    _, service = env
    everyone = await service.all_skills()
    for fmt in ("json", "csv"):
        text = export_text(everyone, fmt)
        assert read_skills_file(text) == everyone
        out = io.StringIO()
        assert await import_skills(service, read_skills_file(text), dry_run=False, out=out) == 0
        assert out.getvalue().startswith(f"0 users change, {len(everyone)} unchanged")


async def test_import_dry_run_shows_the_diff_and_changes_nothing(env: tuple[Sandbox, SkillsService]) -> None:
    sandbox, service = env
    a, b = list(held(sandbox))[:2]
    before = held(sandbox)
    wanted = {a: ("Python", before[a][0]), b: tuple(before[b])}
    out = io.StringIO()
    assert await import_skills(service, wanted, dry_run=True, out=out) == 0
    text = out.getvalue()
    assert f"{a}  (+1 -{len(before[a]) - 1})" in text
    assert "  + Python" in text
    assert all(f"  - {s}" in text for s in before[a][1:])
    assert "1 user changes, 1 unchanged; users not named are left alone." in text
    assert "Dry run: nothing was changed." in text
    assert held(sandbox) == before


async def test_import_applies_one_bulk_update_and_leaves_the_unnamed_alone(env: tuple[Sandbox, SkillsService]) -> None:
    sandbox, service = env
    before = held(sandbox)
    a, b = list(before)[:2]
    wanted = {a: ("Python", "Wireframes"), b: ()}
    posts = service.stats.requests.copy()
    out = io.StringIO()
    assert await import_skills(service, wanted, dry_run=False, out=out) == 0
    assert "Applied in one bulk update: 2 users changed, as shown." in out.getvalue()
    new_posts = {k: v - posts.get(k, 0) for k, v in service.stats.requests.items() if k.startswith("POST")}
    assert sum(new_posts.values()) == 1
    after = held(sandbox)
    assert after[a] == ["Python", "Wireframes"] and b not in after
    assert {k: v for k, v in after.items() if k not in (a, b)} == {k: v for k, v in before.items() if k not in (a, b)}


async def test_import_refuses_skills_the_tree_lacks(env: tuple[Sandbox, SkillsService], capsys: pytest.CaptureFixture[str]) -> None:
    sandbox, service = env
    before = held(sandbox)
    a = next(iter(before))
    assert await import_skills(service, {a: ("Juggling",)}, dry_run=False, out=io.StringIO()) == 1
    assert "not in the skill tree, so nothing was imported: Juggling" in capsys.readouterr().err
    assert held(sandbox) == before


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skills", "export", "--demo", "--csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "accountId,skill" and len(rows) > 100
    account = rows[1].split(",")[0]
    path = tmp_path / "skills.json"
    path.write_text(json.dumps({"skillsByAccountId": {account: ["Python"]}}), encoding="utf-8")
    assert main(["--demo", "skills", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"{account}  (+" in out and "  + Python" in out and "Dry run" in out
    assert main(["--demo", "skills", "import", str(path)]) == 0
    assert "Applied in one bulk update: 1 user changed" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\n", encoding="utf-8")
    assert main(["--demo", "skills", "import", str(bad)]) == 2
    assert "accountId,skill" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_config_skills_takes_the_pasted_console_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIRADASH_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("JIRA_SKILLS_URLS", raising=False)
    monkeypatch.delenv("JIRA_SKILLS_TOKEN", raising=False)
    profile = Profile(name="work", base_url="https://jira.example.com")
    upsert_profile(profile)
    app = create_app(SandboxConfig(issues=50, users=10, base_url=LOOPBACK))
    sandbox: Sandbox = app.state.sandbox
    section = profile_section(sandbox)
    # the titles of two reads lost in the paste: the command asks which is which
    text = console_text(sandbox.world.extra["skills"], LOOPBACK)
    text = text.replace("Get all users' skills\n", "\n").replace("Get skill tree with experts\n", "\n")
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "1"  # the first choice offered: all users' skills, then the tree (all that is left)

    out, prompts = io.StringIO(), io.StringIO()
    args = argparse.Namespace(config_profile="work", file=None, token_file=True, no_check=False)
    code = run_config_skills(args, stdin=Terminal(text + "\n"), out=out, prompts=prompts, ask=ask,
                             secret_prompt=lambda _: section["token"], transport=httpx.ASGITransport(app=app))
    assert code == 0, out.getvalue()
    assert len(asked) == 2 and "Which operation is" in prompts.getvalue()
    assert load_urls(profile) == section["urls"]
    assert section["token"] not in out.getvalue()
    assert "Skills for Jira answered:" in out.getvalue()
    token_file = tmp_path / "tokens" / "work.skills"
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    found = endpoints_for(profile, env={})
    assert found is not None and found.token.reveal() == section["token"]


def test_config_skills_refuses_a_wrong_token_and_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIRADASH_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("JIRA_SKILLS_TOKEN", "wrong")
    profile = Profile(name="work", base_url="https://jira.example.com")
    upsert_profile(profile)
    app = create_app(SandboxConfig(issues=50, users=10, base_url=LOOPBACK))
    text = console_text(app.state.sandbox.world.extra["skills"], LOOPBACK)
    args = argparse.Namespace(config_profile="work", file=None, token_file=True, no_check=False)
    code = run_config_skills(args, stdin=io.StringIO(text), out=io.StringIO(),
                             transport=httpx.ASGITransport(app=app))
    assert code == 1
    assert load_urls(profile) == {}
