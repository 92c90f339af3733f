"""The sandbox as one Starlette app: its config, its `World`, and the route modules it mounts.

`create_app(config)` builds everything eagerly (`httpx.ASGITransport` runs no lifespan events):
it loads the `--state` file or seeds a world, imports every module named in `ROUTE_MODULES`,
and stores the `Sandbox` on `app.state.sandbox`. A route module is a plain module with

- `routes() -> list[BaseRoute]` (required): its Starlette routes, with full paths. Platform
  paths are registered once with a `{version}` segment (`/rest/api/{version}/...`); the
  handler calls `tui.sandbox.http.api_shape(request)` to get "3", "2" or "2.0.alpha1".
- `seed(sandbox) -> None` (optional): adds the module's data after the core seed; runs once per
  world (a world loaded from `--state` remembers which modules seeded it). Module state lives
  under `world.extra[<name>]` so that it is saved with the world.
- `profile_section(sandbox) -> dict` (optional): shown under the module's `PROFILE_KEY` (default:
  its name without `routes_`) in `GET /sandbox/profile`, and printed by `jiradash sandbox serve`.

Adding a module is a one-line edit of `ROUTE_MODULES`. Modules are mounted in that order and the
first matching route wins.

Middleware, outermost first: faults (`faults.py`), write tracking (every successful write
request bumps `world.version` if the route did not, then the state file is scheduled), auth
(`auth.py`). Routes raise `tui.sandbox.http.JiraHTTPError`; unknown paths get Jira's 404 body.
Routes that change the world outside a write request call `sandbox.mutated()`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.sandbox.auth import AuthMiddleware, AuthState
from tui.sandbox.faults import FaultsMiddleware, FaultState
from tui.sandbox.http import JiraHTTPError, error_response
from tui.sandbox.persist import Persister, load_world
from tui.sandbox.seed import seed_world
from tui.sandbox.world import World

# The route modules, in mounting order. Each module adds itself here with one line.
ROUTE_MODULES: tuple[str, ...] = (
    "tui.sandbox.routes_profile",
    "tui.sandbox.routes_session",
    "tui.sandbox.routes_meta",
    "tui.sandbox.routes_users",
    "tui.sandbox.routes_filters",
    "tui.sandbox.routes_search",
    "tui.sandbox.routes_jql",
    "tui.sandbox.routes_projects",
    "tui.sandbox.routes_issue",
    "tui.sandbox.skills",
    "tui.sandbox.devinfo",
)

_SEEDED_KEY = "seeded_modules"  # world.extra: which modules' seed() this world has had


@dataclass
class SandboxConfig:
    issues: int = 600
    users: int = 60
    projects: int = 5
    seed: int = 42
    skills: int = 120
    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    rate_limit: float | None = None  # requests per second, token bucket
    session_idle_seconds: float = 1800.0
    state_file: str | None = None
    state_flush_seconds: float = 1.0  # debounce of state writes; 0 writes after every change
    base_url: str = "http://sandbox.invalid"
    devinfo_visibility_delay: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sandbox:
    config: SandboxConfig
    world: World
    modules: list[ModuleType] = field(default_factory=list)
    auth: AuthState = field(init=False)
    faults: FaultState = field(init=False)
    persister: Persister = field(init=False)
    # Per-app state that is not saved (caches, background tasks), by module name.
    runtime: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.auth = AuthState(idle_seconds=lambda: self.config.session_idle_seconds)
        self.faults = FaultState(self.config)
        path = Path(self.config.state_file) if self.config.state_file else None
        self.persister = Persister(self.world, path, delay=self.config.state_flush_seconds)

    @property
    def base_url(self) -> str:
        return self.config.base_url

    def mutated(self) -> None:
        """Record a change: bumps `world.version` (search caches key on it), schedules a save."""
        self.world.version += 1
        self.persister.changed()

    def flush(self) -> bool:
        """Write the state file now if anything changed; True if it wrote."""
        return self.persister.flush()


# POSTs that only read: they must not invalidate search caches.
_READ_ONLY_POSTS = re.compile(
    r"^/rest/api/[^/]+/(search(/jql|/approximate-count)?|jql/(parse|match|autocompletedata.*)"
    r"|issue/bulkfetch|user/bulk|expression/eval)/?$"
)


class WriteTracker:
    """After a successful write request: make sure `world.version` moved, schedule the save."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method", "GET")
        path: str = scope.get("path", "")
        if (
            scope["type"] != "http"
            or method in ("GET", "HEAD", "OPTIONS")
            or path.startswith(("/sandbox/", "/rest/auth/"))
            or (method == "POST" and _READ_ONLY_POSTS.match(path))
        ):
            await self.app(scope, receive, send)
            return
        world = self.sandbox.world
        before = world.version
        status = 500

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if status < 400 and world.version == before:
                    world.version += 1
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            if world.version != before:
                self.sandbox.persister.changed()


async def _jira_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, JiraHTTPError)
    return error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"null for uri: {request.url}"
    elif exc.status_code == 405:
        message = f"Method {request.method} is not allowed for {request.url.path}"
    else:
        message = str(exc.detail)
    return error_response(JiraHTTPError(exc.status_code, message, headers=dict(exc.headers or {})))


def _seed_modules(sandbox: Sandbox) -> None:
    seeded: list[str] = sandbox.world.extra.setdefault(_SEEDED_KEY, [])
    for module in sandbox.modules:
        if module.__name__ in seeded:
            continue
        seed = getattr(module, "seed", None)
        if seed is not None:
            seed(sandbox)
        seeded.append(module.__name__)


def build_sandbox(config: SandboxConfig) -> Sandbox:
    """Load or seed the world and the modules' state; no Starlette yet."""
    modules = [importlib.import_module(name) for name in ROUTE_MODULES]
    state = Path(config.state_file) if config.state_file else None
    world = load_world(state) if state is not None else None
    fresh = world is None
    sandbox = Sandbox(config, world if world is not None else seed_world(config), modules)
    before = len(sandbox.world.extra.get(_SEEDED_KEY, []))
    _seed_modules(sandbox)
    if state is not None and (fresh or len(sandbox.world.extra[_SEEDED_KEY]) != before):
        sandbox.persister.saved_version = -1  # write the seeded world, so a restart finds it
        sandbox.flush()
    return sandbox


def create_app(config: SandboxConfig | None = None) -> Starlette:
    sandbox = build_sandbox(config if config is not None else SandboxConfig())
    routes: list[BaseRoute] = []
    for module in sandbox.modules:
        routes.extend(module.routes())
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(FaultsMiddleware, faults=sandbox.faults),
            Middleware(WriteTracker, sandbox=sandbox),
            Middleware(AuthMiddleware, sandbox=sandbox),
        ],
        exception_handlers={JiraHTTPError: _jira_error, HTTPException: _http_error},
    )
    app.state.sandbox = sandbox
    return app
