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
    and the sandbox's Skills for Jira (`tui.demo_skills`: found in its profile on first use)."""
    from tui.demo_skills import demo_skills

    store = Store(
        base_url=profile.base_url,
        auth=BasicAuth(DEMO_USER, Secret(DEMO_TOKEN)),
        transport=httpx.ASGITransport(app=app),
        identity=profile.identity,
        cache_dir=profile.cache_dir,
        drafts_dir=profile.data_dir,
        settings=settings or settings_for(profile),
    )
    store.skills = demo_skills(store, app)
    sandbox = getattr(getattr(app, "state", None), "sandbox", None)
    if sandbox is not None:  # the sandbox's devinfo, with its published OAuth client
        store.devinfo, store.devinfo_repositories = demo_devinfo(store, app, sandbox)
    elif callable(getattr(app, "built", None)):  # a sandbox built on first use (tui.launch)

        def set_up(store: Store) -> None:
            built = app.built()  # type: ignore[attr-defined]
            store.devinfo, store.devinfo_repositories = demo_devinfo(store, built, built.state.sandbox)

        store.devinfo_setup = set_up
    return store


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
