"""The headless commands: `search`, `issue`, `transition`, `comment`, `assign`.

They go cli -> store -> api (no Textual), share the TUI's cache and drafts, and exit 0 on
success, 1 when the server refuses (its message on stderr), 2 on a usage mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands.headless_run import OK, REFUSED, USAGE, common_options, fail, run_with_store

if TYPE_CHECKING:  # models, mutations and the store load when a command runs, not for `--help`
    from tui.models import IssueSummary, Transition
    from tui.store.store import Store


def register(sub: Any) -> None:
    parent = common_options()
    p = sub.add_parser("search", parents=[parent], help="run a JQL search and print the issues")
    p.add_argument("jql", help='JQL, e.g. "project = DASH ORDER BY updated DESC"')
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    p.add_argument("--limit", type=int, metavar="N", help="at most N issues")
    p.add_argument("--fields", metavar="LIST", help="comma-separated columns, e.g. key,status,summary")
    p.add_argument("--refresh", action="store_true", help="ignore the cache")
    p.set_defaults(run=search_command)

    p = sub.add_parser("issue", parents=[parent], help="show one issue")
    p.add_argument("key", help="issue key, e.g. DASH-12")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--refresh", action="store_true", help="ignore the cache")
    p.set_defaults(run=issue_command)

    p = sub.add_parser("transition", parents=[parent], help="move an issue through its workflow")
    p.add_argument("key")
    p.add_argument("name", help="the transition's name (or id), e.g. Done")
    p.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                   help="a field the transition asks for, e.g. resolution=Fixed (repeatable)")
    p.add_argument("--comment", metavar="TEXT", help="a comment to add with the transition (Markdown)")
    p.set_defaults(run=transition_command)

    p = sub.add_parser("comment", parents=[parent], help="add a comment (Markdown)")
    p.add_argument("key")
    text = p.add_mutually_exclusive_group(required=True)
    text.add_argument("-m", "--message", metavar="TEXT", help="the comment")
    text.add_argument("--file", metavar="F", help="read the comment from a file ('-' for stdin)")
    p.set_defaults(run=comment_command)

    p = sub.add_parser("assign", parents=[parent], help="assign an issue (USER, 'me' or 'none')")
    p.add_argument("key")
    p.add_argument("user", help="email, username, display name or account id; 'me'; 'none' to unassign")
    p.set_defaults(run=assign_command)


# --- search ---------------------------------------------------------------------------------


async def collect(store: Store, jql: str, *, limit: int | None, refresh: bool) -> list[IssueSummary]:
    """The search's final rows: fresh pages replace the cached copy when they come."""
    cached: list[IssueSummary] = []
    fresh: list[IssueSummary] = []
    async for page in store.search(jql, limit=limit, refresh=refresh):
        (cached if page.from_cache else fresh).extend(page.issues)
    return fresh if fresh else cached


def search_command(args: argparse.Namespace) -> int:
    from tui.commands.headless_output import (
        DEFAULT_COLUMNS,
        parse_columns,
        rows_csv,
        rows_json,
        rows_table,
    )

    try:
        columns = parse_columns(args.fields, DEFAULT_COLUMNS)
    except ValueError as exc:
        fail(str(exc))
        return USAGE
    if args.limit is not None and args.limit < 1:
        fail("--limit must be at least 1")
        return USAGE

    async def body(store: Store) -> int:
        issues = await collect(store, args.jql, limit=args.limit, refresh=args.refresh)
        if args.json:
            sys.stdout.write(rows_json(issues, columns) + "\n")
        elif args.csv:
            sys.stdout.write(rows_csv(issues, columns))
        else:
            sys.stdout.write(rows_table(issues, columns))
        return OK

    return run_with_store(args, body)


# --- issue ----------------------------------------------------------------------------------


def issue_command(args: argparse.Namespace) -> int:
    from tui.commands.headless_output import issue_json, issue_text

    async def body(store: Store) -> int:
        issue = await store.issue(args.key, refresh=args.refresh)
        sys.stdout.write(issue_json(issue) + "\n" if args.json else issue_text(issue))
        return OK

    return run_with_store(args, body)


# --- transition -----------------------------------------------------------------------------


