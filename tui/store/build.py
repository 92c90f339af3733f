"""A Store for a profile: the auth for its kind, the plain-http refusal, its cache and drafts
directories (per profile), its settings; its Skills for Jira and devinfo services, when the
profile has them, are attached on first use.
The demo's store is built in `tui/demo.py`.
"""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

import httpx

from tui.api.auth import check_transport, make_auth
from tui.api.redact import Secret
from tui.config import ConfigError, Profile
from tui.store.errors import StoreError
from tui.store.store import Store, StoreSettings

log = logging.getLogger(__name__)


def settings_for(profile: Profile, **overrides: object) -> StoreSettings:
    values: dict[str, object] = {"api_version": profile.api_version, "ttl_seconds": profile.cache_ttl_seconds,
                                 "max_response_bytes": int(profile.max_response_mb * 1024 * 1024)}
    values.update(overrides)
    return StoreSettings(**values)  # type: ignore[arg-type]


def tls_verify(profile: Profile) -> ssl.SSLContext | bool:
    """What the client checks server certificates against: the system's CAs, the profile's
    `ca_bundle` (company proxies), or nothing at all when the profile says `verify_tls = false`."""
    if not profile.verify_tls:
        log.warning("TLS verification is off for profile %s (verify_tls = false)", profile.name)
        return False
    if not profile.ca_bundle:
        return True
    bundle = Path(profile.ca_bundle).expanduser()
    try:
        return ssl.create_default_context(cafile=str(bundle))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"Profile {profile.name!r}: ca_bundle = {profile.ca_bundle!r} cannot be used as a CA bundle "
            f"({getattr(exc, 'strerror', None) or exc})."
        ) from None


def store_for_profile(
    profile: Profile,
    secret: Secret,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    settings: StoreSettings | None = None,
) -> Store:
    """Raises `InsecureTransport` for credentials over plain http to a host that is not local."""
    check_transport(profile.base_url, allow_insecure_http=profile.allow_insecure_http)
    auth = make_auth(profile.auth, base_url=profile.base_url, user=profile.user, secret=secret)
    store = Store(
        base_url=profile.base_url,
        auth=auth,
        transport=transport,
        identity=profile.identity,
        cache_dir=profile.cache_dir,
        drafts_dir=profile.data_dir,
        settings=settings or settings_for(profile),
        verify=tls_verify(profile),
    )
    store.skills_setup = lambda store: _attach_skills(store, profile)
    store.devinfo_setup = lambda store: _attach_devinfo(store, profile)
    return store


# Attached on first use (`tui/store/attached.py`): a command that never asks for Skills or
# development information never imports them (PyJWT and `cryptography` come with devinfo).


def _attach_skills(store: Store, profile: Profile) -> None:
    from tui.secrets import SecretUnavailable
    from tui.store.skills_profile import skills_for_store

    try:
        store.skills = skills_for_store(store, profile)
    except (ConfigError, SecretUnavailable, StoreError) as exc:
        # Jira works without Skills: the Skills screen says it is not configured.
        log.warning("Skills for Jira left off: %s", getattr(exc, "message", exc))


def _attach_devinfo(store: Store, profile: Profile) -> None:
    from tui.secrets import SecretUnavailable
    from tui.store.devinfo_profile import devinfo_for_store, known_repositories

    try:
        store.devinfo = devinfo_for_store(store, profile)
        store.devinfo_repositories = list(known_repositories(profile))
    except (ConfigError, SecretUnavailable, StoreError) as exc:
        log.warning("Development information left off: %s", getattr(exc, "message", exc))
