"""`jiradash config init` (ask for a profile, test it against `myself`, save it and its token)
and `jiradash config check` (say which server and user a profile reaches, or what is wrong);
`config path` and `config list` print where the file is and what it holds.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.commands.headless_run import OK, REFUSED, USAGE, fail

if TYPE_CHECKING:  # the api and the store (httpx) load when a command runs, not for `--help`
    from tui.api.redact import Secret
    from tui.config import Profile


def register(sub: Any) -> None:
    from tui.config import API_VERSIONS, AUTH_KINDS, config_path  # plain Python, no httpx

    config = sub.add_parser("config", help="set up and check profiles")
    verbs = config.add_subparsers(dest="config_command", metavar="ACTION")
    config.set_defaults(run=lambda args: (config.print_help(), USAGE)[1])

    p = verbs.add_parser("init", help="create or update a profile interactively")
    p.add_argument("--profile", dest="config_profile", metavar="NAME", help="profile name (default: default)")
    p.add_argument("--url", help="site root, e.g. https://your-site.atlassian.net")
    p.add_argument("--user", help="email (Cloud) or username (Server/DC)")
    p.add_argument("--auth", choices=AUTH_KINDS, help="basic (API token), bearer (PAT) or session (cookie login)")
    p.add_argument("--api-version", choices=API_VERSIONS, default="auto")
    p.add_argument("--allow-insecure-http", action="store_true", help="allow credentials over plain http")
    p.add_argument("--token-file", action="store_true",
                   help="store the token in a file only you can read (0600) instead of the keyring")
    p.add_argument("--no-check", action="store_true", help="save without testing the credentials")
    p.add_argument("--default", action="store_true", help="make it the default profile")
    p.set_defaults(run=init_command)

    p = verbs.add_parser("check", help="test a profile: server, version, deployment, user")
    p.add_argument("--profile", dest="config_profile", metavar="NAME")
    p.set_defaults(run=check_command)

    p = verbs.add_parser("path", help="print where the config file is")
    p.set_defaults(run=lambda args: (print(config_path()), OK)[1])

    p = verbs.add_parser("list", help="list the profiles")
    p.set_defaults(run=list_command)

    from tui.commands.skills import add_config_parser

    add_config_parser(verbs)  # `config skills`: the Skills for Jira endpoints and token


def _profile_name(args: argparse.Namespace) -> str | None:
    return getattr(args, "config_profile", None) or getattr(args, "profile", None)


def _ask(prompt: str, default: str = "") -> str:
    from tui.config import ConfigError

    suffix = f" [{default}]" if default else ""
    print(f"{prompt}{suffix}: ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise ConfigError("input ended before the profile was complete")
    return line.strip() or default


def _ask_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass  # only when asking: every command's parser imports this module

        return getpass.getpass(f"{prompt}: ")
    print(f"{prompt}: ", end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip()


async def probe(profile: Profile, secret: Secret) -> str:
    """Connect afresh (no cache) and describe what answered; raises StoreError."""
    from tui.store.build import settings_for, store_for_profile

    store = store_for_profile(profile, secret, settings=settings_for(profile))
    try:
        server = await store.connect(refresh=True)
        me = store.me
        who = f"{me.display_name} ({me.email or me.account_id})" if me else "?"
        return (
            f"server:     {server.server_title or profile.base_url} ({profile.base_url})\n"
            f"version:    {server.version}\n"
            f"deployment: {server.deployment_type}\n"
            f"api:        {server.api_shape}\n"
            f"user:       {who}"
        )
    finally:
        await store.aclose()


def init_command(args: argparse.Namespace) -> int:
    import asyncio

    from tui.api.auth import check_transport
    from tui.api.redact import Secret
    from tui.config import (
        AUTH_KINDS,
        ConfigError,
        Profile,
        config_path,
        load_config,
        upsert_profile,
        validate_name,
        validate_url,
    )
    from tui.secrets import SecretUnavailable, store_secret
    from tui.store.errors import InsecureTransport, StoreError

    try:
        config = load_config()
        name = validate_name(_profile_name(args) or _ask("Profile name", config.default or "default"))
        old = config.profiles.get(name)
        url = validate_url(args.url or _ask("Jira base URL", old.base_url if old else ""))
        user = args.user or _ask("User (email on Cloud, username on Server/DC)", old.user if old else "")
        auth = args.auth or _ask("Auth: basic, bearer or session", old.auth if old else "basic")
        if auth not in AUTH_KINDS:
            raise ConfigError(f"auth must be one of {', '.join(AUTH_KINDS)}")
        token = _ask_secret("API token" if auth != "session" else "Password")
        if not token:
            raise ConfigError("no token given")
        base = old or Profile(name=name, base_url=url)
        profile = replace(base, base_url=url, user=user, auth=auth, api_version=args.api_version,  # type: ignore[arg-type]
                          allow_insecure_http=args.allow_insecure_http or base.allow_insecure_http,
                          token_file=args.token_file)
        secret = Secret(token)
        check_transport(profile.base_url, allow_insecure_http=profile.allow_insecure_http)
        if not args.no_check:
            print(asyncio.run(probe(profile, secret)))
        where = store_secret(profile, secret, to_file=args.token_file)
        upsert_profile(profile, make_default=args.default)
    except (ConfigError, InsecureTransport) as exc:
        fail(str(exc))
        return USAGE
    except SecretUnavailable as exc:
        upsert_profile(profile, make_default=args.default)
        fail(f"profile {profile.name!r} saved without its token. {exc}")
        return REFUSED
    except StoreError as exc:
        fail(f"the credentials did not work, nothing was saved: {exc.message}")
        return REFUSED
    print(f"Profile {profile.name!r} saved in {config_path()}; the token is in {where}.")
    return OK


def check_command(args: argparse.Namespace) -> int:
    import asyncio

    from tui.config import ConfigError, resolve_profile
    from tui.secrets import SecretUnavailable, require_secret
    from tui.store.errors import InsecureTransport, StoreError

    try:
        profile = resolve_profile(_profile_name(args))
        secret = require_secret(profile)
        print(f"profile:    {profile.name}")
        print(asyncio.run(probe(profile, secret)))
    except (ConfigError, SecretUnavailable, InsecureTransport) as exc:
        fail(str(exc))
        return USAGE
    except StoreError as exc:
        fail(f"{profile.base_url}: {exc.message}")
        return REFUSED
    return OK


def list_command(args: argparse.Namespace) -> int:
    from tui.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        fail(str(exc))
        return USAGE
    if not config.profiles:
        print(f"no profiles yet ({config.path}); run `jiradash config init`")
    for name, profile in sorted(config.profiles.items()):
        mark = "*" if name == config.default else " "
        print(f"{mark} {name:<16} {profile.base_url}  {profile.user}  ({profile.auth}, api {profile.api_version})")
    return OK
