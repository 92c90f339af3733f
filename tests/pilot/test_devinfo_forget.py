"""Screen 4 forgetting repositories with a saved profile: `-` asks first, naming the repository
(and the `ID=PATH` line that goes with it), then takes it off the list and out of the profile's
`config.toml` (still 0600, every other setting kept), so the next session does not list it; a
confirmed whole-repository delete (`d`) forgets it too, as `jiradash devinfo delete ID` does,
while a repository whose checkout the profile names stays listed. Nothing is deleted in Jira by
`-`: the sandbox's state is the ground truth. A forgotten repository that Jira's dev-status
names for an issue (its summary, then the detail of its application type) is known again.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from devinfo_harness import open_devinfo, shown, stored
from devinfo_saved_harness import PROFILE, Saved, flat, listed, make_checkout, squeezed
from starlette.applications import Starlette

from tui.config import config_path, load_config
from tui.store.devinfo_known import local_path
from tui.widgets.devinfo_panel import DevelopmentItem


async def test_forget_asks_then_the_next_session_no_longer_lists_it(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = Saved(sandbox_app, tmp_path, monkeypatch, ("web-app", "core-services", "helpdesk-bot"))
    before = load_config().profiles[PROFILE]
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("down")  # core-services
        await pilot.press("minus")
        text = flat(await shown(pilot))
        assert "Forget repository core-services?" in text
        assert "nothing is deleted in Jira" in text
        await pilot.press("escape")  # kept
        text = await shown(pilot)
        assert "3 known · 3 with data" in text
        await pilot.press("minus")
        await shown(pilot)
        await pilot.press("enter")
        text = await shown(pilot)
        assert "2 known · 2 with data" in text
        assert not listed(text, "core-services")
    assert "core-services" in stored(sandbox_app).repositories  # Jira still has it
    after = load_config().profiles[PROFILE]
    assert after.devinfo_repositories == ("web-app", "helpdesk-bot")
    assert after.user == before.user and after.devinfo_client_id == before.devinfo_client_id
    assert after.devinfo_token_url == before.devinfo_token_url and after.base_url == before.base_url
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600

    again = saved.session()
    async with again.run_test(size=(120, 40)) as pilot:
        text = await open_devinfo(pilot)
        assert "2 known · 2 with data" in text
        assert not listed(text, "core-services")


async def test_forgetting_a_named_checkout_says_its_line_goes(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "checkout"
    saved = Saved(sandbox_app, tmp_path, monkeypatch, (f"web-app={checkout}", "core-services"))
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)  # the cursor is on web-app
        await pilot.press("minus")
        text = flat(await shown(pilot))
        assert "Forget repository web-app?" in text
        said = f'The line "web-app={checkout}" goes from the profile\'s devinfo_repositories too'
        assert squeezed(said) in squeezed(text)  # a long path wraps inside a word
        await pilot.press("enter")
        text = await shown(pilot)
        assert "1 known · 1 with data" in text
        assert not listed(text, "web-app")
        assert local_path(app.store, "web-app") is None  # nor named for this session's pushes
    assert load_config().profiles[PROFILE].devinfo_repositories == ("core-services",)


async def test_deleting_a_repository_forgets_it_unless_its_checkout_is_named(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "checkout"
    saved = Saved(sandbox_app, tmp_path, monkeypatch, ("core-services", f"helpdesk-bot={checkout}", "web-app"))
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)  # the cursor is on core-services
        await pilot.press("d")
        await shown(pilot)
        await pilot.press("enter")
        text = await shown(pilot)
        assert "core-services" not in stored(sandbox_app).repositories
        assert "2 known · 2 with data" in text
        assert not listed(text, "core-services")
        await pilot.press("d")  # now on helpdesk-bot, whose checkout the profile names
        await shown(pilot)
        await pilot.press("enter")
        text = await shown(pilot)
        assert "helpdesk-bot" not in stored(sandbox_app).repositories
        assert "nothing stored" in listed(text, "helpdesk-bot")
    assert load_config().profiles[PROFILE].devinfo_repositories == (f"helpdesk-bot={checkout}", "web-app")
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600


async def test_the_help_screen_lists_forget(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = Saved(sandbox_app, tmp_path, monkeypatch, ("web-app",))
    app = saved.session()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("question_mark")
        line = next((ln for ln in (await shown(pilot)).splitlines() if "Forget" in ln), "")
        assert "-" in line.replace("Forget", "")


async def test_a_forgotten_repository_met_in_an_issue_panel_comes_back(
        sandbox_app: Starlette, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = make_checkout(tmp_path / "src" / "local-checkout")  # origin on github.com
    saved = Saved(sandbox_app, tmp_path, monkeypatch, (f"local-checkout={checkout}", "web-app"))
    app = saved.session()
    async with app.run_test(size=(120, 60)) as pilot:
        await open_devinfo(pilot)
        await pilot.press("p", "enter")
        await shown(pilot)
        await pilot.press("enter")  # closes the push report
        await shown(pilot)
        assert "local-checkout" in stored(sandbox_app).repositories
        await pilot.press("minus", "enter")
        assert "1 known · 1 with data" in await shown(pilot)
        # DASH-1's commits are only in the pushed repository, a `github` one to Jira's dev-status
        app.open_issue("DASH-1")
        await shown(pilot)
        assert {item.repository_id for item in app.screen.query(DevelopmentItem)} == {"local-checkout"}
    assert load_config().profiles[PROFILE].devinfo_repositories == ("web-app", "local-checkout")
