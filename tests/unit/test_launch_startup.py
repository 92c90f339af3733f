"""The TUI's start-up shortcuts: options that name no sub-command skip building every command's
parser, and the cyclic garbage collector paused for the start-up runs again from the first frame
(or when the launcher returns, whatever happened)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui.cli import _tui_only
from tui.launch import StartupMilestones, pause_collector, resume_collector
from tui.milestones import APP_START, FIRST_FRAME


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()  # the rest of the test session's objects stay collectable
    if was:
        gc.enable()
    else:
        gc.disable()


def test_tui_options_alone_are_parsed_without_the_commands() -> None:
    args = _tui_only(["--demo", "--profile-startup", "marks.json"])
    assert args is not None and args.demo and args.profile_startup == "marks.json"
    assert _tui_only([]) is not None


@pytest.mark.parametrize(
    "argv", [["search", "project = DASH"], ["--demo", "issue", "DASH-1"], ["-h"], ["--help"], ["--bogus"]]
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _tui_only(argv) is None


def test_the_collector_runs_again_from_the_first_frame(collector: None) -> None:
    milestones = StartupMilestones()
    pause_collector()
    milestones.mark(APP_START)
    assert not gc.isenabled()
    milestones.mark(FIRST_FRAME)
    assert gc.isenabled()


def test_resuming_twice_is_harmless(collector: None) -> None:
    pause_collector()
    resume_collector()
    resume_collector()
    assert gc.isenabled()
