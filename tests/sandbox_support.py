"""Plain helpers behind the sandbox fixtures in `tests/conftest.py`, importable by tests.

The demo credentials, the in-process base URL, and `serve_in_thread(config)`: the sandbox app
served by uvicorn on a free 127.0.0.1 port in a daemon thread (`LiveSandbox`, `.stop()`).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, replace

import uvicorn
from starlette.applications import Starlette

from tui.sandbox.app import Sandbox, SandboxConfig, create_app
from tui.sandbox.faults import quiet_drops

BASE_URL = "http://sandbox.invalid"  # in process only; never resolved
ALICE = ("alice@example.com", "sandbox-token")
BOB = ("bob@example.com", "sandbox-token-bob")


@dataclass(frozen=True)
class LiveSandbox:
    base_url: str
    app: Starlette
    sandbox: Sandbox
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_in_thread(config: SandboxConfig | None = None) -> LiveSandbox:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(replace(config or SandboxConfig(), base_url=base_url))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    quiet_drops()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the live sandbox did not start")
        time.sleep(0.01)
    return LiveSandbox(base_url, app, app.state.sandbox, server, thread)
