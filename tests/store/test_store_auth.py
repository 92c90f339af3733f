"""Credentials: session cookies renewed once when they expire (the HTML-bodied 401 of seed 002),
the CAPTCHA lockout said plainly and never retried, plain http refused, secrets never shown."""

from __future__ import annotations

import base64
import logging
import traceback

import pytest
from store_support import ALICE, ALICE_TOKEN, BASE, StoreFactory

from tui.api.auth import check_transport
from tui.api.redact import Secret, install_log_redaction
from tui.config import Profile
from tui.sandbox.app import Sandbox
from tui.store.build import store_for_profile
from tui.store.errors import AuthError, CaptchaRequired, InsecureTransport, StoreError
from tui.store.mutations import AddComment

LOGIN = ("POST", "/rest/auth/1/session")


async def test_session_login_happens_once_for_many_requests(make_store: StoreFactory) -> None:
    store = make_store(session=True)
    await store.connect()
    await store.issue("DASH-1")
    assert store.stats.requests_to(*LOGIN) == 1
    await store.aclose()


async def test_an_expired_session_logs_in_again_and_retries(make_store: StoreFactory, sandbox: Sandbox) -> None:
    store = make_store(session=True)
    await store.connect()
    sandbox.auth.sessions.clear()  # the server forgot the session: the next request gets HTML 401
    issue = await store.issue("DASH-1")
    assert issue.key == "DASH-1"
    assert store.stats.requests_to(*LOGIN) == 2
    assert store.stats.responses[401] == 1
    # a write is resent too: the 401 means the server did not apply it
    sandbox.auth.sessions.clear()
    await store.dispatch(AddComment(key="DASH-1", body="after a re-login"))
    assert store.stats.requests_to(*LOGIN) == 3
    await store.aclose()


async def test_idle_sessions_expire_and_are_renewed(make_store: StoreFactory, sandbox: Sandbox) -> None:
    store = make_store(session=True)
    await store.connect()
    for session in sandbox.auth.sessions.values():
        session.last_seen -= sandbox.config.session_idle_seconds + 1
    await store.issue("DASH-2")
    assert store.stats.requests_to(*LOGIN) == 2
    await store.aclose()


async def test_captcha_is_said_plainly_and_not_retried(make_store: StoreFactory, sandbox: Sandbox) -> None:
    alice = next(u for u in sandbox.world.users.values() if u.email == ALICE)
    sandbox.auth.stats_of(alice.account_id).failed_in_a_row = 3  # Jira now wants a CAPTCHA
    store = make_store(session=True)
    with pytest.raises(CaptchaRequired) as refused:
        await store.connect()
    assert "CAPTCHA" in refused.value.message and "browser" in refused.value.message
    assert store.stats.requests_to(*LOGIN) == 1
    await store.aclose()


async def test_captcha_under_basic_auth(make_store: StoreFactory, sandbox: Sandbox) -> None:
    alice = next(u for u in sandbox.world.users.values() if u.email == ALICE)
    sandbox.auth.stats_of(alice.account_id).failed_in_a_row = 3
    store = make_store()
    with pytest.raises(CaptchaRequired, match="CAPTCHA"):
        await store.connect()
    assert store.stats.total_requests == 1 and store.stats.retries == 0  # refused at once, no loop
    await store.aclose()


async def test_wrong_password_for_a_session(make_store: StoreFactory) -> None:
    store = make_store(session=True, token="not-the-password")
    with pytest.raises(AuthError, match="check the user name and password"):
        await store.connect()
    await store.aclose()


@pytest.mark.parametrize("url", ["http://jira.example.com", "http://10.1.2.3:8080/jira"])
def test_plain_http_to_another_host_is_refused(url: str) -> None:
    with pytest.raises(InsecureTransport, match="plain http"):
        check_transport(url, allow_insecure_http=False)
    with pytest.raises(InsecureTransport):
        store_for_profile(Profile(name="p", base_url=url, user=ALICE), Secret(ALICE_TOKEN))


@pytest.mark.parametrize("url", ["https://jira.example.com", "http://127.0.0.1:8080", "http://localhost", "http://[::1]"])
def test_https_and_loopback_are_allowed(url: str) -> None:
    check_transport(url, allow_insecure_http=False)


def test_the_profile_may_accept_plain_http() -> None:
    check_transport("http://jira.intranet", allow_insecure_http=True)


# --- secrets never show ---------------------------------------------------------------------


def _forms(token: str, user: str) -> list[str]:
    return [token, base64.b64encode(f"{user}:{token}".encode()).decode()]


async def test_tokens_never_reach_logs_errors_or_tracebacks(
    make_store: StoreFactory, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "s3cr3t-token-never-shown"
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    for session in (False, True):
        store = make_store(token=secret, session=session)
        texts += [repr(store.http.client.auth), str(store.http.client.auth)]
        try:
            await store.connect()
        except StoreError as exc:
            texts += [str(exc), repr(exc), exc.message, "".join(traceback.format_exception(exc))]
        else:
            pytest.fail("a wrong token was accepted")
        await store.aclose()
    # a good token on a failing path: server errors and retries, logged at debug
    good = make_store(token=ALICE_TOKEN)
    await good.connect()
    sandbox.config.fail_rate = 1.0
    try:
        await good.issue("DASH-1")
    except StoreError as exc:
        texts.append("".join(traceback.format_exception(exc)))
    await good.aclose()
    # even a careless log line is redacted
    install_log_redaction()
    logging.getLogger("tui.test").warning("header was %s", "Basic " + _forms(secret, ALICE)[1])
    texts += [r.getMessage() for r in caplog.records] + [caplog.text]
    blob = "\n".join(texts)
    for form in _forms(secret, ALICE) + _forms(ALICE_TOKEN, ALICE):
        assert form not in blob
    assert "********" in blob


def test_a_secret_never_prints_itself() -> None:
    secret = Secret("another-secret-value")
    assert "another-secret-value" not in f"{secret} {secret!r} {[secret]} {dict(s=secret)}"
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(secret)
    assert BASE  # the module constant is used by the fixtures
