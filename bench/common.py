"""What the benchmarks share: statistics, the machine, a served sandbox, memory and CPU of a
process, and a pseudo-terminal to run the real command in.

- `summary(samples)`: median, p95 and min (and the run count) of one figure's runs.
- `machine()`: cores, Python, Textual, load average: the context every figure needs on a
  shared machine.
- `SandboxServer`: `jiradash sandbox serve --port 0` in a subprocess (latency, issues), its
  base URL, `set_faults(...)` at runtime, its CPU time; stopped with SIGINT.
- `peak_rss_mb()`, `rss_mb()`, `cpu_seconds(pid)`: from `/proc` (Linux).
- `run_in_pty(argv, ...)`: the real `jiradash` on a 120x40 terminal until a milestone arrives.
- `bytecode_env(env)`: children load compiled bytecode, as an installed jiradash does.

No Textual import: the runner imports this module too.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import pty
import signal
import statistics
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ALICE = ("alice@example.com", "sandbox-token")  # the sandbox's published demo credential


# --- statistics ------------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """The `q` percentile (0..100), linear between closest ranks."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(samples: Sequence[float], digits: int = 4) -> dict[str, Any]:
    """One figure over its runs: median, p95, min, max and how many runs."""
    values = [float(s) for s in samples]
    if not values:
        return {"median": None, "p95": None, "min": None, "max": None, "runs": 0}
    return {
        "median": round(statistics.median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "runs": len(values),
    }


# --- the machine -----------------------------------------------------------------------------


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def _memory_gb() -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def machine() -> dict[str, Any]:
    """Where the figures were taken; the load average says how busy the machine was."""
    return {
        "cores": cores(),
        "cpu": _cpu_model(),
        "memory_gb": _memory_gb(),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "textual": _version("textual"),
        "rich": _version("rich"),
        "httpx": _version("httpx"),
        "msgspec": _version("msgspec"),
        "jiradash": _version("jiradash"),
        "load_average": load_average(),  # 1, 5 and 15 minutes
    }


# --- memory and CPU of a process (Linux /proc) ------------------------------------------------


def _status_mb(field: str, pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return math.nan


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory now."""
    return _status_mb("VmRSS", pid)


def peak_rss_mb(pid: int | str = "self") -> float:
    """The process's peak resident memory so far (the kernel's high-water mark)."""
    return _status_mb("VmHWM", pid)


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU time of a process (children not included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuClock:
    """Wall and CPU time of a stretch of work in this process: `with CpuClock() as c: ...`."""

    wall: float = 0.0
    cpu: float = 0.0

    def __enter__(self) -> CpuClock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


# --- bytecode ---------------------------------------------------------------------------------
# jiradash as a person runs it loads compiled bytecode: `pip install` writes the .pyc files, and
# a checkout writes them on its first run, just as Textual's and every dependency's are already
# compiled in the virtualenv. A PYTHONDONTWRITEBYTECODE=1 inherited by the benchmarks would make
# every child compile jiradash's own modules from source on every start (0.05-0.2 s here), a
# cost no user pays and the bare-Textual floor never pays. So children get the bytecode.
_compiled = False


def bytecode_env(env: Mapping[str, str]) -> dict[str, str]:
    """`env` for a child that loads (and keeps) compiled bytecode, as an installed jiradash does."""
    global _compiled
    if not _compiled:
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "tui")], check=True,
                       capture_output=True)  # fmt: skip
        _compiled = True
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


# --- a served sandbox ------------------------------------------------------------------------


def bench_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a jiradash child: config, cache and data under `home` (never the
    real ones), no colour surprises, the checkout importable, and its bytecode used."""
    env = {k: v for k, v in bytecode_env(os.environ).items() if not k.startswith(("JIRA_", "JIRADASH_"))}
    env.update(
        {
            "JIRADASH_CONFIG_DIR": str(home / "config"),
            "JIRADASH_CACHE_DIR": str(home / "cache"),
            "JIRADASH_DATA_DIR": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "xdg-config"),
            "XDG_CACHE_HOME": str(home / "xdg-cache"),
            "XDG_DATA_HOME": str(home / "xdg-data"),
            "PYTHONPATH": str(ROOT),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    env.update(extra or {})
    return env


def profile_env(base_url: str) -> dict[str, str]:
    """The environment that points jiradash at a served sandbox as alice (no config file)."""
    return {
        "JIRA_URL": base_url,
        "JIRA_USER": ALICE[0],
        "JIRA_API_TOKEN": ALICE[1],
        "JIRA_AUTH": "basic",
    }


def die_with_parent() -> None:
    """In a child, before exec: the kernel sends it SIGTERM when its parent dies (Linux), so a
    benchmark killed half-way never leaves a server behind."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class SandboxServer:
    """`jiradash sandbox serve` on a free loopback port, in its own process.

    `with SandboxServer(issues=10_000, latency_ms=50) as server: server.base_url`
    """

    def __init__(
        self,
        *,
        issues: int = 600,
        latency_ms: float = 0.0,
        projects: int = 5,
        timeout: float = 180.0,
    ) -> None:
        self.argv = [
            PYTHON, "-m", "tui", "sandbox", "serve", "--port", "0", "--issues", str(issues),
            "--projects", str(projects), "--latency", str(latency_ms),
        ]  # fmt: skip
        self.timeout = timeout
        self.base_url = ""
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> SandboxServer:
        self.proc = subprocess.Popen(
            self.argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=die_with_parent,
        )  # fmt: skip
        assert self.proc.stdout is not None
        deadline = time.monotonic() + self.timeout
        lines: list[str] = []
        # Reading line by line: the server prints its URL, then its profile, then this line.
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if line.startswith("jiradash sandbox at "):
                self.base_url = line.split(" at ", 1)[1].strip()
            if line.startswith("Press Ctrl-C"):
                break
        if not self.base_url or self.proc.poll() is not None:
            self.__exit__()
            raise RuntimeError("the sandbox did not start: " + " | ".join(lines[-5:]))
        # Nobody reads the rest of its output; it prints nothing more until it stops.
        self._wait_until_serving(deadline)
        return self

    def _wait_until_serving(self, deadline: float) -> None:
        """The port is bound before uvicorn listens: ask until it answers."""
        while True:
            try:
                self.set_faults()
                return
            except OSError:
                if time.monotonic() > deadline or (
                    self.proc is not None and self.proc.poll() is not None
                ):
                    self.__exit__()
                    raise RuntimeError("the sandbox never answered") from None
                time.sleep(0.05)

    def set_faults(self, **knobs: float) -> dict[str, Any]:
        """Change the fault knobs of the running sandbox (`POST /sandbox/faults`)."""
        request = urllib.request.Request(
            self.base_url + "/sandbox/faults", data=json.dumps(knobs).encode(),
            headers={"Content-Type": "application/json"}, method="POST",
        )  # fmt: skip
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(request, timeout=30) as response:
            settings: dict[str, Any] = json.loads(response.read())
        return settings

    def profile(self) -> dict[str, Any]:
        """The sandbox's own description: accounts, the Skills and devinfo endpoints."""
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(self.base_url + "/sandbox/profile", timeout=30) as response:
            found: dict[str, Any] = json.loads(response.read())
        return found

    def service_env(self) -> dict[str, str]:
        """The environment that gives the headless `skills` and `devinfo` commands their
        endpoints and credentials (the sandbox's published test values)."""
        profile = self.profile()
        skills, devinfo = profile["skills"], profile["devinfo"]
        return {
            "JIRA_SKILLS_URLS": json.dumps(skills["urls"]),
            "JIRA_SKILLS_TOKEN": skills["token"],
            "JIRA_DEVINFO_CLIENT_ID": devinfo["client_id"],
            "JIRA_DEVINFO_CLIENT_SECRET": devinfo["client_secret"],
            "JIRA_DEVINFO_TOKEN_URL": devinfo["token_url"],
        }

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        return cpu_seconds(self.proc.pid)

    def __exit__(self, *exc: object) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --- the real command on a pseudo-terminal ----------------------------------------------------


def run_in_pty(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    done: Callable[[], bool],
    quit_key: bytes | None = b"q",
    timeout: float = 60.0,
    size: tuple[int, int] = (120, 40),
) -> tuple[int | None, float]:
    """Run `argv` on a `size` (columns, rows) pty until `done()` is true (polled every 10 ms),
    then press `quit_key`. Returns the exit code (None if it had to be killed) and the wall time."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
    began = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True
    )
    os.close(slave)

    def drain() -> None:  # the app blocks if nobody reads the terminal
        with contextlib.suppress(OSError):
            while os.read(master, 65536):
                pass

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + timeout
    code: int | None = None
    try:
        while time.monotonic() < deadline and proc.poll() is None and not done():
            time.sleep(0.01)
        if quit_key is not None and proc.poll() is None:
            os.write(master, quit_key)
        code = proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    finally:
        os.close(master)
    return code, time.perf_counter() - began


def read_milestones(path: Path) -> dict[str, float]:
    """The milestones a `--profile-startup FILE` run has written so far ({} before any)."""
    try:
        marks: dict[str, float] = json.loads(path.read_text())["milestones"]
    except (OSError, ValueError, KeyError):
        return {}
    return marks


@contextlib.contextmanager
def scratch_home(prefix: str = "jiradash-bench-") -> Iterator[Path]:
    """A private temporary directory for a child's config, cache and data."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)
