"""Run every benchmark and write one JSON document: the machine, each figure, each target.

Every `bench/<name>.py` (but this runner and `common.py`) is a benchmark. Each runs in its own
process, one after the other, so none inherits another's imports, memory or event loop:

- a module with `run(quick: bool) -> dict` is imported in a child and its `run` called;
- any other is run as a script printing JSON, with the arguments `PLANS` gives it (its own
  `--runs` where it has one, otherwise the runner repeats it and takes each number's median,
  p95, min and max over the repeats).

The document (stdout, and `--out FILE`): `machine` (cores, Python, Textual, load average at the
start and the end), `benchmarks` (each one's JSON, its wall time, or its error), and `targets`:
every target of the performance issue with the figure that decides it, `met` true or false
(`null` when nothing measures it yet) and why. Progress goes to stderr.

    .venv/bin/python -m bench                 # everything, about 10 minutes on 2 cores
    .venv/bin/python -m bench --quick         # fewer sizes, presses and commits; 5 runs still
    .venv/bin/python -m bench --only ui startup --out /tmp/bench.json
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PYTHON, ROOT, load_average, machine, summary

BENCH = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"__main__", "__init__", "run", "common"}
REPEATS = 5


@dataclass(frozen=True)
class Plan:
    """How to run a script-style benchmark."""

    args: tuple[str, ...] = ()
    quick_args: tuple[str, ...] = ()
    repeat: int = 1  # > 1 when the script measures each figure once per run
    timeout: float = 900.0
    summarize: Callable[[dict[str, Any]], None] | None = None
    always_quick: bool = False  # its full run is for running it alone (the suite's 10 minutes)


def _startup_runs(result: dict[str, Any]) -> None:
    """startup.py gives its runs as lists: add their median, p95 and min, and the paired ratios."""
    floor, demo = result.get("floor_runs_s", []), result.get("jiradash_runs_s", [])
    result["floor_s"] = summary(floor)
    result["jiradash_demo_s_summary"] = summary(demo)
    result["ratio_per_run"] = summary([d / f for d, f in zip(demo, floor, strict=False) if f])


PLANS: dict[str, Plan] = {
    "startup": Plan(("--runs", "7"), ("--runs", "5"), summarize=_startup_runs),
    # 100,000 issues stay with `bench/sandbox.py`'s own default run: five of them take minutes
    "sandbox": Plan(
        ("--sizes", "600", "10000"), ("--sizes", "600", "10000", "--pages", "5"), repeat=REPEATS
    ),
    "devinfo": Plan(("--runs", "5"), ("--commits", "2000", "--runs", "5")),
    "store": Plan(("--runs", "5"), ("--runs", "5", "--open", "10")),
    # 10,000 reads and 1,000 mutations take minutes of their own: `python bench/soak.py`
    "soak": Plan(always_quick=True),
}


# --- finding and running the benchmarks ----------------------------------------------------------


def discover() -> list[str]:
    return sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in NOT_BENCHMARKS)


def _has_run(name: str) -> bool:
    """Whether `bench/<name>.py` defines a top-level `run(quick...)` (read, not imported)."""
    tree = ast.parse((BENCH / f"{name}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "run":
            names = [a.arg for a in node.args.args + node.args.kwonlyargs]
            return "quick" in names
    return False


def _last_json(stdout: str) -> dict[str, Any]:
    """The JSON document a benchmark printed last (indented or on one line)."""
    text = stdout.strip()
    start = text.rfind("\n{")
    for candidate in (
        text,
        text[start + 1 :] if start >= 0 else text,
        text.splitlines()[-1] if text else "",
    ):
        try:
            found = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(found, dict):
            return found
    raise ValueError("no JSON object in its output")


def _child(argv: list[str], timeout: float) -> dict[str, Any]:
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-1500:]}")
    return _last_json(done.stdout)


def run_one(name: str, quick: bool) -> dict[str, Any]:
    plan = PLANS.get(name, Plan())
    quick = quick or plan.always_quick
    if _has_run(name):
        code = (
            "import json, sys; sys.path.insert(0, sys.argv[1]); "
            f"from bench import {name} as m; print(json.dumps(m.run(quick=sys.argv[2] == '1')))"
        )
        return _child([PYTHON, "-c", code, str(ROOT), "1" if quick else "0"], timeout=1800)
    args = list(plan.quick_args if quick else plan.args)
    results = [
        _child([PYTHON, str(BENCH / f"{name}.py"), *args], plan.timeout) for _ in range(plan.repeat)
    ]
    result = results[0] if plan.repeat == 1 else merge_runs(results)
    if plan.repeat > 1:
        result["repeats"] = plan.repeat
    if plan.summarize is not None:
        plan.summarize(result)
    return result


def merge_runs(runs: Sequence[Any]) -> Any:
    """Several runs' JSON as one: each number becomes its summary over the runs; lists of the
    same length merge item by item; anything else is kept from the first run."""
    first = runs[0]
    if isinstance(first, bool) or first is None or isinstance(first, str):
        return first
    if isinstance(first, int | float):
        numbers = [r for r in runs if isinstance(r, int | float) and not isinstance(r, bool)]
        return summary(numbers) if len(set(numbers)) > 1 else first
    if isinstance(first, dict):
        return {
            k: merge_runs([r[k] for r in runs if isinstance(r, dict) and k in r]) for k in first
        }
    if isinstance(first, list) and all(isinstance(r, list) and len(r) == len(first) for r in runs):
        return [merge_runs([r[i] for r in runs]) for i in range(len(first))]
    return first


# --- the targets of the performance issue --------------------------------------------------------


def _get(results: dict[str, Any], path: str) -> Any:
    """`ui.app.peak_rss_mb.median` in the benchmarks' results; KeyError when absent."""
    node: Any = results
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, dict) and "result" in node and "seconds" in node:
            node = node["result"]  # a benchmark's entry: its figures are under "result"
    return node


