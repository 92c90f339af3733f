"""Unexpected exceptions: a redacted report on disk, an error panel, and the app kept running.

`JiradashApp._handle_exception` (Textual's hook for every unhandled exception: message
handlers, workers, compose, timers) hands the error here. `handle_exception(app, error)`

- writes a report (what failed, the traceback without local variables, the versions, the
  screens) under `log_dir()` — `platformdirs.user_log_dir("jiradash")`, or `JIRADASH_LOG_DIR`,
  or `<JIRADASH_DATA_DIR>/logs` when only that is set (tests) — as a 0600 file in a 0700
  directory, with every registered secret and any `Authorization` value masked;
- when the failure was contained (a worker, a screen or a widget, not the app's own message
  loop) shows `ErrorPanel` and returns True: the app goes on. The screen whose message loop
  died is closed when the panel is, if it is not the last of its mode. Textual is still told
  (`app._exception`) so `run_test` re-raises at its end and a test never passes over a crash;
- otherwise returns False and the app exits with a one-line message naming the report, instead
  of Textual's traceback with local variables (which could show a token).
"""

from __future__ import annotations

import asyncio
import os
import platform
import re
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import platformdirs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static
from textual.worker import WorkerFailed

from tui import __version__
from tui.api.redact import MASK, redact
from tui.render.safe import safe_line
from tui.store.disk import private_dir, write_private

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["ErrorPanel", "handle_exception", "log_dir", "write_report"]

KEEP_REPORTS = 20  # older reports are removed when a new one is written
_CREDENTIALS = re.compile(
    r"(?i)\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key)(['\"]?\s*[:=]\s*['\"]?)"
    r"[^\r\n'\"]+"
)
_SCHEMES = re.compile(r"(?i)\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}")


def log_dir() -> Path:
    override = os.environ.get("JIRADASH_LOG_DIR")
    if override:
        return Path(override).expanduser()
    data = os.environ.get("JIRADASH_DATA_DIR")
    if data:
        return Path(data).expanduser() / "logs"
    return Path(platformdirs.user_log_dir("jiradash"))


def scrub(text: str) -> str:
    """Registered secrets, header credentials and Basic/Bearer values masked."""
    text = redact(text)
    text = _CREDENTIALS.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    return _SCHEMES.sub(lambda m: f"{m.group(1)} {MASK}", text)


def _versions() -> str:
    try:
        from textual import __version__ as textual_version
    except ImportError:  # pragma: no cover - textual is a dependency
        textual_version = "?"
    return (
        f"jiradash {__version__}, Python {platform.python_version()}, Textual {textual_version}, "
        f"{platform.system()} {platform.machine()}"
    )


def _report_text(error: BaseException, context: str) -> str:
    cause = error.error if isinstance(error, WorkerFailed) else error
    lines = [
        "jiradash crash report",
        f"when: {time.strftime('%Y-%m-%dT%H:%M:%S%z')}",
        f"versions: {_versions()}",
        f"where: {context}",
        f"error: {type(cause).__name__}: {cause}",
        "",
        *traceback.format_exception(type(cause), cause, cause.__traceback__),
    ]
    return scrub("\n".join(line.rstrip("\n") for line in lines)) + "\n"


def _prune(directory: Path) -> None:
    reports = sorted(directory.glob("crash-*.txt"), key=lambda p: p.name)
    for old in reports[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)


def write_report(error: BaseException, context: str = "") -> Path | None:
    """The report's path, or None when it could not be written (a full disk must not loop)."""
    try:
        directory = private_dir(log_dir())
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = directory / f"crash-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}.txt"
        write_private(path, _report_text(error, context).encode("utf-8"))
        _prune(directory)
    except OSError:
        return None
    return path


def _summary(error: BaseException) -> str:
    cause = error.error if isinstance(error, WorkerFailed) else error
    message = safe_line(scrub(str(cause)))
    if len(message) > 300:
        message = message[:299] + "…"
    return f"{type(cause).__name__}: {message}" if message else type(cause).__name__


class ErrorPanel(ModalScreen[None]):
    """What went wrong (plain text), where the report is, and that the app goes on."""

    DEFAULT_CSS = """
    ErrorPanel { align: center middle; }
    ErrorPanel > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ErrorPanel .error-title { text-style: bold; color: $error; }
    ErrorPanel .error-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close"),
    ]

    def __init__(self, summary: str, report: Path | None) -> None:
        super().__init__()
        self.summary = summary
        self.report = report

    def compose(self) -> ComposeResult:
        where = (
            f"A report was written to {self.report}"
            if self.report
            else "No report could be written."
        )
        with Vertical():
            yield Static(Text("Something went wrong inside jiradash"), classes="error-title")
            yield Static(Text(self.summary))
            yield Static(Text(where + " (no secrets in it)."))
            yield Static(
                Text("jiradash keeps running. escape: close this panel"), classes="error-hint"
            )

    def action_close(self) -> None:
        self.dismiss(None)


def _failed_screen(app: App[Any], task: asyncio.Task[Any] | None) -> Screen[Any] | None:
    """The screen whose own message loop the failure ended (it cannot take messages any more)."""
    if task is None:
        return None
    for stack in app._screen_stacks.values():
        for screen in stack:
            if screen._task is task:
                return screen
    return None


def _close_failed(app: App[Any], screen: Screen[Any] | None) -> None:
    if screen is None or not screen.is_attached or isinstance(screen, ErrorPanel):
        return
    if app.screen is screen and len(app.screen_stack) > 1:
        app.pop_screen()


def handle_exception(app: App[Any], error: Exception, app_task: asyncio.Task[Any] | None) -> bool:
    """Report `error`; True when the app keeps running (see the module's docstring)."""
    try:
        task = asyncio.current_task()
    except RuntimeError:
        task = None
    fatal = task is None or app_task is None or task is app_task or bool(app._exit)
    context = "worker" if isinstance(error, WorkerFailed) else (task.get_name() if task else "?")
    screen = None if fatal else _failed_screen(app, task)
    if screen is not None:
        context = f"screen {type(screen).__name__}"
    report = write_report(error, context)
    crashes: list[Path | None] = app.__dict__.setdefault("crash_reports", [])
    crashes.append(report)
    if app._exception is None:
        # as Textual does: run_test re-raises it at its end (a test never misses a crash), and
        # the Pilot stops waiting on a message loop that will never answer
        app._exception = error
        app._exception_event.set()
    if fatal:
        # Textual's own exit shows a traceback with local variables, which could hold a token.
        app._return_code = 1
        where = f"; a report (no secrets in it) is in {report}" if report else ""
        app.panic(Text(f"jiradash stopped: {_summary(error)}{where}", style="bold red"))
        return False
    if not any(isinstance(s, ErrorPanel) for s in app.screen_stack):
        app.call_later(
            app.push_screen,
            ErrorPanel(_summary(error), report),
            lambda _: _close_failed(app, screen),
        )
    return True
