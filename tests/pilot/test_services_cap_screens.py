"""Screens 3 and 4 when Skills for Jira or the devinfo API answers 50 MB: the read stops at the
profile's `max_response_mb` and the screen says so in plain words (and `r` reads again)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from devinfo_harness import SEEDED, devinfo_app, open_devinfo
from huge_support import HugeAnswer
from search_harness import settle
from skills_harness import SkillsView, make_store
from starlette.applications import Starlette

from tui.api.devinfo_auth import OAuthClientCredentials
from tui.api.redact import Secret
from tui.api.skills import SkillsEndpoints
from tui.app import JiradashApp
from tui.sandbox.devinfo import profile_section as devinfo_section
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.sandbox.skills import profile_section as skills_section
from tui.session import Session
from tui.store.devinfo import DevinfoService
from tui.store.skills import SkillsService

pytestmark = pytest.mark.sandbox(issues=120, users=20)


def _plain(text: str) -> str:
    return " ".join(text.split())


async def test_screen_3_says_the_skills_answer_was_too_big(sandbox_app: Starlette, tmp_path: Path) -> None:
    store = make_store(sandbox_app, tmp_path, configured=False)
    section = skills_section(sandbox_app.state.sandbox)
    transport = HugeAnswer(sandbox_app, urlsplit(section["urls"]["all_skills"]).path)
    store.skills = SkillsService.for_store(
        store, SkillsEndpoints(urls=section["urls"], token=Secret(section["token"])),
        transport=transport, allow_insecure_http=True,
    )
    app = JiradashApp(store, Session(clock=lambda: SEED_EPOCH, history_path=tmp_path / "history.json"))
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            view = SkillsView(app, pilot, store, sandbox_app.state.sandbox)
            await view.settle()
            await view.press("3")
            text = _plain(view.text())
            assert "The response from Skills for Jira (all_skills) exceeded 20 MB" in text
            assert "raise max_response_mb in the profile" in text
            assert any("exceeded 20 MB" in toast for toast in view.toasts())
            assert "Nobody" not in text  # no empty matrix
            assert transport.chunks_sent <= 21
    finally:
        await store.aclose()


async def test_screen_4_says_the_devinfo_answer_was_too_big(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path, configured=False)
    store = app.store
    section = devinfo_section(sandbox_app.state.sandbox)
    transport = HugeAnswer(sandbox_app, urlsplit(section["url"]).path + "/repository/web-app")
    auth = OAuthClientCredentials(section["token_url"], section["client_id"], Secret(section["client_secret"]))
    store.devinfo = DevinfoService.for_store(store, section["url"], auth, transport=transport,
                                             allow_insecure_http=True)
    store.devinfo_repositories = list(SEEDED)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        view = SkillsView(app, pilot, store, sandbox_app.state.sandbox)  # its text() and toasts()
        text = _plain(await open_devinfo(pilot))
        assert "Could not read the repositories (r to retry)" in text
        toasts = view.toasts()
        assert any("/rest/devinfo/0.10/repository/web-app exceeded 20 MB" in t for t in toasts), toasts
        assert transport.answered == 1 and transport.chunks_sent <= 21
        await pilot.press("r")  # read again: refused again, the same way, never retried alone
        await settle(pilot)
        assert transport.answered == 2