@dataclass(frozen=True)
class Target:
    figure: str
    target: str
    check: Callable[[dict[str, Any]], tuple[Any, bool, str]]  # value, met, how it was judged
    source: str  # the benchmark that measures it


def _startup(r: dict[str, Any]) -> tuple[Any, bool, str]:
    ratio = _get(r, "startup.ratio")
    demo, floor = _get(r, "startup.jiradash_demo_s"), _get(r, "startup.floor_textual_datatable_s")
    return ratio, ratio <= 1.5, f"median {demo:.3f} s vs bare Textual DataTable {floor:.3f} s"


def _help(r: dict[str, Any]) -> tuple[Any, bool, str]:
    cli = _get(r, "ui.cli")
    help_ = cli["help"]
    wall, cpu = help_["wall_s"]["median"], help_["cpu_s"]["median"]
    worst, worst_cpu = (
        cli["headless_imports_worst_s"]["median"],
        cli["headless_imports_worst_cpu_s"]["median"],
    )
    textual = help_["textual_imported"] or cli["headless_textual_imported"]
    slowest = max(cli["headless"].items(), key=lambda kv: kv[1]["imports_s"]["median"])[0]
    met = wall < 0.25 and worst < 0.25 and not textual
    how = (
        f"`--help` whole process {wall:.3f} s wall, {cpu:.3f} s CPU; slowest headless command's "
        f"imports ({slowest}) {worst:.3f} s wall, {worst_cpu:.3f} s CPU; Textual on a headless "
        f"path: {'yes' if textual else 'no'}"
    )
    value = {"help_s": wall, "help_cpu_s": cpu, "imports_s": worst, "imports_cpu_s": worst_cpu}
    return value, met, how


def _warm(r: dict[str, Any]) -> tuple[Any, bool, str]:
    warm = _get(r, "ui.warm_start")
    painted, margin = warm["first_result_row_painted_s"]["median"], warm["margin_s"]["min"]
    how = (
        f"first row at {painted:.2f} s; earliest possible answer at app start + "
        f"{warm['latency_s']:.0f} s; smallest margin {margin:.2f} s"
    )
    return painted, bool(warm["painted_before_any_response"]), how


def _search(r: dict[str, Any]) -> tuple[Any, bool, str]:
    app, store = _get(r, "ui.app"), _get(r, "ui.search_store")
    ratio = app["search_loaded_ratio"]
    how = (
        f"{app['search_loaded_s']['median']:.2f} s in the app vs floor {store['floor_s']:.2f} s "
        f"({store['pages']} pages, {store['in_flight']} in flight); the Store alone "
        f"{store['wall_s']['median']:.2f} s (ratio {store['ratio']}), its CPU "
        f"{store['client_cpu_s']['median']:.2f} s, the sandbox's CPU {store['sandbox_cpu_s']['median']:.2f} s"
    )
    return ratio, ratio <= 1.5, how


