"""The six Skills for Jira operations as web triggers, plus the console block a person pastes.

Every operation lives at its own opaque URL `/x1/<trigger id>` (Forge web-trigger style); which
operation an id stands for is the sandbox's secret, as it is Skills for Jira's. Requests carry
`Authorization-Skills: Bearer <token>`, not Jira credentials. Answers are exactly the shapes the
API documents; failures are Jira's `{"errorMessages": [...], "errors": {...}}`.
"""

from __future__ import annotations

import hmac
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from tui.models.skills import OPERATIONS
from tui.sandbox.http import JiraHTTPError, JiraJSONResponse, error_response, json_body, sandbox_of
from tui.sandbox.skills.state import METHODS, TITLES, SkillsState, tree_json

HEADER = "Authorization-Skills"


def state_of(request: Request) -> SkillsState:
    state: SkillsState = sandbox_of(request).world.extra["skills"]
    return state


def check_token(request: Request, state: SkillsState) -> None:
    header = request.headers.get(HEADER, "")
    scheme, _, token = header.partition(" ")
    if not header:
        raise JiraHTTPError(401, f"Missing {HEADER} header: send `{HEADER}: Bearer <token>` "
                                 "(the token from the Skills for Jira administration console).")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), state.token.encode()):
        raise JiraHTTPError(401, "The Skills for Jira API token is not valid. Generate a new one in "
                                 "the Skills for Jira administration console.")


def account_of(request: Request, known: dict[str, Any]) -> str:
    account_id = request.query_params.get("accountId", "").strip()
    if not account_id:
        raise JiraHTTPError(400, errors={"accountId": "The accountId query parameter is required."})
    if account_id not in known:
        raise JiraHTTPError(404, f"The user with accountId '{account_id}' does not exist.")
    return account_id


def skill_list(value: Any, field: str, state: SkillsState, *, must_exist: bool) -> list[str]:
    """A JSON array of skill names, de-duplicated in order; unknown names refused when asked."""
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise JiraHTTPError(400, errors={field: "Must be an array of skill names (non-empty strings)."})
    names = list(dict.fromkeys(s.strip() for s in value))
    if must_exist:
        unknown = [s for s in names if s not in state.skill_names()]
        if unknown:
            raise JiraHTTPError(400, errors={field: "Unknown skills (add them to the skill tree first): "
                                                    + ", ".join(unknown)})
    return names


async def skills_body(request: Request, state: SkillsState, *, must_exist: bool) -> list[str]:
    body = await json_body(request)
    if not isinstance(body, dict) or "skills" not in body:
        raise JiraHTTPError(400, errors={"skills": "The body must be a JSON object with a `skills` array."})
    return skill_list(body["skills"], "skills", state, must_exist=must_exist)


async def user_skills(request: Request, state: SkillsState) -> dict[str, Any]:
    account_id = account_of(request, sandbox_of(request).world.users)
    return {"skills": list(state.held.get(account_id, ()))}


async def add_skills(request: Request, state: SkillsState) -> dict[str, Any]:
    account_id = account_of(request, sandbox_of(request).world.users)
    wanted = await skills_body(request, state, must_exist=True)
    held = state.held.setdefault(account_id, [])
    have = set(held)
    added = [s for s in wanted if s not in have]
    held.extend(added)
    return {"added": added, "existing": [s for s in wanted if s in have]}


async def remove_skills(request: Request, state: SkillsState) -> dict[str, Any]:
    account_id = account_of(request, sandbox_of(request).world.users)
    unwanted = await skills_body(request, state, must_exist=False)
    held = state.held.get(account_id, [])
    have = set(held)
    removed = [s for s in unwanted if s in have]
    gone = set(removed)
    if held:
        held[:] = [s for s in held if s not in gone]
        if not held:
            del state.held[account_id]
    return {"removed": removed, "missing": [s for s in unwanted if s not in have]}


async def all_skills(request: Request, state: SkillsState) -> dict[str, Any]:
    users = sandbox_of(request).world.users
    return {"skillsByAccountId": {a: list(state.held[a]) for a in users if state.held.get(a)}}


async def bulk_update(request: Request, state: SkillsState) -> dict[str, Any]:
    """Replaces the whole skill set of every user named; users not named are left alone."""
    body = await json_body(request)
    mapping = body.get("skillsByAccountId") if isinstance(body, dict) else None
    if not isinstance(mapping, dict):
        raise JiraHTTPError(400, errors={"skillsByAccountId": "The body must be a JSON object with a "
                                                              "`skillsByAccountId` object."})
    users = sandbox_of(request).world.users
    unknown = [a for a in mapping if a not in users]
    if unknown:
        raise JiraHTTPError(400, errors={"skillsByAccountId": "Unknown accountIds: " + ", ".join(unknown)})
    # Validate everything before changing anything: an import applies whole or not at all.
    new_sets = {a: skill_list(v, f"skillsByAccountId.{a}", state, must_exist=True) for a, v in mapping.items()}
    changes: dict[str, dict[str, list[str]]] = {}
    for account_id, new in new_sets.items():
        old = state.held.get(account_id, [])
        old_set, new_set = set(old), set(new)
        changes[account_id] = {"added": [s for s in new if s not in old_set],
                               "removed": [s for s in old if s not in new_set]}
        if new:
            state.held[account_id] = list(new)
        else:
            state.held.pop(account_id, None)
    return {"changes": changes}


async def skill_tree(request: Request, state: SkillsState) -> dict[str, Any]:
    return {"experts": tree_json(state, list(sandbox_of(request).world.users))}


HANDLERS = {
    "user_skills": user_skills,
    "add_skills": add_skills,
    "remove_skills": remove_skills,
    "all_skills": all_skills,
    "bulk_update": bulk_update,
    "skill_tree": skill_tree,
}


async def web_trigger(request: Request) -> Response:
    try:
        state = state_of(request)
        operation = state.triggers.get(request.path_params["trigger_id"])
        if operation is None:
            raise JiraHTTPError(404, "No web trigger at this URL.")
        check_token(request, state)
        if request.method != METHODS[operation]:
            raise JiraHTTPError(405, f"This endpoint accepts {METHODS[operation]} only.",
                                headers={"Allow": METHODS[operation]})
        payload = await HANDLERS[operation](request, state)
    except JiraHTTPError as err:
        return error_response(err)
    return JiraJSONResponse(payload)  # the app's write tracking records successful writes


def console_text(state: SkillsState, base_url: str) -> str:
    """The endpoint list as the administration console's "Users" section shows it."""
    urls = state.urls(base_url)
    lines = ["Skills for Jira API", "Endpoint URLs of this Jira instance:", ""]
    for op in OPERATIONS:
        lines += [TITLES[op], f"{METHODS[op]} {urls[op]}", ""]
    return "\n".join(lines)


async def console(request: Request) -> Response:
    sandbox = sandbox_of(request)
    return PlainTextResponse(console_text(state_of(request), sandbox.base_url))


def routes() -> list[BaseRoute]:
    return [
        Route("/x1/{trigger_id}", web_trigger, methods=["GET", "PUT", "DELETE", "POST"]),
        Route("/sandbox/skills/console", console, methods=["GET"]),
    ]
