"""What a person sees: the real app, the real Store, a served sandbox; and the command line's cost.

Figures (each over at least 5 runs: median, p95, min):

- `app` (one fresh process per run, the app under `App.run_test` at 120x40 on a sandbox served
  in another process with 10,000 issues and `--latency 50`, so the app's own memory and CPU are
  measured alone):
  - `search_loaded_s`: 10,000 results, from the search's start to the frame that shows all of
    them; against the network floor `ceil(pages / in_flight) x 50 ms`.
  - `cursor_key_ms`: a key press (j, k, pagedown, pageup, G, g) to the first frame rendered
    after it. Method: the key goes in as the terminal driver sends it (`driver.send_message`)
    and `App._display` is wrapped so every frame also builds its terminal escape sequences
    (`render_segments`, skipped by the headless driver) and is time-stamped; the time is from
    sending the key to the end of that frame. Keys are 40 ms apart, as a person types (Textual
    throttles frames to 60 a second, so held keys would measure the throttle). Each run's
    figure is the p95 of its presses; `cursor_settled_ms` is to the last frame the key caused
    (the status line's row counter included).
  - `issue_from_cache_ms`: `enter` on a result opened before, to the first frame after the
    issue view has shown it (its `issue_painted` milestone); `issue_cold_ms` the first opening
    (one request at 50 ms). The first 5 (quick) or 6 results are opened in turn, then again
    from the top, so each reopening shows a different issue than the view last held; the rest
    of the 50 one after another with `]` (`issue_stepped_ms`).
  - `issue_requests_first` / `issue_requests_again` / `issue_revalidations_again`: the Store's
    counters of `GET /issue/{key}` for an issue's first opening (all 50) and its second.
  - `peak_rss_mb`: the process's high-water mark after 10,000 results and 50 issues opened.
- `search_store` (this process, no app): the Store alone fetching the same 10,000 results
  (`refresh`, no cache), wall and CPU time, and the sandbox's CPU time meanwhile.
- `warm_start` (the real `jiradash` in a pty, a served sandbox at `--latency 2000`, its disk
  cache filled by a first run): `first_result_row_painted` against the earliest moment any
  response can arrive: no request leaves before the app starts (`app_start`), and each answer
  takes 2 s.
- `cli`: `jiradash --help` as a whole process (wall and CPU time); each headless command run
  for real against a served sandbox under `python -X importtime` (what it imports; whether
  `textual` is among it), then exactly those imports replayed in fresh interpreters, the
  commands taking turns (one replay of each per round): the wall and CPU time of the command's
  imports alone (the interpreter's own start-up left out).

Wall-clock figures on a shared machine rise with its load; the CPU figures beside them do not
(much): read both, and the load average printed with them.

    .venv/bin/python bench/ui.py            # every figure, JSON on stdout
    .venv/bin/python bench/ui.py --quick    # fewer presses and openings, 5 runs still
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    ALICE,
    PYTHON,
    ROOT,
    CpuClock,
    SandboxServer,
    bench_env,
    load_average,
    machine,
    peak_rss_mb,
    percentile,
    profile_env,
    read_milestones,
    rss_mb,
    run_in_pty,
    scratch_home,
    summary,
)

ISSUES = 10_000
LATENCY_MS = 50.0
WARM_LATENCY_MS = 2000.0
OPENED = 50
PAGE_SIZE = 100
KEY_GAP_S = 0.04
QUIET_S = 0.03  # two frame periods at 60 frames a second
SIZE = (120, 40)


# --- the app, one run per process ---------------------------------------------------------------


class Frames:
    """Time stamps of every frame the app renders, and of every milestone it reports."""

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.times: list[float] = []
        self.cpu: list[float] = []  # process CPU time at each frame
        self.rows: list[int] = []
        self.milestones: list[tuple[str, float]] = []
        self.new_frame = asyncio.Event()
        display = app._display
        milestone = app.milestone

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None:
                return
            if isinstance(renderable, CompositorUpdate):
                # What a real driver would write: the headless one skips building it.
                renderable.render_segments(app.console)
            results = getattr(screen, "results", None)
            self.rows.append(results.row_count if results is not None else -1)
            self.times.append(time.perf_counter())
            self.cpu.append(time.process_time())
            self.new_frame.set()

        def timed_milestone(name: str) -> None:
            self.milestones.append((name, time.perf_counter()))
            milestone(name)

        app._display = timed_display
        app.milestone = timed_milestone

    def first_after(self, t: float) -> float | None:
        return next((f for f in self.times if f > t), None)

    def cpu_at(self, t: float) -> float:
        """CPU time of the process when the frame at wall time `t` was done."""
        return self.cpu[self.times.index(t)]

    async def wait_frame_after(self, t: float, timeout: float = 10.0) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            self.new_frame.clear()
            found = self.first_after(t)
            if found is not None:
                return found
            if time.perf_counter() > deadline:
                raise TimeoutError("no frame rendered")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.new_frame.wait(), timeout=0.5)

    async def quiet(self) -> float:
        """Wait until no frame has come for `QUIET_S`; the time of the last frame."""
        while True:
            count = len(self.times)
            await asyncio.sleep(QUIET_S)
            if len(self.times) == count:
                return self.times[-1] if self.times else 0.0


def send_key(app: Any, key: str) -> tuple[float, float]:
    """Send `key` as the terminal driver would; returns when it was sent (wall, CPU)."""
    from textual import events

    char = {"enter": "\r", "escape": "\x1b", "right_square_bracket": "]"}.get(key)
    if len(key) == 1:
        char = key
    event = events.Key(key, char)
    event.set_sender(app)
    sent, cpu = time.perf_counter(), time.process_time()
    app._driver.send_message(event)
    return sent, cpu


async def _wait_until(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def _press(app: Any, frames: Frames, key: str) -> tuple[float, float, float]:
    """One key: ms to the first frame after it, CPU ms spent until then, and ms to the last
    frame it caused."""
    await asyncio.sleep(KEY_GAP_S)
    sent, cpu = send_key(app, key)
    first = await frames.wait_frame_after(sent)
    last = await frames.quiet()
    return (first - sent) * 1000, (frames.cpu_at(first) - cpu) * 1000, (last - sent) * 1000


def _cursor_keys(quick: bool) -> list[str]:
    down = 40 if quick else 60  # past the 37 visible rows: the last presses scroll too
    return ["j"] * down + ["pagedown"] * 5 + ["G"] + ["k"] * (down // 2) + ["pageup"] * 5 + ["g"]


async def _show(app: Any, frames: Frames, store: Any, key: str) -> dict[str, Any]:
    """Press `key` (`enter` on a result, `]` in the issue view), to the first frame after the
    issue view says it painted; then wait for its reads to finish. Requests counted meanwhile."""
    requests = store.stats.requests_to("GET", "/issue/{key}")
    total = store.stats.total_requests
    revalidations, retries = store.stats.revalidations, store.stats.retries
    by_path = dict(store.stats.requests)
    await asyncio.sleep(KEY_GAP_S)
    sent, cpu = send_key(app, key)

    def painted() -> float | None:
        return next(
            (t for name, t in frames.milestones if name == "issue_painted" and t > sent), None
        )

    await _wait_until(lambda: painted() is not None, 30, "the issue view")
    shown = painted()
    assert shown is not None
    frame = await frames.wait_frame_after(shown)
    await frames.quiet()
    await app.workers.wait_for_complete()
    await store.settle()
    result: dict[str, Any] = {
        "ms": (frame - sent) * 1000,
        "cpu_ms": (frames.cpu_at(frame) - cpu) * 1000,
        "issue_gets": store.stats.requests_to("GET", "/issue/{key}") - requests,
        "requests": store.stats.total_requests - total,
        "revalidations": store.stats.revalidations - revalidations,
        "retries": store.stats.retries - retries,
    }
    if result["requests"] > 1:  # say which, so an extra request can be explained
        result["requests_by_path"] = {
            k: n - by_path.get(k, 0)
            for k, n in store.stats.requests.items()
            if n != by_path.get(k, 0)
        }
        result["issue"] = getattr(app.screen, "key", None)
    return result


async def _back(app: Any, frames: Frames) -> None:
    await asyncio.sleep(KEY_GAP_S)
    send_key(app, "escape")
    await _wait_until(lambda: type(app.screen).__name__ == "SearchScreen", 10, "the search screen")
    await frames.quiet()


async def _open(app: Any, frames: Frames, store: Any) -> dict[str, Any]:
    """`enter` on the cursor row, timed to the issue painted; then back to the results."""
    result = await _show(app, frames, store, "enter")
    await _back(app, frames)
    return result


async def app_run(base_url: str, quick: bool, home: Path) -> dict[str, Any]:
    from tui.api.auth import BasicAuth
    from tui.api.redact import Secret
    from tui.app import JiradashApp
    from tui.session import Session
    from tui.store.store import Store, StoreSettings

    store = Store(
        base_url=base_url,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        identity=f"{base_url}|{ALICE[0]}|basic",
        cache_dir=home / "cache",
        drafts_dir=home / "data",
        settings=StoreSettings(api_version="2"),  # as the demo: counted pages, fetched 6 at a time
    )
    await store.connect()  # serverInfo and myself before the clock starts: the search alone
    searched: list[float] = []
    search = store.search

    def timed_search(*args: Any, **kwargs: Any) -> Any:
        searched.append(time.perf_counter())
        return search(*args, **kwargs)

    store.search = timed_search  # type: ignore[method-assign]
    session = Session(
        profile="bench", default_jql="ORDER BY updated DESC", history_path=home / "history.json"
    )
    app = JiradashApp(store, session)
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        screen: Any = app.screen
        await _wait_until(lambda: bool(searched), 30, "the search to start")
        with CpuClock() as loading:
            await _wait_until(lambda: ISSUES in frames.rows, 120, "10,000 rows on screen")
        loaded = next(t for t, n in zip(frames.times, frames.rows, strict=True) if n == ISSUES)
        out["search_loaded_s"] = loaded - searched[0]
        out["search_loaded_cpu_s"] = loading.cpu  # from the first frame watched; most of it
        out["rows"] = screen.results.row_count
        await app.workers.wait_for_complete()
        await frames.quiet()
        out["rss_after_search_mb"] = rss_mb()

        first, cpu, settled = [], [], []
        for key in _cursor_keys(quick):
            a, b, c = await _press(app, frames, key)
            first.append(a)
            cpu.append(b)
            settled.append(c)
        out["cursor_key_ms"] = first
        out["cursor_key_cpu_ms"] = cpu
        out["cursor_settled_ms"] = settled

        # Issues opened from the results and opened again, timed; then the rest of the 50
        # one after another with `]` (the issue view's next result), as a person reading
        # through them would, which spares the bench a return to the results each time.
        # Each reopening is of a different issue than the one the view last showed (the
        # results' first n rows are opened in turn, then again from the top), as a person
        # going back to an issue they read before does.
        cold, warm = [], []
        n = 5 if quick else 6
        for _ in range(n):
            cold.append(await _open(app, frames, store))
            await _press(app, frames, "j")
        await _press(app, frames, "g")
        for _ in range(n):
            warm.append(await _open(app, frames, store))
            await _press(app, frames, "j")
        stepped = [await _show(app, frames, store, "enter")]
        while len(cold) + len(stepped) < OPENED:
            stepped.append(await _show(app, frames, store, "right_square_bracket"))
        await _back(app, frames)
        out["issue_cold"] = cold
        out["issue_again"] = warm
        out["issue_stepped"] = stepped
        out["peak_rss_mb"] = peak_rss_mb()
        out["rss_end_mb"] = rss_mb()
        await pilot.pause()
    return out


def _app_child(base_url: str, quick: bool) -> dict[str, Any]:
    with scratch_home() as home:
        return asyncio.run(app_run(base_url, quick, home))


def app_figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each run's figure (a p95 of its presses, a median of its openings), then over the runs."""

    def over_runs(fn: Any) -> dict[str, Any]:
        return summary([fn(r) for r in runs])

    def p95(name: str) -> Any:
        return lambda r: percentile(r[name], 95)

    def median_of(group: str, name: str) -> Any:
        return lambda r: statistics.median(o[name] for o in r[group])

    cold_gets = [o["issue_gets"] for r in runs for o in r["issue_cold"] + r["issue_stepped"]]
    again_gets = [o["issue_gets"] for r in runs for o in r["issue_again"]]
    again_revalidations = [o["revalidations"] for r in runs for o in r["issue_again"]]
    pooled_keys = [ms for r in runs for ms in r["cursor_key_ms"]]
    return {
        "search_loaded_s": over_runs(lambda r: r["search_loaded_s"]),
        "search_loaded_cpu_s": over_runs(lambda r: r["search_loaded_cpu_s"]),
        "cursor_key_ms_p95": over_runs(p95("cursor_key_ms")),
        "cursor_key_cpu_ms_p95": over_runs(p95("cursor_key_cpu_ms")),
        "cursor_key_ms_median": over_runs(lambda r: statistics.median(r["cursor_key_ms"])),
        "cursor_settled_ms_p95": over_runs(p95("cursor_settled_ms")),
        "cursor_key_ms_pooled": summary(pooled_keys) | {"presses": len(pooled_keys)},
        "issue_from_cache_ms": over_runs(median_of("issue_again", "ms")),
        "issue_from_cache_cpu_ms": over_runs(median_of("issue_again", "cpu_ms")),
        "issue_cold_ms": over_runs(median_of("issue_cold", "ms")),
        "issue_cold_cpu_ms": over_runs(median_of("issue_cold", "cpu_ms")),
        "issue_requests_first": max(cold_gets),
        "issue_requests_first_min": min(cold_gets),
        "issue_requests_again": max(again_gets),
        "issue_revalidations_again": max(again_revalidations),
        "openings_with_more_requests": [
            o
            for r in runs
            for o in r["issue_cold"] + r["issue_stepped"] + r["issue_again"]
            if o.get("requests_by_path")
        ][:10],
        "issue_stepped_ms": over_runs(median_of("issue_stepped", "ms")),
        "issue_stepped_cpu_ms": over_runs(median_of("issue_stepped", "cpu_ms")),
        "issues_opened": len(runs[0]["issue_cold"]) + len(runs[0]["issue_stepped"]),
        "peak_rss_mb": over_runs(lambda r: r["peak_rss_mb"]),
        "rss_after_search_mb": over_runs(lambda r: r["rss_after_search_mb"]),
    }


