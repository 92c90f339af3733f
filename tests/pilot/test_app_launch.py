"""Launching: first run, themes kept per profile, `--stats` and `--profile-startup` at exit."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from tui.config import Profile, load_config, upsert_profile
from tui.launch import _session_for, profile_session


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    for name in ("JIRADASH_PROFILE", "JIRA_URL", "JIRA_USER", "JIRA_API_TOKEN", "JIRA_AUTH"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_first_run_has_no_profile(dirs: Path) -> None:
    assert profile_session(None) is None  # the launcher shows the setup screen


def test_theme_is_kept_in_the_profile(dirs: Path) -> None:
    profile = Profile(name="work", base_url="https://jira.example.com", user="someone")
    upsert_profile(profile)
    _session_for(profile).save_theme("nord")
    assert load_config().profiles["work"].theme == "nord"
    assert _session_for(load_config().profiles["work"]).theme == "nord"


def test_theme_of_the_demo_is_kept_beside_its_data(dirs: Path) -> None:
    demo = Profile(name="demo", base_url="http://sandbox.invalid")
    _session_for(demo).save_theme("gruvbox")
    assert _session_for(demo).theme == "gruvbox"
    assert "demo" not in load_config().profiles


@pytest.mark.slow
def test_stats_and_startup_milestones_at_exit(dirs: Path) -> None:
    """`jiradash --demo --stats --profile-startup F` in a terminal: quit with q, read both."""
    out = dirs / "startup.json"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--demo", "--stats", "--profile-startup", str(out)],
        stdin=slave, stdout=slave, stderr=slave, close_fds=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )  # fmt: skip
    os.close(slave)
    seen = bytearray()

    def read() -> None:
        try:
            while chunk := os.read(master, 65536):
                seen.extend(chunk)
        except OSError:
            return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "first_result_row_painted" not in (
            out.read_text() if out.exists() else ""
        ):
            time.sleep(0.05)
        os.write(master, b"q")
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(timeout=5)
        os.close(master)
    marks = json.loads(out.read_text())["milestones"]
    assert marks["process_start"] == 0.0
    assert marks["first_frame"] > 0 and marks["first_result_row_painted"] > 0
    text = seen.decode(errors="replace")
    stats = json.loads(text[text.index('{\r\n  "requests"') :].replace("\r\n", "\n"))
    assert stats["requests_total"] >= 1 and "cache" in stats
