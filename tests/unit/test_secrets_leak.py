"""Secrets never reach logs, error messages, error panels, crash reports, the disk cache, drafts
or `--stats`: configured secrets are sought, in every form that travels (plain, the Basic
`user:token` base64, its URL-safe variant), in every file written and everything captured.

The store runs against a loopback sandbox whose user holds the secret as its API token, through
503s, dropped connections, truncated bodies, a 401 with a wrong token, and the app through an
unexpected exception (error panel plus crash report); the headless commands run with `--stats`.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sandbox_support import LiveSandbox, serve_in_thread
from textual import work
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerFailed

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.app import JiradashApp
from tui.cli import main
from tui.sandbox.app import SandboxConfig
from tui.session import Session
from tui.store.errors import StoreError
from tui.store.mutations import AddComment, AddWorklog, AssignIssue
from tui.store.store import Store, StoreSettings

USER = "alice@example.com"
SECRET = "jd-secret-7f3c9a1e5b2d"  # alice's API token in this sandbox
WRONG = "jd-wrong-token-0c4e8b6a"  # a token the server refuses


def forms(secret: str, user: str = USER) -> list[str]:
    basic = f"{user}:{secret}".encode()
    return [secret, base64.b64encode(basic).decode(), base64.urlsafe_b64encode(basic).decode()]


@pytest.fixture(scope="module")
def live() -> Iterator[LiveSandbox]:
    served = serve_in_thread(SandboxConfig(issues=30, users=10, projects=2, seed=5, skills=0))
    alice = next(u for u in served.sandbox.world.users.values() if u.email == USER)
    alice.token = SECRET
    yield served
    served.stop()


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("CONFIG", "CACHE", "DATA", "LOG"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    for name in ("JIRA_URL", "JIRA_USER", "JIRA_API_TOKEN", "JIRA_AUTH", "JIRADASH_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def captured_logs(tmp_path: Path) -> Iterator[Path]:
    """Every record of every logger, at DEBUG (httpx and httpcore included), into a file."""
    path = tmp_path / "all.log"
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
        handler.close()


def leaks(text: str) -> list[str]:
    return [f for s in (SECRET, WRONG) for f in forms(s) if f in text]


def files_leaking(root: Path) -> dict[str, list[str]]:
    found = {}
    for path in root.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            if leaks(text):
                found[str(path.relative_to(root))] = leaks(text)
    return found


def make_store(live: LiveSandbox, root: Path, token: str = SECRET) -> Store:
    return Store(
        base_url=live.base_url,
        auth=BasicAuth(USER, Secret(token)),
        identity=f"{live.base_url}|{USER}",
        cache_dir=root / "cache" / "leak",
        drafts_dir=root / "data" / "leak",
        settings=StoreSettings(api_version="2"),
    )


async def test_the_store_through_failures_leaks_nothing(
    live: LiveSandbox, dirs: Path, captured_logs: Path
) -> None:
    messages: list[str] = []
    store = make_store(live, dirs)
    try:
        await store.connect()
        live.sandbox.faults.update({"fail_rate": 0.3, "drop_rate": 0.2, "truncate_rate": 0.2, "seed": 9})
        keys = list(live.sandbox.world.issues)[:10]
        for i, key in enumerate(keys):
            for action in (
                store.issue(key, refresh=True),
                store.dispatch(AddComment(key=key, body=f"comment {i}")),
                store.dispatch(AssignIssue(key=key, account_id=None)),
                store.dispatch(AddWorklog(key=key, time_spent_seconds=60, started=_now(), comment="w")),
            ):
                try:
                    await action
                except StoreError as error:
                    messages += [str(error), error.message, repr(error)]
        async for _ in store.search("ORDER BY key ASC", limit=30):
            pass
    except StoreError as error:
        messages.append(str(error))
    finally:
        live.sandbox.faults.update({"fail_rate": 0.0, "drop_rate": 0.0, "truncate_rate": 0.0})
        await store.aclose()
    assert messages, "the faults produced no errors at all"
    wrong = make_store(live, dirs / "wrong", token=WRONG)
    with pytest.raises(StoreError) as refused:
        await wrong.connect(refresh=True)
    await wrong.aclose()
    messages += [str(refused.value), repr(refused.value), repr(wrong.http.client.auth)]
    assert leaks("\n".join(messages)) == []
    assert leaks(captured_logs.read_text()) == []
    assert leaks(repr(store.stats.as_dict())) == []
    assert files_leaking(dirs) == {}


class Exploding(Screen[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("about to fail")

    def on_mount(self) -> None:
        self.fail()

    @work
    async def fail(self) -> None:
        raise RuntimeError(f"failed with Authorization: Basic {forms(SECRET)[1]} token={SECRET}")


async def test_an_error_panel_and_its_crash_report_leak_nothing(
    live: LiveSandbox, dirs: Path, captured_logs: Path
) -> None:
    store = make_store(live, dirs)
    app = JiradashApp(store, Session(profile="leak", history_path=dirs / "data" / "h.json"))
    shown = ""
    with pytest.raises(WorkerFailed):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await app.push_screen(Exploding())
            for _ in range(5):
                await pilot.pause()
                await app.workers.wait_for_complete()
            shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
            assert "Something went wrong" in shown
    await store.aclose()
    assert leaks(shown) == []
    reports = list((dirs / "log").glob("crash-*.txt"))
    assert reports and all(leaks(r.read_text()) == [] for r in reports)
    assert leaks(captured_logs.read_text()) == []
    assert files_leaking(dirs) == {}


def test_headless_commands_and_stats_leak_nothing(
    live: LiveSandbox,
    dirs: Path,
    captured_logs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JIRA_URL", live.base_url)
    monkeypatch.setenv("JIRA_USER", USER)
    monkeypatch.setenv("JIRA_API_TOKEN", SECRET)
    key = next(iter(live.sandbox.world.issues))
    jql = f"project = {key.split('-')[0]} ORDER BY key ASC"
    outputs = []
    for argv in (
        ["--stats", "search", jql, "--json", "--limit", "5"],
        ["--stats", "issue", key],
        ["--stats", "comment", key, "-m", "from the command line"],
        ["config", "check"],
    ):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, err
        outputs.append(out + err)
    live.sandbox.faults.update({"fail_rate": 1.0})
    try:
        assert main(["--stats", "issue", key]) != 0
    finally:
        live.sandbox.faults.update({"fail_rate": 0.0})
    out, err = capsys.readouterr()
    outputs.append(out + err)
    monkeypatch.setenv("JIRA_API_TOKEN", WRONG)
    assert main(["--stats", "search", jql, "--limit", "1"]) != 0
    out, err = capsys.readouterr()
    outputs.append(out + err)
    assert '"requests_total"' in "".join(outputs)
    assert leaks("\n".join(outputs)) == []
    assert leaks(captured_logs.read_text()) == []
    assert files_leaking(dirs) == {}


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


_ = httpx
