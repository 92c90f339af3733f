"""Screen 4 and the issue panel with a saved profile: a repository added with `+` or met in an
issue's Development section is listed at once and kept in the profile's `config.toml` (0600),
so the next session lists it; `p` pushes the local checkout the profile names (`ID=PATH`) after a
confirmation naming both, and shows the store result; the sandbox's state is the ground truth.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from devinfo_harness import open_devinfo, shown, stored
from devinfo_saved_harness import Saved, flat, listed, make_checkout, squeezed
from search_harness import settle
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.config import config_path
from tui.widgets.devinfo_panel import DevelopmentItem


async def test_an_added_repository_is_kept_for_the_next_session(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = Saved(sandbox_app, tmp_path, monkeypatch, ("web-app",))
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("plus", *"core-services", "enter")
        text = await shown(pilot)
        assert "2 known · 2 with data" in text
        assert listed(text, "core-services")
    assert saved.profile.devinfo_repositories == ("web-app", "core-services")
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600

    again = saved.session()
    async with again.run_test(size=(120, 40)) as pilot:
        text = await open_devinfo(pilot)
        assert "2 known · 2 with data" in text
        assert "core-services" in listed(text, "core-services")


async def open_issue(pilot: Pilot[Any], key: str) -> str:
    await settle(pilot)
    pilot.app.open_issue(key)  # type: ignore[attr-defined]
    return await shown(pilot)


async def test_a_repository_met_in_an_issue_panel_becomes_known(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = Saved(sandbox_app, tmp_path, monkeypatch, ("web-app",))
    app = saved.session()
    async with app.run_test(size=(120, 60)) as pilot:
        await open_issue(pilot, "DASH-5")  # the seed has DASH-5 in web-app and its fork
        repositories = {item.repository_id for item in app.screen.query(DevelopmentItem)}
        assert repositories == {"web-app", "web-app-experiments"}
        text = await open_devinfo(pilot)
        assert "2 known · 2 with data" in text
        assert listed(text, "web-app-experiments")
    assert saved.profile.devinfo_repositories == ("web-app", "web-app-experiments")

    again = saved.session()
    async with again.run_test(size=(120, 40)) as pilot:
        assert "web-app-experiments" in listed(await open_devinfo(pilot), "web-app-experiments")


async def test_p_pushes_the_named_checkout_after_a_confirmation(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = make_checkout(tmp_path / "src" / "local-checkout")
    saved = Saved(sandbox_app, tmp_path, monkeypatch, (f"local-checkout={checkout}",))
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        text = await open_devinfo(pilot)
        assert "nothing stored" in listed(text, "local-checkout")
        await pilot.press("p")
        text = flat(await shown(pilot))
        said = f"Push the git repository at {checkout} to repository local-checkout?"
        assert squeezed(said) in squeezed(text)  # a long path wraps inside a word
        await pilot.press("escape")
        await shown(pilot)
        assert "local-checkout" not in stored(sandbox_app).repositories

        await pilot.press("p", "enter")
        text = flat(await shown(pilot))
        repo = stored(sandbox_app).repositories["local-checkout"]
        assert len(repo.entities["commits"]) == 3  # the key-less commit is left out
        assert list(repo.entities["branches"]) == ["feature~DASH-3-export"]
        assert "Repository local-checkout: 3 commits, 1 branch, 0 pull requests in 1 request." in text
        assert "Left out (no issue key): 1 commit, 1 branch." in text  # main has no key
        assert "Accepted: 4" in text and "Failed: 0" in text
        assert "Unknown issue keys: NOPE-9" in text
        await pilot.press("enter")  # closes the report
        text = await shown(pilot)
        assert "Pushed to local-checkout: 4 accepted · 0 failed · 1 unknown issue keys." in text
        assert "3" in listed(text, "local-checkout")

        sequences = {k: s.seq for k, s in repo.entities["commits"].items()}
        await pilot.press("p", "enter")  # again: nothing new is stored
        await shown(pilot)
        assert {k: s.seq for k, s in stored(sandbox_app).repositories["local-checkout"]
                .entities["commits"].items()} == sequences


async def test_p_without_a_named_checkout_says_how_to_name_one(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = Saved(sandbox_app, tmp_path, monkeypatch, ("web-app",))
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("p")
        text = flat(await shown(pilot))
        assert 'names no local checkout for web-app: add "web-app=PATH"' in text
