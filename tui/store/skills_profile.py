"""A profile's Skills for Jira settings: the six web-trigger URLs and the Skills token.

The URLs live in `skills.toml` beside the config file (`[profiles.<name>.urls]`, keyed by
operation), so `config.toml`'s profile tables keep their own schema; the token, like every
secret, goes to the system keyring (account `<profile>:skills`) or, opted into, a 0600 file.
For scripts, `JIRA_SKILLS_URLS` (a JSON object keyed by operation) and `JIRA_SKILLS_TOKEN`
come first. `skills_for_store` gives the Store its `SkillsService`, or None when the profile
has no Skills instance configured.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tui.api.redact import Secret
from tui.api.skills import ENV_TOKEN, ENV_URLS, SkillsEndpoints, urls_from_json
from tui.config import ConfigError, Profile, config_dir
from tui.models.skills import OPERATIONS
from tui.secrets import SERVICE, SecretUnavailable
from tui.store.skills import SkillsService

if TYPE_CHECKING:
    from tui.store.store import Store


NO_SKILLS_KEYRING = (
    "No system keyring is available here (usual on a headless or SSH session), so the Skills "
    f"token cannot be stored in one. Keep it in the {ENV_TOKEN} environment variable, or store "
    "it in a file only you can read with `jiradash config skills --token-file`."
)


def skills_path() -> Path:
    return config_dir() / "skills.toml"


def token_path(profile: Profile) -> Path:
    return config_dir() / "tokens" / f"{profile.name}.skills"


def _account(profile: Profile) -> str:
    return f"{profile.name}:skills"


def _read_all(path: Path) -> dict[str, dict[str, object]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}") from None
    # The TOML reader and writer load when there is a file to read or write: with the URLs in
    # JIRA_SKILLS_URLS, or no Skills at all, a command never needs them (~3 ms of imports).
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Cannot read {path}: {exc}") from None
    profiles = raw.get("profiles", {})
    if not isinstance(profiles, dict):
        raise ConfigError(f"{path}: [profiles] must be a table.")
    return profiles


def load_urls(profile: Profile, path: Path | None = None) -> dict[str, str]:
    """The saved operation -> URL map of `profile` (empty when none is saved)."""
    table = _read_all(path or skills_path()).get(profile.name, {})
    urls = table.get("urls", {}) if isinstance(table, dict) else {}
    if not isinstance(urls, dict):
        raise ConfigError(f"{path or skills_path()}: profiles.{profile.name}.urls must be a table.")
    return {op: str(urls[op]) for op in OPERATIONS if op in urls}


def save_urls(profile: Profile, urls: Mapping[str, str], path: Path | None = None) -> Path:
    import tomli_w

    from tui.store.disk import private_dir, write_private

    path = path or skills_path()
    everything = _read_all(path)
    everything[profile.name] = {"urls": {op: urls[op] for op in OPERATIONS if op in urls}}
    private_dir(path.parent)
    write_private(path, tomli_w.dumps({"profiles": everything}).encode("utf-8"))
    return path


def find_token(profile: Profile, env: Mapping[str, str] | None = None) -> Secret | None:
    env = os.environ if env is None else env
    if env.get(ENV_TOKEN):
        return Secret(env[ENV_TOKEN])
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, _account(profile))
    except KeyringError:
        stored = None
    if stored:
        return Secret(stored)
    path = token_path(profile)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if path.stat().st_mode & 0o077:
        raise SecretUnavailable(f"The Skills token file of profile {profile.name!r} is readable by others: chmod 600 it.")
    return Secret(text) if text else None


def store_token(profile: Profile, secret: Secret, *, to_file: bool = False) -> str:
    """Keep the Skills token: the keyring, or (opt-in) a 0600 file. Returns where it went."""
    if to_file:
        from tui.store.disk import private_dir, write_private

        path = token_path(profile)
        private_dir(path.parent)
        write_private(path, secret.reveal().encode("utf-8"))
        return "a file only you can read (0600)"
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    try:
        keyring.set_password(SERVICE, _account(profile), secret.reveal())
    except NoKeyringError:
        raise SecretUnavailable(NO_SKILLS_KEYRING) from None
    except KeyringError as exc:
        raise SecretUnavailable(f"The system keyring refused the Skills token ({type(exc).__name__}).") from None
    return "the system keyring"


def endpoints_for(profile: Profile | None, env: Mapping[str, str] | None = None) -> SkillsEndpoints | None:
    """The environment's endpoints, else the profile's; None when neither has all it needs."""
    env = os.environ if env is None else env
    if env.get(ENV_URLS):
        try:
            urls = urls_from_json(env[ENV_URLS])
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    elif profile is not None:
        urls = load_urls(profile)
    else:
        return None
    if not urls:  # no keyring lookup at every start for a profile without Skills
        return None
    token = Secret(env[ENV_TOKEN]) if env.get(ENV_TOKEN) else (find_token(profile, env) if profile else None)
    if not urls or token is None:
        return None
    return SkillsEndpoints(urls=urls, token=token)


def skills_for_store(
    store: Store, profile: Profile, *, env: Mapping[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> SkillsService | None:
    endpoints = endpoints_for(profile, env)
    if endpoints is None:
        return None
    return SkillsService.for_store(store, endpoints, transport=transport,
                                   allow_insecure_http=profile.allow_insecure_http)
