"""Screen 3 with 2,000 people by 500 skills: first paint, cursor keys, filtering as you type.

Each run builds the in-process sandbox with `users=2000, skills=500` (Skills for Jira seeds
about 1,900 people with skills; 500 matrix columns, the leveled ones four tree leaves each) and a
Store reading Cloud's v3 with its Skills service, then runs the real App under `App.run_test` at
120x40, the sandbox in the same process and event loop (its work competes with the app's):

- `first_paint_s`: `3` sent as the terminal driver sends a key, to the first frame rendered
  after the matrix has its data (the screen's `skills_matrix_painted` milestone): the tree and
  everyone's skills (one request each), every display name (`/user/bulk`, 100 ids a request,
  concurrent), the grid indexed and the first screen drawn. Cold: nothing cached.
  `first_paint_cpu_s`: the process's CPU time over that span (the sandbox's work included).
- `cursor_key_ms`: 100 cursor moves (j / l / k / h, and a few pagedown), each from the key
  being sent to the end of the first frame after it, terminal escape sequences included (the
  method of `bench/ui.py`: `App._display` wrapped). Keys 40 ms apart, as a person presses them.
  Each run's figure is the p95 (and median) of its presses; `cursor_key_cpu_ms` is the process's
  CPU time over the same span (what the key cost, whatever else the machine was doing).
- `filter_key_ms`: a name typed into the people filter, each key to the first frame after it.

Prints JSON (median / p95 / min over the runs). Tests never assert on these times.

    .venv/bin/python bench/skills.py            # 5 runs
    .venv/bin/python bench/skills.py --quick    # 3 runs
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ALICE, machine, percentile, summary
from bench.ui import KEY_GAP_S, Frames, send_key

BASE = "http://sandbox.invalid"
USERS = 2000
SKILLS = 500
SIZE = (120, 40)
PAINTED = "skills_matrix_painted"
CURSOR_KEYS = ["j"] * 40 + ["l"] * 30 + ["pagedown"] * 5 + ["k"] * 10 + ["h"] * 15
TYPED = "kai"


def _sandbox() -> Any:
    from tui.sandbox.app import SandboxConfig, create_app

    return create_app(SandboxConfig(users=USERS, skills=SKILLS, base_url=BASE))


def _store(app: Any) -> Any:
    import httpx

    from tui.api.auth import BasicAuth
    from tui.api.redact import Secret
    from tui.api.skills import SkillsEndpoints
    from tui.sandbox.skills import profile_section
    from tui.store.skills import SkillsService
    from tui.store.store import Store, StoreSettings

    store = Store(
        base_url=BASE,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        transport=httpx.ASGITransport(app=app),
        settings=StoreSettings(api_version="3"),
    )
    section = profile_section(app.state.sandbox)
    endpoints = SkillsEndpoints(urls=section["urls"], token=Secret(section["token"]))
    store.skills = SkillsService.for_store(
        store, endpoints, transport=httpx.ASGITransport(app=app), allow_insecure_http=True
    )
    return store


async def _frame_after_milestone(frames: Frames, sent: float, timeout: float = 60.0) -> float:
    deadline = time.perf_counter() + timeout
    while True:
        marked = next((t for name, t in frames.milestones if name == PAINTED and t > sent), None)
        if marked is not None:
            return await frames.wait_frame_after(marked)
        if time.perf_counter() > deadline:
            raise TimeoutError("the matrix never painted")
        await asyncio.sleep(0.001)


async def _press(frames: Frames, app: Any, key: str) -> tuple[float, float]:
    """ms from sending `key` to the end of the first frame after it, and the CPU ms meanwhile."""
    await asyncio.sleep(KEY_GAP_S)
    sent, cpu = send_key(app, key)
    frame = await frames.wait_frame_after(sent)
    return (frame - sent) * 1000, (frames.cpu_at(frame) - cpu) * 1000


async def _one_run() -> dict[str, Any]:
    from tui.app import JiradashApp
    from tui.session import Session

    sandbox = _sandbox()
    # The fake server's world (2,000 users, their issues and skills) is not the app's: frozen out
    # of the cyclic GC's scans, so collections cost what the app's own objects cost.
    gc.collect()
    gc.freeze()
    store = _store(sandbox)
    app = JiradashApp(store, Session(profile="bench", default_jql="project = DASH"))
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await store.settle()
        await frames.quiet()
        before = dict(store.stats.requests)
        sent, cpu = send_key(app, "3")
        painted = await _frame_after_milestone(frames, sent)
        out["first_paint_s"] = painted - sent
        out["first_paint_cpu_s"] = frames.cpu_at(painted) - cpu
        out["requests"] = {k: n - before.get(k, 0) for k, n in store.stats.requests.items() if n != before.get(k, 0)}
        screen = app.screen
        out["people"] = len(screen.matrix.rows)
        out["columns"] = len(screen.matrix.columns)
        await frames.quiet()
        cursor = [await _press(frames, app, key) for key in CURSOR_KEYS]
        out["cursor_key_ms"], out["cursor_key_cpu_ms"] = [c[0] for c in cursor], [c[1] for c in cursor]
        await pilot.press("f")
        await frames.quiet()
        out["filter_key_ms"] = [(await _press(frames, app, ch))[0] for ch in TYPED]
        await frames.quiet()
        out["rows_after_filter"] = len(screen.matrix.rows)
    gc.unfreeze()
    return out


def run(quick: bool = False) -> dict[str, Any]:
    runs = [asyncio.run(_one_run()) for _ in range(3 if quick else 5)]
    pooled = [ms for r in runs for ms in r["cursor_key_ms"]]
    return {
        "machine": machine(),
        "users": USERS,
        "skills": SKILLS,
        "people_shown": runs[0]["people"],
        "columns": runs[0]["columns"],
        "runs": len(runs),
        "first_paint_s": summary([r["first_paint_s"] for r in runs]),
        "first_paint_cpu_s": summary([r["first_paint_cpu_s"] for r in runs]),
        "first_paint_requests": runs[0]["requests"],
        "cursor_keys": len(CURSOR_KEYS),
        "cursor_key_ms_p95": summary([percentile(r["cursor_key_ms"], 95) for r in runs], 2),
        "cursor_key_ms_median": summary([statistics.median(r["cursor_key_ms"]) for r in runs], 2),
        "cursor_key_cpu_ms_p95": summary([percentile(r["cursor_key_cpu_ms"], 95) for r in runs], 2),
        "cursor_key_cpu_ms_median": summary([statistics.median(r["cursor_key_cpu_ms"]) for r in runs], 2),
        "cursor_key_ms_pooled": summary(pooled, 2) | {"presses": len(pooled)},
        "filter_key_ms_p95": summary([percentile(r["filter_key_ms"], 95) for r in runs], 2),
        "rows_after_filter": runs[0]["rows_after_filter"],
        "targets": {"first_paint_s": "< 1", "cursor_key_ms_p95": "< 16"},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 5")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