def measure_app(server: SandboxServer, runs: int, quick: bool) -> dict[str, Any]:
    results = []
    for _ in range(runs):
        with scratch_home() as home:
            done = subprocess.run(
                [PYTHON, __file__, "--child-app", server.base_url, *(["--quick"] if quick else [])],
                cwd=ROOT, capture_output=True, text=True, timeout=600, env=bench_env(home),
            )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError("app run failed: " + done.stderr[-2000:])
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"runs": runs, **app_figures(results)}


# --- the Store alone: 10,000 results at 50 ms ----------------------------------------------------


async def _store_search(base_url: str) -> tuple[int, int]:
    from tui.api.auth import BasicAuth
    from tui.api.redact import Secret
    from tui.store.store import Store, StoreSettings

    async with Store(
        base_url=base_url,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        settings=StoreSettings(api_version="2"),
    ) as store:
        await store.connect()
        before = store.stats.total_requests
        rows = 0
        async for page in store.search("ORDER BY updated DESC", refresh=True):
            rows += len(page.issues)
        return rows, store.stats.total_requests - before


def measure_store_search(server: SandboxServer, runs: int) -> dict[str, Any]:
    from tui.store.store import StoreSettings

    wall, cpu, server_cpu, requests = [], [], [], 0
    rows = 0
    for _ in range(runs):
        server_before = server.cpu_seconds()
        with CpuClock() as clock:
            rows, requests = asyncio.run(_store_search(server.base_url))
        wall.append(clock.wall)
        cpu.append(clock.cpu)
        server_cpu.append(server.cpu_seconds() - server_before)
    pages = math.ceil(rows / PAGE_SIZE)
    in_flight = StoreSettings().in_flight
    floor = math.ceil(pages / in_flight) * LATENCY_MS / 1000
    return {
        "rows": rows,
        "pages": pages,
        "requests": requests,
        "in_flight": in_flight,
        "floor_s": floor,
        "wall_s": summary(wall),
        "client_cpu_s": summary(cpu),
        "sandbox_cpu_s": summary(server_cpu),
        "ratio": round(summary(wall)["median"] / floor, 2),
    }


