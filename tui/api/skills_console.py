"""Which pasted URL is which Skills operation: reading the administration console's endpoint list.

Skills for Jira lists its six web-trigger URLs in its administration console; the URLs
themselves say nothing of the operation, so the words around each URL decide: its title
("Add user skills"), an HTTP method beside it (PUT only adds, DELETE only removes, POST only
bulk-updates), or words in the URL's path when it has any. A pasted JSON object keyed by
operation (the `JIRA_SKILLS_URLS` form) is taken as it is. `read_console_block` says what it
settled and what it could not; `parse_console_block` insists on all six.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from tui.models.skills import OPERATIONS

_URL = re.compile(r"https?://[^\s<>\"'`]+")
_WORD = re.compile(r"[a-z]+")
_METHODS: dict[str, frozenset[str]] = {
    "GET": frozenset({"user_skills", "all_skills", "skill_tree"}),
    "PUT": frozenset({"add_skills"}),
    "DELETE": frozenset({"remove_skills"}),
    "POST": frozenset({"bulk_update"}),
}
_METHOD = re.compile(r"\b(GET|PUT|DELETE|POST)\b")


def _title_ops(text: str) -> frozenset[str]:
    """The operations a title or path names; empty when it names none."""
    words = set(_WORD.findall(text.lower().replace("'", "")))
    if "tree" in words:
        return frozenset({"skill_tree"})
    if words & {"bulk", "update", "import"}:
        return frozenset({"bulk_update"})
    if words & {"remove", "removes", "delete"}:
        return frozenset({"remove_skills"})
    if words & {"add", "adds"}:
        return frozenset({"add_skills"})
    if "all" in words or "mapping" in words:
        return frozenset({"all_skills"})
    if words & {"user", "users"} and words & {"skill", "skills"}:
        return frozenset({"user_skills"})
    return frozenset()


@dataclass
class ConsoleBlock:
    """What a pasted block says: settled URLs, and what is left to ask about."""

    urls: dict[str, str] = field(default_factory=dict)  # operation -> URL
    unresolved: dict[str, tuple[str, ...]] = field(default_factory=dict)  # URL -> candidate ops

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(op for op in OPERATIONS if op not in self.urls)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unresolved

    def problem(self) -> str:
        parts = [
            f"{url} could be {' or '.join(ops)}" if ops else f"{url} matches no operation left"
            for url, ops in self.unresolved.items()
        ]
        maybe = {op for ops in self.unresolved.values() for op in ops}
        lost = [op for op in self.missing if op not in maybe]
        if lost:
            parts.append("no URL for " + ", ".join(lost))
        return "; ".join(parts)


class ConsoleBlockError(ValueError):
    def __init__(self, block: ConsoleBlock) -> None:
        super().__init__(f"cannot tell the Skills URLs apart: {block.problem()}")
        self.block = block


def _from_json(text: str) -> ConsoleBlock | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not set(data) <= set(OPERATIONS):
        return None
    return ConsoleBlock(urls={op: str(data[op]) for op in OPERATIONS if op in data})


def _candidates(context: list[str], url: str) -> frozenset[str]:
    """Nearest line first: the first words that name an operation decide; a method narrows."""
    methods: frozenset[str] = frozenset(OPERATIONS)
    for line in context:
        for verb in _METHOD.findall(line):
            methods &= _METHODS[verb]
    for line in context:
        named = _title_ops(line)
        if named:
            return (named & methods) or named
    path = url.split("://", 1)[-1].partition("/")[2]
    named = _title_ops(re.sub(r"[-_/]", " ", path))
    return (named & methods) if named and named & methods else methods


def read_console_block(text: str) -> ConsoleBlock:
    block = _from_json(text.strip())
    if block is not None:
        return block
    found: list[tuple[str, frozenset[str]]] = []
    pending: list[str] = []  # lines since the last URL, nearest last
    for raw in text.splitlines():
        matches = list(_URL.finditer(raw))
        if not matches:
            if raw.strip():
                pending.append(raw)
            continue
        for i, match in enumerate(matches):
            url = match.group(0).rstrip(".,;:)]}")
            before = raw[matches[i - 1].end() if i else 0 : match.start()]
            after = raw[match.end() : matches[i + 1].start() if i + 1 < len(matches) else len(raw)]
            context = [before, after, *reversed(pending)] if i == 0 else [before, after]
            found.append((url, _candidates([c for c in context if c.strip()], url)))
        pending = []
    return _settle(found)


def _settle(found: list[tuple[str, frozenset[str]]]) -> ConsoleBlock:
    """Assign URLs whose operation is certain, then let those certainties narrow the rest."""
    block = ConsoleBlock()
    open_: dict[str, set[str]] = {}
    for url, ops in found:
        open_.setdefault(url, set(OPERATIONS)).intersection_update(ops)
    changed = True
    while changed:
        changed = False
        for url, left in list(open_.items()):
            left -= set(block.urls)
            if len(left) == 1:
                block.urls[left.pop()] = url
                del open_[url]
                changed = True
    block.unresolved = {u: tuple(op for op in OPERATIONS if op in left) for u, left in open_.items()}
    return block


def parse_console_block(text: str) -> dict[str, str]:
    """Operation -> URL for all six, or `ConsoleBlockError` saying what is ambiguous or missing."""
    block = read_console_block(text)
    if not block.complete:
        raise ConsoleBlockError(block)
    return dict(block.urls)
