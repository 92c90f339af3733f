"""`jiradash devinfo push` of 10,000 commits against `jiradash sandbox serve --latency 50`.

Builds a git repository of `--commits` commits (each naming a sandbox issue key, one to three
files changed) and `--branches` branches with `git fast-import`, serves the sandbox on a free
loopback port in its own process (`bench.common.SandboxServer`, 50 ms added to every request),
and pushes the repository with the OAuth client the sandbox publishes, through the same code
as the command (`read_repository`, `entities_of`, `push`). Reports the store requests sent
beside the fewest the API's limits allow (they must be equal), the token fetches, and wall
times: reading git, the push, and a second push (which stores nothing new). Prints JSON.

    .venv/bin/python bench/devinfo.py
    .venv/bin/python bench/devinfo.py --commits 2000 --latency 0 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import SandboxServer, machine, summary

AUTHOR = "Bench Bot <bench@example.com>"


def build_repository(path: Path, commits: int, branches: int) -> None:
    """`commits` commits on main, `branches` branches each pointing somewhere along it."""
    out: list[bytes] = []
    when = 1_790_000_000
    for n in range(1, commits + 1):
        when += 60
        message = f"DASH-{n % 150 + 1}: change {n}".encode()
        out.append(f"commit refs/heads/main\nmark :{n}\nauthor {AUTHOR} {when} +0000\n"
                   f"committer {AUTHOR} {when} +0000\ndata {len(message)}\n".encode() + message + b"\n")
        if n > 1:
            out.append(f"from :{n - 1}\n".encode())
        for i in range(1 + n % 3):
            content = f"change {n} file {i}\n".encode()
            out.append(f"M 100644 inline src/f{(n + i) % 40:02d}.py\ndata {len(content)}\n".encode() + content + b"\n")
    for b in range(branches):
        out.append(f"reset refs/heads/feature/DASH-{b + 1}-work\nfrom :{max(1, commits - 7 * b)}\n".encode())
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(path), "init", "-q", "-b", "main"], check=True, env=env)
    subprocess.run(["git", "-C", str(path), "fast-import", "--quiet"], input=b"".join(out), check=True, env=env)


async def push_once(repo: Path, base_url: str, section: dict[str, Any], ledger: Path,
                    concurrency: int) -> dict[str, Any]:
    from tui.api.devinfo_auth import OAuthClientCredentials
    from tui.api.git_local import read_repository
    from tui.api.redact import Secret
    from tui.models.devinfo import Repository
    from tui.store.devinfo import DevinfoService
    from tui.store.devinfo_build import Links, entities_of
    from tui.store.devinfo_push import SequenceLedger, minimum_requests, push

    began = time.perf_counter()
    local = await read_repository(repo)
    url = "https://git.example.com/bench/devinfo"
    work = entities_of(local, Links(url))
    read_seconds = time.perf_counter() - began
    auth = OAuthClientCredentials(section["token_url"], section["client_id"], Secret(section["client_secret"]))
    service = DevinfoService(section["url"], auth)
    repository = Repository(id="bench-devinfo", name="bench-devinfo", url=url, update_sequence_id=0)
    try:
        began = time.perf_counter()
        report = await push(service, repository, work, SequenceLedger(ledger), concurrency=concurrency)
        push_seconds = time.perf_counter() - began
    finally:
        await service.aclose()
    sent = service.stats.requests_to("POST", "/rest/devinfo/0.10/bulk")
    fewest = minimum_requests(len(work.commits), len(work.branches), len(work.pull_requests))
    return {
        "commits": len(work.commits), "branches": len(work.branches), "requests_sent": sent,
        "minimum_requests": fewest, "requests_equal_minimum": sent == fewest, "token_fetches": auth.fetches,
        "accepted": report.accepted, "failed": len(report.failures),
        "read_git_seconds": round(read_seconds, 3), "push_seconds": round(push_seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--branches", type=int, default=10)
    parser.add_argument("--latency", type=float, default=50.0, metavar="MS")
    parser.add_argument("--concurrency", type=int, default=4, help="store requests in flight (default 4)")
    parser.add_argument("--runs", type=int, default=3, help="pushes into a fresh sandbox each (default 3)")
    args = parser.parse_args()
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        began = time.perf_counter()
        build_repository(repo, args.commits, args.branches)
        build_seconds = time.perf_counter() - began
        for run in range(args.runs):
            with SandboxServer(latency_ms=args.latency) as server:
                with urllib.request.urlopen(f"{server.base_url}/sandbox/profile", timeout=30) as answer:
                    section = json.load(answer)["devinfo"]
                ledger = Path(tmp) / f"ledger-{run}.json"
                first = asyncio.run(push_once(repo, server.base_url, section, ledger, args.concurrency))
                again = asyncio.run(push_once(repo, server.base_url, section, ledger, args.concurrency))
                first["repush_seconds"] = again["push_seconds"]
                runs.append(first)
    result = {
        "benchmark": "devinfo push", "latency_ms": args.latency, "concurrency": args.concurrency,
        "git_fast_import_seconds": round(build_seconds, 3),
        "commits": runs[0]["commits"], "branches": runs[0]["branches"],
        "requests_sent": runs[0]["requests_sent"], "minimum_requests": runs[0]["minimum_requests"],
        "requests_equal_minimum": all(r["requests_equal_minimum"] for r in runs),
        "token_fetches": runs[0]["token_fetches"], "accepted": runs[0]["accepted"], "failed": runs[0]["failed"],
        "read_git_seconds": summary([r["read_git_seconds"] for r in runs], 3),
        "push_seconds": summary([r["push_seconds"] for r in runs], 3),
        "repush_seconds": summary([r["repush_seconds"] for r in runs], 3),
        "machine": machine(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
