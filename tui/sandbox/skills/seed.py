"""Deterministic seeding of the Skills for Jira state from the sandbox's world and config.

The tree has the catalogue's eight top categories. Its skills, `config.skills` of them (matrix
columns; a leveled skill is four leaves, one per level), are chosen in this order: each
category's discipline skill, the names the API page's examples use, the seeded issues' labels (bar workflow markers such as `needs-triage`)
and component names, most used first, so skill-aware assignment has signal, the catalogue, then generated names. Each active user
gets a discipline at a level, a handful of skills mostly from that discipline, and — with high
probability — the skills named after the labels and components of the issues assigned to them.
"""

from __future__ import annotations

import random
import re
import uuid
from collections import Counter
from typing import TYPE_CHECKING

from tui.models.skill_match import norm
from tui.models.skills import LEVELS, with_level
from tui.sandbox.skills.catalog import (
    ASPECTS,
    CATALOG,
    DEFAULT_PLACE,
    DOCUMENTED,
    LEVELED,
    PLACEMENT,
    PROCESS_LABELS,
    TOPICS,
)
from tui.sandbox.skills.state import DEFAULT_TOKEN, Category, SkillsState, make_triggers

if TYPE_CHECKING:
    from tui.sandbox.app import SandboxConfig
    from tui.sandbox.world import World

TOOLS = "Tools & Platforms"
# How often each level is held: most people are Competent, few are Masters.
LEVEL_WEIGHTS = (3, 4, 2, 1)


def title_of(label: str) -> str:
    """A label as a skill name: `tech-debt` -> `Tech Debt`, `ux` -> `UX`; capitals are kept."""
    if label != label.lower():
        return label
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in re.split(r"[-_\s]+", label) if w)


def place_of(name: str) -> tuple[str, str]:
    key = norm(name)
    for keyword, place in PLACEMENT:
        if keyword in key:
            return place
    return DEFAULT_PLACE


class _Builder:
    """Collects (top, sub, skill) slots without duplicates (compared in `norm` form)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.slots: list[tuple[str, str | None, str]] = []
        self.seen: set[str] = set()

    @property
    def full(self) -> bool:
        return len(self.slots) >= self.budget

    def add(self, top: str, sub: str | None, name: str) -> bool:
        key = norm(name)
        if self.full or not key or key in self.seen:
            return False
        self.seen.add(key)
        self.slots.append((top, sub, name))
        return True


def jira_terms(world: World) -> list[str]:
    """Issue labels and component names, most used first (ties by name, for determinism)."""
    counts: Counter[str] = Counter()
    component_names = {c.id: c.name for p in world.projects.values() for c in p.components}
    for issue in world.issues.values():
        counts.update(issue.labels)
        counts.update(component_names[c] for c in issue.component_ids if c in component_names)
    for name in component_names.values():
        counts[name] += 0
    return sorted(counts, key=lambda t: (-counts[t], t))


def choose_skills(world: World, budget: int) -> tuple[list[tuple[str, str | None, str]], set[str]]:
    """The skill slots and the set of leveled skill names."""
    b = _Builder(budget)
    leveled: set[str] = set()
    for top, (discipline, _) in CATALOG.items():
        if b.add(top, None, discipline):
            leveled.add(discipline)
    for top, sub, name in DOCUMENTED:
        b.add(top, sub, name)
    catalog_names = {norm(s): (top, sub, s)
                     for top, (_, subs) in CATALOG.items() for sub, names in subs.items() for s in names}
    terms = [t for t in jira_terms(world) if norm(t) not in PROCESS_LABELS]
    for term in terms[: max(budget // 2, 1)]:
        if norm(term) in catalog_names:
            top, sub, name = catalog_names[norm(term)]
            b.add(top, sub, name)
        else:
            top, sub = place_of(term)
            b.add(top, sub, title_of(term))
    for top, (_, subs) in CATALOG.items():
        for sub, names in subs.items():
            for name in names:
                b.add(top, sub, name)
    tops = list(CATALOG)
    n = 0
    while not b.full and n < len(TOPICS) * len(ASPECTS):
        topic, aspect = TOPICS[n % len(TOPICS)], ASPECTS[n // len(TOPICS)]
        b.add(tops[n % len(tops)], TOOLS, f"{topic} {aspect}")
        n += 1
    leveled.update(name for _, _, name in b.slots if name in LEVELED)
    return b.slots, leveled


def build_tree(slots: list[tuple[str, str | None, str]], leveled: set[str],
               rng: random.Random) -> list[Category]:
    def new_key() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    roots: dict[str, Category] = {}
    subs: dict[tuple[str, str], Category] = {}
    for top, sub, name in slots:
        root = roots.get(top)
        if root is None:
            root = roots[top] = Category(key=new_key(), name=top)
        parent = root
        if sub is not None:
            parent = subs.get((top, sub)) or Category(key=new_key(), name=sub)
            if (top, sub) not in subs:
                subs[(top, sub)] = parent
                root.children.append(parent)
        leaves = [with_level(name, lv) for lv in LEVELS] if name in leveled else [name]
        parent.children.extend(leaves)
    return [roots[top] for top in CATALOG if top in roots]


def seed_state(world: World, config: SandboxConfig) -> SkillsState:
    rng = random.Random(f"skills:{config.seed}")
    slots, leveled = choose_skills(world, max(int(config.skills), len(CATALOG)))
    roots = build_tree(slots, leveled, rng)
    by_top: dict[str, list[str]] = {}
    by_norm: dict[str, str] = {}
    for top, _, name in slots:
        by_top.setdefault(top, []).append(name)
        by_norm[norm(name)] = name
    disciplines = {top: d for top, (d, _) in CATALOG.items() if d in by_top.get(top, ())}
    all_names = [name for _, _, name in slots]

    def at_level(name: str) -> str:
        return with_level(name, rng.choices(LEVELS, LEVEL_WEIGHTS)[0]) if name in leveled else name

    own_terms: dict[str, Counter[str]] = {}
    component_names = {c.id: c.name for p in world.projects.values() for c in p.components}
    for issue in world.issues.values():
        if issue.assignee:
            terms = own_terms.setdefault(issue.assignee, Counter())
            terms.update(issue.labels)
            terms.update(component_names[c] for c in issue.component_ids if c in component_names)

    held: dict[str, list[str]] = {}
    tops = list(disciplines)
    for account_id, user in world.users.items():
        if not user.active or rng.random() < 0.05:
            continue  # a few people have no skills recorded
        top = rng.choice(tops)
        picks: list[str] = [disciplines[top]]
        home = [n for n in by_top[top] if n != disciplines[top]]
        picks += rng.sample(home, min(len(home), rng.randint(2, 6)))
        picks += rng.sample(all_names, min(len(all_names), rng.randint(1, 4)))
        for term, _ in sorted(own_terms.get(account_id, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))[:3]:
            match = by_norm.get(norm(term))
            if match is not None and rng.random() < 0.85:
                picks.append(match)
        held[account_id] = [at_level(name) for name in dict.fromkeys(picks)]
    token = str(config.extra.get("skills_token") or DEFAULT_TOKEN)
    return SkillsState(token=token, triggers=make_triggers(config.seed), roots=roots, held=held)
