"""`jiradash sandbox serve` listens on 127.0.0.1 only (the kernel's own table says so) unless
`--host` says otherwise, and `jiradash --demo`'s store opens no socket at all (ASGI in process)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tui.demo import demo_store

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def _listening(pid: int) -> set[tuple[str, int]]:
    """(address, port) of the TCP sockets `pid` listens on, from /proc (IPv4 and IPv6)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A" and cols[9] in inodes:  # LISTEN
                address, port = cols[1].split(":")
                if table == "tcp":
                    ip = ".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0))
                else:
                    ip = "::" if set(address) == {"0"} else address
                found.add((ip, int(port, 16)))
    return found


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_the_sandbox_listens_on_loopback_only(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JIRADASH_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "sandbox", "serve", "--port", "0", "--issues", "10"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        url = ""
        for _ in range(200):
            line = proc.stdout.readline()
            if line.startswith("jiradash sandbox at "):
                url = line.split(" at ", 1)[1].strip()
                break
        assert url.startswith("http://127.0.0.1:")
        port = int(url.rsplit(":", 1)[1])
        deadline = time.monotonic() + 30
        while not _listening(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _listening(proc.pid) == {("127.0.0.1", port)}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def test_the_demo_store_opens_no_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONFIG", "CACHE", "DATA", "LOG"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    store = demo_store()
    try:
        assert isinstance(store.http.client._transport, httpx.ASGITransport)
        before = _listening(os.getpid()) if Path("/proc/self/net/tcp").exists() else set()
        await store.connect()
        after = _listening(os.getpid()) if Path("/proc/self/net/tcp").exists() else set()
        assert after == before
    finally:
        await store.aclose()
