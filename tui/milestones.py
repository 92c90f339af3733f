"""Startup milestones (`--profile-startup FILE`, `JIRADASH_PROFILE_STARTUP`): when things happened.

Each milestone is seconds since the process started. The file is rewritten as each milestone
arrives, so a benchmark can watch it and stop the app once it has what it measures.
No Textual import: `bench/` and the launcher use it too.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

__all__ = [
    "APP_START",
    "FIRST_FRAME",
    "FIRST_RESULT_ROW",
    "ISSUE_PAINTED",
    "PROCESS_START",
    "Milestones",
]

PROCESS_START = "process_start"
APP_START = "app_start"
FIRST_FRAME = "first_frame"
FIRST_RESULT_ROW = "first_result_row_painted"
ISSUE_PAINTED = "issue_painted"


def _process_start_epoch() -> float:
    """When this process began, from the kernel where it says; else now."""
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        # Field 22 (starttime, in clock ticks since boot) follows the parenthesised command.
        start_ticks = int(stat.rpartition(")")[2].split()[19])
        ticks = os.sysconf("SC_CLK_TCK")
        return time.time() - uptime + start_ticks / ticks
    except (OSError, ValueError, IndexError):
        return time.time()


class Milestones:
    """Records named moments once each; writes them to `path` (when given) as JSON."""

    def __init__(self, path: Path | None = None, *, start_epoch: float | None = None) -> None:
        self.path = path
        self.start_epoch = _process_start_epoch() if start_epoch is None else start_epoch
        self.marks: dict[str, float] = {PROCESS_START: 0.0}

    def mark(self, name: str) -> None:
        if name in self.marks:
            return
        self.marks[name] = round(time.time() - self.start_epoch, 4)
        self.write()

    def write(self) -> None:
        if self.path is None:
            return
        payload = {"process_start_epoch": self.start_epoch, "milestones": self.marks}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(payload, indent=2) + "\n")
        tmp.replace(self.path)
