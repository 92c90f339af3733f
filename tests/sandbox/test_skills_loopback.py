"""Skills for Jira over real HTTP: the sandbox served on 127.0.0.1, its published URLs and token
used by the command line as a script would (`JIRA_SKILLS_URLS`, `JIRA_SKILLS_TOKEN`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.store.skills import SkillsService

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def published(base_url: str) -> dict[str, object]:
    section: dict[str, object] = httpx.get(f"{base_url}/sandbox/profile").json()["skills"]
    return section


async def test_the_published_endpoints_answer_over_loopback(live_sandbox: object) -> None:
    base_url: str = live_sandbox.base_url  # type: ignore[attr-defined]
    section = published(base_url)
    urls = section["urls"]
    assert isinstance(urls, dict) and all(u.startswith(base_url + "/x1/") for u in urls.values())
    service = SkillsService(SkillsEndpoints(urls=urls, token=Secret(str(section["token"]))))
    try:
        snapshot = await service.snapshot()
    finally:
        await service.aclose()
    assert len(snapshot.tree.roots) == 8 and snapshot.skills_by_account


def test_export_and_a_dry_run_import_from_the_environment(live_sandbox: object, tmp_path: Path) -> None:
    section = published(live_sandbox.base_url)  # type: ignore[attr-defined]
    env = {**os.environ, "JIRA_SKILLS_URLS": json.dumps(section["urls"]),
           "JIRA_SKILLS_TOKEN": str(section["token"]), "JIRADASH_CONFIG_DIR": str(tmp_path)}

    def jiradash(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60, check=False)

    exported = jiradash("skills", "export", "--json")
    assert exported.returncode == 0, exported.stderr
    mapping = json.loads(exported.stdout)["skillsByAccountId"]
    account, skills = next(iter(mapping.items()))
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"skillsByAccountId": {account: skills[1:]}}), encoding="utf-8")
    dry = jiradash("skills", "import", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"  - {skills[0]}" in dry.stdout and "Dry run: nothing was changed." in dry.stdout
    assert str(section["token"]) not in dry.stdout + dry.stderr + exported.stderr
    env["JIRA_SKILLS_TOKEN"] = "wrong"
    refused = jiradash("skills", "export")
    assert refused.returncode == 1
    assert "Skills for Jira refused the token" in refused.stderr
