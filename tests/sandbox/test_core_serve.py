"""`jiradash sandbox serve` as a person runs it: a subprocess on a free loopback port, stopped
with Ctrl-C (SIGINT), its `--state` file written on the way out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "sandbox", "serve", "--port", "0", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _banner(process: subprocess.Popen[str]) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            return lines
    raise AssertionError("serve exited early:\n" + "\n".join(lines))


def test_serve_prints_the_url_and_credentials_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    state = tmp_path / "state.bin"
    process = _start("--issues", "40", "--state", str(state))
    try:
        lines = _banner(process)
        url = lines[0].split(" at ", 1)[1]
        assert url.startswith("http://127.0.0.1:")
        text = "\n".join(lines)
        assert "alice@example.com / sandbox-token" in text
        assert "bob@example.com / sandbox-token-bob" in text

        profile = httpx.get(f"{url}/sandbox/profile", timeout=10).json()
        assert profile["base_url"] == url
        assert profile["data"]["issues"] == 40
        created = httpx.post(
            f"{url}/rest/api/2/filter",
            json={"name": "Saved on exit", "jql": "project = DASH"},
            auth=("alice", "sandbox-token"),
            timeout=10,
        )
        assert created.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
    assert process.returncode == 0, out
    assert "stopped" in out
    assert b"Saved on exit" in state.read_bytes()


def test_a_busy_port_is_a_one_line_error() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "tui", "sandbox", "serve", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert done.stderr.startswith("jiradash: cannot listen on 127.0.0.1:")


def test_the_command_module_imports_no_server_code() -> None:
    probe = "import sys, tui.commands.sandbox as m; print(sorted(n for n in ('starlette', 'uvicorn', 'tui.sandbox') if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "[]", done.stderr
