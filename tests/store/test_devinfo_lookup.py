"""The issue panel's development lookup through the store, against the sandbox: Jira's
dev-status summary first (which application types hold data for the issue), then the detail of
each type with `applicationType` and `dataType=repository`; repositories of every type become
known; the answers are cached under `issue:KEY/development` (and `/TYPE`); a Jira without the
resource leaves the known list as it was."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from store_support import StoreFactory

from tui.config import Profile, upsert_profile
from tui.models.devinfo import Author, Commit, Repository
from tui.sandbox.devinfo import profile_section
from tui.store.devinfo_known import development, met_repositories
from tui.store.devinfo_profile import devinfo_for_store, known_repositories
from tui.store.mutations_devinfo import StoreDevinfo
from tui.store.store import Store

pytestmark = pytest.mark.sandbox(issues=150, users=20)

HOSTED = Repository(id="hosted", name="hosted", url="https://github.com/example/hosted", update_sequence_id=1,
                    commits=(Commit(id="h1", issue_keys=("DASH-5",), update_sequence_id=1, author=Author(name="Bot"),
                                    author_timestamp="2026-10-31T23:27:25+00:00", display_id="h1", file_count=0,
                                    message="DASH-5 hosted", url="https://github.com/example/hosted/commit/h1"),))


def devinfo_store(app: Starlette, make_store: StoreFactory) -> Store:
    section = profile_section(app.state.sandbox)
    profile = Profile(name="work", base_url="https://jira.example.com", devinfo_repositories=("web-app",),
                      devinfo_client_id=section["client_id"], devinfo_token_url=section["token_url"],
                      devinfo_url=section["url"], allow_insecure_http=True)
    upsert_profile(profile)
    store = make_store(api_version="2")
    store.devinfo = devinfo_for_store(store, profile,
                                      env={"JIRA_DEVINFO_CLIENT_SECRET": section["client_secret"]},
                                      transport=httpx.ASGITransport(app=app))
    store.devinfo_repositories = list(known_repositories(profile))
    return store


async def test_the_summary_then_the_detail_of_each_application_type(app: Starlette, make_store: StoreFactory) -> None:
    store = devinfo_store(app, make_store)
    await store.connect()
    assert store.devinfo is not None
    await store.devinfo.dispatch(StoreDevinfo(repositories=(HOSTED,)))
    assert await met_repositories(store, "DASH-5") == ("web-app", "web-app-experiments", "hosted")
    assert store.stats.requests_to("GET", "/dev-status/latest/issue/summary") == 1
    assert store.stats.requests_to("GET", "/dev-status/latest/issue/detail") == 2  # stash and github
    await met_repositories(store, "DASH-5")  # cached: nothing asked again
    assert store.stats.requests_to("GET", "/dev-status/latest/issue/detail") == 2
    found = await development(store, "DASH-5")
    assert [r.id for r in found] == ["web-app", "web-app-experiments", "hosted"]
    assert store.devinfo_repositories == ["web-app", "web-app-experiments", "hosted"]
    assert await met_repositories(store, "DASH-1") == ()  # no data for it: the summary names no type
    assert store.stats.requests_to("GET", "/dev-status/latest/issue/detail") == 2
    await store.aclose()


async def test_a_jira_without_dev_status_keeps_the_known_list(app: Starlette, make_store: StoreFactory) -> None:
    app.state.sandbox.config.extra["dev_status"] = False
    store = devinfo_store(app, make_store)
    await store.connect()
    assert await met_repositories(store, "DASH-5") == ()
    assert store.stats.requests_to("GET", "/dev-status/latest/issue/detail") == 0
    found = await development(store, "DASH-5")
    assert [r.id for r in found] == ["web-app"]
    assert store.devinfo_repositories == ["web-app"]
    await store.aclose()