# --- warm start: the disk cache paints before the first answer ----------------------------------


def measure_warm_start(runs: int) -> dict[str, Any]:
    painted, app_start, margins = [], [], []
    with SandboxServer(issues=600, latency_ms=WARM_LATENCY_MS) as server, scratch_home() as home:
        env = bench_env(home, profile_env(server.base_url))
        argv = [PYTHON, "-m", "tui"]
        cache = home / "cache"
        # The first run fills the disk cache (quicker with the latency off for it).
        server.set_faults(latency_ms=0)
        out = home / "cold.json"
        run_in_pty(
            [*argv, "--profile-startup", str(out)], env,
            done=lambda: "first_result_row_painted" in read_milestones(out) and any(cache.rglob("search/*.json")),
        )  # fmt: skip
        if not any(cache.rglob("search/*.json")):
            raise RuntimeError("the first run cached no search")
        server.set_faults(latency_ms=WARM_LATENCY_MS)
        for n in range(runs):
            out = home / f"warm-{n}.json"
            run_in_pty(
                [*argv, "--profile-startup", str(out)], env,
                done=lambda out=out: "first_result_row_painted" in read_milestones(out),  # type: ignore[misc]
            )  # fmt: skip
            marks = read_milestones(out)
            if "first_result_row_painted" not in marks:
                raise RuntimeError(f"warm run {n} painted no result row: {marks}")
            painted.append(marks["first_result_row_painted"])
            app_start.append(marks["app_start"])
            margins.append(
                marks["app_start"] + WARM_LATENCY_MS / 1000 - marks["first_result_row_painted"]
            )
    return {
        "latency_s": WARM_LATENCY_MS / 1000,
        "first_result_row_painted_s": summary(painted),
        "app_start_s": summary(app_start),
        "earliest_response_s": summary([a + WARM_LATENCY_MS / 1000 for a in app_start]),
        "margin_s": summary(margins),  # > 0: painted before any answer could have arrived
        "painted_before_any_response": all(m > 0 for m in margins),
    }


