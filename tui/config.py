"""Profiles: where jiradash points (TOML), chosen by `--profile` / `JIRADASH_PROFILE`, overridden
by `JIRA_URL`, `JIRA_USER`, `JIRA_API_TOKEN`, `JIRA_AUTH`; and where its files live.

Directories come from platformdirs (`user_config_dir`, `user_cache_dir`, `user_data_dir` of
"jiradash"); `JIRADASH_CONFIG_DIR`, `JIRADASH_CACHE_DIR` and `JIRADASH_DATA_DIR` replace them
(tests and scripts use these, so nothing touches the real home). Secrets are in `tui/secrets.py`;
the config file never holds one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urlsplit

AuthKind = Literal["basic", "bearer", "session"]
ApiVersion = Literal["auto", "3", "2", "2.0.alpha1"]
AUTH_KINDS: tuple[str, ...] = ("basic", "bearer", "session")
API_VERSIONS: tuple[str, ...] = ("auto", "3", "2", "2.0.alpha1")
DEFAULT_COLUMNS: tuple[str, ...] = ("key", "type", "priority", "status", "summary", "assignee", "updated")
DEFAULT_JQL = "assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC"
ENV_PROFILE = "JIRADASH_PROFILE"
ENV_PROFILE_NAME = "env"  # the profile built from JIRA_URL alone, when no file names one
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class ConfigError(Exception):
    """The configuration is missing or wrong; the message says what to do."""


def _dir(env: str, kind: str) -> Path:
    """The override from `env`, else platformdirs' `kind` directory (imported only then)."""
    override = os.environ.get(env)
    if override:
        return Path(override).expanduser()
    import platformdirs

    where: Callable[[str], str] = getattr(platformdirs, kind)
    return Path(where("jiradash"))


def config_dir() -> Path:
    return _dir("JIRADASH_CONFIG_DIR", "user_config_dir")


def cache_dir() -> Path:
    return _dir("JIRADASH_CACHE_DIR", "user_cache_dir")


def data_dir() -> Path:
    return _dir("JIRADASH_DATA_DIR", "user_data_dir")


def config_path() -> Path:
    return config_dir() / "config.toml"


@dataclass(frozen=True)
class Profile:
    """One Jira site and account, and how jiradash uses it (a `[profiles.NAME]` table)."""

    # (A class docstring also spares `@dataclass` an `inspect.signature` call at import.)
    name: str
    base_url: str
    user: str = ""
    auth: AuthKind = "basic"
    api_version: ApiVersion = "auto"
    default_jql: str = DEFAULT_JQL
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    allow_insecure_http: bool = False
    token_file: bool = False  # opt-in: the secret in a 0600 file beside the config
    cache_ttl_seconds: float = 120.0
    max_response_mb: float = 20.0  # a bigger answer is refused, never read whole
    theme: str = ""
    # TLS: a CA bundle (PEM) for a company proxy's certificates; turning verification off takes
    # `verify_tls = false` and shows a warning bar in the TUI.
    ca_bundle: str = ""
    verify_tls: bool = True
    # Jira Software development information (devinfo): the client secret and the Connect shared
    # secret are secrets (keyring, or JIRA_DEVINFO_CLIENT_SECRET / JIRA_DEVINFO_SHARED_SECRET).
    devinfo_client_id: str = ""
    devinfo_token_url: str = ""
    devinfo_app_key: str = ""
    devinfo_url: str = ""  # the API root; default <base_url>/rest/devinfo/0.10
    devinfo_repositories: tuple[str, ...] = ()  # repository ids this profile knows

    @property
    def cache_dir(self) -> Path:
        return cache_dir() / self.name

    @property
    def data_dir(self) -> Path:
        """Per-profile state that is not a cache: drafts, JQL history."""
        return data_dir() / self.name

    @property
    def identity(self) -> str:
        """Which site and account the cached data belongs to."""
        return f"{self.base_url.rstrip('/')}|{self.user}|{self.auth}"


@dataclass
class Config:
    """The config file: its profiles, the default one's name, and where it lives."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    default: str | None = None
    path: Path = field(default_factory=config_path)


def validate_name(name: str) -> str:
    if not _NAME.match(name):
        raise ConfigError(f"A profile name is letters, digits, '.', '_' or '-' (up to 64): {name!r} is not.")
    return name


def validate_url(url: str) -> str:
    """A site root such as https://example.atlassian.net (no trailing slash kept)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"The base URL must look like https://your-site.example.com, not {url!r}.")
    if parts.query or parts.fragment:
        raise ConfigError("The base URL takes no query or fragment: give the site root only.")
    return url.strip().rstrip("/")


def _kind_of(default: object) -> tuple[type | tuple[type, ...], str]:
    if isinstance(default, bool):
        return bool, "true or false"
    if isinstance(default, float | int):
        return (int, float), "a number"
    if isinstance(default, tuple):
        return list, "a list of strings"
    return str, "a string"


def _check_types(name: str, raw: Mapping[str, Any]) -> None:
    """Each setting of the type its default has; the message names the setting at fault."""
    for f in fields(Profile):
        if f.name not in raw or f.name == "name":
            continue
        value = raw[f.name]
        expected, said = _kind_of(f.default if f.default is not MISSING else "")
        wrong = not isinstance(value, expected) or (expected is not bool and isinstance(value, bool))
        if not wrong and isinstance(value, list):
            wrong = not all(isinstance(item, str) for item in value)
        if wrong:
            raise ConfigError(
                f"Profile {name!r}: {f.name} must be {said}, not {type(value).__name__} {value!r}."
            )


