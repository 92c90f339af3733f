"""The demo wiring: the embedded sandbox Jira in process (`httpx.ASGITransport`, no port, no
network) and a Store on it, logged in as the sandbox's admin, alice.

`jiradash --demo` and every headless command given `--demo` use this. The demo has its own
profile name, so its cache and drafts never mix with a real site's. The sandbox is seeded
deterministically (same data every process), so the disk cache from one run is valid for the
next one: its identity (`http://sandbox.invalid`, alice) does not change between processes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from tui.api.auth import BasicAuth
from tui.api.redact import Secret
from tui.config import Profile
from tui.store.build import settings_for
from tui.store.store import Store, StoreSettings

if TYPE_CHECKING:  # the sandbox (Starlette, its seed) is imported only when one is built
    from starlette.applications import Starlette
    from starlette.types import ASGIApp

    from tui.sandbox.app import SandboxConfig
    from tui.store.devinfo import DevinfoService

DEMO_USER = "alice@example.com"
DEMO_TOKEN = "sandbox-token"  # the sandbox's own published demo credential, not a secret
# The sandbox speaks all three shapes. The demo reads it as Data Center (v2): that shape takes
# unbounded JQL such as "ORDER BY updated DESC" (Cloud's /search/jql refuses it) and counts its
# results, so the pages after the first stream in concurrently.
DEMO_PROFILE = Profile(
    name="demo", base_url="http://sandbox.invalid", user=DEMO_USER, auth="basic", api_version="2"
)


def demo_app(config: SandboxConfig | None = None) -> Starlette:
    from tui.sandbox.app import SandboxConfig, create_app

    return create_app(config if config is not None else SandboxConfig(base_url=DEMO_PROFILE.base_url))


def store_on_app(
    app: ASGIApp, *, profile: Profile = DEMO_PROFILE, settings: StoreSettings | None = None
) -> Store:
    """A Store talking to `app` in process, as alice, with the demo profile's cache and drafts,
    and the sandbox's Skills for Jira (`tui.demo_skills`: attached, and found in the sandbox's
    profile, on first use)."""
    store = Store(
        base_url=profile.base_url,
        auth=BasicAuth(DEMO_USER, Secret(DEMO_TOKEN)),
        transport=httpx.ASGITransport(app=app),
        identity=profile.identity,
        cache_dir=profile.cache_dir,
        drafts_dir=profile.data_dir,
        settings=settings or settings_for(profile),
    )
    store.skills_setup = lambda store: _attach_skills(store, app)
    if getattr(getattr(app, "state", None), "sandbox", None) is not None or callable(getattr(app, "built", None)):
        store.devinfo_setup = lambda store: _attach_devinfo(store, app)
    return store


# Attached on first use (`tui/store/attached.py`): a search never imports the Skills service,
# nor devinfo's OAuth (PyJWT, `cryptography`); a sandbox built on first use (`tui.launch`) is
# built for devinfo only when something asks for it.


def _attach_skills(store: Store, app: ASGIApp) -> None:
    from tui.demo_skills import demo_skills

    store.skills = demo_skills(store, app)


def _attach_devinfo(store: Store, app: Any) -> None:
    built = app.built() if callable(getattr(app, "built", None)) else app  # SandboxOnFirstRequest
    store.devinfo, store.devinfo_repositories = demo_devinfo(store, built, built.state.sandbox)


def demo_devinfo(store: Store, app: ASGIApp, sandbox: Any) -> tuple[DevinfoService, list[str]]:
    """The sandbox's devinfo service and its seeded repository ids (the demo profile's known ones)."""
    from tui.api.devinfo_auth import OAuthClientCredentials
    from tui.sandbox.devinfo import profile_section
    from tui.store.devinfo import DevinfoService

    section = profile_section(sandbox)
    auth = OAuthClientCredentials(section["token_url"], section["client_id"], Secret(section["client_secret"]))
    service = DevinfoService.for_store(store, section["url"], auth, transport=httpx.ASGITransport(app=app),
                                       allow_insecure_http=True)
    return service, list(section["repositories"])


def demo_store(config: SandboxConfig | None = None, *, settings: StoreSettings | None = None) -> Store:
    return store_on_app(demo_app(config), settings=settings)
