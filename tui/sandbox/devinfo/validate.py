"""Checking a devinfo store request as Jira does, before anything is queued.

Request-level problems refuse the whole request (`Refused`): a body that is not a store request,
no repositories or entities, more than 100 repositories (400) or 1000 entities (413), duplicate
repositories, or properties breaking the rules (more than 5, a key starting with `_` or holding
`:`, a key or value over 255 characters). Repository-level problems (its own fields, more than
400 of a kind, duplicate entity ids) fail the repository and all it carries; an entity that
breaks the OpenAPI field limits (1-500 well-formed issue keys, at most 10 files, string lengths,
enums, required fields) fails alone, listed with its reasons under `failedDevinfoEntities`.
A commit message over 1024 characters is truncated, as the API documents. The issue-key format
is checked per item here: the OpenAPI document puts its `pattern` on the array, where
validators ignore it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from tui.models.devinfo import (
    MAX_ENTITIES,
    MAX_FILES,
    MAX_ISSUE_KEYS,
    MAX_PER_KIND,
    MAX_PROPERTIES,
    MAX_PROPERTY_LENGTH,
    MAX_REPOSITORIES,
    VALID_ID,
    VALID_ISSUE_KEY,
)
from tui.sandbox.devinfo.state import KINDS

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


class Refused(Exception):
    """The whole request is refused: `status` (400 or 413) with the messages."""

    def __init__(self, status: int, *messages: str) -> None:
        super().__init__(status, messages)
        self.status = status
        self.messages = list(messages)


@dataclass(frozen=True)
class F:
    """One field: its kind (`str`, `id`, `url`, `int32`, `int64`, `time`, `enum`, `keys`, `obj`,
    `list`) and limits."""

    name: str
    kind: str = "str"
    required: bool = False
    max_len: int | None = None
    minimum: int | None = None
    enum: tuple[str, ...] = ()
    spec: tuple[F, ...] = ()  # the fields of an `obj`, or of each item of a `list`
    max_items: int | None = None
    truncate: bool = False  # too long is cut to `max_len`, not refused


AUTHOR = (F("name", max_len=255), F("email", max_len=255), F("username", max_len=255),
          F("url", max_len=2000), F("avatar", max_len=2000))
FILE = (F("path", required=True, max_len=1024), F("url", "url", True, 2000),
        F("changeType", "enum", True, enum=("ADDED", "COPIED", "DELETED", "MODIFIED", "MOVED", "UNKNOWN")),
        F("linesAdded", "int32", True, minimum=0), F("linesRemoved", "int32", True, minimum=0))
ENTITY = (F("id", "id", True), F("issueKeys", "keys", True), F("updateSequenceId", "int64", True))
COMMIT = (*ENTITY, F("hash", max_len=255), F("flags", "enum_list", enum=("MERGE_COMMIT",)),
          F("message", required=True, max_len=1024, truncate=True), F("author", "obj", True, spec=AUTHOR),
          F("fileCount", "int32", True, minimum=0), F("url", "url", True, 2000),
          F("files", "list", spec=FILE, max_items=MAX_FILES), F("authorTimestamp", "time", True),
          F("displayId", required=True, max_len=255))
BRANCH = (*ENTITY, F("name", required=True, max_len=512), F("lastCommit", "obj", True, spec=COMMIT),
          F("createPullRequestUrl", max_len=2000), F("url", required=True, max_len=2000))
REVIEWER = (F("name", max_len=255), F("approvalStatus", "enum", enum=("APPROVED", "UNAPPROVED")),
            F("url", "url", max_len=2000), F("avatar", "url", max_len=2000), F("email", max_len=254),
            F("accountId", max_len=128))
PULL_REQUEST = (*ENTITY, F("status", "enum", True, enum=("OPEN", "MERGED", "DECLINED", "UNKNOWN")),
                F("title", required=True, max_len=1024), F("author", "obj", True, spec=AUTHOR),
                F("commentCount", "int32", True), F("sourceBranch", required=True, max_len=255),
                F("sourceBranchUrl", "url", max_len=2000), F("lastUpdate", "time", True),
                F("destinationBranch", max_len=255), F("destinationBranchUrl", "url", max_len=2000),
                F("reviewers", "list", spec=REVIEWER), F("url", "url", True, 2000),
                F("displayId", required=True, max_len=255))
REPOSITORY = (F("id", "id", True), F("name", required=True, max_len=255), F("description", max_len=1024),
              F("forkOf", max_len=1024), F("url", "url", True, 2000), F("avatar", "url", max_len=2000),
              F("avatarDescription", max_len=1024), F("updateSequenceId", "int64", True))
SPECS: dict[str, tuple[F, ...]] = {"commits": COMMIT, "branches": BRANCH, "pullRequests": PULL_REQUEST}
NOUNS = {"commits": "commit", "branches": "branch", "pullRequests": "pull request"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(f: F, value: Any, where: str, errors: list[str]) -> Any:
    """The value to keep (cleaned), appending to `errors` what is wrong with it."""
    kind = f.kind
    if kind in ("str", "id", "url", "time", "enum"):
        if not isinstance(value, str):
            errors.append(f"{where} must be a string.")
            return None
        if f.max_len is not None and len(value) > f.max_len:
            if f.truncate:
                return value[: f.max_len]
            errors.append(f"{where} must be at most {f.max_len} characters (got {len(value)}).")
        if kind == "id" and not VALID_ID.match(value):
            errors.append(f"{where} may only contain letters, digits and '~.-_' (1-1024 characters).")
        elif kind == "url" and not (urlsplit(value).scheme and urlsplit(value).netloc):
            errors.append(f"{where} must be an absolute URL.")
        elif kind == "time" and not _is_time(value):
            errors.append(f"{where} must be an ISO 8601 date-time.")
        elif kind == "enum" and value not in f.enum:
            errors.append(f"{where} must be one of {', '.join(f.enum)}.")
        return value
    if kind in ("int32", "int64"):
        low, high = INT32 if kind == "int32" else INT64
        if not _is_int(value) or not low <= value <= high:
            errors.append(f"{where} must be a {kind[3:]}-bit integer.")
        elif f.minimum is not None and value < f.minimum:
            errors.append(f"{where} must be at least {f.minimum}.")
        return value
    if kind == "keys":
        return _check_keys(value, where, errors)
    if kind == "enum_list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in f.enum for v in value):
            errors.append(f"{where} may only hold {', '.join(f.enum)}.")
        elif len(set(value)) != len(value):
            errors.append(f"{where} must not repeat a flag.")
        return value
    if kind == "obj":
        if not isinstance(value, dict):
            errors.append(f"{where} must be an object.")
            return None
        return check_object(value, f.spec, where, errors)
    if not isinstance(value, list):  # "list"
        errors.append(f"{where} must be an array.")
        return None
    if f.max_items is not None and len(value) > f.max_items:
        errors.append(f"{where} must have at most {f.max_items} items (got {len(value)}).")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            errors.append(f"{where}[{i}] must be an object.")
        else:
            out.append(check_object(item, f.spec, f"{where}[{i}]", errors))
    return out


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_keys(value: Any, where: str, errors: list[str]) -> Any:
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        errors.append(f"{where} must be an array of issue keys.")
        return None
    if not 1 <= len(value) <= MAX_ISSUE_KEYS:
        errors.append(f"{where} must hold between 1 and {MAX_ISSUE_KEYS} issue keys (got {len(value)}).")
    bad = [k for k in value if not VALID_ISSUE_KEY.match(k)]
    if bad:
        errors.append(f"{where} holds values that are not valid Jira issue keys: {', '.join(bad[:5])}.")
    return value


def check_object(raw: dict[str, Any], spec: tuple[F, ...], where: str, errors: list[str]) -> dict[str, Any]:
    """`raw` with only the fields `spec` knows, cleaned; problems appended to `errors`."""
    out: dict[str, Any] = {}
    for f in spec:
        if f.name not in raw or raw[f.name] is None:
            if f.required:
                errors.append(f"{where}.{f.name} is required.")
            continue
        kept = _check_value(f, raw[f.name], f"{where}.{f.name}", errors)
        if kept is not None:
            out[f.name] = kept
    return out


# --- the whole request -------------------------------------------------------------------------


@dataclass
class Checked:
    repositories: list[dict[str, Any]] = field(default_factory=list)  # what will be stored
    properties: dict[str, str] = field(default_factory=dict)
    accepted: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    failed: dict[str, dict[str, Any]] = field(default_factory=dict)
    unknown_issue_keys: list[str] = field(default_factory=list)

    def result(self) -> dict[str, Any]:
        """The StoreDevinfoResult body."""
        return {
            "acceptedDevinfoEntities": self.accepted,
            "failedDevinfoEntities": self.failed,
            "unknownIssueKeys": self.unknown_issue_keys,
        }


def check_properties(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise Refused(400, "properties must be an object of string values.")
    if len(raw) > MAX_PROPERTIES:
        raise Refused(400, f"At most {MAX_PROPERTIES} properties may be submitted (got {len(raw)}).")
    for key, value in raw.items():
        if key.startswith("_"):
            raise Refused(400, f"Property keys cannot start with '_': {key!r}.")
        if ":" in key:
            raise Refused(400, f"Property keys cannot contain ':': {key!r}.")
        if not key or len(key) > MAX_PROPERTY_LENGTH or len(value) > MAX_PROPERTY_LENGTH:
            raise Refused(400, f"Property keys and values must be 1-{MAX_PROPERTY_LENGTH} characters: {key[:40]!r}.")
    return dict(raw)


def _repository_list(body: Any) -> list[dict[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("repositories"), list):
        raise Refused(400, "The request must be an object with a 'repositories' array.")
    repos: list[dict[str, Any]] = body["repositories"]
    if not repos:
        raise Refused(400, "No repositories or development information entities were provided.")
    if len(repos) > MAX_REPOSITORIES:
        raise Refused(400, f"At most {MAX_REPOSITORIES} repositories may be submitted at once (got {len(repos)}).")
    if not all(isinstance(r, dict) for r in repos):
        raise Refused(400, "Every repository must be an object.")
    ids = [str(r.get("id")) for r in repos]
    if not all(isinstance(r.get("id"), str) and VALID_ID.match(r["id"]) for r in repos):
        raise Refused(400, "Every repository needs an id of letters, digits and '~.-_' (1-1024 characters).")
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise Refused(400, f"Repositories must not contain duplicates: {', '.join(duplicates)}.")
    total = sum(len(r[k]) for r in repos for k in KINDS if isinstance(r.get(k), list))
    if total > MAX_ENTITIES:
        raise Refused(413, f"Data is too large: {total} entities; at most {MAX_ENTITIES} may be submitted "
                           "in one request. Submit fewer devinfo entities in each payload.")
    if body.get("preventTransitions") is not None and not isinstance(body["preventTransitions"], bool):
        raise Refused(400, "preventTransitions must be a boolean.")
    if body.get("operationType") not in (None, "NORMAL", "BACKFILL"):
        raise Refused(400, "operationType must be NORMAL or BACKFILL.")
    return repos


def check_bulk(body: Any, known_key: Callable[[str], bool]) -> Checked:
    """Validate a store request; raises `Refused` for request-level problems."""
    repos = _repository_list(body)
    checked = Checked(properties=check_properties(body.get("properties")))
    unknown: dict[str, None] = {}
    for raw in repos:
        repo_id: str = raw["id"]
        repo_errors: list[str] = []
        own = check_object({k: v for k, v in raw.items() if k not in KINDS}, REPOSITORY, "repository", repo_errors)
        for kind in KINDS:
            items = raw.get(kind)
            if items is None:
                continue
            if not isinstance(items, list):
                repo_errors.append(f"{kind} must be an array.")
            elif len(items) > MAX_PER_KIND:
                repo_errors.append(f"Maximum number of {kind} is {MAX_PER_KIND} (got {len(items)}).")
            else:
                ids = [i.get("id") for i in items if isinstance(i, dict)]
                twice = sorted({str(i) for i in ids if ids.count(i) > 1})
                if twice:
                    repo_errors.append(f"{kind} must not contain duplicate entity IDs: {', '.join(twice[:5])}.")
        if repo_errors:
            checked.failed[repo_id] = {"errorMessages": [{"message": m} for m in repo_errors]}
            continue
        accepted: dict[str, list[str]] = {}
        failures: dict[str, list[dict[str, Any]]] = {}
        for kind in KINDS:
            if kind not in raw:
                continue
            accepted[kind] = []
            for index, item in enumerate(raw[kind]):
                errors: list[str] = []
                noun = NOUNS[kind]
                clean = check_object(item, SPECS[kind], noun, errors) if isinstance(item, dict) else None
                if clean is None:
                    errors.append(f"The {noun} must be an object.")
                ident = item.get("id") if isinstance(item, dict) else None
                if errors or clean is None:
                    entity_id = ident if isinstance(ident, str) else f"[{index}]"
                    failures.setdefault(kind, []).append(
                        {"id": entity_id, "errorMessages": [{"message": m} for m in errors]})
                    continue
                own.setdefault(kind, []).append(clean)
                accepted[kind].append(clean["id"])
                keys = [*clean["issueKeys"], *clean.get("lastCommit", {}).get("issueKeys", [])]
                for key in keys:
                    if not known_key(key):
                        unknown.setdefault(key, None)
        checked.repositories.append(own)
        checked.accepted[repo_id] = accepted
        if failures:
            checked.failed[repo_id] = failures
    checked.unknown_issue_keys = list(unknown)
    return checked
