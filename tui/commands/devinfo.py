"""`jiradash devinfo push|get|delete|exists`: Jira development information from the shell.

- `push [PATH] --repo-id ID [--name N] [--url U] [--since REV] [--property k=v ...]
  [--pull-requests FILE] [--dry-run] [--json]` reads the git repository at PATH (default: here),
  stores its commits and branches that carry issue keys (and the pull requests of FILE) in as few
  requests as the API's limits allow, and prints what was accepted, what failed and why, and the
  issue keys Jira does not know. Running it again stores nothing new (see `devinfo_push`).
  Exit 1 when any entity failed.
- `get ID [--json]`: the repository and its most recent 400 entities.
- `delete ID [--commit X | --branch X | --pull-request X] [--update-sequence-id N]`, or
  `delete --property k=v ... [--update-sequence-id N]`: the deletes (asynchronous in Jira).
- `exists --property k=v ... [--update-sequence-id N]`: prints true or false; exit 0 when data
  exists, 1 when none does (for `if jiradash devinfo exists ...; then`).

Which Jira: `--demo` (the in-process sandbox and its OAuth client), else the profile with the
credentials of `tui.store.devinfo_profile`. Nothing here prints a secret.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands.headless_run import OK, REFUSED, USAGE, UsageError, common_options, fail

if TYPE_CHECKING:
    from tui.config import Profile
    from tui.models.devinfo import Repository
    from tui.store.devinfo import DevinfoService
    from tui.store.devinfo_push import PushProgress, PushReport

NO_DATA = 1


def register(sub: Any) -> None:
    parser = sub.add_parser("devinfo", help="Jira development information: push a git repository, get, delete")
    actions = parser.add_subparsers(dest="devinfo_action", metavar="ACTION", required=True)
    parent = common_options()

    p = actions.add_parser("push", parents=[parent], help="store a local git repository's commits and branches")
    p.add_argument("path", nargs="?", default=".", metavar="PATH", help="the git repository (default: .)")
    p.add_argument("--repo-id", required=True, metavar="ID", help="the repository's id in Jira")
    p.add_argument("--name", metavar="N", help="the repository's name (default: the directory's)")
    p.add_argument("--url", metavar="U", help="the repository's web URL (default: from the origin remote)")
    p.add_argument("--description", metavar="TEXT", help="the repository's description")
    p.add_argument("--since", metavar="REV", help="only commits not reachable from REV")
    p.add_argument("--property", action="append", default=[], metavar="k=v",
                   help="tag the data with a property (repeatable, at most 5)")
    p.add_argument("--pull-requests", metavar="FILE", help="pull requests as JSON in the API's shape")
    p.add_argument("--dry-run", action="store_true", help="show what would be sent; send nothing")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=push_command)

    p = actions.add_parser("get", parents=[parent], help="print a repository and its most recent 400 entities")
    p.add_argument("repo_id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(run=get_command)

    p = actions.add_parser("delete", parents=[parent], help="delete a repository, one entity, or by properties")
    p.add_argument("repo_id", nargs="?", metavar="ID", help="the repository (omit with --property)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--commit", metavar="X", help="delete only this commit")
    which.add_argument("--branch", metavar="X", help="delete only this branch")
    which.add_argument("--pull-request", metavar="X", help="delete only this pull request")
    p.add_argument("--property", action="append", default=[], metavar="k=v",
                   help="delete everything tagged with all these properties")
    p.add_argument("--update-sequence-id", type=int, metavar="N", help="only data with an id at most N")
    p.set_defaults(run=delete_command)

    p = actions.add_parser("exists", parents=[parent], help="whether data tagged with these properties exists")
    p.add_argument("--property", action="append", default=[], metavar="k=v", required=True)
    p.add_argument("--update-sequence-id", type=int, metavar="N", help="only data with an id at most N")
    p.set_defaults(run=exists_command)


def parse_properties(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--property takes k=v, not {item!r}")
        out[key] = value
    return out


# --- which Jira ----------------------------------------------------------------------------------


def open_service(args: argparse.Namespace) -> tuple[DevinfoService, Profile]:
    """The demo sandbox's devinfo (its OAuth client), or the profile's; UsageError if none."""
    from tui.store.devinfo import DevinfoService

    if getattr(args, "demo", False):
        import httpx

        from tui.api.devinfo_auth import OAuthClientCredentials
        from tui.api.redact import Secret
        from tui.demo import DEMO_PROFILE, demo_app
        from tui.sandbox.devinfo import profile_section

        app = demo_app()
        section = profile_section(app.state.sandbox)
        auth = OAuthClientCredentials(section["token_url"], section["client_id"], Secret(section["client_secret"]))
        service = DevinfoService(section["url"], auth, transport=httpx.ASGITransport(app=app),
                                 allow_insecure_http=True)
        return service, DEMO_PROFILE
    from tui.config import ConfigError, resolve_profile
    from tui.secrets import SecretUnavailable
    from tui.store.devinfo_profile import auth_for, credentials_for, devinfo_root
    from tui.store.errors import InsecureTransport

    try:
        profile = resolve_profile(getattr(args, "profile", None))
        credentials = credentials_for(profile)
        if credentials is None:
            raise UsageError(
                "No devinfo credentials: set JIRA_DEVINFO_CLIENT_ID, JIRA_DEVINFO_CLIENT_SECRET and "
                "JIRA_DEVINFO_TOKEN_URL (or JIRA_DEVINFO_APP_KEY and JIRA_DEVINFO_SHARED_SECRET), or "
                "the profile's devinfo settings; or try --demo.")
        service = DevinfoService(devinfo_root(profile), auth_for(profile, credentials),
                                 allow_insecure_http=profile.allow_insecure_http,
                                 max_response_bytes=int(profile.max_response_mb * 1024 * 1024))
        return service, profile
    except (ConfigError, SecretUnavailable, InsecureTransport) as exc:
        raise UsageError(str(exc)) from None


def run_with_devinfo(args: argparse.Namespace,
                     body: Callable[[DevinfoService, Profile], Awaitable[int]]) -> int:
    import asyncio

    from tui.store.errors import StoreError

    async def main() -> int:
        service, profile = open_service(args)
        try:
            return await body(service, profile)
        finally:
            await service.aclose()
            if getattr(args, "stats", False):
                print(json.dumps(service.stats.as_dict(), indent=2), file=sys.stderr)

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


# --- push --------------------------------------------------------------------------------------


def push_command(args: argparse.Namespace) -> int:
    from tui.api.git_local import GitError

    try:
        properties = parse_properties(args.property)
        from tui.store.mutations_devinfo import check_properties

        check_properties(properties)
        pulls = _pull_requests(args.pull_requests)
    except (UsageError, ValueError) as exc:
        fail(str(exc))
        return USAGE

    async def body(service: DevinfoService | None, profile: Profile) -> int:
        try:
            report = await push_repository(args, service, profile, properties, pulls)
        except GitError as exc:
            raise UsageError(f"cannot read {args.path}: {exc}") from None
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n" if args.json else report_text(report))
        return REFUSED if report.failures else OK

    return run_with_devinfo(args, lambda service, profile: body(None if args.dry_run else service, profile))


def _pull_requests(path: str | None) -> tuple[Any, ...]:
    if not path:
        return ()
    from tui.store.devinfo_build import read_pull_requests

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return read_pull_requests(text)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the pull requests in {path}: {exc}") from None


async def push_repository(args: argparse.Namespace, service: DevinfoService | None, profile: Profile,
                          properties: dict[str, str], pulls: tuple[Any, ...]) -> PushReport:
    from tui.api.git_local import origin_url, read_repository
    from tui.models.devinfo import VALID_ID, Repository
    from tui.store.devinfo_build import Links, entities_of
    from tui.store.devinfo_known import ledger_path
    from tui.store.devinfo_profile import remember_repository
    from tui.store.devinfo_push import SequenceLedger, push

    if not VALID_ID.match(args.repo_id):
        raise UsageError("--repo-id may only hold letters, digits and '~.-_'")
    path = Path(args.path)
    url = args.url or await origin_url(path)
    if not url:
        raise UsageError("no --url given and the repository has no web-style origin remote")
    url = url.rstrip("/")
    local = await read_repository(path, since=args.since)
    repository = Repository(id=args.repo_id, name=args.name or path.resolve().name, url=url,
                            update_sequence_id=0, description=args.description)
    ledger = SequenceLedger(ledger_path(profile, args.repo_id))
    entities = entities_of(local, Links(url), pulls)
    report = await push(service, repository, entities, ledger, properties=properties,
                        dry_run=service is None, progress=_progress_printer())
    if not report.dry_run:
        remember_repository(profile, args.repo_id)
    return report


def _progress_printer() -> Callable[[PushProgress], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(p: PushProgress) -> None:
        end = "\n" if p.requests_sent == p.requests_total else ""
        print(f"\rsent {p.requests_sent}/{p.requests_total} requests "
              f"({p.entities_sent}/{p.entities_total} entities)", end=end, file=sys.stderr, flush=True)

    return show


def report_text(report: PushReport) -> str:
    from tui.store.devinfo_push import report_lines

    return "\n".join(report_lines(report)) + "\n"


# --- get, delete, exists ---------------------------------------------------------------------------


def repository_text(repo: Repository) -> str:
    from tui.render.safe import safe_line

    def s(text: str | None) -> str:
        return safe_line(text or "")

    lines = [f"{s(repo.name)} ({s(repo.id)})  {s(repo.url)}"]
    if repo.description:
        lines.append(f"  {s(repo.description)}")
    if repo.fork_of:
        lines.append(f"  fork of {s(repo.fork_of)}")
    lines.append(f"Commits ({len(repo.commits)}):")
    lines.extend(f"  {s(c.display_id)}  {s(c.author.label):<20.20}  {s(c.message.splitlines()[0] if c.message else '')}"
                 f"  [{', '.join(c.issue_keys)}]" for c in repo.commits)
    lines.append(f"Branches ({len(repo.branches)}):")
    lines.extend(f"  {s(b.name)}  -> {s(b.last_commit.display_id)}  [{', '.join(b.issue_keys)}]" for b in repo.branches)
    lines.append(f"Pull requests ({len(repo.pull_requests)}):")
    for p in repo.pull_requests:
        approvals = sum(1 for r in p.reviewers if r.approved)
        lines.append(f"  {s(p.display_id)}  {p.status:<8}  {s(p.title)}  ({s(p.source_branch)} -> "
                     f"{s(p.destination_branch or '?')}, {approvals}/{len(p.reviewers)} approved)")
    return "\n".join(lines) + "\n"


def get_command(args: argparse.Namespace) -> int:
    async def body(service: DevinfoService, profile: Profile) -> int:
        import msgspec

        repo = await service.repository(args.repo_id)
        if args.json:
            sys.stdout.write(msgspec.json.format(msgspec.json.encode(repo), indent=2).decode() + "\n")
        else:
            sys.stdout.write(repository_text(repo))
        return OK

    return run_with_devinfo(args, body)


def delete_command(args: argparse.Namespace) -> int:
    from tui.store.mutations_devinfo import (
        DeleteByProperties,
        DeleteEntity,
        DeleteRepository,
        DevinfoMutation,
    )

    try:
        properties = parse_properties(args.property)
    except UsageError as exc:
        fail(str(exc))
        return USAGE
    entity = [(t, v) for t, v in (("commit", args.commit), ("branch", args.branch),
                                  ("pull_request", args.pull_request)) if v]
    if bool(args.repo_id) == bool(properties):
        fail("give a repository ID, or --property k=v (not both)")
        return USAGE
    m: DevinfoMutation
    if properties:
        if entity:
            fail("--commit/--branch/--pull-request need a repository ID, not --property")
            return USAGE
        m = DeleteByProperties(properties=properties, update_sequence_id=args.update_sequence_id)
    elif entity:
        kind, ident = entity[0]
        m = DeleteEntity(repository_id=args.repo_id, entity_type=kind,  # type: ignore[arg-type]
                         entity_id=ident, update_sequence_id=args.update_sequence_id)
    else:
        m = DeleteRepository(repository_id=args.repo_id, update_sequence_id=args.update_sequence_id)

    async def body(service: DevinfoService, profile: Profile) -> int:
        await service.dispatch(m)
        if isinstance(m, DeleteRepository) and m.update_sequence_id is None:
            from tui.store.devinfo_profile import forget_repository

            forget_repository(profile, m.repository_id)
        print(f"Accepted: {m.describe()} (Jira applies deletes asynchronously).")
        return OK

    return run_with_devinfo(args, body)


def exists_command(args: argparse.Namespace) -> int:
    try:
        properties = parse_properties(args.property)
    except UsageError as exc:
        fail(str(exc))
        return USAGE

    async def body(service: DevinfoService, profile: Profile) -> int:
        found = await service.exists(properties, args.update_sequence_id)
        print("true" if found else "false")
        return OK if found else NO_DATA

    return run_with_devinfo(args, body)
