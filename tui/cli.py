"""The `jiradash` command line: the TUI by default, headless sub-commands beside it.

This module imports only the standard library at the top so that `--help`, `--version` and every
headless command start fast; Textual is imported only when the TUI actually runs. Each
sub-command lives in `tui/commands/<name>.py` with `register(subparsers)`; the parser it adds
sets `run=<callable(args) -> int>`. A command line that names a sub-command imports and builds
only that command's module (`COMMANDS`), not every module's parsers; `--help` builds them all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui import __version__

# Importing httpx also imports its own command-line client (click, rich), unless that import
# fails; jiradash never runs it. Kept out, it no longer costs every command that talks to Jira
# 0.05-0.1 s of CPU (nor the TUI's start): httpx catches the ImportError and goes on.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

# Each sub-command and the module whose `register` adds it, in the order `--help` lists them
# (tests/unit/test_cli_commands.py keeps this true to what the modules register).
COMMANDS: dict[str, str] = {
    "search": "tui.commands.headless",
    "issue": "tui.commands.headless",
    "transition": "tui.commands.headless",
    "comment": "tui.commands.headless",
    "assign": "tui.commands.headless",
    "projects": "tui.commands.projects",
    "project": "tui.commands.projects",
    "config": "tui.commands.config",
    "sandbox": "tui.commands.sandbox",
    "skills": "tui.commands.skills",
    "devinfo": "tui.commands.devinfo",
}
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit code 2 for usage mistakes."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"jiradash: {message} (see `jiradash --help`)\n")


def _top_level(*, add_help: bool = True) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jiradash",
        description="A keyboard-driven terminal dashboard for Jira.",
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"jiradash {__version__}")
    parser.add_argument("--demo", action="store_true", help="run against the embedded sandbox Jira (no server needed)")
    parser.add_argument("--profile", metavar="NAME", help="profile to use (default: $JIRADASH_PROFILE or the default profile)")
    parser.add_argument("--stats", action="store_true", help="print request and cache counters as JSON on stderr at exit")
    parser.add_argument("--profile-startup", metavar="FILE", help="write startup milestones as JSON to FILE")
    return parser


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The whole command line, or with the sub-commands of `modules` only."""
    parser = _top_level()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in modules:
        # `__import__`, not `importlib.import_module`: `python -X importtime` (bench/ui.py's
        # count of a command's imports) sees only imports that go through the import statement.
        __import__(name, fromlist=["register"]).register(sub)
    return parser


def _split(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """The top-level options, and the rest of the line (a sub-command and its arguments)."""
    return _top_level(add_help=False).parse_known_args(argv)


def _tui_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options when they name no sub-command (and ask for no help): the TUI starts without
    importing every command module to build their parsers. None means "parse it all"."""
    args, rest = _split(argv)
    return None if rest else args


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options, read by the fewest parsers: none but the top level's when no sub-command is
    named (the TUI), the named command's module's alone when one is (a headless command), every
    module's for anything else (`--help`, a mistake: its message lists every command)."""
    args, rest = _split(argv)
    if not rest:
        return args
    module = COMMANDS.get(rest[0])
    return build_parser((module,) if module else COMMAND_MODULES).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    run = getattr(args, "run", None)
    if run is not None:
        code: int = run(args)
        return code
    import gc

    gc.disable()  # the TUI's start-up runs without the cyclic collector (tui.launch.StartupMilestones)
    from tui.launch import run_tui

    return run_tui(args)


if __name__ == "__main__":
    sys.exit(main())