def _requests(r: dict[str, Any]) -> tuple[Any, bool, str]:
    app = _get(r, "ui.app")
    first, again, revalidations = (
        app["issue_requests_first"],
        app["issue_requests_again"],
        app["issue_revalidations_again"],
    )
    met = app["issue_requests_first_min"] == first == 1 and again == 0 and revalidations <= 1
    how = f"GET /issue/{{key}}: {first} first, {again} again (+{revalidations} revalidation), most over every opening"
    return f"{first} / {again} (+{revalidations})", met, how


def _cursor(r: dict[str, Any]) -> tuple[Any, bool, str]:
    app = _get(r, "ui.app")
    p95, cpu = app["cursor_key_ms_p95"]["median"], app["cursor_key_cpu_ms_p95"]["median"]
    how = (
        f"key sent to frame rendered, p95 per run (median of {app['cursor_key_ms_p95']['runs']} runs); "
        f"CPU p95 {cpu:.1f} ms; median press {app['cursor_key_ms_median']['median']:.1f} ms"
    )
    return p95, p95 < 16, how


def _issue(r: dict[str, Any]) -> tuple[Any, bool, str]:
    app = _get(r, "ui.app")
    ms, cpu = app["issue_from_cache_ms"]["median"], app["issue_from_cache_cpu_ms"]["median"]
    how = f"enter to the frame after the issue view painted; CPU {cpu:.1f} ms; first opening {app['issue_cold_ms']['median']:.0f} ms"
    return ms, ms < 50, how


def _rss(r: dict[str, Any]) -> tuple[Any, bool, str]:
    app = _get(r, "ui.app")
    peak = app["peak_rss_mb"]
    how = f"high-water mark of a fresh process (max {peak['max']:.0f} MB); after the search alone {app['rss_after_search_mb']['median']:.0f} MB"
    return peak["median"], peak["median"] < 250, how


def _skills(r: dict[str, Any]) -> tuple[Any, bool, str]:
    skills = _get(r, "skills")
    paint, p95 = skills["first_paint_s"]["median"], skills["cursor_key_ms_p95"]["median"]
    how = (
        f"`3` to the matrix painted {paint:.2f} s ({skills['first_paint_cpu_s']['median']:.2f} s "
        f"CPU); cursor key to frame p95 {p95:.1f} ms (CPU p95 "
        f"{skills['cursor_key_cpu_ms_p95']['median']:.1f} ms); {skills['people_shown']} people x "
        f"{skills['columns']} columns"
    )
    return {"first_paint_s": paint, "cursor_p95_ms": p95}, paint < 1 and p95 < 16, how


def _projects(r: dict[str, Any]) -> tuple[Any, bool, str]:
    projects = _get(r, "projects")
    store, app = projects["store"], projects["app"]
    requests, app_requests = store["first_page_requests"], app["first_row_requests"]
    first, latency = store["first_page_s"]["median"], projects["latency_ms"]
    met = requests == [1] and app_requests == [1]
    how = (
        f"Store: first page after {requests} request(s), {first * 1000:.0f} ms at {latency:.0f} ms "
        f"latency; the app's first row after {app_requests} request(s), "
        f"{app['first_row_s']['median'] * 1000:.0f} ms from the key"
    )
    return f"{requests[0]} request, {first * 1000:.0f} ms", met, how


