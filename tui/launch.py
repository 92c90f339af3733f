"""Start the TUI: pick the demo or a profile, build the Store, run the App, report at exit.

`run_tui(args)` is what `jiradash` (no sub-command) calls. With no profile configured it shows
the setup screen (demo, or `jiradash config init`). `--stats` prints the store's counters as
JSON on stderr at exit; `--profile-startup FILE` (or `JIRADASH_PROFILE_STARTUP`) records the
startup milestones. Choosing another profile in the palette comes back here to start again.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.milestones import FIRST_FRAME, Milestones

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

    from tui.config import Profile
    from tui.session import Session
    from tui.store.store import Store

log = logging.getLogger(__name__)

__all__ = ["run_tui"]

STARTUP_ENV = "JIRADASH_PROFILE_STARTUP"
DEMO_JQL = "ORDER BY updated DESC"


def _startup_file(args: argparse.Namespace) -> Path | None:
    name = getattr(args, "profile_startup", None) or os.environ.get(STARTUP_ENV)
    return Path(name) if name else None


def run_tui(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except LaunchError as error:
        print(f"jiradash: {error}", file=sys.stderr)
        return 2


class StartupMilestones(Milestones):
    """Milestones that also end the start-up's pause of the cyclic garbage collector.

    Start-up allocates tens of thousands of long-lived objects (modules, classes, styles,
    widgets) and no garbage worth collecting, yet the collector ran ~150 times over them
    (a fifth of the CPU to the first row). It is paused from launch to the first frame; then
    everything made so far is frozen out of future collections (`gc.freeze`) and it runs again.
    """

    def mark(self, name: str) -> None:
        super().mark(name)
        if name == FIRST_FRAME:
            resume_collector()


def pause_collector() -> None:
    """`tui.cli` pauses it too, before it imports this module (and with it asyncio)."""
    gc.disable()


def resume_collector() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    milestones = StartupMilestones(_startup_file(args))
    pause_collector()
    try:
        return _run_apps(args, milestones)
    finally:
        resume_collector()


def _run_apps(args: argparse.Namespace, milestones: Milestones) -> int:
    demo = bool(getattr(args, "demo", False))
    profile: str | None = getattr(args, "profile", None)
    while True:
        if demo:
            store, session = demo_session(milestones)
        else:
            found = profile_session(profile)
            if found is None:
                resume_collector()  # the setup screen is a person's to read, however long
                choice = _first_run()
                if choice == "demo":
                    demo = True
                    continue
                if choice == "init":
                    from tui.cli import main

                    return main(["config", "init"])
                return 0
            store, session = found
        code, next_profile = _run_app(store, session, milestones)
        if getattr(args, "stats", False):
            print(json.dumps(store.stats.as_dict(), indent=2), file=sys.stderr)
        if code or not next_profile:
            return code
        profile, demo = next_profile, False


def _run_app(store: Store, session: Session, milestones: Milestones) -> tuple[int, str | None]:
    from tui.app import JiradashApp

    app = JiradashApp(store, session, milestones=milestones)
    result = app.run()
    return app.return_code or 0, result


def _first_run() -> str | None:
    from textual.app import App

    from tui.screens.setup import SetupScreen
    from tui.stylesheets import stylesheet

    class SetupApp(App[str | None]):
        TITLE = "jiradash"
        CSS_PATH = stylesheet("app.tcss")

        def on_mount(self) -> None:
            self.push_screen(SetupScreen(), self.exit)

    return SetupApp().run()


class LaunchError(Exception):
    """A configuration problem that keeps the TUI from starting (exit code 2)."""


class SandboxOnFirstRequest:
    """The demo's sandbox, built when the first request reaches it instead of at launch.

    With the demo's disk cache warm the first results paint from the cache, and only then is
    the sandbox imported and seeded (about half a second, blocking the event loop) to answer
    the revalidation. The first request waits for the app's first frame (`painted`, at most a
    second: on a busy machine a fixed pause was not always enough), then one frame more.
    """

    FRAME = 1 / 30  # seconds: long enough for the screen to paint what it already has

    def __init__(self, build: Callable[[], ASGIApp], *, painted: Callable[[], bool] = lambda: True) -> None:
        self._build = build
        self._painted = painted
        self._app: ASGIApp | None = None

    def built(self) -> ASGIApp:
        """The sandbox, built now if nothing has needed it yet (the devinfo screen's set-up)."""
        if self._app is None:
            self._app = self._build()
        return self._app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None:
            for _ in range(round(1 / self.FRAME)):
                if self._painted():
                    break
                await asyncio.sleep(self.FRAME)
            await asyncio.sleep(self.FRAME)
        await self.built()(scope, receive, send)


def demo_session(milestones: Milestones | None = None) -> tuple[Store, Session]:
    """The embedded sandbox in process, signed in as alice; every issue, newest first."""
    from tui.demo import DEMO_PROFILE, demo_app, store_on_app

    marks = milestones.marks if milestones is not None else {FIRST_FRAME: 0.0}
    store = store_on_app(SandboxOnFirstRequest(demo_app, painted=lambda: FIRST_FRAME in marks))
    return store, _session_for(replace(DEMO_PROFILE, default_jql=DEMO_JQL))


def profile_session(name: str | None) -> tuple[Store, Session] | None:
    """The chosen profile's Store and Session; None on a first run (nothing configured)."""
    from tui.config import ENV_PROFILE, ConfigError, load_config, resolve_profile
    from tui.secrets import SecretUnavailable, require_secret
    from tui.store.build import store_for_profile
    from tui.store.errors import InsecureTransport

    try:
        nothing_set = not (name or os.environ.get(ENV_PROFILE) or os.environ.get("JIRA_URL"))
        if nothing_set and not load_config().profiles:
            return None
        profile = resolve_profile(name)
        store = store_for_profile(profile, require_secret(profile))
    except (ConfigError, SecretUnavailable, InsecureTransport) as error:
        raise LaunchError(str(error)) from None
    return store, _session_for(profile)


def _theme_file(profile: Profile) -> Path:
    return profile.data_dir / "theme"


def _session_for(profile: Profile) -> Session:
    """What the app needs of a profile; the theme is kept in the config file when the profile
    is in it, else (the demo, a JIRA_URL-only profile) in the profile's data directory."""
    from tui.config import ConfigError, load_config, update_profile
    from tui.session import Session

    try:
        saved = load_config().profiles
    except ConfigError:
        saved = {}
    theme = profile.theme
    if not theme and profile.name not in saved:
        with contextlib.suppress(OSError):
            theme = _theme_file(profile).read_text(encoding="utf-8").strip()

    def save_theme(name: str) -> None:
        try:
            if profile.name in saved:
                update_profile(profile.name, theme=name)
            else:
                from tui.store.disk import private_dir, write_private

                private_dir(_theme_file(profile).parent)
                write_private(_theme_file(profile), (name + "\n").encode("utf-8"))
        except (ConfigError, OSError) as error:
            log.warning("theme not saved for profile %s: %s", profile.name, error)

    return Session(
        profile=profile.name,
        default_jql=profile.default_jql,
        columns=profile.columns or None,
        theme=theme or None,
        history_path=profile.data_dir / "jql-history.json",
        profiles=tuple(sorted(saved)),
        save_theme=save_theme,
        tls_warning=""
        if profile.verify_tls
        else f"TLS certificates are NOT checked for {profile.base_url} (verify_tls = false in "
        f"profile {profile.name}): anyone on the way can read your token.",
    )