def _profile(name: str, raw: Mapping[str, Any]) -> Profile:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"Profile {name!r} must be a table ([profiles.{name}]), not a {type(raw).__name__}.")
    known = {f.name for f in fields(Profile)} - {"name"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"Profile {name!r} has unknown settings: {', '.join(unknown)}.")
    _check_types(name, raw)
    if "base_url" not in raw:
        raise ConfigError(f"Profile {name!r} has no base_url.")
    values = dict(raw)
    values["base_url"] = validate_url(str(values["base_url"]))
    if values.get("auth", "basic") not in AUTH_KINDS:
        raise ConfigError(f"Profile {name!r}: auth must be one of {', '.join(AUTH_KINDS)}.")
    if str(values.get("api_version", "auto")) not in API_VERSIONS:
        raise ConfigError(f"Profile {name!r}: api_version must be one of {', '.join(API_VERSIONS)}.")
    if "max_response_mb" in values and not 0 < values["max_response_mb"] < float("inf"):
        raise ConfigError(f"Profile {name!r}: max_response_mb must be a number above 0 (megabytes).")
    if "api_version" in values:
        values["api_version"] = str(values["api_version"])
    if "columns" in values:
        values["columns"] = tuple(str(c) for c in values["columns"])
    if "devinfo_repositories" in values:
        values["devinfo_repositories"] = tuple(str(r) for r in values["devinfo_repositories"])
    return Profile(name=validate_name(name), **values)


def load_config(path: Path | None = None) -> Config:
    """The config file, or an empty Config when there is none yet."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}") from None
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    profiles_raw = raw.get("profiles", {})
    if not isinstance(profiles_raw, dict):
        raise ConfigError(f"{path}: [profiles] must be a table of profiles.")
    profiles = {name: _profile(name, body) for name, body in profiles_raw.items()}
    default = raw.get("default")
    unknown = sorted(set(raw) - {"default", "profiles"})
    if unknown:
        raise ConfigError(f"{path} has unknown settings: {', '.join(unknown)} (only default and [profiles]).")
    if default is not None and not isinstance(default, str):
        raise ConfigError(f"{path}: default must be a profile name (a string), not {default!r}.")
    if default is not None and default not in profiles:
        raise ConfigError(f"{path}: default = {default!r}, but there is no such profile.")
    return Config(profiles=profiles, default=default, path=path)


def _profile_table(profile: Profile) -> dict[str, Any]:
    base = Profile(name=profile.name, base_url=profile.base_url)
    table: dict[str, Any] = {}
    for f in fields(Profile):
        if f.name == "name":
            continue
        value = getattr(profile, f.name)
        if f.name == "base_url" or value != getattr(base, f.name):
            table[f.name] = list(value) if isinstance(value, tuple) else value
    return table


def save_config(config: Config) -> None:
    import tomli_w

    from tui.store.disk import private_dir, write_private

    doc: dict[str, Any] = {}
    if config.default:
        doc["default"] = config.default
    doc["profiles"] = {name: _profile_table(p) for name, p in sorted(config.profiles.items())}
    private_dir(config.path.parent)
    write_private(config.path, tomli_w.dumps(doc).encode("utf-8"))


def upsert_profile(profile: Profile, *, make_default: bool = False, path: Path | None = None) -> Config:
    config = load_config(path)
    config.profiles[profile.name] = profile
    if make_default or config.default is None:
        config.default = profile.name
    save_config(config)
    return config


def update_profile(name: str, path: Path | None = None, **changes: Any) -> Profile:
    """Change some settings of a saved profile (e.g. `theme`), keeping the rest."""
    config = load_config(path)
    if name not in config.profiles:
        raise ConfigError(f"There is no profile {name!r} in {config.path}.")
    profile = replace(config.profiles[name], **changes)
    config.profiles[name] = profile
    save_config(config)
    return profile


def env_overrides(profile: Profile | None, env: Mapping[str, str]) -> Profile | None:
    """`JIRA_URL`, `JIRA_USER`, `JIRA_AUTH` over a profile (or instead of one)."""
    url, user, auth = env.get("JIRA_URL"), env.get("JIRA_USER"), env.get("JIRA_AUTH")
    if auth is not None and auth not in AUTH_KINDS:
        raise ConfigError(f"JIRA_AUTH must be one of {', '.join(AUTH_KINDS)}, not {auth!r}.")
    if profile is None:
        if not url:
            return None
        profile = Profile(name=ENV_PROFILE_NAME, base_url=validate_url(url))
    changes: dict[str, Any] = {}
    if url:
        changes["base_url"] = validate_url(url)
    if user:
        changes["user"] = user
    if auth:
        changes["auth"] = cast(AuthKind, auth)
    return replace(profile, **changes) if changes else profile


def resolve_profile(
    name: str | None = None, *, env: Mapping[str, str] | None = None, path: Path | None = None
) -> Profile:
    """The profile to use: `name` (from --profile), else $JIRADASH_PROFILE, else the default (or
    only) profile of the file; then the JIRA_* environment overrides. Raises ConfigError."""
    env = os.environ if env is None else env
    config = load_config(path)
    chosen = name or env.get(ENV_PROFILE) or config.default
    if chosen is None and len(config.profiles) == 1:
        chosen = next(iter(config.profiles))
    profile: Profile | None = None
    if chosen is not None:
        profile = config.profiles.get(chosen)
        if profile is None and not (chosen == ENV_PROFILE_NAME and env.get("JIRA_URL")):
            known = ", ".join(sorted(config.profiles)) or "none yet"
            raise ConfigError(f"There is no profile {chosen!r} in {config.path} (profiles: {known}).")
    resolved = env_overrides(profile, env)
    if resolved is None:
        raise ConfigError(
            "No Jira profile is configured. Run `jiradash config init`, set JIRA_URL (and JIRA_USER, "
            "JIRA_API_TOKEN), or try the embedded sandbox with `jiradash --demo`."
        )
    return resolved
