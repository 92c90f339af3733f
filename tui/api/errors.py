"""Turns a refused or unreadable response into the store's typed errors, with a message for people.

Jira answers errors as an "Error Collection" (`{"errorMessages": [...], "errors": {...}}`); an
expired session or a wrong base URL often answers HTML instead, and a dropped connection can cut
a body short. Nothing here ever quotes a request header, so no credential reaches a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import msgspec

from tui.store.errors import (
    AuthError,
    CaptchaRequired,
    Conflict,
    Forbidden,
    JqlError,
    NotFound,
    RateLimited,
    ServerError,
    StoreError,
    ValidationError,
)

HTML_ANSWER = "the server answered HTML, not JSON — is the base URL right?"
CUT_SHORT = "the server's answer was cut short or is not valid JSON; try again"
CAPTCHA = (
    "Jira wants a CAPTCHA solved before it accepts this login (too many failed attempts). "
    "Log in once in a web browser, then try again."
)
_JQL_POSITION = re.compile(r"line (\d+), character (\d+)", re.IGNORECASE)
_MAX_MESSAGE = 500


class ErrorCollection(msgspec.Struct, kw_only=True, rename="camel"):
    error_messages: list[str] = []
    errors: dict[str, str] = {}
    message: str | None = None  # some gateways answer {"message": ...}


def looks_like_html(content_type: str, body: bytes) -> bool:
    if "html" in content_type.lower():
        return True
    head = body[:256].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body"))


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """`Retry-After` as seconds; an HTTP date or junk counts as absent."""
    raw = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if raw is None:
        return None
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    return max(value, 0.0)


def _collection(body: bytes) -> ErrorCollection | None:
    try:
        return msgspec.json.decode(body, type=ErrorCollection)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def collection_message(coll: ErrorCollection) -> str:
    parts = list(coll.error_messages)
    parts += [f"{field}: {text}" for field, text in coll.errors.items()]
    if not parts and coll.message:
        parts.append(coll.message)
    return _shorten("; ".join(parts))


def jql_position(jql: str, message: str) -> int | None:
    """Jira says "(line 1, character 12)"; the result is a 0-based offset into `jql`."""
    match = _JQL_POSITION.search(message)
    if match is None:
        return None
    line, column = int(match.group(1)), int(match.group(2))
    lines = jql.split("\n")
    if line < 1 or line > len(lines):
        return None
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + max(column - 1, 0)
    return min(offset, len(jql))


def error_for(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    jql: str | None = None,
) -> StoreError:
    """The typed error for a response that is not a success. `jql` marks a search request."""
    headers = {k.lower(): v for k, v in headers.items()}
    content_type = headers.get("content-type", "")
    if headers.get("x-seraph-loginreason", "").upper().startswith("AUTHENTICATION_DENIED"):
        return CaptchaRequired(CAPTCHA, status=status)
    html = looks_like_html(content_type, body)
    coll = None if html else _collection(body)
    if coll is not None:
        message = collection_message(coll)
    else:
        message = CUT_SHORT if body.strip() and not html else ""

    if status == 401:
        hint = "the session expired" if html else "check the user and API token"
        return AuthError(f"Jira refused the credentials ({hint}). {message}".strip(), status=401)
    if status == 403:
        return Forbidden(message or "Jira says you are not allowed to do that.", status=403)
    if status == 404:
        return NotFound(message or "Jira found nothing at that address.", status=404)
    if status == 409:
        return Conflict(message or "Jira reports a conflict; reload and try again.", status=409)
    if status == 429:
        seconds = retry_after_seconds(headers)
        wait = f" (it asks to wait {seconds:g} s)" if seconds is not None else ""
        return RateLimited(f"Jira is rate limiting requests{wait}. {message}".strip(), retry_after=seconds)
    if status >= 500:
        detail = message or (HTML_ANSWER if html else f"HTTP {status}")
        return ServerError(f"Jira failed to answer: {detail}", status=status)
    if html:
        return ServerError(HTML_ANSWER, status=status)
    if status == 400:
        if jql is not None:
            return JqlError(message or "Jira refused the JQL.", position=jql_position(jql, message))
        if coll is not None and coll.errors:
            return ValidationError(message, errors=dict(coll.errors))
        return ValidationError(message or "Jira refused the request as invalid.")
    return StoreError(message or f"Jira answered HTTP {status}.", status=status)


def undecodable(status: int, headers: Mapping[str, str], body: bytes) -> ServerError:
    """A success status whose body is not the JSON the API documents."""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if looks_like_html(content_type, body):
        return ServerError(HTML_ANSWER, status=status)
    return ServerError(CUT_SHORT, status=status)
