"""`tui.cli.COMMANDS` names every sub-command and the module that registers it, so a command line
naming one builds that module's parsers only; these checks keep the table true to the modules
and show that a command parses the same with its module alone as with every module."""

from __future__ import annotations

import argparse

import pytest

from tui.cli import COMMAND_MODULES, COMMANDS, build_parser


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if a.dest == "command")
    return list(sub.choices)  # type: ignore[arg-type]


def test_the_table_lists_every_command_in_help_order() -> None:
    assert _choices(build_parser()) == list(COMMANDS)


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_each_module_registers_exactly_the_commands_the_table_gives_it(module: str) -> None:
    assert _choices(build_parser((module,))) == [c for c, m in COMMANDS.items() if m == module]


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "project = DASH", "--json", "--limit", "5"],
        ["--demo", "issue", "DASH-1", "--json"],
        ["comment", "DASH-1", "-m", "search", "--profile", "p"],
        ["--profile", "search", "assign", "DASH-2", "me"],
        ["projects", "--stats"],
        ["config", "path"],
        ["skills", "export", "--csv"],
        ["devinfo", "get", "web-app"],
        ["sandbox", "serve", "--port", "0"],
    ],
)
def test_a_command_parses_alike_with_its_module_alone(argv: list[str]) -> None:
    whole = _options(build_parser().parse_args(argv))
    alone = _options(build_parser((COMMANDS[whole["command"]],)).parse_args(argv))
    assert alone == whole


def _options(args: argparse.Namespace) -> dict[str, object]:
    """The parsed options; a command's `run` by name (each parser built makes its own lambdas)."""
    return {k: getattr(v, "__qualname__", v) if callable(v) else v for k, v in vars(args).items()}
