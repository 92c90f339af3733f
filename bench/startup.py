"""Startup: `jiradash --demo` to its first result row painted, against a bare Textual floor.

The floor is the least any Textual app can do: a fresh interpreter, `import textual`, one
DataTable, 100 rows, first paint. jiradash does that plus its store, the in-process sandbox,
the first search and the results table. Both run in a pseudo-terminal (as a person would run
them) and report milestones in seconds since their process started (`--profile-startup`).
Prints JSON: medians over `--runs`, and the ratio (target <= 1.5).

`--rows N` adds the results table on its own: N issues handed to jiradash's virtualised
`ResultsTable` and to Textual's `DataTable`, headless, time until the first paint and for
scrolling to the end (`G` / `end`).

    .venv/bin/python bench/startup.py --runs 5 --rows 10000
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bytecode_env

MILESTONE = "first_result_row_painted"
TIMEOUT = 60.0

FLOOR = r"""
import json, os, sys, time
from pathlib import Path

def started():
    stat = Path("/proc/self/stat").read_text()
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    ticks = int(stat.rpartition(")")[2].split()[19])
    return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")

START = started()
from textual.app import App
from textual.widgets import DataTable

class Floor(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        marks["first_frame"] = round(time.time() - START, 4)
        table = self.query_one(DataTable)
        table.add_columns("Key", "Type", "Priority", "Status", "Summary", "Assignee", "Updated")
        table.add_rows((f"DEMO-{n}", "Bug", "High", "To Do", f"Issue {n}", "Alice", "2d") for n in range(100))
        self.call_after_refresh(self.painted)

    def painted(self):
        marks["first_result_row_painted"] = round(time.time() - START, 4)
        Path(sys.argv[1]).write_text(json.dumps({"milestones": marks}))
        self.exit()

marks = {"process_start": 0.0}
Floor().run()
"""


def _run_in_pty(argv: list[str], out: Path, *, quit_key: bytes | None) -> dict[str, float]:
    """Run `argv` on a 120x40 pty until `out` holds the milestone; then quit it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**bytecode_env(os.environ), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)

    def drain() -> None:  # the app blocks if nobody reads its output
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + TIMEOUT
    marks: dict[str, float] = {}
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists():
                try:
                    marks = json.loads(out.read_text())["milestones"]
                except (ValueError, KeyError):
                    marks = {}
                if MILESTONE in marks:
                    break
            time.sleep(0.01)
        if quit_key is not None and proc.poll() is None:
            os.write(master, quit_key)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    finally:
        os.close(master)
    if not marks and out.exists():
        marks = json.loads(out.read_text())["milestones"]
    if MILESTONE not in marks:
        raise RuntimeError(f"{argv[0]} never reported {MILESTONE}: {marks}")
    return marks


def measure(runs: int, python: str) -> dict[str, object]:
    floor_times: list[float] = []
    demo_times: list[float] = []
    demo_marks: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="jiradash-bench-") as tmp:
        script = Path(tmp) / "floor.py"
        script.write_text(FLOOR)
        # jiradash's caches and config go to a scratch home so every run starts cold
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")
        for n in range(runs):
            out = Path(tmp) / f"floor-{n}.json"
            floor_times.append(
                _run_in_pty([python, str(script), str(out)], out, quit_key=None)[MILESTONE]
            )
            out = Path(tmp) / f"demo-{n}.json"
            argv = [python, "-m", "tui", "--demo", "--profile-startup", str(out)]
            marks = _run_in_pty(argv, out, quit_key=b"q")
            demo_times.append(marks[MILESTONE])
            demo_marks.append(marks)
    floor = statistics.median(floor_times)
    demo = statistics.median(demo_times)
    milestones = {
        name: round(statistics.median(m[name] for m in demo_marks if name in m), 4)
        for name in demo_marks[0]
    }
    return {
        "benchmark": "startup: process start to first result row painted (120x40 pty)",
        "runs": runs,
        "floor_textual_datatable_s": round(floor, 4),
        "jiradash_demo_s": round(demo, 4),
        "ratio": round(demo / floor, 2),
        "target_ratio": 1.5,
        "jiradash_milestones_median_s": milestones,
        "floor_runs_s": floor_times,
        "jiradash_runs_s": demo_times,
    }


def rows_paint(count: int) -> dict[str, object]:
    """Seconds to the first paint of `count` rows, and to the last row after `end`."""
    import asyncio
    from datetime import UTC, datetime, timedelta

    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from tui.models import IssueSummary
    from tui.widgets.results import ResultsTable

    now = datetime(2026, 11, 1, tzinfo=UTC)
    issues = [
        IssueSummary(
            id=str(n), key=f"DEMO-{n}", summary=f"Issue number {n} about the importer",
            issuetype="Bug", status="To Do", status_category="new", priority="High",
            assignee="Alice Admin", updated=now - timedelta(minutes=n),
        )
        for n in range(1, count + 1)
    ]  # fmt: skip

    class Rows(App[None]):
        def __init__(self, virtual: bool) -> None:
            super().__init__()
            self.virtual = virtual

        def compose(self) -> ComposeResult:
            yield ResultsTable(clock=lambda: now) if self.virtual else DataTable()

    async def one(virtual: bool) -> tuple[float, float]:
        app = Rows(virtual)
        async with app.run_test(size=(120, 40)) as pilot:
            start = time.perf_counter()
            if virtual:
                app.query_one(ResultsTable).set_rows(issues)
            else:
                table = app.query_one(DataTable)
                table.add_columns(
                    "Key", "Type", "Priority", "Status", "Summary", "Assignee", "Updated"
                )
                table.add_rows(
                    (i.key, i.issuetype, i.priority, i.status, i.summary, i.assignee, "1d")
                    for i in issues
                )
            await pilot.pause()
            painted = time.perf_counter() - start
            app.screen.focus_next()
            start = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            return painted, time.perf_counter() - start

    virtual, datatable = asyncio.run(one(True)), asyncio.run(one(False))
    return {
        "rows": count,
        "results_table_first_paint_s": round(virtual[0], 4),
        "results_table_end_s": round(virtual[1], 4),
        "datatable_first_paint_s": round(datatable[0], 4),
        "datatable_end_s": round(datatable[1], 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=0, help="also time N rows in the results table")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    result = measure(args.runs, args.python)
    if args.rows:
        result["results_table"] = rows_paint(args.rows)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
