"""Jira Software's Development Information API (devinfo 0.10) in the sandbox: a route module.

State lives in `world.extra["devinfo"]` (`state.DevinfoState`: repositories, the pending queue of
asynchronous operations, the OAuth clients and Connect apps); tokens and the clock live in
`sandbox.runtime["devinfo"]` (`auth.DevinfoRuntime`). `seed.py` builds six repositories from the
world, `validate.py` checks store requests, `routes.py` serves the six operations and the
token endpoint. `config.devinfo_visibility_delay` is how long a write takes to become visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.sandbox.devinfo.auth import DevinfoRuntime
from tui.sandbox.devinfo.routes import ROOT, TOKEN_PATH, routes, runtime_of, state_of
from tui.sandbox.devinfo.seed import APP_KEY, seed_state
from tui.sandbox.devinfo.state import DevinfoState

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox

__all__ = ["PROFILE_KEY", "DevinfoRuntime", "DevinfoState", "profile_section", "routes", "runtime_of",
           "seed", "state_of"]

PROFILE_KEY = "devinfo"


def seed(sandbox: Sandbox) -> None:
    sandbox.world.extra["devinfo"] = seed_state(sandbox.world, sandbox.config)


def profile_section(sandbox: Sandbox) -> dict[str, Any]:
    """The credentials a profile needs: the full-scope OAuth client (with the token URL) and the
    Connect app; plus the API root and the seeded repository ids (the API cannot list them)."""
    state = state_of(sandbox)
    base = sandbox.base_url.rstrip("/")
    client = next(c for c in state.clients.values() if "DELETE" in c.scopes)
    app = state.apps[APP_KEY]
    return {
        "client_id": client.client_id,
        "client_secret": client.client_secret,
        "token_url": f"{base}{TOKEN_PATH}",
        "jwt": {"key": app.key, "shared_secret": app.shared_secret},
        "url": f"{base}{ROOT}",
        "repositories": sorted(state.repositories),
    }
