"""The devinfo Pilot tests that need a saved profile: a `config.toml` under the test's own
directories (JIRADASH_CONFIG_DIR / JIRADASH_DATA_DIR / JIRADASH_CACHE_DIR) with the sandbox's
OAuth client as the profile's devinfo credentials, and `session()` building the app the way
`tui.store.build` does for a profile (`devinfo_for_store` + `known_repositories`), with the
in-process sandbox as transport. Each `session()` re-reads the profile from disk: a new session.
`make_checkout` makes a small real git repository.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest
from sandbox_support import BASE_URL
from search_harness import make_app
from starlette.applications import Starlette

from tui.api.devinfo import ENV_CLIENT_SECRET
from tui.app import JiradashApp
from tui.config import Profile, resolve_profile, upsert_profile
from tui.sandbox.devinfo import profile_section
from tui.store.devinfo_profile import devinfo_for_store, known_repositories

PROFILE = "work"
GIT_ENV = {"GIT_AUTHOR_NAME": "Build Bot", "GIT_AUTHOR_EMAIL": "bot@example.com",
           "GIT_COMMITTER_NAME": "Build Bot", "GIT_COMMITTER_EMAIL": "bot@example.com",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


class Saved:
    def __init__(self, sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 repositories: tuple[str, ...]) -> None:
        for name in ("CONFIG", "DATA", "CACHE"):
            monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
        monkeypatch.delenv("JIRADASH_PROFILE", raising=False)
        self.sandbox_app = sandbox_app
        self.tmp_path = tmp_path
        self.section = profile_section(sandbox_app.state.sandbox)
        upsert_profile(Profile(
            name=PROFILE, base_url=BASE_URL, user="alice@example.com", allow_insecure_http=True,
            devinfo_client_id=self.section["client_id"], devinfo_token_url=self.section["token_url"],
            devinfo_url=self.section["url"], devinfo_repositories=repositories,
        ), make_default=True)  # fmt: skip

    @property
    def profile(self) -> Profile:
        return resolve_profile(PROFILE, env={})

    def session(self) -> JiradashApp:
        profile = self.profile
        app = make_app(self.sandbox_app, self.tmp_path, jql="project = DASH ORDER BY key ASC")
        store = app.store
        store.devinfo = devinfo_for_store(store, profile, env={ENV_CLIENT_SECRET: self.section["client_secret"]},
                                          transport=httpx.ASGITransport(app=self.sandbox_app))
        store.devinfo_repositories = list(known_repositories(profile))
        return app


def git(repo: Path, *args: str, when: int = 0) -> str:
    stamp = f"@{1_790_000_000 + when} +0000"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def make_checkout(path: Path) -> Path:
    """main: DASH-1, DASH-2 (with NOPE-9, a key Jira does not know), one without a key; a branch
    feature/DASH-3-export with one commit; origin is a GitHub-style https remote."""
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "remote", "add", "origin", "https://github.com/example/local-checkout.git")
    for when, (name, message) in enumerate([("a.txt", "DASH-1: start"), ("b.txt", "DASH-2 and NOPE-9: grow"),
                                            ("c.txt", "no key here")], start=1):
        (path / name).write_text(f"{name}\n")
        git(path, "add", name)
        git(path, "commit", "-qm", message, when=when)
    git(path, "checkout", "-qb", "feature/DASH-3-export")
    (path / "d.txt").write_text("d\n")
    git(path, "add", "d.txt")
    git(path, "commit", "-qm", "export (DASH-3)", when=5)
    git(path, "checkout", "-q", "main")
    return path


def flat(text: str) -> str:
    """The screen's words in order, lines and dialog borders aside (long lines wrap)."""
    return " ".join(text.replace("│", " ").split())


def squeezed(text: str) -> str:
    """The screen's characters without any white space: a path wrapped mid-word still matches."""
    return "".join(text.split())


def listed(text: str, repo_id: str) -> str:
    """The screen line that lists `repo_id`, or ""."""
    return next((ln for ln in text.splitlines() if f" {repo_id} " in ln), "")
