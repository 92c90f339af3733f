"""Words and rich text for the seeded world: names from syllables, summaries, ADF documents.

Everything here is a pure function of a `random.Random`, so a seed gives the same text. Rich text
is ADF (the v3 shape; the other shapes convert on the way out). To keep 100,000 issues lean, ADF
comes from `FragmentPool`: a few hundred prebuilt blocks (paragraphs with mentions and links,
headings, lists, code blocks, tables, panels) that many documents share. Shared nodes are never
changed in place; an edit replaces an issue's whole document.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, TypeVar

Node = dict[str, Any]
T = TypeVar("T")

# Person names are built from these syllables; no list of real names is involved.
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "th", "sh")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou")
_CODAS = ("", "", "n", "r", "l", "s", "th", "nd", "rk", "x")

TIME_ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles")

LABELS = (
    "backend", "frontend", "ux", "performance", "security", "tech-debt", "regression", "customer",
    "flaky-test", "docs", "accessibility", "i18n", "api", "infra", "data", "mobile", "release-blocker",
    "needs-triage", "good-first-issue", "spike", "observability", "billing", "search", "onboarding",
)

AREAS = (
    "login page", "search results", "issue view", "CSV export", "billing service", "webhook retries",
    "notification emails", "dashboard widgets", "user settings", "audit log", "API gateway",
    "report builder", "file uploads", "SSO integration", "rate limiter", "sync worker", "admin console",
    "mobile push", "offline mode", "cache layer", "importer", "permissions screen", "date picker",
    "keyboard shortcuts", "activity feed", "project sidebar", "invoice PDF", "query planner",
)
_FAILURES = (
    "crashes", "times out", "shows stale data", "returns a 500", "renders blank", "double-submits",
    "loses the selection", "ignores the time zone", "leaks memory", "is slow", "drops events",
    "sorts wrongly", "shows the wrong locale", "fails silently",
)
_CONDITIONS = (
    "after a session timeout", "with more than 1,000 rows", "on a slow network", "for archived projects",
    "when the name has an emoji", "on the first login", "under heavy load", "in dark mode",
    "after a failed payment", "with SSO enabled", "on Safari", "when two tabs are open",
    "for users in UTC+13", "right after a deploy", "with an empty filter",
)
_ROLES = ("team lead", "new user", "admin", "support agent", "billing contact", "developer", "auditor")
_WANTS = (
    "filter by label", "export my results", "see who changed a field", "undo a bulk edit",
    "pin a favourite dashboard", "get a weekly digest", "invite a teammate", "switch workspaces quickly",
    "search by keyboard alone", "mark items as read", "set a default project", "compare two releases",
)
_TASK_VERBS = ("Upgrade", "Document", "Migrate", "Refactor", "Instrument", "Benchmark", "Clean up", "Automate", "Review", "Split")
_TASK_OBJECTS = (
    "the database driver", "the deploy pipeline", "error budgets", "the onboarding checklist", "feature flags",
    "the staging environment", "dependency pins", "log retention", "the on-call runbook", "backup restores",
)
_EPIC_THEMES = (
    "Self-serve onboarding", "Reporting overhaul", "Faster search", "Accessibility pass", "Billing v2",
    "Mobile parity", "Audit and compliance", "Reliability push", "Data export", "Notifications revamp",
)
_REQUESTS = (
    "Cannot log in", "Need access to", "Request a new licence for", "Password reset for",
    "VPN keeps dropping for", "Printer offline in", "Laptop replacement for", "Shared drive missing for",
)
_CAMPAIGN = (
    "Spring newsletter", "Webinar follow-up", "Landing page refresh", "Partner announcement",
    "Trade show booth", "Case study draft", "Pricing page copy", "Social media calendar",
)

_SENTENCES = (
    "This started after the last release and affects a handful of customers.",
    "Steps to reproduce are below; it happens about one time in five.",
    "We should keep the old behaviour behind a flag until the migration is done.",
    "The logs show a retry storm just before the failure.",
    "Support has three tickets that look like the same root cause.",
    "A quick fix is possible, but the proper one touches the sync worker.",
    "Design signed off on the mock-ups last week.",
    "Please check the numbers against the staging dashboard before merging.",
    "The acceptance criteria are listed below; anything else is out of scope.",
    "This blocks the next release if we cannot find a workaround.",
    "We agreed to measure first and optimise second.",
    "The customer is happy to test a build on their side.",
)
_COMMENTS = (
    "I can reproduce this on staging.",
    "Looks like a duplicate of the cache issue from last sprint.",
    "Picked this up, will have a draft PR by tomorrow.",
    "Moved to the next sprint, we ran out of time.",
    "Verified the fix on the release candidate.",
    "Can we get a screenshot of the error?",
    "The workaround is to clear the local cache and sign in again.",
    "Added a test that fails without the fix.",
    "Discussed in stand-up: keep the scope small.",
    "Customer confirmed it works now, thanks!",
    "This needs a product decision before we continue.",
    "Reverted the change; it broke the nightly export.",
)
_CODE = (
    ("python", "def retry(fn, attempts=3):\n    for n in range(attempts):\n        try:\n            return fn()\n        except TimeoutError:\n            if n == attempts - 1:\n                raise"),
    ("sql", "SELECT project, count(*)\nFROM issues\nWHERE resolution IS NULL\nGROUP BY project\nORDER BY 2 DESC;"),
    ("json", '{\n  "status": 500,\n  "error": "upstream timed out",\n  "retryable": true\n}'),
    ("bash", "curl -s -u \"$USER:$TOKEN\" \"$BASE/rest/api/3/myself\" | jq .displayName"),
    ("java", "java.lang.IllegalStateException: Session closed\n\tat com.example.sync.Worker.run(Worker.java:88)\n\tat java.base/java.lang.Thread.run(Thread.java:833)"),
    ("yaml", "retries:\n  max: 5\n  backoff: exponential\ntimeout_seconds: 30"),
)
_LINKS = (
    ("runbook", "https://example.com/runbooks/sync-worker"),
    ("design doc", "https://example.com/docs/design/search"),
    ("dashboard", "https://example.com/grafana/d/api-latency"),
    ("release notes", "https://example.com/releases/latest"),
)
_PANELS = ("info", "note", "warning", "success", "error")

FILENAMES = (
    ("screenshot.png", "image/png"), ("error.log", "text/plain"), ("trace.har", "application/json"),
    ("design.pdf", "application/pdf"), ("export.csv", "text/csv"), ("recording.mp4", "video/mp4"),
)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One of `items`; faster than `rng.choice`, which matters for 100,000 issues."""
    return items[int(rng.random() * len(items))]


