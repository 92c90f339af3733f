"""The store against a slow server: 10,000 issues through `store.search`, and issues opened.

Starts `jiradash sandbox serve --issues N --latency 50` in a subprocess (real HTTP on
127.0.0.1), then, in this process, a Store on it (the Data Center shape, which counts results
so the pages after the first go out concurrently) with a fresh cache in a temporary directory:

- wall time to load every issue of `ORDER BY key ASC` (cold cache), as a ratio to the floor
  `ceil(pages / in_flight) * latency` (target under 1.5);
- requests per issue opened (target exactly 1), and per issue opened again (0).

Prints JSON. The server is a single process: its own time per page adds to every round trip,
so the ratio also shows how far the sandbox's CPU keeps up with the store; the client's and the
server's CPU seconds are printed beside the wall time, and the 1-minute load average.

    .venv/bin/python bench/store.py
    .venv/bin/python bench/store.py --issues 10000 --latency 50 --runs 3 --open 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_sandbox(issues: int, latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "sandbox", "serve", "--port", "0", "--issues", str(issues),
         "--latency", str(latency)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("jiradash sandbox at "):
            return proc, line.split(" at ", 1)[1].strip()
    proc.kill()
    raise RuntimeError("the sandbox did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of another process (Linux `/proc`), so a loaded machine can be told apart."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_run(
    base_url: str, cache: Path, *, page_size: int, in_flight: int, opens: int, server_pid: int
) -> dict[str, Any]:
    os.environ["JIRADASH_CACHE_DIR"] = str(cache / "cache")
    os.environ["JIRADASH_DATA_DIR"] = str(cache / "data")
    from tui.api.redact import Secret
    from tui.config import Profile
    from tui.store.build import settings_for, store_for_profile

    profile = Profile(name="bench", base_url=base_url, user="alice@example.com", api_version="2")
    settings = settings_for(profile, page_size=page_size, in_flight=in_flight)
    store = store_for_profile(profile, Secret("sandbox-token"), settings=settings)
    await store.connect()

    before = store.stats.total_requests
    server_cpu = cpu_seconds(server_pid)
    client_cpu = time.process_time()
    began = time.perf_counter()
    loaded = 0
    pages = 0
    first_page_s = 0.0
    async for page in store.search("ORDER BY key ASC"):
        loaded += len(page.issues)
        pages += 1
        if pages == 1:
            first_page_s = time.perf_counter() - began
    wall = time.perf_counter() - began
    client_cpu = time.process_time() - client_cpu
    server_cpu = cpu_seconds(server_pid) - server_cpu
    search_requests = store.stats.total_requests - before

    page = [p async for p in store.search("ORDER BY key ASC", limit=opens)][-1]
    keys = [i.key for p in [page] for i in p.issues][:opens]
    before = store.stats.total_requests
    for key in keys:
        await store.issue(key)
    per_open = (store.stats.total_requests - before) / len(keys)
    before = store.stats.total_requests
    for key in keys:
        await store.issue(key)
    per_reopen = (store.stats.total_requests - before) / len(keys)
    await store.aclose()
    return {
        "issues": loaded, "pages": pages, "search_requests": search_requests, "wall_s": wall,
        "client_cpu_s": client_cpu, "server_cpu_s": server_cpu,
        "first_page_s": first_page_s, "requests_per_issue_opened": per_open,
        "requests_per_issue_opened_again": per_reopen,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--latency", type=float, default=50.0, help="ms added by the sandbox per request")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--in-flight", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--open", type=int, default=20, help="issues to open")
    args = parser.parse_args()

    proc, base_url = start_sandbox(args.issues, args.latency)
    runs = []
    try:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="jiradash-bench-") as tmp:
                runs.append(asyncio.run(one_run(base_url, Path(tmp), page_size=args.page_size,
                                                in_flight=args.in_flight, opens=args.open,
                                                server_pid=proc.pid)))
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    pages = runs[0]["pages"]
    floor = math.ceil(pages / args.in_flight) * args.latency / 1000
    walls = [r["wall_s"] for r in runs]
    print(json.dumps({
        "issues": runs[0]["issues"],
        "pages": pages,
        "page_size": args.page_size,
        "in_flight": args.in_flight,
        "latency_ms": args.latency,
        "search_requests": runs[0]["search_requests"],
        "floor_s": round(floor, 3),
        "wall_s": [round(w, 3) for w in walls],
        "wall_median_s": round(statistics.median(walls), 3),
        "ratio_median": round(statistics.median(walls) / floor, 2),
        "ratio_best": round(min(walls) / floor, 2),
        "first_page_s": round(statistics.median(r["first_page_s"] for r in runs), 3),
        # CPU spent during the load: when client + server CPU approach the floor, the two
        # processes (and whatever else runs) compete for the cores and the wall time shows it
        "client_cpu_s": round(statistics.median(r["client_cpu_s"] for r in runs), 3),
        "server_cpu_s": round(statistics.median(r["server_cpu_s"] for r in runs), 3),
        "requests_per_issue_opened": runs[0]["requests_per_issue_opened"],
        "requests_per_issue_opened_again": runs[0]["requests_per_issue_opened_again"],
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}",
        "load_average_1m": round(os.getloadavg()[0], 1),
    }, indent=2))


if __name__ == "__main__":
    main()
