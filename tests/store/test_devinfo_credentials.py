"""The devinfo client's credentials against the sandbox, on a fake clock: the OAuth token is
fetched once, renewed shortly before it expires (no 401 on the way) and again after a 401 (the
server forgot it); wrong client credentials fail plainly without showing the secret; Connect
JWTs sign every operation, query strings included; profiles and the environment pick them."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from store_support import FakeClock

from tui.api.devinfo_auth import ConnectJwtAuth, DevinfoCredentials, OAuthClientCredentials
from tui.api.redact import Secret
from tui.config import Profile
from tui.models.devinfo import Author, Commit, Repository
from tui.sandbox.devinfo import profile_section, runtime_of
from tui.store.devinfo import DevinfoService
from tui.store.devinfo_profile import (
    auth_for,
    credentials_for,
    devinfo_root,
    forget_repository,
    known_repositories,
    remember_repository,
)
from tui.store.errors import AuthError, InsecureTransport
from tui.store.mutations_devinfo import (
    DeleteByProperties,
    DeleteEntity,
    DeleteRepository,
    StoreDevinfo,
)

pytestmark = pytest.mark.sandbox(issues=150, users=20)


def oauth_service(app: Starlette, clock: FakeClock, *, secret: str | None = None) -> tuple[DevinfoService, OAuthClientCredentials]:
    section = profile_section(app.state.sandbox)
    auth = OAuthClientCredentials(section["token_url"], section["client_id"],
                                  Secret(secret or section["client_secret"]), clock=clock)
    service = DevinfoService(section["url"], auth, transport=httpx.ASGITransport(app=app),
                             allow_insecure_http=True, sleep=clock.sleep)
    return service, auth


async def test_the_token_is_renewed_before_it_expires(app: Starlette, clock: FakeClock) -> None:
    runtime = runtime_of(app.state.sandbox)
    runtime.clock, runtime.token_seconds = clock, 600
    service, auth = oauth_service(app, clock)
    try:
        await service.repository("web-app", refresh=True)
        clock.advance(539)  # renewal is due 60 s before the end
        await service.repository("web-app", refresh=True)
        assert auth.fetches == 1
        clock.advance(2)
        await service.repository("web-app", refresh=True)
        assert auth.fetches == 2
        clock.advance(600)
        await service.repository("web-app", refresh=True)
        assert auth.fetches == 3
        assert service.stats.responses[401] == 0
        assert runtime.issued == 3
    finally:
        await service.aclose()


async def test_a_401_fetches_a_new_token_once(app: Starlette, clock: FakeClock) -> None:
    runtime = runtime_of(app.state.sandbox)
    service, auth = oauth_service(app, clock)
    try:
        await service.repository("web-app")
        runtime.tokens.clear()  # a restarted server forgets every token
        assert (await service.repository("core-services")).id == "core-services"
        assert auth.fetches == 2 and service.stats.responses[401] == 1
    finally:
        await service.aclose()


async def test_wrong_client_credentials_fail_without_showing_the_secret(
    app: Starlette, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "a-wrong-but-distinctive-client-secret"
    service, auth = oauth_service(app, clock, secret=secret)
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(AuthError, match="refused the client credentials") as raised:
            await service.repository("web-app")
        assert secret not in str(raised.value) and secret not in repr(auth)
        assert secret not in caplog.text
        assert service.stats.retries == 0
    finally:
        await service.aclose()


async def test_connect_jwt_signs_every_operation(app: Starlette, clock: FakeClock) -> None:
    runtime_of(app.state.sandbox).clock = clock
    section = profile_section(app.state.sandbox)
    auth = ConnectJwtAuth(section["jwt"]["key"], Secret(section["jwt"]["shared_secret"]), clock=clock)
    service = DevinfoService(section["url"], auth, transport=httpx.ASGITransport(app=app), allow_insecure_http=True)
    commit = Commit(id="c1", issue_keys=("DASH-1",), update_sequence_id=3, author=Author(name="Build Bot"),
                    author_timestamp="2026-10-01T10:00:00+00:00", display_id="c1", file_count=0,
                    message="DASH-1 x", url="https://git.example.com/r/commits/c1")
    repo = Repository(id="r1", name="r1", url="https://git.example.com/r1", update_sequence_id=3, commits=(commit,))
    try:
        assert (await service.repository("web-app")).id == "web-app"
        await service.dispatch(StoreDevinfo(repositories=(repo,), properties={"team": "a b*c"}))
        assert await service.exists({"team": "a b*c"}, update_sequence_id=3)
        assert not await service.exists({"team": "a b*c"}, update_sequence_id=2)
        await service.dispatch(DeleteEntity(repository_id="r1", entity_type="commit", entity_id="c1",
                                            update_sequence_id=3))
        await service.dispatch(DeleteByProperties(properties={"team": "a b*c"}, update_sequence_id=9))
        await service.dispatch(DeleteRepository(repository_id="web-app", update_sequence_id=1))
        assert service.stats.responses[401] == service.stats.responses[403] == 0
        clock.advance(181)  # a token signed now is good for 180 s: each request gets a fresh one
        assert (await service.repository("core-services", refresh=True)).id == "core-services"
    finally:
        await service.aclose()


def test_credentials_from_the_environment_or_the_profile(tmp_path: Path) -> None:
    profile = Profile(name="work", base_url="https://jira.example.com/jira", devinfo_app_key="com.example.app")
    assert credentials_for(profile, env={}) is None  # the shared secret is missing
    env = {"JIRA_DEVINFO_SHARED_SECRET": "s" * 40}
    found = credentials_for(profile, env=env)
    assert found is not None and found.kind == "jwt" and found.app_key == "com.example.app"
    oauth_env = {"JIRA_DEVINFO_CLIENT_ID": "id", "JIRA_DEVINFO_CLIENT_SECRET": "secret-value-1",
                 "JIRA_DEVINFO_TOKEN_URL": "https://auth.example.com/oauth/token"}
    found = credentials_for(None, env=oauth_env)
    assert found is not None and found.kind == "oauth" and "secret-value-1" not in repr(found)
    secrets_dir = tmp_path / "config" / "tokens"
    secrets_dir.mkdir(parents=True)
    (secrets_dir / "work.devinfo-client-secret").write_text("from-a-file-secret\n")
    (secrets_dir / "work.devinfo-client-secret").chmod(0o600)
    with_client = Profile(name="work", base_url="https://jira.example.com",
                          devinfo_client_id="cid", devinfo_token_url="https://auth.example.com/oauth/token")
    found = credentials_for(with_client, env={})
    assert found is not None and found.client_secret == Secret("from-a-file-secret")
    assert devinfo_root(profile) == "https://jira.example.com/jira/rest/devinfo/0.10"
    assert isinstance(DevinfoCredentials(app_key="k", shared_secret=Secret("s" * 40)).auth(), ConnectJwtAuth)
    with pytest.raises(AuthError):
        DevinfoCredentials().auth()
    plain = DevinfoCredentials(client_id="cid", client_secret=Secret("a-client-secret"),
                               token_url="http://auth.example.com/oauth/token")
    with pytest.raises(InsecureTransport, match="plain http"):
        auth_for(with_client, plain)  # the client secret never goes over plain http to another host


def test_the_repositories_a_profile_knows() -> None:
    profile = Profile(name="work", base_url="https://jira.example.com", devinfo_repositories=("a", "b"))
    assert known_repositories(profile) == ("a", "b")
    remember_repository(profile, "c")
    remember_repository(profile, "a")
    assert known_repositories(profile) == ("a", "b", "c")
    forget_repository(profile, "c")
    assert known_repositories(profile) == ("a", "b")
