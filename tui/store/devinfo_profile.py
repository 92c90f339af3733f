"""A profile's devinfo settings: which credentials, which API root, which repositories it knows.

Credentials, first found wins: the environment's OAuth client (`JIRA_DEVINFO_CLIENT_ID`,
`JIRA_DEVINFO_CLIENT_SECRET`, `JIRA_DEVINFO_TOKEN_URL`), the environment's Connect app
(`JIRA_DEVINFO_APP_KEY`, `JIRA_DEVINFO_SHARED_SECRET`), then the profile's (`devinfo_client_id`
and `devinfo_token_url`, or `devinfo_app_key`) with the secret from the environment variable,
the system keyring (service `jiradash`, account `<profile>:devinfo-client-secret` or
`<profile>:devinfo-shared-secret`) or a 0600 file `tokens/<profile>.<that name>`.

The API has no "list repositories" operation, so the profile remembers ids: those in
`devinfo_repositories` (config; an entry `ID=PATH` also names the local git checkout that the
repositories screen can push) and those added on screen 4, met in issue panels or pushed.
`remember_repository` adds one to the profile's `devinfo_repositories` in `config.toml` (rewritten
atomically, 0600) when the profile is saved there, else to `devinfo.json` in the profile's data
directory (a profile made from the environment alone); `forget_repository` takes one out again.
`devinfo_for_store` gives the Store its
`DevinfoService` (knowing its profile, so the store can remember for it), or None without
credentials.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tui.api.auth import check_transport
from tui.api.devinfo import (
    ENV_APP_KEY,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_SHARED_SECRET,
    ENV_TOKEN_URL,
    ROOT_PATH,
)
from tui.api.devinfo_auth import DevinfoCredentials
from tui.api.redact import Secret
from tui.config import ConfigError, Profile, config_dir, load_config, update_profile
from tui.secrets import SERVICE, SecretUnavailable
from tui.store.devinfo import DevinfoService

if TYPE_CHECKING:
    from tui.store.store import Store

CLIENT_SECRET = "devinfo-client-secret"
SHARED_SECRET = "devinfo-shared-secret"


def devinfo_root(profile: Profile) -> str:
    return (profile.devinfo_url or profile.base_url.rstrip("/") + ROOT_PATH).rstrip("/")


def _stored_secret(profile: Profile, name: str) -> Secret | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, f"{profile.name}:{name}")
    except KeyringError:
        stored = None
    if stored:
        return Secret(stored)
    path = config_dir() / "tokens" / f"{profile.name}.{name}"
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if path.stat().st_mode & 0o077:
        raise SecretUnavailable(f"The devinfo secret file of profile {profile.name!r} is readable by others: "
                                "chmod 600 it.")
    return Secret(text) if text else None


def credentials_for(profile: Profile | None, env: Mapping[str, str] | None = None) -> DevinfoCredentials | None:
    """The environment's credentials, else the profile's; None when neither is complete."""
    env = os.environ if env is None else env
    from_env = DevinfoCredentials(
        client_id=env.get(ENV_CLIENT_ID, ""),
        client_secret=Secret(env[ENV_CLIENT_SECRET]) if env.get(ENV_CLIENT_SECRET) else None,
        token_url=env.get(ENV_TOKEN_URL, ""),
        app_key=env.get(ENV_APP_KEY, ""),
        shared_secret=Secret(env[ENV_SHARED_SECRET]) if env.get(ENV_SHARED_SECRET) else None,
    )
    if from_env.kind or profile is None:
        return from_env if from_env.kind else None
    if profile.devinfo_client_id and profile.devinfo_token_url:
        secret = from_env.client_secret or _stored_secret(profile, CLIENT_SECRET)
        found = DevinfoCredentials(client_id=profile.devinfo_client_id, client_secret=secret,
                                   token_url=profile.devinfo_token_url)
        if found.kind:
            return found
    if profile.devinfo_app_key:
        secret = from_env.shared_secret or _stored_secret(profile, SHARED_SECRET)
        found = DevinfoCredentials(app_key=profile.devinfo_app_key, shared_secret=secret)
        if found.kind:
            return found
    return None


def auth_for(profile: Profile, credentials: DevinfoCredentials) -> httpx.Auth:
    """The credentials as an `httpx.Auth`; refuses a client secret over plain http to another host."""
    if credentials.kind == "oauth":
        check_transport(credentials.token_url, allow_insecure_http=profile.allow_insecure_http)
    return credentials.auth(context_path=httpx.URL(profile.base_url).path.rstrip("/"))


def devinfo_for_store(store: Store, profile: Profile, *, env: Mapping[str, str] | None = None,
                      transport: httpx.AsyncBaseTransport | None = None) -> DevinfoService | None:
    credentials = credentials_for(profile, env)
    if credentials is None:
        return None
    service = DevinfoService.for_store(store, devinfo_root(profile), auth_for(profile, credentials),
                                       transport=transport, allow_insecure_http=profile.allow_insecure_http)
    service.profile = profile
    return service


# --- the repositories a profile knows ---------------------------------------------------------


def split_entry(entry: str) -> tuple[str, str]:
    """`ID` or `ID=PATH` (ids never hold `=`) -> (id, path or "")."""
    repository_id, _, path = entry.partition("=")
    return repository_id.strip(), path.strip()


def local_paths(profile: Profile) -> dict[str, Path]:
    """The local git checkouts the profile names (`ID=PATH` entries), by repository id."""
    out: dict[str, Path] = {}
    for entry in profile.devinfo_repositories:
        repository_id, path = split_entry(entry)
        if repository_id and path:
            out[repository_id] = Path(path).expanduser()
    return out


def known_path(profile: Profile) -> Path:
    return profile.data_dir / "devinfo.json"


def _remembered(profile: Profile) -> list[str]:
    try:
        data = json.loads(known_path(profile).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return []
    ids = data.get("repositories", []) if isinstance(data, dict) else []
    return [str(i) for i in ids if isinstance(i, str)]


def _saved(profile: Profile) -> Profile | None:
    """The profile as `config.toml` holds it, or None when it is not saved there."""
    try:
        return load_config().profiles.get(profile.name)
    except ConfigError:
        return None


def known_repositories(profile: Profile) -> tuple[str, ...]:
    """The profile's repository ids, then those it pushed or met, each once."""
    ids = [split_entry(entry)[0] for entry in profile.devinfo_repositories]
    return tuple(dict.fromkeys(i for i in [*ids, *_remembered(profile)] if i))


