"""The seeded world: a deterministic function of `SandboxConfig` (seed, users, projects, issues).

Dates: every seeded timestamp lies in the nine months before `SEED_EPOCH`, a fixed instant, so
the same seed gives byte-identical data on any day. The sandbox's clock is real time (new
comments, `now()` in JQL); a relative query such as `updated >= -7d` therefore finds only what
was changed since the sandbox started, and `updated >= "2026-10-25"` finds seeded data.

Fixed across seeds: the workflow, statuses, issue types, priorities, resolutions, link types,
the project keys (DASH, CORE, MKT, HELP, MOB, ...), and the two demo accounts. Account ids are
derived from usernames, so `alice` has the same accountId in every world. Only a fraction of
issues get comments, worklogs, watchers, votes, attachments and changelog, and rich text comes
from shared fragments (`seed_text.FragmentPool`), which keeps `--issues 100000` lean.
"""

from __future__ import annotations

import bisect
import gc
import random
from datetime import timedelta
from typing import TYPE_CHECKING

from tui.sandbox import seed_text as words
from tui.sandbox.seed_catalog import (
    CATEGORIES,
    DEMO_ACCOUNTS,
    ISSUE_TYPES,
    LINK_DRAW,
    LINK_TYPES,
    PRIORITIES,
    PROJECTS,
    RESOLUTIONS,
    SEED_EPOCH,
    SPAN,
    STATUSES,
    TRANSITIONS,
    TYPE_MIX,
    account_id,
)
from tui.sandbox.seed_issues import IssueMaker
from tui.sandbox.world import (
    SandboxComponent,
    SandboxFilter,
    SandboxLink,
    SandboxProject,
    SandboxUser,
    SandboxVersion,
    World,
)

if TYPE_CHECKING:
    from tui.sandbox.app import SandboxConfig


def _users(rng: random.Random, count: int) -> list[SandboxUser]:
    users = [
        SandboxUser(account_id(name), name, display, email, token, password, admin)
        for name, display, email, token, password, admin in DEMO_ACCOUNTS
    ]
    taken = {user.name for user in users}
    while len(users) < max(count, len(DEMO_ACCOUNTS)):
        first, last = words.person_name(rng)
        name = (first[0] + last).lower()
        if name in taken:
            continue
        taken.add(name)
        users.append(
            SandboxUser(
                account_id(name),
                name,
                f"{first} {last}",
                f"{first.lower()}.{last.lower()}@example.com",
                token=f"sandbox-token-{name}",
                password=f"sandbox-password-{name}",
                active=rng.random() > 0.05,
                time_zone=words.pick(rng, words.TIME_ZONES),
            )
        )
    return users


def _projects(rng: random.Random, world: World, count: int, leads: list[str]) -> list[tuple[SandboxProject, int]]:
    chosen = list(PROJECTS[:count])
    for n in range(len(chosen), count):
        chosen.append((f"PRJ{n + 1}", f"Project {n + 1}", "software", "10000", "", 1))
    out = []
    for key, name, type_key, category, lead, weight in chosen:
        project = SandboxProject(
            id=world.new_id(),
            key=key,
            name=name,
            type_key=type_key,
            lead=account_id(lead) if lead else words.pick(rng, leads),
            description=f"{name}: issues, releases and plans of the {name.lower()} team.",
            category_id=category,
            issue_type_ids=[type_id for type_id, _ in TYPE_MIX[type_key]],
            template_key=f"com.pyxis.greenhopper.jira:gh-simplified-{'scrum-classic' if type_key == 'software' else 'basic'}",
        )
        areas = rng.sample(words.AREAS, 3 + int(rng.random() * 3))
        project.components = [
            SandboxComponent(world.new_id(), area.capitalize(), f"Everything about the {area}.", words.pick(rng, leads))
            for area in areas
        ]
        n_versions = 6 if type_key == "software" else 2
        for v in range(n_versions):
            release = (SEED_EPOCH - SPAN + SPAN * (v + 1) / (n_versions - 1)).date()
            project.versions.append(
                SandboxVersion(
                    world.new_id(),
                    f"{1 + v // 3}.{v % 3}" if type_key == "software" else f"Wave {v + 1}",
                    f"Release {v + 1} of {name}",
                    released=release < SEED_EPOCH.date(),
                    release_date=release,
                    start_date=release - timedelta(days=45),
                )
            )
        out.append((project, weight))
    return out


