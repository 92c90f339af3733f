"""`jiradash skills export` and `jiradash devinfo get` meeting a 50 MB answer over a real loopback
port: exit 1 with the cap's message (the profile's `max_response_mb`), nothing half-printed.

The sandbox is served by uvicorn with one path answering 50 MB (`huge_support.huge_asgi`).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from huge_support import huge_asgi

from tui.cli import main
from tui.config import Profile, upsert_profile
from tui.sandbox.app import SandboxConfig, create_app
from tui.sandbox.devinfo import profile_section as devinfo_section
from tui.sandbox.faults import quiet_drops
from tui.sandbox.skills import profile_section as skills_section

pytestmark = [pytest.mark.e2e]


Sections = dict[str, Any]


def serve(huge_path: Callable[[Sections], str]) -> Iterator[Sections]:
    """The sandbox on a free loopback port, `huge_path(sections)` answering 50 MB."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(replace(SandboxConfig(issues=60, users=10), base_url=base_url))
    sections: Sections = {"base_url": base_url, "skills": skills_section(app.state.sandbox),
                          "devinfo": devinfo_section(app.state.sandbox)}
    server = uvicorn.Server(uvicorn.Config(huge_asgi(app, huge_path(sections)), log_level="warning",
                                           lifespan="off"))
    quiet_drops()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the loopback server did not start"
        time.sleep(0.01)
    try:
        yield sections
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    for name in ("JIRA_URL", "JIRA_USER", "JIRA_API_TOKEN", "JIRA_AUTH", "JIRADASH_PROFILE",
                 "JIRA_SKILLS_URLS", "JIRA_SKILLS_TOKEN", "JIRA_DEVINFO_APP_KEY", "JIRA_DEVINFO_SHARED_SECRET"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def skills_server() -> Iterator[Sections]:
    yield from serve(lambda s: urlsplit(s["skills"]["urls"]["all_skills"]).path)


@pytest.fixture
def devinfo_server() -> Iterator[Sections]:
    yield from serve(lambda s: urlsplit(s["devinfo"]["url"]).path + "/repository/web-app")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("homes")
def test_skills_export_says_the_answer_was_too_big(
    skills_server: Sections, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = skills_server["skills"]
    monkeypatch.setenv("JIRA_SKILLS_URLS", json.dumps(section["urls"]))
    monkeypatch.setenv("JIRA_SKILLS_TOKEN", section["token"])
    code, out, err = run(capsys, "skills", "export", "--json")
    assert code == 1 and out == ""
    assert "The response from Skills for Jira (all_skills) exceeded 20 MB" in err
    assert "max_response_mb" in err and len(err) < 300


def _devinfo_env(server: Sections, monkeypatch: pytest.MonkeyPatch) -> None:
    section = server["devinfo"]
    monkeypatch.setenv("JIRA_DEVINFO_CLIENT_ID", section["client_id"])
    monkeypatch.setenv("JIRA_DEVINFO_CLIENT_SECRET", section["client_secret"])
    monkeypatch.setenv("JIRA_DEVINFO_TOKEN_URL", section["token_url"])


@pytest.mark.usefixtures("homes")
def test_devinfo_get_says_the_answer_was_too_big(
    devinfo_server: Sections, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _devinfo_env(devinfo_server, monkeypatch)
    monkeypatch.setenv("JIRA_URL", str(devinfo_server["base_url"]))
    code, out, err = run(capsys, "devinfo", "get", "web-app")
    assert code == 1 and out == ""
    assert "The response from /rest/devinfo/0.10/repository/web-app exceeded 20 MB" in err
    assert "max_response_mb" in err
    code, out, _ = run(capsys, "devinfo", "get", "core-services")  # the others still read
    assert code == 0 and "core-services" in out


@pytest.mark.usefixtures("homes")
def test_devinfo_get_uses_the_profiles_cap(
    devinfo_server: Sections, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _devinfo_env(devinfo_server, monkeypatch)
    upsert_profile(Profile(name="small", base_url=str(devinfo_server["base_url"]), max_response_mb=1))
    code, _, err = run(capsys, "devinfo", "get", "web-app", "--profile", "small")
    assert code == 1
    assert "exceeded 1 MB" in err
