"""`jiradash config skills`: point a profile at its Skills for Jira instance.

Paste the endpoint list as the administration console shows it (all six URLs at once, with
their titles); `tui.api.skills_console` works out which URL is which operation, and on a
terminal this asks about any it cannot tell apart. The token comes from `JIRA_SKILLS_TOKEN` or
a hidden prompt, is tried against the server (unless `--no-check`), and is stored in the
keyring (or, with `--token-file`, a 0600 file); the URLs go to the profile's `skills.toml`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.commands.headless_run import OK, REFUSED, USAGE, fail

if TYPE_CHECKING:
    import httpx

    from tui.api.redact import Secret
    from tui.api.skills import ConsoleBlock

Ask = Callable[[str], str]
TITLES = {
    "user_skills": "Get user skills",
    "add_skills": "Add user skills",
    "remove_skills": "Remove user skills",
    "all_skills": "Get all users' skills",
    "bulk_update": "Bulk update users skills",
    "skill_tree": "Get skill tree with experts",
}


def add_parser(config_sub: Any) -> None:
    parser = config_sub.add_parser(
        "skills", help="set this profile's Skills for Jira URLs (paste the console's list) and token",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    parser.add_argument("--profile", dest="config_profile", metavar="NAME",
                        help="profile to configure (default: the default profile)")
    parser.add_argument("--file", metavar="FILE", help="read the endpoint list from FILE instead of stdin")
    parser.add_argument("--token-file", action="store_true",
                        help="store the token in a file only you can read instead of the keyring")
    parser.add_argument("--no-check", action="store_true", help="do not try the token against the server")
    parser.set_defaults(run=run_config_skills)


def read_pasted(stream: TextIO, interactive: bool) -> str:
    """Everything to EOF; on a terminal also stop at an empty line once six URLs are in."""
    if not interactive:
        return stream.read()
    from tui.api.skills import read_console_block

    lines: list[str] = []
    for line in stream:
        if not line.strip() and lines:
            found = read_console_block("".join(lines))
            if len(found.urls) + len(found.unresolved) >= 6:
                break
        lines.append(line)
    return "".join(lines)


def settle(block: ConsoleBlock, ask: Ask | None, prompts: TextIO) -> dict[str, str]:
    """The block's URLs, asking about each one it could not place; ValueError without `ask`."""
    from tui.models.skills import OPERATIONS

    urls = dict(block.urls)
    if block.complete:
        return urls
    if ask is None:
        raise ValueError(f"cannot tell the Skills URLs apart: {block.problem()}")
    for url, candidates in block.unresolved.items():
        left = [op for op in (candidates or OPERATIONS) if op not in urls]
        if not left:
            continue
        prompts.write(f"Which operation is {url}?\n")
        for i, op in enumerate(left, start=1):
            prompts.write(f"  {i}. {TITLES[op]}\n")
        answer = ask(f"1-{len(left)} (empty to skip): ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(left):
            urls[left[int(answer) - 1]] = url
    for op in OPERATIONS:
        if op not in urls:
            answer = ask(f"URL of '{TITLES[op]}': ").strip()
            if not answer.startswith(("https://", "http://")):
                raise ValueError(f"no URL for {TITLES[op]}")
            urls[op] = answer
    return urls


async def check(urls: dict[str, str], token: Secret, *, insecure: bool,
                transport: httpx.AsyncBaseTransport | None) -> int:
    """How many people hold skills, as the server says; raises the store's errors."""
    from tui.api.skills import SkillsEndpoints
    from tui.store.skills import SkillsService

    service = SkillsService(SkillsEndpoints(urls=urls, token=token), transport=transport,
                            allow_insecure_http=insecure, retries=0)
    try:
        return len(await service.all_skills())
    finally:
        await service.aclose()


def run_config_skills(args: argparse.Namespace, *, stdin: TextIO | None = None, out: TextIO | None = None,
                      prompts: TextIO | None = None, ask: Ask | None = None, secret_prompt: Ask | None = None,
                      transport: httpx.AsyncBaseTransport | None = None) -> int:
    """Tests pass their own streams, answers and transport; the command line passes none."""
    import asyncio

    from tui.api.redact import Secret
    from tui.api.skills import ENV_TOKEN, read_console_block
    from tui.config import ConfigError, resolve_profile
    from tui.secrets import SecretUnavailable
    from tui.store.errors import StoreError
    from tui.store.skills_profile import find_token, save_urls, store_token

    stdin = stdin or sys.stdin
    out = out or sys.stdout
    prompts = prompts or sys.stderr
    interactive = stdin.isatty()
    if ask is None and interactive:
        ask = input
    try:
        profile = resolve_profile(getattr(args, "config_profile", None) or getattr(args, "profile", None))
    except ConfigError as exc:
        fail(str(exc))
        return USAGE
    if interactive and not args.file:
        prompts.write("Paste the endpoint list from Skills for Jira's administration console (Users), "
                      "then an empty line:\n")
    try:
        text = Path(args.file).read_text(encoding="utf-8") if args.file else read_pasted(stdin, interactive)
        urls = settle(read_console_block(text), ask, prompts)
    except (OSError, ValueError) as exc:
        fail(str(exc))
        return USAGE
    token: Secret | None = Secret(os.environ[ENV_TOKEN]) if os.environ.get(ENV_TOKEN) else None
    typed = False
    if token is None and interactive:
        import getpass  # only when asking: every command's parser imports this module

        prompt = secret_prompt or getpass.getpass
        entered = prompt("Skills token (Authorization-Skills, from the administration console): ").strip()
        token, typed = (Secret(entered), True) if entered else (None, False)
    if token is None:
        token = find_token(profile)
    if token is None:
        fail(f"no Skills token: set {ENV_TOKEN} or run this on a terminal to type it")
        return USAGE
    if not args.no_check:
        try:
            count = asyncio.run(check(urls, token, insecure=profile.allow_insecure_http, transport=transport))
        except StoreError as exc:
            fail(f"{exc.message} Nothing was saved.")
            return REFUSED
        out.write(f"Skills for Jira answered: {count} people hold skills.\n")
    where = f"{ENV_TOKEN} (not stored)" if os.environ.get(ENV_TOKEN) else "its existing place"
    if typed:
        try:
            where = store_token(profile, token, to_file=args.token_file)
        except SecretUnavailable as exc:
            fail(str(exc))
            return USAGE
    path = save_urls(profile, urls)
    out.write(f"Profile {profile.name!r}: Skills URLs saved in {path}, the token in {where}.\n")
    for op, url in urls.items():
        out.write(f"  {TITLES[op]:<28} {url}\n")
    return OK
