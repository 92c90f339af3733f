"""`jiradash projects [--json] [--query Q] [--type T] [--category ID-or-name] [--order-by F]` and
`jiradash project KEY [--json]`: projects from the shell, through the store's `ProjectsService`
(cli -> store -> api, no Textual).

`projects` lists the projects the user may browse (recently viewed first with `--recent`),
narrowed by `--query` (in key or name), `--type` and `--category` and ordered by `--order-by`
(`/project/search`'s parameters; `-` before the field for descending); `project KEY` shows one:
what it is, its components and versions, issue types by hierarchy level, statuses per issue
type, roles with their members (users and groups) and notification scheme
(each part the server refuses or lacks is left out, and said so on stderr). Text from the server
passes `safe_line` / `safe_text`; `--json` prints the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

from tui.commands.headless_run import OK, UsageError, common_options, run_with_store

if TYPE_CHECKING:  # models, rendering and the store load when a command runs, not for `--help`
    from tui.models import Project, ProjectCategory
    from tui.models.project_detail import (
        HierarchyLevel,
        IssueTypeStatuses,
        NotificationScheme,
        ProjectRole,
    )
    from tui.store.store import Store

__all__ = ["project_json", "projects_table", "register"]

T = TypeVar("T")
TYPES = (
    "software",
    "service_desk",
    "business",
)  # as tui.api.projects.TYPE_KEYS, without importing it
ORDER_FIELDS = ("key", "name", "category", "owner", "issueCount", "lastIssueUpdatedDate")


def order_by(value: str) -> str:
    """`name`, `+name` or `-name` for a field `/project/search` sorts by."""
    if value.lstrip("+-") not in ORDER_FIELDS:
        raise argparse.ArgumentTypeError(
            f"{value!r}: one of {', '.join(ORDER_FIELDS)}, with - before it for descending"
        )
    return value


def register(sub: Any) -> None:
    parent = common_options()
    p = sub.add_parser("projects", parents=[parent], help="list projects")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--query", metavar="Q", default="", help="only projects whose key or name holds Q"
    )
    p.add_argument("--type", choices=TYPES, default=None, help="only projects of this type")
    p.add_argument(
        "--category", metavar="ID-or-name", default=None, help="only projects in this category"
    )
    p.add_argument(
        "--order-by",
        metavar="F",
        type=order_by,
        default="key",
        help=f"sort by {', '.join(ORDER_FIELDS)} (-F: descending; default key)",
    )
    p.add_argument("--recent", action="store_true", help="recently viewed projects first")
    p.add_argument("--refresh", action="store_true", help="ignore the cache")
    p.set_defaults(run=projects_command)

    p = sub.add_parser("project", parents=[parent], help="show one project")
    p.add_argument("key", help="project key, e.g. DASH")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--refresh", action="store_true", help="ignore the cache")
    p.set_defaults(run=project_command)


# --- shapes ---------------------------------------------------------------------------------


def project_json(project: Project) -> dict[str, Any]:
    return {
        "id": project.id,
        "key": project.key,
        "name": project.name,
        "projectTypeKey": project.type_key,
        "category": project.category.name if project.category else None,
        "lead": project.lead.display_name if project.lead else None,
        "leadAccountId": project.lead.account_id if project.lead else None,
        "issueCount": project.issue_count,
        "url": project.url or None,
        "description": project.description,
        "archived": project.archived,
        "deleted": project.deleted,
    }


def projects_table(projects: list[Project]) -> str:
    from tui.models.project_detail import PROJECT_TYPES
    from tui.render.safe import safe_line

    header = ("KEY", "NAME", "TYPE", "CATEGORY", "LEAD", "ISSUES")
    rows = [
        (
            safe_line(p.key),
            safe_line(p.name),
            PROJECT_TYPES.get(p.type_key, safe_line(p.type_key)),
            safe_line(p.category.name) if p.category else "",
            safe_line(p.lead.display_name) if p.lead else "",
            f"{p.issue_count}" if p.issue_count is not None else "",
        )
        for p in projects
    ]
    widths = [max([len(h)] + [len(r[n]) for r in rows]) for n, h in enumerate(header)]
    lines = []
    for row in (header, *rows):
        cells = [
            cell.rjust(w) if n == 5 else cell.ljust(w)
            for n, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _detail_text(
    project: Project,
    levels: list[HierarchyLevel],
    statuses: list[IssueTypeStatuses] | None,
    roles: list[ProjectRole] | None,
    scheme: NotificationScheme | None,
) -> str:
    from tui.models.project_detail import PROJECT_TYPES
    from tui.render.safe import safe_line, safe_text

    out = [f"{safe_line(project.key)}  {safe_line(project.name)}"]
    facts = [f"Type: {PROJECT_TYPES.get(project.type_key, safe_line(project.type_key))}"]
    facts.append(f"Category: {safe_line(project.category.name) if project.category else 'none'}")
    facts.append(f"Lead: {safe_line(project.lead.display_name) if project.lead else 'nobody'}")
    if project.issue_count is not None:
        facts.append(f"Issues: {project.issue_count}")
    out.append("   ".join(facts))
    out.append(f"URL: {safe_line(project.url) or 'none'}")
    if project.description:
        out += ["", safe_text(project.description).strip()]
    out += [
        "",
        f"Components ({len(project.components)}): "
        + ", ".join(safe_line(c.name) for c in project.components),
    ]
    out.append(f"Versions ({len(project.versions)}):")
    for v in project.versions:
        when = v.release_date.isoformat() if v.release_date else "no date"
        state = "released" if v.released else "unreleased"
        out.append(f"  {safe_line(v.name)}  {state}  {when}" + ("  archived" if v.archived else ""))
    out.append("Issue types by hierarchy level:")
    for level in levels:
        names = ", ".join(safe_line(t.name) for t in level.issue_types)
        out.append(f"  {level.level:>2} {safe_line(level.name)}: {names}")
    if statuses is not None:
        out.append("Statuses:")
        for entry in statuses:
            names = ", ".join(safe_line(s.name) for s in entry.statuses)
            out.append(f"  {safe_line(entry.issue_type.name)}: {names}")
    if roles is not None:
        out.append("Roles:")
        for role in roles:
            people = ", ".join(
                safe_line(a.name) + (" (group)" if a.kind == "group" else "")
                for a in role.actors or ()
            )
            out.append(f"  {safe_line(role.name)}: {people or 'nobody'}")
    if scheme is not None:
        out.append(f"Notification scheme: {safe_line(scheme.name)} ({len(scheme.events)} events)")
    return "\n".join(out) + "\n"


# --- commands -------------------------------------------------------------------------------


def projects_command(args: argparse.Namespace) -> int:
    from tui.store.projects import ProjectsService

    async def body(store: Store) -> int:
        service = ProjectsService.of(store)
        category = None
        if args.category:
            category = category_of(args.category, await service.categories())
        projects = await service.all(
            args.query,
            type_key=args.type,
            category_id=category.id if category else None,
            order_by=args.order_by,
            refresh=args.refresh,
        )
        if args.recent:
            recent = [p.key for p in await service.recent(refresh=args.refresh)]
            rank = {key: n for n, key in enumerate(recent)}
            projects.sort(key=lambda p: rank.get(p.key, len(rank)))
        if args.json:
            sys.stdout.write(json.dumps([project_json(p) for p in projects], indent=2) + "\n")
        else:
            sys.stdout.write(projects_table(projects))
        return OK

    return run_with_store(args, body)


def category_of(wanted: str, categories: list[ProjectCategory]) -> ProjectCategory:
    """The category whose id or name (any case) is `wanted`; a usage error naming the others."""
    folded = wanted.strip().casefold()
    for category in categories:
        if category.id == wanted.strip() or category.name.casefold() == folded:
            return category
    from tui.render.safe import safe_line

    known = ", ".join(f"{c.id} ({safe_line(c.name)})" for c in categories) or "none"
    raise UsageError(f"no project category {safe_line(wanted)!r}; this Jira has: {known}")


async def _part(what: str, read: Awaitable[T]) -> T | None:
    """One part of the page; what the server refuses or lacks is left out, said on stderr."""
    from tui.store.errors import StoreError

    try:
        return await read
    except StoreError as error:
        print(f"jiradash: {what} left out: {error.message}", file=sys.stderr)
        return None


def project_command(args: argparse.Namespace) -> int:
    import asyncio

    from tui.store.projects import ProjectsService

    async def body(store: Store) -> int:
        service = ProjectsService.of(store)
        key = args.key.strip().upper()
        project = await service.project(key, refresh=args.refresh)
        levels, statuses, roles, scheme = await asyncio.gather(
            _part("issue type hierarchy", service.hierarchy(project, refresh=args.refresh)),
            _part("statuses", service.statuses(key, refresh=args.refresh)),
            _part("roles", service.role_members(key, refresh=args.refresh)),
            _part("notification scheme", service.notification_scheme(key, refresh=args.refresh)),
        )
        if not args.json:
            sys.stdout.write(_detail_text(project, levels or [], statuses, roles, scheme))
            return OK
        data = project_json(project)
        data["components"] = [c.name for c in project.components]
        data["versions"] = [
            {
                "name": v.name,
                "released": v.released,
                "archived": v.archived,
                "releaseDate": v.release_date.isoformat() if v.release_date else None,
            }
            for v in project.versions
        ]
        data["hierarchy"] = [
            {"level": lv.level, "name": lv.name, "issueTypes": [t.name for t in lv.issue_types]}
            for lv in levels or []
        ]
        if statuses is not None:
            data["statuses"] = {s.issue_type.name: [x.name for x in s.statuses] for s in statuses}
        if roles is not None:
            data["roles"] = [
                {
                    "id": r.id,
                    "name": r.name,
                    "actors": [
                        {"type": a.kind, "name": a.name, "id": a.id} for a in r.actors or ()
                    ],
                }
                for r in roles
            ]
        if scheme is not None:
            data["notificationScheme"] = {
                "name": scheme.name,
                "events": {e.name: list(e.recipients) for e in scheme.events},
            }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return OK

    return run_with_store(args, body)
