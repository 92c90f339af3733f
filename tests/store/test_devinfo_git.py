"""Reading a real git repository made in the test: commits with every change type and line
counts (binary files count 0), merges (their changes against the first parent), `since`,
branches with their tips, issue keys by Jira's pattern in messages and branch names; and the
records built from it within the API's limits (10 files, 1024-character messages)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tui.api.git_local import GitError, read_repository, web_url
from tui.models.devinfo import issue_keys_in
from tui.store.devinfo_build import Links, branch_id, entities_of, read_pull_requests

ENV = {"GIT_AUTHOR_NAME": "Build Bot", "GIT_AUTHOR_EMAIL": "bot@example.com",
       "GIT_COMMITTER_NAME": "Build Bot", "GIT_COMMITTER_EMAIL": "bot@example.com",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str, when: int = 0) -> str:
    stamp = f"@{1_790_000_000 + when} +0200"
    env = {**os.environ, **ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: DASH-1 (add), DASH-2 (modify, rename, binary), no key, merge of feature/DASH-3-export
    (delete); the feature branch; and a key-less branch `chore`."""
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    (r / "a.txt").write_text("one\ntwo\n")
    (r / "b.txt").write_text("x\n")
    git(r, "add", ".")
    git(r, "commit", "-qm", "DASH-1: start", when=1)
    (r / "a.txt").write_text("one\ntwo\nthree\n")
    git(r, "mv", "b.txt", "c.txt")
    (r / "logo.bin").write_bytes(bytes(range(256)))
    git(r, "add", "-A")
    git(r, "commit", "-qm", "Grow a, rename b (DASH-2)\n\nSee also MOB-7.", when=2)
    git(r, "checkout", "-qb", "feature/DASH-3-export")
    git(r, "rm", "-q", "a.txt")
    git(r, "commit", "-qm", "remove a", when=3)
    git(r, "checkout", "-q", "main")
    (r / "d.txt").write_text("d\n")
    git(r, "add", "d.txt")
    git(r, "commit", "-qm", "no key here", when=4)
    git(r, "merge", "-q", "--no-ff", "feature/DASH-3-export", "-m", "Merge DASH-3 export", when=5)
    git(r, "branch", "chore", "HEAD~1")
    return r


async def test_commits_files_and_change_types(repo: Path) -> None:
    local = await read_repository(repo)
    by_message = {c.message.splitlines()[0]: c for c in local.commits}
    assert len(local.commits) == 5
    first = by_message["DASH-1: start"]
    assert [(f.path, f.change_type, f.lines_added, f.lines_removed) for f in first.files] == [
        ("a.txt", "ADDED", 2, 0), ("b.txt", "ADDED", 1, 0)]
    second = by_message["Grow a, rename b (DASH-2)"]
    assert [(f.path, f.change_type, f.lines_added, f.lines_removed) for f in second.files] == [
        ("a.txt", "MODIFIED", 1, 0), ("c.txt", "MOVED", 0, 0), ("logo.bin", "ADDED", 0, 0)]
    assert second.issue_keys == ("DASH-2", "MOB-7")
    merge = by_message["Merge DASH-3 export"]
    assert merge.is_merge and [(f.path, f.change_type) for f in merge.files] == [("a.txt", "DELETED")]
    assert first.authored == "2026-09-21T16:13:21+02:00"


async def test_branches_since_and_keys(repo: Path) -> None:
    local = await read_repository(repo, since="main~1")
    assert [c.message.splitlines()[0] for c in local.commits] == ["Merge DASH-3 export", "remove a"]
    branches = {b.name: b for b in local.branches}
    assert set(branches) == {"main", "feature/DASH-3-export", "chore"}
    assert branches["chore"].tip.message == "no key here"  # its tip is older than `since`, read alone
    assert branches["feature/DASH-3-export"].issue_keys == ("DASH-3",)
    assert branches["chore"].issue_keys == ()
    with pytest.raises(GitError):
        await read_repository(repo, since="no-such-rev")
    with pytest.raises(GitError):
        await read_repository(repo.parent)


async def test_records_within_the_limits(repo: Path) -> None:
    for i in range(12):
        (repo / f"f{i:02d}.txt").write_text("x\n" * i)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "DASH-9 " + "long " * 400, when=9)
    local = await read_repository(repo)
    links = Links("https://github.com/example/repo")
    entities = entities_of(local, links)
    assert entities.commits_without_keys == 2 and entities.branches_without_keys == 1
    big = next(c for c in entities.commits if "DASH-9" in c.issue_keys)
    assert big.file_count == 12 and [f.path for f in big.files] == [f"f{i:02d}.txt" for i in range(10)]
    assert len(big.message) == 1024
    assert big.url == f"https://github.com/example/repo/commit/{big.id}"
    assert big.author_timestamp.endswith("+00:00")
    feature = next(b for b in entities.branches if b.name == "feature/DASH-3-export")
    assert feature.id == "feature~DASH-3-export" and feature.url.endswith("/tree/feature/DASH-3-export")
    assert feature.last_commit.issue_keys == ("DASH-3",)  # its tip ("remove a") has none of its own
    merge = next(c for c in entities.commits if c.is_merge)
    assert merge.flags == ("MERGE_COMMIT",)


def test_keys_as_jira_finds_them() -> None:
    assert issue_keys_in("DASH-12: fix", "feature/CORE-3-login", "x DASH-12 y") == ("DASH-12", "CORE-3")
    assert issue_keys_in("lowercase dash-1, DASH-0, XDASH-1a, A-1, DASH_2-3, UTF-8") == ("DASH_2-3", "UTF-8")
    assert branch_id("feat/ä b") == "feat~~~b"


def test_web_urls_and_link_styles() -> None:
    assert web_url("git@github.com:org/repo.git") == "https://github.com/org/repo"
    assert web_url("ssh://git@git.example.com:7999/org/repo.git") == "https://git.example.com/org/repo"
    assert web_url("https://user:pw@gitlab.example.com/org/repo.git") == "https://gitlab.example.com/org/repo"
    assert web_url("/srv/git/repo.git") is None
    lab = Links("https://gitlab.example.com/org/repo")
    assert lab.commit("abc") == "https://gitlab.example.com/org/repo/-/commit/abc"
    bucket = Links("https://bitbucket.example.com/org/repo")
    assert bucket.branch("feature/x") == "https://bitbucket.example.com/org/repo/branch/feature/x"
    assert bucket.create_pull_request("feature/x").endswith("/pull-requests/new?source=feature%2Fx")
    assert bucket.file("abc", "dir/a b.txt").endswith("/src/abc/dir/a%20b.txt")


def test_pull_request_files() -> None:
    pr = {"id": "7", "status": "OPEN", "title": "Export (DASH-3)", "author": {"name": "Build Bot"},
          "commentCount": 1, "sourceBranch": "feature/DASH-3-export", "lastUpdate": "2026-10-01T10:00:00+00:00",
          "displayId": "#7", "url": "https://git.example.com/r/pull-requests/7"}
    (found,) = read_pull_requests(f'{{"pullRequests": [{json.dumps(pr)}]}}')
    assert found.issue_keys == ("DASH-3",) and found.update_sequence_id == 0
    with pytest.raises(ValueError, match="names no issue key"):
        read_pull_requests('[{"id": "1", "title": "no key", "sourceBranch": "x"}]')
    with pytest.raises(ValueError, match="pull request 1"):
        read_pull_requests('[{"id": "1", "title": "DASH-1", "status": "WIP"}]')
    with pytest.raises(ValueError, match="must be unique"):
        read_pull_requests(json.dumps([pr, pr]))
