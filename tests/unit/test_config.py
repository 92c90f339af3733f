"""Profiles (TOML), environment overrides and secrets. Every test points JIRADASH_CONFIG_DIR and
friends at tmp_path, and sets the keyring backend itself, so the real home is never touched."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring

from tui.api.redact import Secret
from tui.config import (
    ConfigError,
    Profile,
    cache_dir,
    config_path,
    data_dir,
    load_config,
    resolve_profile,
    update_profile,
    upsert_profile,
)
from tui.secrets import (
    NO_KEYRING,
    SecretUnavailable,
    find_secret,
    require_secret,
    store_secret,
    token_file,
)


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    for name in ("JIRA_URL", "JIRA_USER", "JIRA_API_TOKEN", "JIRA_AUTH", "JIRADASH_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    keyring.set_keyring(NoKeyring())
    yield tmp_path
    keyring.set_keyring(NoKeyring())


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


WORK = Profile(name="work", base_url="https://work.example.net", user="alice@example.com")
HOME = Profile(name="home", base_url="https://jira.example.org", user="alice", auth="bearer", api_version="2")


def test_directories_follow_the_environment(tmp_path: Path) -> None:
    assert config_path() == tmp_path / "config" / "config.toml"
    assert cache_dir() == tmp_path / "cache" and data_dir() == tmp_path / "data"
    assert WORK.cache_dir == tmp_path / "cache" / "work"


def test_no_file_is_an_empty_config() -> None:
    config = load_config()
    assert config.profiles == {} and config.default is None


def test_profiles_round_trip_through_a_private_toml_file() -> None:
    upsert_profile(WORK)
    upsert_profile(HOME)
    config = load_config()
    assert config.profiles == {"work": WORK, "home": HOME}
    assert config.default == "work"  # the first one saved
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600
    text = config_path().read_text()
    assert 'base_url = "https://work.example.net"' in text and "token" not in text
    upsert_profile(HOME, make_default=True)
    assert load_config().default == "home"


def test_update_profile_keeps_the_rest() -> None:
    upsert_profile(WORK)
    changed = update_profile("work", theme="nord")
    assert changed.theme == "nord" and load_config().profiles["work"] == changed
    with pytest.raises(ConfigError, match="no profile 'nope'"):
        update_profile("nope", theme="x")


def test_choosing_a_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    upsert_profile(WORK)
    upsert_profile(HOME)
    assert resolve_profile() == WORK
    assert resolve_profile("home") == HOME
    monkeypatch.setenv("JIRADASH_PROFILE", "home")
    assert resolve_profile() == HOME
    assert resolve_profile("work") == WORK  # --profile wins over the environment
    with pytest.raises(ConfigError, match=r"no profile 'gone'.*home, work"):
        resolve_profile("gone")


def test_the_only_profile_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[profiles.solo]\nbase_url = "https://solo.example.com/"\n')
    assert resolve_profile().base_url == "https://solo.example.com"


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    upsert_profile(WORK)
    monkeypatch.setenv("JIRA_USER", "robot@example.com")
    monkeypatch.setenv("JIRA_AUTH", "bearer")
    profile = resolve_profile()
    assert (profile.name, profile.base_url, profile.user, profile.auth) == (
        "work", "https://work.example.net", "robot@example.com", "bearer")
    monkeypatch.setenv("JIRA_AUTH", "kerberos")
    with pytest.raises(ConfigError, match="JIRA_AUTH"):
        resolve_profile()


def test_the_environment_alone_is_a_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIRA_URL", "https://ci.example.com")
    monkeypatch.setenv("JIRA_USER", "ci@example.com")
    profile = resolve_profile()
    assert (profile.name, profile.base_url, profile.user, profile.auth) == (
        "env", "https://ci.example.com", "ci@example.com", "basic")


def test_nothing_configured_says_what_to_do() -> None:
    with pytest.raises(ConfigError) as missing:
        resolve_profile()
    assert "jiradash config init" in str(missing.value) and "--demo" in str(missing.value)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[profiles.x\n", "not valid TOML"),
        ('[profiles.x]\nuser = "a"\n', "no base_url"),
        ('[profiles.x]\nbase_url = "ftp://x"\n', "base URL must look like"),
        ('[profiles.x]\nbase_url = "https://x"\ncolour = "red"\n', "unknown settings: colour"),
        ('[profiles.x]\nbase_url = "https://x"\nauth = "magic"\n', "auth must be one of"),
        ('default = "y"\n[profiles.x]\nbase_url = "https://x"\n', "no such profile"),
    ],
)
def test_a_broken_config_says_what_is_wrong(text: str, complaint: str) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text(text)
    with pytest.raises(ConfigError, match=complaint):
        load_config()


# --- secrets --------------------------------------------------------------------------------


def test_the_environment_token_wins(monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring) -> None:
    store_secret(WORK, Secret("from-the-keyring"))
    assert find_secret(WORK) == Secret("from-the-keyring")
    monkeypatch.setenv("JIRA_API_TOKEN", "from-the-environment")
    assert find_secret(WORK) == Secret("from-the-environment")


def test_the_keyring_holds_the_token(memory_keyring: MemoryKeyring) -> None:
    assert store_secret(WORK, Secret("tok-123456")) == "the system keyring"
    assert memory_keyring.items == {("jiradash", "work:alice@example.com"): "tok-123456"}
    assert require_secret(WORK) == Secret("tok-123456")


def test_no_keyring_is_said_plainly() -> None:
    with pytest.raises(SecretUnavailable) as refused:
        store_secret(WORK, Secret("tok-123456"))
    assert str(refused.value) == NO_KEYRING
    assert "headless or SSH" in NO_KEYRING and "JIRA_API_TOKEN" in NO_KEYRING and "--token-file" in NO_KEYRING
    assert find_secret(WORK) is None  # looking up does not fail, it finds nothing
    with pytest.raises(SecretUnavailable, match="JIRA_API_TOKEN"):
        require_secret(WORK)


def test_an_opted_in_token_file_is_0600() -> None:
    profile = Profile(name="work", base_url=WORK.base_url, user=WORK.user, token_file=True)
    assert "0600" in store_secret(profile, Secret("tok-in-a-file"), to_file=True)
    path = token_file(profile)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert find_secret(profile) == Secret("tok-in-a-file")
    assert find_secret(WORK) is None  # not opted in: the file is not read
    path.chmod(0o644)
    with pytest.raises(SecretUnavailable, match="readable by others"):
        find_secret(profile)