def person_name(rng: random.Random) -> tuple[str, str]:
    def word(syllables: int) -> str:
        parts = [pick(rng, _ONSETS) + pick(rng, _VOWELS) for _ in range(syllables)]
        return ("".join(parts) + pick(rng, _CODAS)).capitalize()

    return word(2), word(2 + int(rng.random() * 2))


def summary(rng: random.Random, type_name: str) -> str:
    if type_name == "Epic":
        return f"{pick(rng, _EPIC_THEMES)}: {pick(rng, AREAS)}"
    if type_name == "Story":
        role = pick(rng, _ROLES)
        article = "an" if role[0] in "aeiou" else "a"
        return f"As {article} {role}, I can {pick(rng, _WANTS)} in the {pick(rng, AREAS)}"
    if type_name in ("Bug", "Incident"):
        area = pick(rng, AREAS)
        return f"{area[0].upper()}{area[1:]} {pick(rng, _FAILURES)} {pick(rng, _CONDITIONS)}"
    if type_name == "Service Request":
        return f"{pick(rng, _REQUESTS)} the {pick(rng, AREAS)}"
    if type_name == "Campaign":
        return f"{pick(rng, _CAMPAIGN)} for the {pick(rng, AREAS)}"
    return f"{pick(rng, _TASK_VERBS)} {pick(rng, _TASK_OBJECTS)} in the {pick(rng, AREAS)}"


# --- ADF ----------------------------------------------------------------------------------------


def text(value: str, *marks: Node) -> Node:
    node: Node = {"type": "text", "text": value}
    if marks:
        node["marks"] = list(marks)
    return node


def link_mark(href: str) -> Node:
    return {"type": "link", "attrs": {"href": href}}


def paragraph(*content: Node) -> Node:
    return {"type": "paragraph", "content": list(content)}


def heading(level: int, value: str) -> Node:
    return {"type": "heading", "attrs": {"level": level}, "content": [text(value)]}