def remember_repository(profile: Profile, repository_id: str) -> None:
    """Keep a repository id the profile added, pushed or met: in its `devinfo_repositories` in
    `config.toml` when it is saved there, else in its data directory. Known ids stay as they are."""
    saved = _saved(profile)
    if saved is None:
        _write(profile, [*_remembered(profile), repository_id])
        return
    entries = saved.devinfo_repositories
    if repository_id not in (split_entry(e)[0] for e in entries):
        update_profile(saved.name, devinfo_repositories=(*entries, repository_id))


def forget_repository(profile: Profile, repository_id: str, *, with_path: bool = False) -> None:
    """Forget an id that was remembered. An `ID=PATH` entry written by a person stays unless
    `with_path` (screen 4's Forget, after a confirmation naming that line)."""
    _write(profile, [i for i in _remembered(profile) if i != repository_id])
    saved = _saved(profile)
    if saved is None:
        return
    kept = tuple(e for e in saved.devinfo_repositories
                 if not (e == repository_id or (with_path and split_entry(e)[0] == repository_id)))
    if kept != saved.devinfo_repositories:
        update_profile(saved.name, devinfo_repositories=kept)


def _write(profile: Profile, ids: list[str]) -> None:
    from tui.store.disk import private_dir, write_private

    path = known_path(profile)
    if not ids and not path.exists():
        return
    private_dir(path.parent)
    body = {"repositories": list(dict.fromkeys(ids))}
    write_private(path, (json.dumps(body, indent=2) + "\n").encode("utf-8"))
