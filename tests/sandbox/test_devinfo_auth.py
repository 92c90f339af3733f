"""Who may call the sandbox's devinfo API: the OAuth client-credentials token endpoint, bearer
tokens and their expiry (fake clock), Connect JWTs with the query string hash, scopes (403),
and Atlassian's documented canonical-request example for both QSH implementations (the
sandbox's and the client's, written apart on purpose)."""

from __future__ import annotations

import base64
import hashlib

import jwt
import pytest
from devinfo_support import ROOT, Devinfo, commit, devinfo, repo

from tui.api.devinfo_auth import canonical_request as client_canonical
from tui.api.devinfo_auth import query_string_hash
from tui.sandbox.devinfo import runtime_of
from tui.sandbox.devinfo.auth import canonical_request as sandbox_canonical
from tui.sandbox.devinfo.seed import NO_MODULE_APP_KEY

__all__ = ["devinfo"]

# Atlassian's example (com.atlassian.jwt JwtConstants.Claims.QUERY_HASH): a GET of
# http://localhost:2990/path/to/service?zee_last=param&repeated=parameter 1&first=param&repeated=parameter 2
EXAMPLE_QUERY = [("zee_last", "param"), ("repeated", "parameter 1"), ("first", "param"), ("repeated", "parameter 2")]
EXAMPLE = "GET&/path/to/service&first=param&repeated=parameter%201,parameter%202&zee_last=param"


@pytest.mark.parametrize("canonical", [client_canonical, sandbox_canonical], ids=["client", "sandbox"])
def test_the_documented_canonical_request(canonical: object) -> None:
    assert canonical("get", "/path/to/service", EXAMPLE_QUERY) == EXAMPLE  # type: ignore[operator]
    assert canonical("POST", "/", []) == "POST&/&"  # type: ignore[operator]
    assert canonical("GET", "/a&b/", [("jwt", "x"), ("q", "a*b~c d")]) == "GET&/a%26b&q=a%2Ab~c%20d"  # type: ignore[operator]


def test_the_client_hash_drops_the_context_path_and_the_jwt_parameter() -> None:
    url = "https://jira.example.com/jira/rest/devinfo/0.10/existsByProperties?b=2&a=1&jwt=abc"
    expected = hashlib.sha256(b"GET&/rest/devinfo/0.10/existsByProperties&a=1&b=2").hexdigest()
    assert query_string_hash("GET", url, "/jira") == expected


# --- the token endpoint --------------------------------------------------------------------------


async def test_client_credentials_in_the_form_or_as_basic(devinfo: Devinfo) -> None:
    section = devinfo.section
    form = await devinfo.anon.post("/oauth/token", data={"grant_type": "client_credentials",
                                                         "client_id": section["client_id"],
                                                         "client_secret": section["client_secret"]})
    assert form.status_code == 200
    assert set(form.json()) == {"access_token", "token_type", "expires_in"}
    assert form.json()["token_type"] == "Bearer" and form.json()["expires_in"] == 3600
    basic = base64.b64encode(f"{section['client_id']}:{section['client_secret']}".encode()).decode()
    header = await devinfo.anon.post("/oauth/token", data={"grant_type": "client_credentials"},
                                     headers={"Authorization": f"Basic {basic}"})
    assert header.status_code == 200 and header.json()["access_token"] != form.json()["access_token"]


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"grant_type": "client_credentials", "client_id": "nobody", "client_secret": "x"}, 401, "invalid_client"),
        ({"grant_type": "client_credentials", "client_secret": "wrong"}, 401, "invalid_client"),
    ],
    ids=["grant", "unknown-client", "wrong-secret"],
)
async def test_token_refusals(devinfo: Devinfo, form: dict[str, str], status: int, error: str) -> None:
    form.setdefault("client_id", devinfo.section["client_id"])
    answer = await devinfo.anon.post("/oauth/token", data=form)
    assert (answer.status_code, answer.json()["error"]) == (status, error)


async def test_a_bearer_token_expires(devinfo: Devinfo) -> None:
    runtime_of(devinfo.sandbox).token_seconds = 60
    token = await devinfo.token(devinfo.section["client_id"], devinfo.section["client_secret"])
    client = devinfo.with_token(token)
    assert (await client.get(f"{ROOT}/repository/web-app")).status_code == 200
    devinfo.clock.now += 59
    assert (await client.get(f"{ROOT}/repository/web-app")).status_code == 200
    devinfo.clock.now += 1
    assert (await client.get(f"{ROOT}/repository/web-app")).status_code == 401
    assert (await devinfo.with_token("made-up").get(f"{ROOT}/repository/web-app")).status_code == 401


