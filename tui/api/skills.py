"""The Skills for Jira client: six web-trigger URLs, one bearer token, requests and decoders.

Each operation has its own per-instance URL (`SkillsEndpoints.urls`, keyed by
`tui.models.skills.OPERATIONS`); requests carry `Authorization-Skills: Bearer <token>`, never
the Jira credentials. `SkillsApi` only builds `httpx.Request`s and the `decode_*` functions only
read bodies: the store sends, retries and caches. `skills_error` words a refusal for people.
`parse_console_block` (from `tui.api.skills_console`) works out which pasted URL is which.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import msgspec

from tui.api.errors import (
    ErrorCollection,
    collection_message,
    error_for,
    looks_like_html,
    undecodable,
)
from tui.api.redact import Secret
from tui.api.skills_console import (
    ConsoleBlock,
    ConsoleBlockError,
    parse_console_block,
    read_console_block,
)
from tui.models.skills import OPERATIONS, AddResult, RemoveResult, SkillNode, SkillTree, UserChange
from tui.store.errors import AuthError, NotFound, StoreError, ValidationError

__all__ = [
    "ConsoleBlock",
    "ConsoleBlockError",
    "SkillsApi",
    "SkillsEndpoints",
    "decode_add",
    "decode_all_skills",
    "decode_bulk",
    "decode_remove",
    "decode_tree",
    "decode_user_skills",
    "parse_console_block",
    "read_console_block",
    "skills_error",
]

HEADER = "Authorization-Skills"
ENV_URLS = "JIRA_SKILLS_URLS"
ENV_TOKEN = "JIRA_SKILLS_TOKEN"
CONSOLE_HINT = "the Skills for Jira administration console (Users section)"


@dataclass(frozen=True)
class SkillsEndpoints:
    """Where the six operations live and the token that opens them. The repr hides the token."""

    urls: Mapping[str, str]
    token: Secret

    def url(self, operation: str) -> str:
        try:
            return self.urls[operation]
        except KeyError:
            raise StoreError(
                f"No URL for the Skills operation {operation!r}: paste the endpoint list from "
                f"{CONSOLE_HINT} into `jiradash config skills`."
            ) from None

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(op for op in OPERATIONS if not self.urls.get(op))

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SkillsEndpoints | None:
        """`JIRA_SKILLS_URLS` (JSON object keyed by operation) and `JIRA_SKILLS_TOKEN`, or None."""
        raw, token = environ.get(ENV_URLS), environ.get(ENV_TOKEN)
        if not raw or not token:
            return None
        return cls(urls=urls_from_json(raw), token=Secret(token))


def urls_from_json(raw: str) -> dict[str, str]:
    """The `JIRA_SKILLS_URLS` object, checked: known operation keys, http(s) URL values."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"{ENV_URLS} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{ENV_URLS} must be a JSON object keyed by operation")
    unknown = sorted(set(data) - set(OPERATIONS))
    if unknown:
        raise ValueError(f"{ENV_URLS} has unknown keys {unknown}; expected {list(OPERATIONS)}")
    bad = [k for k, v in data.items() if not isinstance(v, str) or not v.startswith(("http://", "https://"))]
    if bad:
        raise ValueError(f"{ENV_URLS}: not an http(s) URL for {bad}")
    return {op: data[op] for op in OPERATIONS if op in data}


class SkillsApi:
    """Builds the six requests. `skills` lists go out de-duplicated, in the caller's order."""

    def __init__(self, endpoints: SkillsEndpoints) -> None:
        self.endpoints = endpoints

    def _request(self, operation: str, method: str, *, params: dict[str, str] | None = None,
                 body: Any = None) -> httpx.Request:
        headers = {HEADER: f"Bearer {self.endpoints.token.reveal()}", "Accept": "application/json"}
        content = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            content = msgspec.json.encode(body)
        return httpx.Request(method, self.endpoints.url(operation), params=params, headers=headers,
                             content=content)

    def user_skills(self, account_id: str) -> httpx.Request:
        return self._request("user_skills", "GET", params={"accountId": account_id})

    def add_skills(self, account_id: str, skills: Iterable[str]) -> httpx.Request:
        return self._request("add_skills", "PUT", params={"accountId": account_id},
                             body={"skills": list(dict.fromkeys(skills))})

    def remove_skills(self, account_id: str, skills: Iterable[str]) -> httpx.Request:
        """A DELETE with a JSON body, as the API documents it."""
        return self._request("remove_skills", "DELETE", params={"accountId": account_id},
                             body={"skills": list(dict.fromkeys(skills))})

    def all_skills(self) -> httpx.Request:
        return self._request("all_skills", "GET")

    def bulk_update(self, skills_by_account: Mapping[str, Iterable[str]]) -> httpx.Request:
        """Replaces each named user's WHOLE skill set: pass every named user's complete new set."""
        body = {"skillsByAccountId": {a: list(dict.fromkeys(s)) for a, s in skills_by_account.items()}}
        return self._request("bulk_update", "POST", body=body)

    def skill_tree(self) -> httpx.Request:
        return self._request("skill_tree", "GET")