# --- the command line: --help and the headless commands' imports ---------------------------------

IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
HEADLESS: dict[str, list[str]] = {
    "search": ["search", "project = DASH ORDER BY updated DESC", "--json", "--limit", "5"],
    "issue": ["issue", "DASH-1", "--json"],
    "transition": ["transition", "DASH-2", "Reopen"],  # DASH-2 is seeded Done
    "comment": ["comment", "DASH-2", "-m", "bench"],
    "assign": ["assign", "DASH-2", "me"],
    "projects": ["projects", "--json"],
    "project": ["project", "DASH"],
    "config list": ["config", "list"],
    "config path": ["config", "path"],
    "config check": ["config", "check"],
    "skills export": ["skills", "export"],
    "devinfo get": ["devinfo", "get", "web-app"],
}


def parse_importtime(stderr: str) -> tuple[list[str], list[tuple[str, float]]]:
    """From `python -X importtime` output: every module imported, and the program's own
    top-level imports (from its first `tui` module on; the interpreter's start-up before it
    is left out) with their cumulative seconds, in the order they were imported."""
    modules: list[str] = []
    top: list[tuple[str, float]] = []
    for line in stderr.splitlines():
        found = IMPORT_LINE.match(line)
        if not found:
            continue
        cumulative, indent, name = int(found[2]), len(found[3]), found[4]
        modules.append(name)
        if indent == 1:  # "| name": imported by the program itself, not by another import
            top.append((name, cumulative / 1e6))
    first = next((n for n, (name, _) in enumerate(top) if name.split(".")[0] == "tui"), len(top))
    return modules, top[first:]


