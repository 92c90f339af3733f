"""Skills for Jira in the sandbox: a route module (`routes`, `seed`, `profile_section`).

State lives in `world.extra["skills"]` (`state.SkillsState`); `seed.py` builds it from the world
and `config.skills`; `routes.py` serves the six operations. The token is
`config.extra["skills_token"]`, `skills-token` by default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.sandbox.skills.routes import console_text, routes
from tui.sandbox.skills.seed import seed_state
from tui.sandbox.skills.state import SkillsState

if TYPE_CHECKING:
    from tui.sandbox.app import Sandbox

__all__ = ["PROFILE_KEY", "console_text", "profile_section", "routes", "seed", "state_of_sandbox"]

PROFILE_KEY = "skills"


def seed(sandbox: Sandbox) -> None:
    sandbox.world.extra["skills"] = seed_state(sandbox.world, sandbox.config)


def state_of_sandbox(sandbox: Sandbox) -> SkillsState:
    state: SkillsState = sandbox.world.extra["skills"]
    return state


def profile_section(sandbox: Sandbox) -> dict[str, Any]:
    """`{"token", "urls"}`, shown under `"skills"` in `GET /sandbox/profile`; the URLs are keyed
    by operation, as `JIRA_SKILLS_URLS` keys them."""
    state = state_of_sandbox(sandbox)
    return {"token": state.token, "urls": state.urls(sandbox.base_url)}
