"""Responses that are not successes become typed errors with a message fit for a person."""

from __future__ import annotations

import json

import pytest

from tui.api.errors import HTML_ANSWER, error_for, jql_position, undecodable
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

JSON = {"content-type": "application/json;charset=UTF-8"}
HTML = {"content-type": "text/html;charset=UTF-8"}


def body(messages: list[str] | None = None, errors: dict[str, str] | None = None) -> bytes:
    return json.dumps({"errorMessages": messages or [], "errors": errors or {}}).encode()


@pytest.mark.parametrize(
    ("status", "kind"),
    [(401, AuthError), (403, Forbidden), (404, NotFound), (409, Conflict), (429, RateLimited),
     (500, ServerError), (502, ServerError), (503, ServerError), (418, StoreError)],
)
def test_status_codes_are_typed(status: int, kind: type[StoreError]) -> None:
    err = error_for(status, JSON, body(["Something the server said."]))
    assert type(err) is kind
    assert "Something the server said." in err.message


def test_an_error_collection_becomes_one_message_with_its_fields() -> None:
    err = error_for(400, JSON, body(["Top level."], {"summary": "You must specify a summary."}))
    assert isinstance(err, ValidationError)
    assert err.message == "Top level.; summary: You must specify a summary."
    assert err.errors == {"summary": "You must specify a summary."}


def test_a_refused_search_is_a_jql_error_with_its_position() -> None:
    jql = "project = DASH AND status ~ x"
    message = "Error in the JQL Query: The operator '~' is not supported by the 'status' field. (line 1, character 27)"
    err = error_for(400, JSON, body([message]), jql=jql)
    assert isinstance(err, JqlError) and err.position == 26 and jql[err.position] == "~"
    assert jql_position("a\nbc", "(line 2, character 2)") == 3
    assert jql_position("a", "no position here") is None


def test_html_bodies_say_the_base_url_may_be_wrong() -> None:
    page = b"<!DOCTYPE html><html><head><title>Log in</title></head></html>"
    assert isinstance(error_for(404, HTML, page), NotFound)
    err = error_for(400, HTML, page)
    assert isinstance(err, ServerError) and err.message == HTML_ANSWER
    assert undecodable(200, HTML, page).message == HTML_ANSWER
    assert HTML_ANSWER in error_for(500, {}, page).message  # sniffed without a content type


def test_an_expired_session_answered_in_html_is_an_auth_error() -> None:
    err = error_for(401, HTML, b"<html><body>Your session has expired.</body></html>")
    assert isinstance(err, AuthError) and "session expired" in err.message


def test_the_captcha_header_wins() -> None:
    err = error_for(403, {"X-Seraph-LoginReason": "AUTHENTICATION_DENIED"} | JSON, body(["Login denied"]))
    assert isinstance(err, CaptchaRequired) and "CAPTCHA" in err.message and "browser" in err.message


def test_a_truncated_body_is_said_to_be_cut_short() -> None:
    cut = body(["A long message"])[:15]
    assert "cut short" in error_for(400, JSON, cut).message
    assert "cut short" in undecodable(200, JSON, b'{"issues": [{"ke').message


def test_rate_limited_keeps_retry_after() -> None:
    err = error_for(429, {"retry-after": "7"} | JSON, body(["Rate limit exceeded."]))
    assert isinstance(err, RateLimited) and err.retry_after == 7.0 and "7 s" in err.message
    assert isinstance(error_for(429, {"retry-after": "soon"}, b""), RateLimited)
