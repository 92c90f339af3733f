"""`jiradash sandbox serve`: the embedded fake Jira over real HTTP (uvicorn), for curl, scripts,
other clients and the end-to-end tests.

Only argparse is imported at the top so `jiradash --help` stays fast; the sandbox, Starlette
and uvicorn load when the command runs. It binds 127.0.0.1 unless `--host` says otherwise;
`--port 0` picks a free port. It prints the base URL, the demo credentials and each route
module's profile lines, serves until Ctrl-C (or SIGTERM), then writes the `--state` file.
"""

from __future__ import annotations

import argparse
from typing import Any


def rate(text: str) -> float:
    """`10`, `10/s` or `600/m` -> requests per second."""
    value, _, unit = text.strip().partition("/")
    seconds = {"": 1.0, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}.get(unit.strip().lower())
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if seconds is None or number <= 0:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r} (use N/s, N/m or N)")
    return number / seconds


def probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a probability between 0 and 1")
    return value


def non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds >= 0")
    return value


def register(sub: Any) -> None:
    sandbox = sub.add_parser("sandbox", help="the embedded fake Jira")
    verbs = sandbox.add_subparsers(dest="sandbox_command", metavar="ACTION")
    sandbox.set_defaults(run=lambda args: (sandbox.print_help(), 2)[1])
    p = verbs.add_parser("serve", help="serve the sandbox Jira over HTTP (loopback by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=non_negative, default=8080, help="port (default: 8080; 0 picks a free one)")
    p.add_argument("--issues", type=non_negative, default=600, help="issues to seed (default: 600)")
    p.add_argument("--users", type=non_negative, default=60, help="users to seed (default: 60)")
    p.add_argument("--projects", type=non_negative, default=5, help="projects to seed (default: 5)")
    p.add_argument("--seed", type=int, default=42, help="random seed of the data and the faults (default: 42)")
    p.add_argument("--skills", type=non_negative, default=120, help="Skills for Jira entries to seed (default: 120)")
    p.add_argument("--latency", type=float, default=0.0, metavar="MS", help="added latency per request")
    p.add_argument("--jitter", type=float, default=0.0, metavar="MS", help="latency jitter, +- MS")
    p.add_argument("--fail-rate", type=probability, default=0.0, metavar="P", help="share of requests answered 503")
    p.add_argument("--drop-rate", type=probability, default=0.0, metavar="P", help="share of connections dropped")
    p.add_argument("--truncate-rate", type=probability, default=0.0, metavar="P", help="share of JSON bodies cut short")
    p.add_argument("--rate-limit", type=rate, default=None, metavar="N/s", help="token-bucket limit; 429 with Retry-After over it")
    p.add_argument("--session-idle", type=float, default=1800.0, metavar="SECONDS", help="session cookie idle expiry")
    p.add_argument("--devinfo-visibility-delay", type=seconds, default=0.0, metavar="SECONDS",
                   help="how long devinfo writes take to become visible (default: 0, at once)")
    p.add_argument("--state", metavar="FILE", help="keep the data in FILE across restarts (atomic writes)")
    p.set_defaults(run=serve)


def serve(args: argparse.Namespace) -> int:
    import socket
    import sys

    import uvicorn

    from tui.sandbox.app import SandboxConfig, create_app
    from tui.sandbox.faults import quiet_drops
    from tui.sandbox.persist import StateFileError
    from tui.sandbox.routes_profile import profile_lines

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # proto named: asyncio sets TCP_NODELAY only on sockets whose proto is IPPROTO_TCP; without it
    # Nagle held every small answer's body behind its headers for the client's delayed ACK (~40 ms)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sock.close()
        print(f"jiradash: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    config = SandboxConfig(
        issues=args.issues, users=args.users, projects=max(1, args.projects), seed=args.seed,
        skills=args.skills, latency_ms=args.latency, jitter_ms=args.jitter, fail_rate=args.fail_rate,
        drop_rate=args.drop_rate, truncate_rate=args.truncate_rate, rate_limit=args.rate_limit,
        session_idle_seconds=args.session_idle, state_file=args.state, base_url=f"http://{host}:{port}",
        devinfo_visibility_delay=args.devinfo_visibility_delay,
    )  # fmt: skip
    try:
        app = create_app(config)
    except StateFileError as exc:
        sock.close()
        print(f"jiradash: {exc}", file=sys.stderr)
        return 1
    sandbox = app.state.sandbox
    for line in profile_lines(sandbox):
        print(line)
    print("Press Ctrl-C to stop.", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    quiet_drops()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.flush()
        sock.close()
    print("jiradash sandbox: stopped", flush=True)
    return 0
