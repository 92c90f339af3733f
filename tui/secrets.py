"""Where a profile's secret (API token, personal access token or password) comes from and goes.

Looked up in order: `JIRA_API_TOKEN`, the system keyring, then the profile's 0600 token file if
the profile opted in (`token_file = true`). Storing prefers the keyring; on a box without one
(a headless SSH session raises `NoKeyringError` at once) it says so plainly, and writes a file
only when asked to. A secret is handed out wrapped in `Secret`, which never prints itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tui.api.redact import Secret
from tui.config import Profile, config_dir

SERVICE = "jiradash"
NO_KEYRING = (
    "No system keyring is available here (this is usual on a headless or SSH session), so the "
    "token cannot be stored in one. Either keep it in the JIRA_API_TOKEN environment variable, "
    "or store it in a file only you can read with `jiradash config init --token-file`."
)


class SecretUnavailable(Exception):
    """No secret could be found or stored; the message says what to do."""


def _account(profile: Profile) -> str:
    return f"{profile.name}:{profile.user}"


def token_file(profile: Profile) -> Path:
    return config_dir() / "tokens" / profile.name


def _keyring_get(profile: Profile) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, _account(profile))
    except KeyringError:  # NoKeyringError included: no keyring on this box
        return None


def find_secret(profile: Profile, env: Mapping[str, str] | None = None) -> Secret | None:
    env = os.environ if env is None else env
    from_env = env.get("JIRA_API_TOKEN")
    if from_env:
        return Secret(from_env)
    stored = _keyring_get(profile)
    if stored:
        return Secret(stored)
    if profile.token_file:
        path = token_file(profile)
        try:
            text = path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if path.stat().st_mode & 0o077:
            raise SecretUnavailable(
                f"The token file of profile {profile.name!r} is readable by others; "
                "run `chmod 600` on it (or `jiradash config init --token-file` again)."
            )
        return Secret(text) if text else None
    return None


def require_secret(profile: Profile, env: Mapping[str, str] | None = None) -> Secret:
    found = find_secret(profile, env)
    if found is None:
        raise SecretUnavailable(
            f"No token for profile {profile.name!r}: set JIRA_API_TOKEN, or run "
            f"`jiradash config init --profile {profile.name}` to store one."
        )
    return found


def store_secret(profile: Profile, secret: Secret, *, to_file: bool = False) -> str:
    """Keep the secret for later: in the keyring, or (opt-in) a 0600 file. Returns where."""
    if to_file:
        from tui.store.disk import private_dir, write_private

        path = token_file(profile)
        private_dir(path.parent)
        write_private(path, secret.reveal().encode("utf-8"))
        return "a file only you can read (0600)"
    import keyring
    from keyring.errors import KeyringError, NoKeyringError

    try:
        keyring.set_password(SERVICE, _account(profile), secret.reveal())
    except NoKeyringError:
        raise SecretUnavailable(NO_KEYRING) from None
    except KeyringError as exc:
        raise SecretUnavailable(f"The system keyring refused the token ({type(exc).__name__}). {NO_KEYRING}") from None
    return "the system keyring"
