"""`jiradash config init / check / list / path` against the sandbox served on loopback."""

from __future__ import annotations

import io
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from tui.cli import main
from tui.config import load_config
from tui.secrets import token_file


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("CONFIG", "CACHE", "DATA"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))
    for name in ("JIRA_URL", "JIRA_USER", "JIRA_API_TOKEN", "JIRA_AUTH", "JIRADASH_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    keyring.set_keyring(NoKeyring())  # like a headless SSH box
    yield tmp_path


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_tests_the_credentials_and_saves_the_profile(
    live_sandbox: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = live_sandbox.base_url  # type: ignore[attr-defined]
    code, out, err = run(capsys, monkeypatch, "sandbox-token\n", "config", "init", "--profile", "local",
                         "--url", url, "--user", "alice@example.com", "--auth", "basic", "--token-file")
    assert code == 0, err
    assert "user:       Alice Admin (alice@example.com)" in out and "deployment: Cloud" in out
    assert "sandbox-token" not in out + err
    profile = load_config().profiles["local"]
    assert (profile.base_url, profile.user, profile.token_file) == (url, "alice@example.com", True)
    assert stat.S_IMODE(token_file(profile).stat().st_mode) == 0o600

    code, out, err = run(capsys, monkeypatch, "", "config", "check", "--profile", "local")
    assert code == 0, err
    assert "profile:    local" in out and "Alice Admin" in out and "version:" in out

    monkeypatch.setenv("JIRA_API_TOKEN", "wrong-token")
    code, out, err = run(capsys, monkeypatch, "", "--profile", "local", "config", "check")
    assert code == 1 and "refused the credentials" in err and "wrong-token" not in err


def test_interactive_init_asks_for_everything(
    live_sandbox: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = live_sandbox.base_url  # type: ignore[attr-defined]
    answers = f"desk\n{url}\nbob@example.com\nbasic\nsandbox-token-bob\n"
    code, out, err = run(capsys, monkeypatch, answers, "config", "init", "--token-file")
    assert code == 0, err
    assert "Bob User" in out and "Jira base URL" in err
    assert load_config().profiles["desk"].user == "bob@example.com"


def test_without_a_keyring_the_profile_is_saved_and_the_reason_said(
    live_sandbox: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = live_sandbox.base_url  # type: ignore[attr-defined]
    code, _, err = run(capsys, monkeypatch, "sandbox-token\n", "config", "init", "--profile", "p",
                       "--url", url, "--user", "alice@example.com", "--auth", "basic")
    assert code == 1
    assert "No system keyring is available here" in err and "JIRA_API_TOKEN" in err
    assert "p" in load_config().profiles


def test_bad_credentials_save_nothing(
    live_sandbox: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = live_sandbox.base_url  # type: ignore[attr-defined]
    code, _, err = run(capsys, monkeypatch, "nope-nope\n", "config", "init", "--profile", "p", "--url", url,
                       "--user", "alice@example.com", "--auth", "basic", "--token-file")
    assert code == 1 and "nothing was saved" in err
    assert load_config().profiles == {}


def test_plain_http_to_a_remote_host_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, monkeypatch, "tok-tok-tok\n", "config", "init", "--profile", "p",
                       "--url", "http://jira.example.com", "--user", "a", "--auth", "basic", "--no-check")
    assert code == 2 and "plain http" in err and "allow_insecure_http" in err


def test_check_without_a_profile_and_list_and_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, _, err = run(capsys, monkeypatch, "", "config", "check")
    assert code == 2 and "config init" in err
    code, out, _ = run(capsys, monkeypatch, "", "config", "list")
    assert code == 0 and "no profiles yet" in out
    code, out, _ = run(capsys, monkeypatch, "", "config", "path")
    assert out.strip() == str(tmp_path / "config" / "config.toml")
