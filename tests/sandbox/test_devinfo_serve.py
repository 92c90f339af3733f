"""`jiradash sandbox serve --devinfo-visibility-delay SECONDS` over a real loopback port: a write
is accepted (202) but stays invisible until the delay passes; without the option it is visible at
once. No wall-clock assertion: the delay is far longer than the test, so "not yet" is certain.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from devinfo_support import repo

ROOT = Path(__file__).resolve().parents[2]


def _serve(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "sandbox", "serve", "--port", "0", "--issues", "40", "--skills", "0", *args],
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            return process, lines[0].split(" at ", 1)[1].strip()
    raise AssertionError("serve exited early:\n" + "".join(lines))


def _store_then_get(url: str) -> tuple[int, int]:
    section = httpx.get(f"{url}/sandbox/profile", timeout=10).json()["devinfo"]
    token = httpx.post(section["token_url"], timeout=10, data={
        "grant_type": "client_credentials", "client_id": section["client_id"],
        "client_secret": section["client_secret"]}).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    stored = httpx.post(f"{section['url']}/bulk", json={"repositories": [repo("served-late")]},
                        headers=headers, timeout=10)
    got = httpx.get(f"{section['url']}/repository/served-late", headers=headers, timeout=10)
    return stored.status_code, got.status_code


def _stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=20)


def test_a_visibility_delay_hides_writes_until_it_passes() -> None:
    process, url = _serve("--devinfo-visibility-delay", "3600")
    try:
        assert _store_then_get(url) == (202, 404)
    finally:
        _stop(process)


def test_without_the_option_writes_are_visible_at_once() -> None:
    process, url = _serve()
    try:
        assert _store_then_get(url) == (202, 200)
    finally:
        _stop(process)


def test_a_negative_delay_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "sandbox", "serve", "--devinfo-visibility-delay", "-1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "'-1' is not a number of seconds >= 0" in done.stderr