async def test_no_credentials_or_jira_credentials_are_401(devinfo: Devinfo) -> None:
    assert (await devinfo.anon.get(f"{ROOT}/repository/web-app")).status_code == 401
    basic = base64.b64encode(b"alice@example.com:sandbox-token").decode()
    answer = await devinfo.anon.get(f"{ROOT}/repository/web-app", headers={"Authorization": f"Basic {basic}"})
    assert answer.status_code == 401


async def test_a_read_only_client_reads_but_may_not_write_or_delete(devinfo: Devinfo) -> None:
    reader = next(c for c in devinfo.state.clients.values() if c.scopes == frozenset({"READ"}))
    client = devinfo.with_token(await devinfo.token(reader.client_id, reader.client_secret))
    assert (await client.get(f"{ROOT}/repository/web-app")).status_code == 200
    assert (await client.get(f"{ROOT}/existsByProperties", params={"a": "1"})).status_code == 200
    denied = [
        await client.post(f"{ROOT}/bulk", json={"repositories": [repo(commits=[commit()])]}),
        await client.delete(f"{ROOT}/repository/web-app"),
        await client.delete(f"{ROOT}/repository/web-app/commit/x"),
        await client.delete(f"{ROOT}/bulkByProperties", params={"a": "1"}),
    ]
    assert [a.status_code for a in denied] == [403, 403, 403, 403]
    assert "'WRITE' scope" in denied[0].json()["errorMessages"][0]["message"]
    assert "web-app" in devinfo.state.repositories and "repo1" not in devinfo.state.repositories


# --- Connect JWT -------------------------------------------------------------------------------------


def signed(devinfo: Devinfo, method: str, path_and_query: str, *, key: str | None = None,
           secret: str | None = None, qsh: str | None = None, exp: float | None = None) -> dict[str, str]:
    app_key = key or devinfo.section["jwt"]["key"]
    shared = secret or next(a.shared_secret for a in devinfo.state.apps.values() if a.key == app_key)
    now = int(devinfo.clock())
    claims = {"iss": app_key, "iat": now, "exp": exp if exp is not None else now + 180,
              "qsh": qsh or query_string_hash(method, "http://sandbox.invalid" + path_and_query)}
    return {"Authorization": f"JWT {jwt.encode(claims, shared, algorithm='HS256')}"}


async def test_a_signed_jwt_opens_every_operation(devinfo: Devinfo) -> None:
    query = f"{ROOT}/existsByProperties?source=sandbox-seed&_updateSequenceId=99999999999999"
    answer = await devinfo.anon.get(query, headers=signed(devinfo, "GET", query))
    assert answer.status_code == 200 and answer.json() == {"hasDataMatchingProperties": True}
    body = {"repositories": [repo(commits=[commit()])]}
    stored = await devinfo.anon.post(f"{ROOT}/bulk", json=body, headers=signed(devinfo, "POST", f"{ROOT}/bulk"))
    assert stored.status_code == 202
    path = f"{ROOT}/repository/repo1"
    assert (await devinfo.anon.delete(path, headers=signed(devinfo, "DELETE", path))).status_code == 202


@pytest.mark.parametrize("broken", ["qsh", "method", "query", "secret", "issuer", "expired", "garbage"])
async def test_a_bad_jwt_is_401(devinfo: Devinfo, broken: str) -> None:
    path = f"{ROOT}/existsByProperties?source=sandbox-seed"
    headers = {
        "qsh": lambda: signed(devinfo, "GET", path, qsh="0" * 64),
        "method": lambda: signed(devinfo, "DELETE", path),
        "query": lambda: signed(devinfo, "GET", f"{ROOT}/existsByProperties?source=other"),
        "secret": lambda: signed(devinfo, "GET", path, secret="not-the-shared-secret-of-this-app-at-all"),
        "issuer": lambda: signed(devinfo, "GET", path, key="com.example.unknown", secret="s" * 32),
        "expired": lambda: signed(devinfo, "GET", path, exp=devinfo.clock() - 1),
        "garbage": lambda: {"Authorization": "JWT not.a.token"},
    }[broken]()
    answer = await devinfo.anon.get(path, headers=headers)
    assert answer.status_code == 401


async def test_an_app_without_the_development_tool_module_is_403(devinfo: Devinfo) -> None:
    path = f"{ROOT}/repository/web-app"
    answer = await devinfo.anon.get(path, headers=signed(devinfo, "GET", path, key=NO_MODULE_APP_KEY))
    assert answer.status_code == 403
    assert "jiraDevelopmentTool" in answer.json()["errorMessages"][0]["message"]