def pick_transition(transitions: list[Transition], wanted: str) -> Transition | None:
    folded = wanted.casefold()
    return next((t for t in transitions if t.id == wanted or t.name.casefold() == folded), None)


def field_values(transition: Transition, pairs: list[str]) -> dict[str, str]:
    """`--field name=value` against the transition's fields: names or ids, values by name or id."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--field takes NAME=VALUE, not {pair!r}")
        folded = name.strip().casefold()
        spec = next((f for f in transition.fields if folded in (f.id.casefold(), f.name.casefold())), None)
        field_id = spec.id if spec is not None else name.strip()
        if spec is not None and spec.allowed_values:
            match = next(
                (v for v in spec.allowed_values if value.casefold() in (v.id.casefold(), v.name.casefold())), None
            )
            if match is None:
                names = ", ".join(v.name for v in spec.allowed_values)
                raise ValueError(f"{spec.name} cannot be {value!r}; choose one of: {names}")
            value = match.id
        values[field_id] = value
    missing = [f for f in transition.required_fields if f.id not in values]
    if missing:
        hint = " ".join(f"--field {f.id}=..." for f in missing)
        raise ValueError(f"{transition.name!r} needs {', '.join(f.name for f in missing)} ({hint})")
    return values


def transition_command(args: argparse.Namespace) -> int:
    from tui.store.mutations import TransitionIssue

    async def body(store: Store) -> int:
        transitions = await store.transitions(args.key)
        chosen = pick_transition(transitions, args.name)
        if chosen is None:
            names = ", ".join(t.name for t in transitions) or "none"
            fail(f"{args.key.upper()} has no transition {args.name!r} now; available: {names}")
            return REFUSED
        try:
            values = field_values(chosen, args.field)
        except ValueError as exc:
            fail(str(exc))
            return USAGE
        await store.dispatch(TransitionIssue(
            key=args.key.upper(), transition_id=chosen.id, transition_name=chosen.name,
            fields=values, comment=args.comment,
        ))
        print(f"{args.key.upper()}: {chosen.name} -> {chosen.to_status.name or 'done'}")
        return OK

    return run_with_store(args, body)


# --- comment --------------------------------------------------------------------------------


def comment_command(args: argparse.Namespace) -> int:
    from tui.store.mutations import AddComment

    if args.file is not None:
        try:
            text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {args.file}: {exc}")
            return USAGE
    else:
        text = args.message
    if not text.strip():
        fail("the comment is empty")
        return USAGE

    async def body(store: Store) -> int:
        key = args.key.upper()
        draft = store.drafts.save(key, "comment", text)
        try:
            await store.dispatch(AddComment(key=key, body=text, draft_id=draft.id))
        except Exception:
            if store.drafts.get(draft.id) is not None:
                print("jiradash: the comment is kept as a draft; the TUI offers it again", file=sys.stderr)
            raise
        print(f"{key}: comment added")
        return OK

    return run_with_store(args, body)


# --- assign ---------------------------------------------------------------------------------


def assign_command(args: argparse.Namespace) -> int:
    from tui.store.mutations import AssignIssue

    async def body(store: Store) -> int:
        key = args.key.upper()
        wanted = args.user.strip()
        if wanted.casefold() == "me":
            assert store.me is not None
            account, name = store.me.account_id, store.me.display_name
        elif wanted.casefold() in ("none", "-", "unassigned"):
            account, name = None, "nobody"
        else:
            users = await store.assignable_users(key, wanted)
            folded = wanted.casefold()
            exact = [u for u in users if folded in (u.account_id.casefold(), (u.email or "").casefold(),
                                                   u.display_name.casefold())]
            found = exact or users
            if len(found) != 1:
                listed = ", ".join(f"{u.display_name} <{u.email or u.account_id}>" for u in found[:10])
                fail(f"{'no' if not found else 'more than one'} assignable user matches {wanted!r}"
                     + (f": {listed}" if found else ""))
                return REFUSED
            account, name = found[0].account_id, found[0].display_name
        await store.dispatch(AssignIssue(key=key, account_id=account, display_name=name))
        print(f"{key}: assigned to {name}")
        return OK

    return run_with_store(args, body)
