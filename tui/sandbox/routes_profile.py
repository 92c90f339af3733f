"""The sandbox's own endpoints under `/sandbox/`: discovery and the knobs tests turn.

- `GET /sandbox/profile` (no auth): the base URL, the accounts, the API roots, the data sizes,
  and every route module's `profile_section(sandbox)` under its key. It is what a person or a
  script reads to point a jiradash profile at the sandbox.
- `GET|POST /sandbox/faults`: read or set the fault knobs (`faults.FAULT_KNOBS`, plus `seed`).
- `POST /sandbox/captcha/clear`: end the CAPTCHA lockout (`{"username": ...}` for one user).
- `POST /sandbox/state/flush`: write the `--state` file now.

These paths skip the faults and need no credentials; the sandbox binds to loopback.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tui.sandbox.app import Sandbox
from tui.sandbox.auth import find_login
from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, json_body, sandbox_of


def module_key(module: ModuleType) -> str:
    """The profile key of a route module: its `PROFILE_KEY`, or its name without `routes_`."""
    key = getattr(module, "PROFILE_KEY", None)
    if isinstance(key, str):
        return key
    return module.__name__.rsplit(".", 1)[-1].removeprefix("routes_")


def profile(sandbox: Sandbox) -> dict[str, Any]:
    root = sandbox.base_url.rstrip("/")
    world = sandbox.world
    body: dict[str, Any] = {
        "base_url": root,
        "accounts": [
            {"email": u.email, "username": u.name, "token": u.token, "password": u.password, "admin": u.admin}
            for u in world.users.values()
            if u.name in ("alice", "bob")
        ],
        "api": {
            "cloud": f"{root}/rest/api/3",
            "datacenter": f"{root}/rest/api/2",
            "legacy": f"{root}/rest/api/2.0.alpha1",
            "session": f"{root}/rest/auth/1/session",
        },
        "data": {
            "seed": sandbox.config.seed,
            "users": len(world.users),
            "projects": sorted(world.projects),
            "issues": len(world.issues),
            "version": world.version,
        },
        "faults": sandbox.faults.settings(),
        "state_file": sandbox.config.state_file,
    }
    for module in sandbox.modules:
        section = getattr(module, "profile_section", None)
        if section is not None:
            body[module_key(module)] = section(sandbox)
    return body


def profile_lines(sandbox: Sandbox) -> list[str]:
    """What `jiradash sandbox serve` prints: the base URL, the accounts, each module's section."""
    info = profile(sandbox)
    lines = [f"jiradash sandbox at {info['base_url']}"]
    for name, url in info["api"].items():
        lines.append(f"  {name:<11} {url}")
    for account in info["accounts"]:
        role = "admin" if account["admin"] else "user"
        lines.append(f"  {account['email']} / {account['token']}  ({role}, username {account['username']})")
    data = info["data"]
    lines.append(f"  seed {data['seed']}: {data['issues']} issues, {data['users']} users, projects {', '.join(data['projects'])}")
    for module in sandbox.modules:
        if getattr(module, "profile_section", None) is not None:
            key = module_key(module)
            lines.append(f"  {key}:")
            lines += [f"    {path:<20} {value}" for path, value in _leaves(info[key])]
    lines.append(f"  profile: {info['base_url']}/sandbox/profile")
    return lines


def _leaves(value: Any, path: str = "") -> list[tuple[str, str]]:
    """A nested section as (dotted path, text) pairs; lists of plain values joined by commas."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, f"{path}.{key}" if path else str(key))]
    if isinstance(value, list) and all(not isinstance(item, dict | list) for item in value):
        return [(path, ", ".join(str(item) for item in value))]
    if isinstance(value, list):
        return [leaf for n, item in enumerate(value) for leaf in _leaves(item, f"{path}[{n}]")]
    return [(path, value if isinstance(value, str) else json.dumps(value))]


async def get_profile(request: Request) -> Response:
    return JiraJSONResponse(profile(sandbox_of(request)))


async def faults(request: Request) -> Response:
    sandbox = sandbox_of(request)
    if request.method == "POST":
        values = await json_body(request)
        if not isinstance(values, dict):
            raise JiraHTTPError(400, "Expected a JSON object of fault settings.")
        sandbox.faults.update(values)
    return JiraJSONResponse(sandbox.faults.settings())


async def clear_captcha(request: Request) -> Response:
    sandbox = sandbox_of(request)
    values = await json_body(request)
    login = values.get("username") if isinstance(values, dict) else None
    if login is None:
        sandbox.auth.clear_captcha()
    else:
        user = find_login(sandbox.world, str(login))
        if user is None:
            raise JiraHTTPError(404, f"The user named '{login}' does not exist.")
        sandbox.auth.clear_captcha(user.account_id)
    return Response(status_code=204)


async def flush_state(request: Request) -> Response:
    sandbox = sandbox_of(request)
    wrote = sandbox.flush()
    return JiraJSONResponse({"written": wrote, "version": sandbox.world.version, "state_file": sandbox.config.state_file})


def routes() -> list[BaseRoute]:
    return [
        Route("/sandbox/profile", get_profile, methods=["GET"]),
        Route("/sandbox/faults", faults, methods=["GET", "POST"]),
        Route("/sandbox/captcha/clear", clear_captcha, methods=["POST"]),
        Route("/sandbox/state/flush", flush_state, methods=["POST"]),
    ]