REPLAY = """
import importlib, json, sys, time
names = json.loads(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
for name in names:
    importlib.import_module(name)
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def _import_costs(
    programs: dict[str, list[tuple[str, float]]], env: dict[str, str], runs: int
) -> dict[str, dict[str, Any]]:
    """Each program's top-level imports replayed in order in `runs` fresh interpreters: the wall
    and CPU time of importing exactly what the command imported (nothing else runs). The
    programs take turns, one replay of each per round, so a burst of load on this shared machine
    falls on every command alike instead of on one command's runs."""
    names = {
        key: [name for name, _ in program if not name.endswith("__main__")]
        for key, program in programs.items()
    }
    walls: dict[str, list[float]] = {key: [] for key in programs}
    cpus: dict[str, list[float]] = {key: [] for key in programs}
    for _ in range(runs):
        for key in programs:
            done = subprocess.run(
                [PYTHON, "-c", REPLAY, json.dumps(names[key])], cwd=ROOT, env=env,
                capture_output=True, text=True, timeout=120, check=True,
            )  # fmt: skip
            wall, cpu = json.loads(done.stdout.strip().splitlines()[-1])
            walls[key].append(wall)
            cpus[key].append(cpu)
    costs: dict[str, dict[str, Any]] = {}
    for key, program in programs.items():
        slowest = sorted(program, key=lambda item: -item[1])[:4]
        costs[key] = {
            "imports_s": summary(walls[key]),
            "imports_cpu_s": summary(cpus[key]),
            "importtime_sum_s": round(sum(t for _, t in program), 4),  # one run, with its overhead
            "slowest_imports": [(name, round(t, 4)) for name, t in slowest],
            "modules": len(names[key]),
        }
    return costs


