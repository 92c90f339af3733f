"""The sandbox at three sizes: seed time and memory, and the time of a 100-issue search page.

Each size runs in a fresh subprocess (so RSS is that size's alone): it builds the app
(`create_app`: seed, route modules), records the seed time (the world alone) and the app's
build time, the resident memory after building, then asks through `httpx.ASGITransport` for
100-issue pages with every navigable field, of

- `project = DASH ORDER BY updated DESC`, and
- `text ~ "export"` (summary, description and comments),

reporting the first page (`/rest/api/2/search`: the query runs and its sorted result is
cached), then the median of `--pages` further pages of v2 `/search` (startAt; fields in wiki
markup, converted from ADF per page) and of v3 `/search/jql` (a token walk; ADF as stored).
Prints JSON; `seed_cpu_s` is the seed's CPU time, which other work on the machine does not
inflate the way it does the wall-clock `seed_s`. Targets (2-core machine): 100,000 issues
seed in under 10 s and 1 GB; a page under 100 ms at 100,000.

    .venv/bin/python bench/sandbox.py                   # 600, 10000, 100000
    .venv/bin/python bench/sandbox.py --sizes 600 --pages 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUERIES = {
    "project": "project = DASH ORDER BY updated DESC",
    "text": 'text ~ "export"',
}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _pages(app: Any, jql: str, pages: int) -> dict[str, Any]:
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://sandbox.invalid", auth=("alice", "sandbox-token")
    ) as client:

        async def get(path: str, params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
            began = time.perf_counter()
            response = await client.get(path, params=params)
            elapsed = time.perf_counter() - began
            response.raise_for_status()
            return elapsed, response.json()

        # v2 /search: startAt pages (wiki-markup fields), first the uncached one
        first, body = await get("/rest/api/2/search", {"jql": jql, "maxResults": 100})
        total = body["total"]
        starts = [(100 * (n + 1)) % max(total, 1) for n in range(pages)]
        v2 = [(await get("/rest/api/2/search", {"jql": jql, "startAt": s, "maxResults": 100}))[0] for s in starts]
        # v3 /search/jql: a token walk (ADF fields), after the query is cached
        v3: list[float] = []
        params: dict[str, Any] = {"jql": jql, "maxResults": 100, "fields": "*navigable"}
        while len(v3) < pages:
            elapsed, body = await get("/rest/api/3/search/jql", params)
            v3.append(elapsed)
            if body["isLast"]:
                params.pop("nextPageToken", None)
            else:
                params["nextPageToken"] = body["nextPageToken"]
    return {
        "total": total,
        "first_page_ms": round(first * 1000, 1),
        "v2_search_page_median_ms": round(statistics.median(v2) * 1000, 1),
        "v3_search_jql_page_median_ms": round(statistics.median(v3) * 1000, 1),
    }


def one(size: int, pages: int) -> dict[str, Any]:
    """Runs in the child: measure one size."""
    sys.path.insert(0, str(ROOT))
    from tui.sandbox.app import SandboxConfig, create_app
    from tui.sandbox.seed import seed_world

    config = SandboxConfig(issues=size, base_url="http://sandbox.invalid")
    began, cpu = time.perf_counter(), time.process_time()
    seed_world(config)
    seed_s, seed_cpu_s = time.perf_counter() - began, time.process_time() - cpu
    began = time.perf_counter()
    app = create_app(config)
    build_s = time.perf_counter() - began
    rss = _rss_mb()
    result: dict[str, Any] = {
        "issues": size,
        "seed_s": round(seed_s, 2),
        "seed_cpu_s": round(seed_cpu_s, 2),
        "create_app_s": round(build_s, 2),
        "rss_mb": round(rss, 1),
    }
    for name, jql in QUERIES.items():
        result[name] = {"jql": jql, **asyncio.run(_pages(app, jql, pages))}
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 10_000, 100_000])
    parser.add_argument("--pages", type=int, default=20, help="pages after the first, per query")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.pages)))
        return 0
    results = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--pages", str(args.pages)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": _cpus(),
        "load_average_1m": round(os.getloadavg()[0], 2),  # other work slows the wall-clock figures
    }
    print(json.dumps({"machine": machine, "sizes": results}, indent=2))
    return 0


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main())
