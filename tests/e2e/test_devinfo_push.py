"""`jiradash devinfo push` end to end: a real git repository made in the test (300 commits on
five branches, two merges, keys in messages and branch names, up to 12 files a commit, renames
and deletes) pushed over a real loopback port to the shared live sandbox with OAuth
client credentials from the environment; then `devinfo get` returns what was pushed, a second
push stores nothing new, and `--dry-run` sends nothing. The repository id is this test's own.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_support import LiveSandbox

from tui.api.git_local import issue_keys_in
from tui.cli import main
from tui.sandbox.devinfo import profile_section, runtime_of, state_of

pytestmark = pytest.mark.e2e
REPO_ID = "e2e-devinfo-push"
URL = "https://git.example.com/e2e/devinfo-push"
AUTHOR = "Build Bot <bot@example.com>"


def fast_import_stream(keys: list[str]) -> tuple[bytes, int]:
    """main (250 commits), four feature branches of 10 forked along it, two merged back."""
    out: list[bytes] = []
    mark = 0
    when = 1_790_000_000

    def commit(ref: str, message: str, changes: list[str], parents: list[int]) -> int:
        nonlocal mark, when
        mark += 1
        when += 600
        body = message.encode()
        out.append(f"commit {ref}\nmark :{mark}\nauthor {AUTHOR} {when} +0000\ncommitter {AUTHOR} {when} +0000\n"
                   f"data {len(body)}\n".encode() + body + b"\n")
        if parents:
            out.append(f"from :{parents[0]}\n".encode())
            out.extend(f"merge :{p}\n".encode() for p in parents[1:])
        for change in changes:
            out.append(change.encode() + b"\n")
        return mark

    def modify(path: str, n: int) -> str:
        content = "".join(f"line {i} of {mark + 1}.{n}\n" for i in range(n % 7 + 1))  # new in every commit
        return f"M 100644 inline {path}\ndata {len(content.encode())}\n{content}"

    main_marks: list[int] = []
    for n in range(250):
        key = keys[n % len(keys)]
        message = f"{key}: change {n}" if n % 5 else f"tidy up {n}"  # one in five has no key
        if n == 40:
            message += " (UTF-8 handling, see NOPE-404)"
        width = 12 if n % 50 == 7 else 1 + n % 3  # 12 distinct files: 10 are listed
        changes = [modify(f"src/m{(n + i) % 15:02d}.py", n + i) for i in range(width)]
        if n == 61:
            changes = ["R src/m00.py src/renamed.py"]
        if n == 62:
            changes = ["D src/m01.py"]
        main_marks.append(commit("refs/heads/main", message, changes, main_marks[-1:]))
    branch_tips = []
    for b in range(4):
        key = keys[(b * 3) % len(keys)]
        ref = f"refs/heads/feature/{key}-part-{b}"
        tip = main_marks[50 * (b + 1)]
        for n in range(10):
            tip = commit(ref, f"work {b}.{n}" + (f" for {key}" if n % 2 else ""),
                         [modify(f"feature{b}/f{n}.txt", n)], [tip])
        branch_tips.append(tip)
    for b in (0, 1):
        main_marks.append(commit("refs/heads/main", f"Merge feature {b} ({keys[b * 3]})", [],
                                 [main_marks[-1], branch_tips[b]]))
    return b"".join(out), mark


def dev_keys(live: LiveSandbox) -> list[str]:
    return [k for k in live.sandbox.world.issues if k.startswith("DASH-")][:12]


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory, live_sandbox: LiveSandbox) -> Path:
    path = tmp_path_factory.mktemp("devinfo") / "repo"
    path.mkdir()
    keys = dev_keys(live_sandbox)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(path), "init", "-q", "-b", "main"], check=True, env=env)
    stream, marks = fast_import_stream(keys)
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=stream, check=True, env=env)
    assert marks == 292
    return path


@pytest.fixture
def environment(live_sandbox: LiveSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    section = profile_section(live_sandbox.sandbox)
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("JIRA_URL", live_sandbox.base_url)
    monkeypatch.setenv("JIRA_DEVINFO_CLIENT_ID", section["client_id"])
    monkeypatch.setenv("JIRA_DEVINFO_CLIENT_SECRET", section["client_secret"])
    monkeypatch.setenv("JIRA_DEVINFO_TOKEN_URL", section["token_url"])
    for name in ("JIRADASH_PROFILE", "JIRA_DEVINFO_APP_KEY", "JIRA_DEVINFO_SHARED_SECRET"):
        monkeypatch.delenv(name, raising=False)
    yield
    state_of(live_sandbox.sandbox).repositories.pop(REPO_ID, None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def git_lines(path: Path, *args: str) -> list[str]:
    done = subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True, text=True)
    return done.stdout.splitlines()


@pytest.mark.usefixtures("environment")
def test_push_get_repush_and_dry_run(repository: Path, live_sandbox: LiveSandbox, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    state, runtime = state_of(live_sandbox.sandbox), runtime_of(live_sandbox.sandbox)
    keys = dev_keys(live_sandbox)
    issued = runtime.issued
    code, out = run(capsys, "devinfo", "push", str(repository), "--repo-id", REPO_ID, "--url", URL,
                    "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 0 and dry["dryRun"] and dry["requests"] == 1
    assert REPO_ID not in state.repositories and runtime.issued == issued  # nothing was sent
    assert not (tmp_path / "data").exists()  # and nothing remembered

    code, out = run(capsys, "devinfo", "push", str(repository), "--repo-id", REPO_ID, "--url", URL,
                    "--property", "source=e2e", "--json")
    pushed = json.loads(out)
    keyed = [line.split(" ", 1)[0] for line in git_lines(repository, "log", "--branches", "--format=%H %s")
             if issue_keys_in(line.split(" ", 1)[1])]
    assert code == 0, out
    assert pushed["entities"] == {"commits": len(keyed), "branches": 5, "pullRequests": 0}
    assert pushed["accepted"] == len(keyed) + 5 and pushed["failed"] == []
    assert pushed["unknownIssueKeys"] == ["UTF-8", "NOPE-404"]
    assert pushed["skipped"]["commitsWithoutKeys"] == 292 - len(keyed)

    code, out = run(capsys, "devinfo", "get", REPO_ID, "--json")
    got = json.loads(out)
    assert code == 0 and got["url"] == URL
    assert sorted(c["id"] for c in got["commits"]) == sorted(keyed)
    heads = dict(line.split(" ") for line in git_lines(repository, "for-each-ref", "refs/heads",
                                                         "--format=%(refname:short) %(objectname)"))
    assert {b["name"]: b["lastCommit"]["id"] for b in got["branches"]} == heads
    wide = next(c for c in got["commits"] if c["fileCount"] == 12)
    assert len(wide["files"]) == 10 and wide["files"] == sorted(wide["files"], key=lambda f: f["path"])
    files = {c["message"]: [(f["path"], f["changeType"]) for f in c.get("files", [])] for c in got["commits"]}
    assert files[f"{keys[61 % 12]}: change 61"] == [("src/renamed.py", "MOVED")]
    assert files[f"{keys[62 % 12]}: change 62"] == [("src/m01.py", "DELETED")]
    assert sum(1 for c in got["commits"] if c.get("flags") == ["MERGE_COMMIT"]) == 2

    written = state.applied
    code, out = run(capsys, "devinfo", "push", str(repository), "--repo-id", REPO_ID, "--url", URL, "--json")
    assert code == 0 and json.loads(out)["accepted"] == pushed["accepted"]
    assert state.applied == written  # the same ids with the same sequence ids: nothing new

    code, out = run(capsys, "devinfo", "exists", "--property", "source=e2e")
    assert (code, out.strip()) == (0, "true")
    code, out = run(capsys, "devinfo", "delete", REPO_ID)
    assert code == 0 and "deleted" in out
    code, _ = run(capsys, "devinfo", "get", REPO_ID)
    assert code == 1
