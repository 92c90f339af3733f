"""`jiradash --help` and every sub-command's `--help` stay light: argparse and the command
modules only, never Textual, httpx, msgspec, asyncio or the store, nor what a command needs
only when it runs (`getpass` for a prompt, `csv` for `skills export --csv`, markdown-it) (the performance issue's
"--help under 0.25 s"; the time itself is measured by `bench/ui.py`, not asserted here).

Each check runs in a fresh interpreter, so what another test imported does not hide a regression.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("textual", "httpx", "msgspec", "asyncio", "rich", "tui.store", "tui.api", "tui.sandbox",
         "getpass", "csv", "markdown_it")  # fmt: skip

PROBE = """
import contextlib, io, json, sys
from tui.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(sys.argv[1:])
print(json.dumps(sorted(name for name, module in sys.modules.items() if module is not None)))
"""


def _imported(*argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=ROOT, capture_output=True, text=True, check=True
    )
    modules: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return modules


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_top_level_help_imports_nothing_heavy() -> None:
    assert _heavy(_imported("--help")) == []


@pytest.mark.parametrize("command", _commands())
def test_each_command_help_imports_nothing_heavy(command: str) -> None:
    assert _heavy(_imported(command, "--help")) == []
