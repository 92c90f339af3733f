"""The sandbox as one Starlette app: its config, its `World`, and the route modules it mounts.

Each route module exposes `routes() -> list[BaseRoute]`; modules that keep state of their own
(Skills, devinfo) also expose `seed(sandbox)` and `profile_section(sandbox) -> dict`, and keep
that state under `world.extra[<name>]`. `httpx.ASGITransport` runs no lifespan events, so
`create_app` builds everything eagerly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from tui.sandbox.world import World


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
    base_url: str = "http://sandbox.invalid"
    devinfo_visibility_delay: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sandbox:
    config: SandboxConfig
    world: World
    modules: list[ModuleType] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.config.base_url
