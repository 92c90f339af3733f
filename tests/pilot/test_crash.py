"""An unexpected exception: a redacted 0600 report under the log dir, an error panel, and the app
going on (a worker's or a screen's failure); the app's own loop failing exits with a short line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from search_harness import make_app, screen_text, settle
from starlette.applications import Starlette
from textual import work
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerFailed

from tui.api.redact import Secret
from tui.crash import ErrorPanel, log_dir, scrub

TOKEN = "crash-test-secret-0123456789"


class Boom(RuntimeError):
    pass


class Exploding(Screen[None]):
    """`x` fails in a worker, `z` in the screen's own message handler."""

    BINDINGS = [("x", "boom_worker", "worker"), ("z", "boom_handler", "handler")]  # noqa: RUF012

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("exploding screen")

    def action_boom_worker(self) -> None:
        self._fail()

    @work
    async def _fail(self) -> None:
        raise Boom(f"worker failed with Authorization: Basic {TOKEN} and {TOKEN}")

    async def on_key(self, event: object) -> None:
        if getattr(event, "key", "") == "z":
            raise Boom(f"handler failed holding {TOKEN}")


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JIRADASH_LOG_DIR", str(tmp_path / "logs"))
    Secret(TOKEN)  # registered: redacted everywhere from now on
    return tmp_path / "logs"


def _reports() -> list[Path]:
    return sorted(log_dir().glob("crash-*.txt"))


async def test_a_failed_worker_shows_a_panel_and_the_app_goes_on(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    with pytest.raises(WorkerFailed):  # run_test still tells the test framework at its end
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await app.push_screen(Exploding())
            await pilot.press("x")
            await settle(pilot)
            assert isinstance(app.screen, ErrorPanel)
            text = screen_text(app)
            assert "Something went wrong" in text
            assert "Boom" in text and TOKEN not in text
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, Exploding)  # a worker's failure leaves its screen alive
            await pilot.press("x")  # and it can fail again without taking the app down
            await settle(pilot)
            assert isinstance(app.screen, ErrorPanel)
            await pilot.press("escape")
            await pilot.press("question_mark")
            await settle(pilot)
            assert "Help" in screen_text(app) or type(app.screen).__name__ == "HelpScreen"
    reports = _reports()
    assert len(reports) == 2
    for report in reports:
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
        body = report.read_text()
        assert "Boom" in body and "Traceback" in body
        assert TOKEN not in body
    assert app.return_code in (0, None)


async def test_a_screen_whose_handler_failed_is_closed_after_the_panel(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)
    with pytest.raises(Boom):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            below = app.screen
            await app.push_screen(Exploding())
            await pilot.press("z")
            await settle(pilot)
            assert isinstance(app.screen, ErrorPanel)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is below  # the dead screen is gone, the one below works
            assert app.is_running
    (report,) = _reports()
    assert "screen Exploding" in report.read_text()
    assert TOKEN not in report.read_text()


async def test_the_apps_own_loop_failing_exits_with_a_short_message(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    app = make_app(sandbox_app, tmp_path)

    def explode() -> None:
        raise Boom(f"app loop failed {TOKEN}")

    app.action_explode = explode  # type: ignore[attr-defined]
    with pytest.raises(Boom):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.bind("f9", "explode")
            await pilot.press("f9")
            await pilot.pause()
    assert app.return_code == 1
    (report,) = _reports()
    assert TOKEN not in report.read_text()
    shown = "".join(str(getattr(r, "text", r)) for r in app._exit_renderables)
    assert TOKEN not in shown


def test_scrub_masks_header_credentials_and_schemes() -> None:
    text = scrub(
        "Authorization: Bearer abcdefghijklmnop cookie=JSESSIONID=xyz; basic QWxhZGRpbjpvcGVu"
    )
    assert "abcdefghijklmnop" not in text
    assert "JSESSIONID=xyz" not in text
    assert "QWxhZGRpbjpvcGVu" not in text