TARGETS: tuple[Target, ...] = (
    Target(
        "start to first result row painted, `--demo`",
        "<= 1.5x the bare Textual floor",
        _startup,
        "startup",
    ),
    Target(
        "`jiradash --help`, any headless command's import cost",
        "< 0.25 s; no Textual on headless paths",
        _help,
        "ui",
    ),
    Target(
        "warm start (disk cache), sandbox `--latency 2000`",
        "cached results painted before any response",
        _warm,
        "ui",
    ),
    Target(
        "10,000-issue search fully loaded", "<= 1.5x ceil(pages / in_flight) x 50 ms", _search, "ui"
    ),
    Target(
        "requests to open an issue / to open it again",
        "1 / 0 (+ <= 1 background revalidation)",
        _requests,
        "ui",
    ),
    Target("cursor move in 10,000 results, per key", "p95 < 16 ms", _cursor, "ui"),
    Target("issue view painted from cache after `enter`", "< 50 ms median", _issue, "ui"),
    Target("peak RSS, 10,000 issues loaded and 50 opened", "< 250 MB", _rss, "ui"),
    Target(
        "skills matrix 2,000 x 500: first paint / cursor p95", "< 1 s / < 16 ms", _skills, "skills"
    ),
    Target(
        "project list with 2,000 projects: first page",
        "one request, one round trip",
        _projects,
        "projects",
    ),
)


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for target in TARGETS:
        row: dict[str, Any] = {
            "figure": target.figure,
            "target": target.target,
            "source": target.source,
        }
        entry = results.get(target.source)
        if entry is None or "error" in entry:
            why = entry["error"][:300] if entry else f"no bench/{target.source}.py yet"
            row.update(value=None, met=None, how=f"not measured: {why}")
        else:
            try:
                value, met, how = target.check(results)
            except (KeyError, IndexError, TypeError) as exc:
                row.update(value=None, met=None, how=f"not measured: {type(exc).__name__} {exc}")
            else:
                row.update(value=value, met=bool(met), how=how)
        rows.append(row)
    return rows


# --- the Summary table of docs/PERFORMANCE.md ----------------------------------------------------

COMMANDS = {
    "ui": "`.venv/bin/python bench/ui.py` (in `python -m bench`)",
    "startup": "`.venv/bin/python bench/startup.py --runs 7` (in `python -m bench`)",
}


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_shown(v)}" for k, v in value.items())
    return "—" if value is None else str(value)


def summary_markdown(document: dict[str, Any]) -> str:
    """The Summary table: every target, its latest figure, met or missed, how it was measured."""
    verdict = {True: "met", False: "**missed**", None: "not measured"}
    lines = [
        "| figure | target | latest | | measured as | command |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for t in document["targets"]:
        command = COMMANDS.get(t["source"], f"`bench/{t['source']}.py`")
        lines.append(
            f"| {t['figure']} | {t['target']} | {_shown(t['value'])} | {verdict[t['met']]} | "
            f"{t['how']} | {command} |"
        )
    return "\n".join(lines) + "\n"


def code_state() -> dict[str, Any]:
    """Which code was measured: the commit, and the files under `tui/` changed since it (the
    tree is shared, so others' work in progress may be measured too)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "changed": git("status", "--porcelain", "--", "tui", "styles").splitlines(),
    }


# --- the command ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a fast pass: smaller sizes, fewer presses"
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="these benchmarks only (bench/NAME.py)"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="also write the JSON document here"
    )
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="print the Summary table of a saved document"
    )
    args = parser.parse_args(argv)
    if args.markdown is not None:
        saved = json.loads(args.markdown.read_text(encoding="utf-8"))
        saved["targets"] = judge(saved["benchmarks"])  # judged again, as this runner judges
        print(summary_markdown(saved), end="")
        return 0
    names = discover()
    unknown = sorted(set(args.only or ()) - set(names))
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)} (have: {', '.join(names)})")
    began = time.perf_counter()
    document: dict[str, Any] = {
        "command": "python -m bench" + (" --quick" if args.quick else ""),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "code": code_state(),
        "benchmarks": {},
    }
    for name in args.only or names:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        entry: dict[str, Any]
        try:
            entry = {"result": run_one(name, args.quick)}
        except (RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
            entry = {"error": f"{type(exc).__name__}: {exc}"}
        entry["seconds"] = round(time.perf_counter() - start, 1)
        entry["load_average_after"] = load_average()
        document["benchmarks"][name] = entry
        status = "failed" if "error" in entry else "done"
        print(f"bench: {name} {status} in {entry['seconds']} s", file=sys.stderr, flush=True)
    document["targets"] = judge(document["benchmarks"])
    verdicts = [t["met"] for t in document["targets"]]
    document["targets_met"] = verdicts.count(True)
    document["targets_missed"] = verdicts.count(False)
    document["targets_not_measured"] = verdicts.count(None)
    document["load_average_end"] = load_average()
    document["load_average_median"] = statistics.median(
        [document["machine"]["load_average"][0]]
        + [e["load_average_after"][0] for e in document["benchmarks"].values()]
    )
    document["elapsed_s"] = round(time.perf_counter() - began, 1)
    text = json.dumps(document, indent=2)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if not any(e.get("error") for e in document["benchmarks"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