# --- decoding ------------------------------------------------------------------------------


class _UserSkills(msgspec.Struct):
    skills: list[str]


class _AllSkills(msgspec.Struct, rename="camel"):
    skills_by_account_id: dict[str, list[str]]


class _Change(msgspec.Struct):
    added: list[str]
    removed: list[str]


class _Bulk(msgspec.Struct):
    changes: dict[str, _Change]


class _Node(msgspec.Struct, rename="camel"):
    key: str
    type: str | None = None
    display_name: str | None = None
    children: list[_Node] | None = None
    experts: list[str] | None = None


class _Tree(msgspec.Struct):
    experts: list[_Node]


def _decode(body: bytes, kind: type[Any]) -> Any:
    try:
        return msgspec.json.decode(body, type=kind)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise undecodable(200, {}, body) from exc


def decode_user_skills(body: bytes) -> tuple[str, ...]:
    return tuple(_decode(body, _UserSkills).skills)


def decode_add(body: bytes) -> AddResult:
    return _decode(body, AddResult)  # type: ignore[no-any-return]


def decode_remove(body: bytes) -> RemoveResult:
    return _decode(body, RemoveResult)  # type: ignore[no-any-return]


def decode_all_skills(body: bytes) -> dict[str, tuple[str, ...]]:
    data: _AllSkills = _decode(body, _AllSkills)
    return {a: tuple(s) for a, s in data.skills_by_account_id.items()}


def decode_bulk(body: bytes) -> dict[str, UserChange]:
    data: _Bulk = _decode(body, _Bulk)
    return {a: UserChange(added=tuple(c.added), removed=tuple(c.removed)) for a, c in data.changes.items()}


def _node(wire: _Node) -> SkillNode:
    if wire.type == "category" or wire.children is not None:
        return SkillNode(key=wire.key, display_name=wire.display_name or wire.key, is_category=True,
                         children=tuple(_node(c) for c in wire.children or ()))
    return SkillNode(key=wire.key, display_name=wire.key, is_category=False,
                     experts=tuple(wire.experts or ()))


def decode_tree(body: bytes) -> SkillTree:
    data: _Tree = _decode(body, _Tree)
    return SkillTree(roots=tuple(_node(n) for n in data.experts))


# --- errors --------------------------------------------------------------------------------


def _message(headers: Mapping[str, str], body: bytes) -> tuple[ErrorCollection | None, str]:
    if looks_like_html(headers.get("content-type", ""), body):
        return None, ""
    try:
        coll = msgspec.json.decode(body, type=ErrorCollection)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None, ""
    return coll, collection_message(coll)


def skills_error(status: int, headers: Mapping[str, str], body: bytes) -> StoreError:
    """A Skills refusal worded for people: the token and the URLs are this API's own."""
    coll, message = _message(headers, body)
    if status in (401, 403):
        said = f" It said: {message}" if message else ""
        return AuthError(
            f"Skills for Jira refused the token ({HEADER}).{said} Generate a token in "
            f"{CONSOLE_HINT} and set it with `jiradash config skills`.",
            status=status,
        )
    if status == 405 or (status == 404 and not message):
        return NotFound(
            f"No Skills for Jira operation of that kind answers at its URL (HTTP {status}). Paste "
            f"the endpoint list from {CONSOLE_HINT} into `jiradash config skills`.",
            status=status,
        )
    if status == 404:
        return NotFound(message, status=404)
    if status == 400 and coll is not None:
        return ValidationError(message or "Skills for Jira refused the request.", errors=dict(coll.errors))
    return error_for(status, headers, body)