def _base_world() -> World:
    world = World()
    world.statuses = {s.id: s for s in STATUSES}
    world.issue_types = {t.id: t for t in ISSUE_TYPES}
    world.priorities = {p.id: p for p in PRIORITIES}
    world.resolutions = {r.id: r for r in RESOLUTIONS}
    world.link_types = {t.id: t for t in LINK_TYPES}
    world.transitions = list(TRANSITIONS)
    world.categories = {c.id: c for c in CATEGORIES}
    return world


def _links(rng: random.Random, world: World, keys: list[str]) -> None:
    if len(keys) < 2:
        return
    seen: set[tuple[str, str]] = set()
    for _ in range(int(len(keys) * 0.12)):
        a = int(rng.random() * len(keys))
        b = min(len(keys) - 1, max(0, a + int((rng.random() - 0.5) * 60)))  # mostly neighbours in time
        outward, inward = keys[a], keys[b]
        if outward == inward or (outward, inward) in seen:
            continue
        seen.add((outward, inward))
        link = SandboxLink(world.new_id(), LINK_DRAW(rng), outward, inward)
        world.links[link.id] = link


def _filters(world: World) -> None:
    alice, bob = account_id("alice"), account_id("bob")
    for owner, name, jql, description in (
        (alice, "My open issues", "assignee = currentUser() AND resolution IS EMPTY ORDER BY priority DESC, updated DESC", "What is on my plate"),
        (alice, "Dashboard bugs", "project = DASH AND issuetype = Bug ORDER BY created DESC", ""),
        (alice, "Blockers", 'priority in (Highest, High) AND statusCategory != Done ORDER BY priority DESC', "High and highest, not done"),
        (bob, "Reported by me", "reporter = currentUser() ORDER BY created DESC", ""),
        (bob, "Marketing in review", 'project = MKT AND status = "In Review" ORDER BY updated DESC', ""),
    ):
        world_filter = SandboxFilter(world.new_id(), name, jql, owner, [owner], description)
        world.filters[world_filter.id] = world_filter
    shared = SandboxFilter(world.new_id(), "Recently resolved", "resolved >= -30d ORDER BY resolved DESC", alice, [alice, bob])
    world.filters[shared.id] = shared


def seed_world(config: SandboxConfig) -> World:
    """The world for a config; the cyclic GC is paused meanwhile (the seed makes no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _seed_world(config)
    finally:
        if enabled:
            gc.enable()


def _seed_world(config: SandboxConfig) -> World:
    rng = random.Random(config.seed)
    world = _base_world()
    users = _users(rng, config.users)
    world.users = {user.account_id: user for user in users}
    leads = [u.account_id for u in users if u.active]
    projects = _projects(rng, world, max(1, config.projects), leads)
    world.projects = {project.key: project for project, _ in projects}
    cumulative: list[int] = []
    for _, weight in projects:
        cumulative.append((cumulative[-1] if cumulative else 0) + weight)
    # Creation times first, sorted, so keys count up with time as in Jira.
    span = SPAN.total_seconds()
    ages = sorted((rng.random() for _ in range(config.issues)), reverse=True)
    maker = IssueMaker(rng, world, users)
    world.next_id = max(world.next_id, 100000 + config.issues)  # keep issue ids and other ids apart
    issues = world.issues
    for number, age in enumerate(ages, start=1):
        project = projects[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])][0]
        issue = maker.make(number, project, SEED_EPOCH - timedelta(seconds=age * span))
        issues[issue.key] = issue
    _links(rng, world, list(issues))
    _filters(world)
    world.version = 0
    return world