def mention(account_id: str, display_name: str) -> Node:
    return {"type": "mention", "attrs": {"id": account_id, "text": f"@{display_name}", "accessLevel": ""}}


def bullet_list(items: list[str], *, ordered: bool = False) -> Node:
    return {
        "type": "orderedList" if ordered else "bulletList",
        "content": [{"type": "listItem", "content": [paragraph(text(item))]} for item in items],
    }


def code_block(language: str, code: str) -> Node:
    return {"type": "codeBlock", "attrs": {"language": language}, "content": [text(code)]}


def table(rows: list[list[str]]) -> Node:
    def cell(kind: str, value: str) -> Node:
        return {"type": kind, "attrs": {}, "content": [paragraph(text(value))]}

    head, *body = rows
    return {
        "type": "table",
        "attrs": {"isNumberColumnEnabled": False, "layout": "default"},
        "content": [
            {"type": "tableRow", "content": [cell("tableHeader", value) for value in head]},
            *({"type": "tableRow", "content": [cell("tableCell", value) for value in row]} for row in body),
        ],
    }


def panel(kind: str, value: str) -> Node:
    return {"type": "panel", "attrs": {"panelType": kind}, "content": [paragraph(text(value))]}


def doc(content: list[Node]) -> Node:
    return {"type": "doc", "version": 1, "content": content}


class FragmentPool:
    """Prebuilt, shared ADF blocks; `description()` and `comment()` assemble documents from them."""

    def __init__(self, rng: random.Random, people: list[tuple[str, str]]) -> None:
        self.rng = rng
        self.prose = [self._prose(people) for _ in range(160)]
        self.headings = [heading(level, title) for level in (2, 3) for title in ("Context", "Steps to reproduce", "Expected", "Acceptance criteria", "Notes", "Rollout")]
        self.lists = [
            bullet_list([pick(rng, _SENTENCES) for _ in range(2 + int(rng.random() * 3))], ordered=rng.random() < 0.4)
            for _ in range(40)
        ]
        self.code = [code_block(language, code) for language, code in _CODE]
        self.tables = [
            table([["Environment", "Result", "Time"]] + [[pick(rng, ("staging", "production", "local", "CI")), pick(rng, ("pass", "fail", "flaky")), f"{int(rng.random() * 900) + 50} ms"] for _ in range(3)])
            for _ in range(12)
        ]
        self.panels = [panel(pick(rng, _PANELS), pick(rng, _SENTENCES)) for _ in range(20)]
        self.comments = [doc([self._comment_paragraph(people)]) for _ in range(240)]

    def _prose(self, people: list[tuple[str, str]]) -> Node:
        rng = self.rng
        parts: list[Node] = [text(pick(rng, _SENTENCES) + " ")]
        roll = rng.random()
        if roll < 0.35 and people:
            account_id, name = pick(rng, people)
            parts += [text("Cc "), mention(account_id, name), text(" for a second look.")]
        elif roll < 0.6:
            label, href = pick(rng, _LINKS)
            parts += [text("See the "), text(label, link_mark(href)), text(".")]
        else:
            parts.append(text(pick(rng, _SENTENCES), {"type": "strong"} if rng.random() < 0.3 else {"type": "em"}))
        return paragraph(*parts)

    def _comment_paragraph(self, people: list[tuple[str, str]]) -> Node:
        rng = self.rng
        if people and rng.random() < 0.25:
            account_id, name = pick(rng, people)
            return paragraph(mention(account_id, name), text(" " + pick(rng, _COMMENTS)))
        return paragraph(text(pick(rng, _COMMENTS)))

    def description(self) -> Node:
        """A new document (fresh top-level list) built from shared blocks."""
        rng = self.rng
        content: list[Node] = [pick(rng, self.prose)]
        roll = rng.random()
        if roll < 0.5:
            content += [pick(rng, self.headings), pick(rng, self.lists)]
        if rng.random() < 0.2:
            content.append(pick(rng, self.code))
        if rng.random() < 0.1:
            content.append(pick(rng, self.tables))
        if rng.random() < 0.15:
            content.append(pick(rng, self.panels))
        if roll > 0.7:
            content.append(pick(rng, self.prose))
        return doc(content)

    def comment(self) -> Node:
        return pick(self.rng, self.comments)