def _textual(modules: list[str]) -> bool:
    return any(m == "textual" or m.startswith("textual.") for m in modules)


def _timed_process(
    argv: list[str], env: dict[str, str]
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def _run_traced(
    argv: list[str], env: dict[str, str]
) -> tuple[int, list[str], list[tuple[str, float]]]:
    done = subprocess.run(
        [PYTHON, "-X", "importtime", *argv], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    modules, program = parse_importtime(done.stderr)
    return done.returncode, modules, program


def measure_cli(runs: int) -> dict[str, Any]:
    """`jiradash --help` as a whole process (wall and CPU, `runs` times); then each headless
    command run once for real under `-X importtime` (what it imports, whether Textual is among
    it, its exit code) and its imports replayed `runs` times in fresh interpreters, the
    commands taking turns."""
    jiradash = str(Path(PYTHON).with_name("jiradash"))
    result: dict[str, Any] = {}
    with scratch_home() as home:
        env = bench_env(home)
        wall, cpu = [], []
        for _ in range(runs):
            w, c, done = _timed_process([jiradash, "--help"], env)
            if done.returncode != 0:
                raise RuntimeError("jiradash --help failed: " + done.stderr[-500:])
            wall.append(w)
            cpu.append(c)
        code, modules, program = _run_traced(["-m", "tui", "--help"], env)
        result["help"] = {
            "wall_s": summary(wall),
            "cpu_s": summary(cpu),
            **_import_costs({"help": program}, env, runs)["help"],
            "textual_imported": _textual(modules),
            "httpx_imported": "httpx" in modules,
        }
        with SandboxServer(issues=600) as server:
            env = bench_env(home, profile_env(server.base_url) | server.service_env())
            commands: dict[str, Any] = {}
            programs: dict[str, list[tuple[str, float]]] = {}
            for name, args in HEADLESS.items():
                code, modules, programs[name] = _run_traced(["-m", "tui", *args], env)
                commands[name] = {"exit_code": code, "textual_imported": _textual(modules)}
            for name, cost in _import_costs(programs, env, runs).items():
                commands[name].update(cost)
            result["headless"] = commands
    slowest = max(result["headless"].values(), key=lambda c: c["imports_s"]["median"])
    result["headless_imports_worst_s"] = slowest["imports_s"]
    result["headless_imports_worst_cpu_s"] = slowest["imports_cpu_s"]
    result["headless_textual_imported"] = any(
        c["textual_imported"] for c in result["headless"].values()
    )
    return result


# --- all of it -------------------------------------------------------------------------------------


def run(quick: bool = False, runs: int = 5) -> dict[str, Any]:
    began = time.perf_counter()
    result: dict[str, Any] = {"benchmark": "ui", "machine": machine(), "quick": quick}
    seconds: dict[str, float] = {}

    def timed(name: str, measure: Any, *args: Any) -> Any:
        start = time.perf_counter()
        found = measure(*args)
        seconds[name] = round(time.perf_counter() - start, 1)
        return found

    result["cli"] = timed("cli", measure_cli, runs)
    with SandboxServer(issues=ISSUES, latency_ms=LATENCY_MS) as server:
        result["search_store"] = timed("search_store", measure_store_search, server, runs)
        result["app"] = timed("app", measure_app, server, runs, quick)
    floor = result["search_store"]["floor_s"]
    result["app"]["search_loaded_ratio"] = round(
        result["app"]["search_loaded_s"]["median"] / floor, 2
    )
    result["warm_start"] = timed("warm_start", measure_warm_start, runs)
    result["seconds"] = seconds
    result["load_average_end"] = load_average()
    result["elapsed_s"] = round(time.perf_counter() - began, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer presses and openings")
    parser.add_argument("--runs", type=int, default=5, help="runs of each figure (at least 5)")
    parser.add_argument(
        "--only", choices=["cli", "app", "store", "warm"], help="one group of figures"
    )
    parser.add_argument("--child-app", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_app:
        print(json.dumps(_app_child(args.child_app, args.quick)))
        return 0
    if args.only is None:
        result = run(args.quick, args.runs)
    elif args.only == "cli":
        result = measure_cli(args.runs)
    elif args.only == "warm":
        result = measure_warm_start(args.runs)
    else:
        with SandboxServer(issues=ISSUES, latency_ms=LATENCY_MS) as server:
            if args.only == "store":
                result = measure_store_search(server, args.runs)
            else:
                result = measure_app(server, args.runs, args.quick)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
