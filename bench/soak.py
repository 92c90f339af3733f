"""Soak: thousands of reads and hundreds of mutations through one Store against a served sandbox
(its own process, loopback) with a few faults mixed in; RSS and open sockets sampled over time
must stay flat. Bounded: a fixed number of operations (minutes, not hours). Prints JSON.

    .venv/bin/python bench/soak.py            # 10,000 reads, 1,000 mutations
    .venv/bin/python bench/soak.py --quick    # 2,000 reads, 200 mutations

"Flat": the median RSS of the last quarter of the samples against the first quarter's (after a
warm-up that fills the caches), and the largest number of open sockets against the connection
pool's limit. The disk cache and drafts live in a scratch home that is removed afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ALICE, SandboxServer, machine, rss_mb, scratch_home

FAULTS = {"fail_rate": 0.05, "drop_rate": 0.01, "truncate_rate": 0.01}
SEED = 20261125


def open_sockets() -> int:
    """Sockets this process holds open now (Linux /proc)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                count += 1
        except OSError:
            continue
    return count


async def soak(base_url: str, home: Path, reads: int, mutations: int) -> dict[str, Any]:
    from tui.api.auth import BasicAuth
    from tui.api.redact import Secret
    from tui.store.errors import StoreError
    from tui.store.http import RetryPolicy
    from tui.store.mutations import AddComment, AddWorklog, AssignIssue, SetWatching
    from tui.store.store import Store, StoreSettings

    rng = random.Random(SEED)
    store = Store(
        base_url=base_url,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        identity=f"{base_url}|{ALICE[0]}",
        cache_dir=home / "cache",
        drafts_dir=home / "data",
        settings=StoreSettings(
            api_version="2", ttl_seconds=0.0,
            retry=RetryPolicy(retries=4, base_delay=0.02, max_delay=0.2),
        ),
    )
    await store.connect()
    keys = [p.key async for page in store.search("project = DASH ORDER BY key ASC") for p in page.issues]
    plan = ["read"] * reads + ["write"] * mutations
    rng.shuffle(plan)
    samples: list[dict[str, float]] = []
    errors: dict[str, int] = {}
    counts = {"reads": 0, "searches": 0, "mutations": 0}
    every = max(1, len(plan) // 60)
    started = time.perf_counter()
    for i, kind in enumerate(plan):
        key = rng.choice(keys)
        try:
            if kind == "read" and i % 10 == 0:
                counts["searches"] += 1
                async for _ in store.search(f"project = DASH AND key >= {key} ORDER BY key ASC", limit=50):
                    pass
            elif kind == "read":
                counts["reads"] += 1
                await store.issue(key, refresh=rng.random() < 0.5)
            else:
                counts["mutations"] += 1
                choice = rng.randrange(4)
                if choice == 0:
                    await store.dispatch(AddComment(key=key, body=f"soak {i}"))
                elif choice == 1:
                    await store.dispatch(AssignIssue(key=key, account_id=rng.choice([None, "alice", "bob"])))
                elif choice == 2:
                    await store.dispatch(SetWatching(key=key, watching=rng.random() < 0.5))
                else:
                    await store.dispatch(AddWorklog(
                        key=key, time_spent_seconds=60, started=datetime(2026, 11, 2, 9, tzinfo=UTC),
                        comment=f"soak {i}",
                    ))  # fmt: skip
        except StoreError as error:
            errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
        if i % every == 0:
            gc.collect()
            samples.append({
                "ops": i, "seconds": round(time.perf_counter() - started, 2),
                "rss_mb": round(rss_mb(), 1), "sockets": open_sockets(),
                "inflight": store.http.inflight, "drafts": len(store.drafts.all()),
            })  # fmt: skip
    elapsed = time.perf_counter() - started
    stats = store.stats.as_dict()
    await store.aclose()
    gc.collect()
    after_close = {"rss_mb": round(rss_mb(), 1), "sockets": open_sockets()}
    quarter = max(1, len(samples) // 4)
    warm = samples[quarter: 2 * quarter] or samples[:quarter]
    first = statistics.median(s["rss_mb"] for s in warm)
    last = statistics.median(s["rss_mb"] for s in samples[-quarter:])
    return {
        "operations": counts,
        "errors_shown": errors,
        "seconds": round(elapsed, 1),
        "operations_per_second": round(len(plan) / elapsed, 1),
        "requests": stats.get("requests_total"),
        "responses": stats.get("responses"),
        "retries": stats.get("retries"),
        "rss_mb": {"warm_median": first, "last_quarter_median": last, "growth_mb": round(last - first, 1),
                   "max": max(s["rss_mb"] for s in samples)},
        "sockets": {"max": max(s["sockets"] for s in samples), "last": samples[-1]["sockets"],
                    "pool_limit": max(10, store.settings.in_flight * 2), "after_close": after_close["sockets"]},
        "drafts_left": samples[-1]["drafts"],
        "samples": samples,
    }


def run(quick: bool) -> dict[str, Any]:
    reads, mutations = (2_000, 200) if quick else (10_000, 1_000)
    with scratch_home("jiradash-soak-") as home, SandboxServer(issues=600) as server:
        server.set_faults(**FAULTS, seed=SEED)
        result = asyncio.run(soak(server.base_url, home, reads, mutations))
        server_rss = rss_mb(server.proc.pid) if server.proc else None
    flat = result["rss_mb"]["growth_mb"] < 15 and result["sockets"]["max"] <= result["sockets"]["pool_limit"] + 4
    return {
        "machine": machine(),
        "faults": FAULTS,
        "server_rss_mb": server_rss,
        "flat": flat,
        **result,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 reads and 200 mutations")
    parser.add_argument("--no-samples", action="store_true", help="leave the time series out")
    args = parser.parse_args()
    result = run(args.quick)
    if args.no_samples:
        result.pop("samples")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
