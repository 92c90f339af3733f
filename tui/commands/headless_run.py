"""What every headless command shares: the `--demo` / `--profile` / `--stats` options (accepted
before or after the sub-command), opening the Store, running a coroutine with it, exit codes.

Exit codes: 0 success; 1 the server refused or failed (its message on stderr); 2 a usage or
configuration mistake. `--stats` prints the store's counters as JSON on stderr at exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store (httpx, msgspec) loads when a command runs, not for `--help`
    from tui.store.store import Store

OK, REFUSED, USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called; exit code 2."""


def common_options() -> argparse.ArgumentParser:
    """Options every headless command takes after its name too (`jiradash search X --demo`)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help="use the embedded sandbox Jira (no server needed)")
    parent.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                        help="profile to use (default: $JIRADASH_PROFILE or the default profile)")
    parent.add_argument("--stats", action="store_true", default=argparse.SUPPRESS,
                        help="print request and cache counters as JSON on stderr at exit")
    return parent


def open_store(args: argparse.Namespace) -> Store:
    """The demo's store, or the chosen profile's. Raises UsageError for configuration problems."""
    if getattr(args, "demo", False):
        from tui.demo import demo_store

        return demo_store()
    from tui.config import ConfigError, resolve_profile
    from tui.secrets import SecretUnavailable, require_secret
    from tui.store.build import store_for_profile
    from tui.store.errors import InsecureTransport

    try:
        profile = resolve_profile(getattr(args, "profile", None))
        return store_for_profile(profile, require_secret(profile))
    except (ConfigError, SecretUnavailable, InsecureTransport) as exc:
        raise UsageError(str(exc)) from None


def fail(message: str) -> None:
    print(f"jiradash: {message}", file=sys.stderr)


def run_with_store(args: argparse.Namespace, body: Callable[[Store], Awaitable[int]]) -> int:
    """Connect, run `body`, close (queued mutations finish first); map errors to exit codes."""
    import asyncio
    import json

    from tui.store.errors import StoreError

    async def main() -> int:
        store = open_store(args)
        try:
            await store.connect()
            return await body(store)
        finally:
            await store.aclose()
            if getattr(args, "stats", False):
                print(json.dumps(store.stats.as_dict(), indent=2), file=sys.stderr)

    try:
        return asyncio.run(main())
    except UsageError as exc:
        fail(str(exc))
        return USAGE
    except StoreError as exc:
        fail(exc.message)
        return REFUSED
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
