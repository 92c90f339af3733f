"""`jiradash skills export|import` and `jiradash config skills`: Skills for Jira from the shell.

- `skills export [--json|--csv] [-o FILE]`: everyone's skills, as `{"skillsByAccountId": ...}`
  (the API's own shape, so it imports back) or as `accountId,skill` rows.
- `skills import FILE [--dry-run] [--yes]`: the file names users and each one's COMPLETE skill
  set; the per-user diff against the server is shown first, then applied as ONE bulk update.
  Users the file does not name are left alone; names not in the skill tree stop the import.
- `config skills`: see `tui/commands/skills_setup.py`; `add_config_parser` registers it on the
  `config` command's sub-parsers.

Which Skills instance: `--demo` (the in-process sandbox), else `JIRA_SKILLS_URLS` and
`JIRA_SKILLS_TOKEN`, else the profile's. Nothing here prints the token.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.commands.headless_run import OK, REFUSED, USAGE, UsageError, common_options, fail

if TYPE_CHECKING:
    from tui.store.skills import SkillsService


def register(sub: Any) -> None:
    parser = sub.add_parser("skills", help="export or import Skills for Jira data (who holds which skill)")
    actions = parser.add_subparsers(dest="skills_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", parents=[common_options()],
                                help="print everyone's skills as JSON (default) or CSV")
    fmt = export.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json", default="json",
                     help='{"skillsByAccountId": {...}}, the API\'s shape (default)')
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv", help="accountId,skill rows")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(run=run_export)
    imp = actions.add_parser("import", parents=[common_options()],
                             help="replace the skill sets of the users FILE names, in one bulk update")
    imp.add_argument("file", metavar="FILE", help="JSON as the export writes it, or CSV (accountId,skill); - reads stdin")
    imp.add_argument("--dry-run", action="store_true", help="show the per-user diff and change nothing")
    imp.add_argument("-y", "--yes", action="store_true", help="apply without asking, even on a terminal")
    imp.set_defaults(run=run_import)


def add_config_parser(config_sub: Any) -> None:
    """`jiradash config skills`, for the `config` command's module to add to its sub-parsers."""
    from tui.commands.skills_setup import add_parser

    add_parser(config_sub)


# --- which instance ---------------------------------------------------------------------------


def demo_service() -> SkillsService:
    """The in-process sandbox's Skills for Jira, with the URLs and token its profile publishes."""
    import httpx

    from tui.api.redact import Secret
    from tui.api.skills import SkillsEndpoints
    from tui.demo import demo_app
    from tui.sandbox.skills import profile_section
    from tui.store.skills import SkillsService

    app = demo_app()
    section = profile_section(app.state.sandbox)
    endpoints = SkillsEndpoints(urls=section["urls"], token=Secret(section["token"]))
    return SkillsService(endpoints, transport=httpx.ASGITransport(app=app), allow_insecure_http=True)


def open_service(args: argparse.Namespace) -> SkillsService:
    """The demo sandbox's Skills, or the environment's, or the profile's; UsageError if none."""
    if getattr(args, "demo", False):
        return demo_service()
    from tui.config import ConfigError, resolve_profile
    from tui.secrets import SecretUnavailable
    from tui.store.errors import InsecureTransport
    from tui.store.skills import SkillsService
    from tui.store.skills_profile import endpoints_for

    try:
        endpoints = endpoints_for(None)
        insecure, cap_mb = False, 20.0  # the environment's endpoints: the default max_response_mb
        if endpoints is None:
            profile = resolve_profile(getattr(args, "profile", None))
            endpoints = endpoints_for(profile)
            insecure, cap_mb = profile.allow_insecure_http, profile.max_response_mb
        if endpoints is None:
            raise UsageError(
                "No Skills for Jira endpoints: run `jiradash config skills`, set JIRA_SKILLS_URLS "
                "and JIRA_SKILLS_TOKEN, or try `--demo`."
            )
        return SkillsService(endpoints, allow_insecure_http=insecure, max_response_bytes=int(cap_mb * 1024 * 1024))
    except (ConfigError, SecretUnavailable, InsecureTransport) as exc:
        raise UsageError(str(exc)) from None


def run_with_skills(args: argparse.Namespace, body: Callable[[SkillsService], Awaitable[int]]) -> int:
    import asyncio

    from tui.store.errors import StoreError

    async def main() -> int:
        service = open_service(args)
        try:
            return await body(service)
        finally:
            await service.aclose()

    try:
        return asyncio.run(main())
    except UsageError as exc:
        fail(str(exc))
        return USAGE
    except StoreError as exc:
        fail(exc.message)
        return REFUSED


# --- export -----------------------------------------------------------------------------------


def export_text(skills_by_account: Mapping[str, tuple[str, ...]], fmt: str) -> str:
    if fmt == "csv":
        import csv  # only for --csv: every command's parser imports this module

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["accountId", "skill"])
        for account_id, skills in skills_by_account.items():
            writer.writerows([account_id, s] for s in skills)
        return out.getvalue()
    body = {"skillsByAccountId": {a: list(s) for a, s in skills_by_account.items()}}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def run_export(args: argparse.Namespace) -> int:
    async def body(service: SkillsService) -> int:
        text = export_text(await service.all_skills(), args.format)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return OK

    return run_with_skills(args, body)


# --- import -----------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from tui.commands.skills_io import read_skills_file

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        wanted = read_skills_file(text)
    except (OSError, ValueError) as err:
        fail(f"cannot import {args.file}: {err}")
        return USAGE

    def ask() -> bool:
        if args.yes or not sys.stdin.isatty():
            return True
        return input("Apply these changes? [y/N] ").strip().lower() in ("y", "yes")

    async def body(service: SkillsService) -> int:
        return await import_skills(service, wanted, dry_run=args.dry_run, confirm=ask, out=sys.stdout)

    return run_with_skills(args, body)


async def import_skills(
    service: SkillsService,
    wanted: Mapping[str, tuple[str, ...]],
    *,
    dry_run: bool,
    out: TextIO,
    confirm: Callable[[], bool] = lambda: True,
) -> int:
    """Show the per-user diff against the server, then (unless `dry_run`) apply it in one bulk
    update and check that the server's `changes` are that diff."""
    from tui.commands.skills_io import format_diff
    from tui.store.mutations_skills import BulkUpdateSkills
    from tui.store.skills import BulkOutcome

    snapshot = await service.snapshot(refresh=True)
    unknown = sorted({s for skills in wanted.values() for s in skills} - snapshot.tree.skill_names())
    if unknown:
        fail(f"not in the skill tree, so nothing was imported: {', '.join(unknown)}")
        return REFUSED
    mutation = BulkUpdateSkills.from_staged(snapshot.skills_by_account, wanted)
    expected = mutation.expected()
    out.write(format_diff(expected, named=len(wanted)))
    if dry_run:
        out.write("Dry run: nothing was changed.\n")
        return OK
    if not expected:
        return OK
    if not confirm():
        out.write("Nothing was changed.\n")
        return REFUSED
    outcome = await service.dispatch(mutation)
    assert isinstance(outcome, BulkOutcome)
    if not outcome.matches:
        out.write("Applied, but the server reports changes other than the diff above:\n")
        out.write(format_diff(outcome.changes, named=len(outcome.changes)))
        return REFUSED
    n = len(expected)
    out.write(f"Applied in one bulk update: {n} user{'s' if n != 1 else ''} changed, as shown.\n")
    return OK
