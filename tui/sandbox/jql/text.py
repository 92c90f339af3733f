"""Text search for `~` / `!~`: ADF -> plain text, word normalisation, a per-world index, queries.

Each issue's summary, description and comments are reduced to a normalised string of word
stems padded with spaces (`" login page fail "`), so a word test is a substring test. The
`TextIndex` of a world holds those strings in columns parallel to the issue keys; it is
refreshed when `world.version` or the issue count moves (re-normalising only issues whose
`updated`, summary or comment count changed), and ADF blocks shared between issues are
normalised once. A text clause is evaluated over the columns in one pass into a set of keys.

Matching is Jira-like: case-insensitive, English plural stemming, stop words ignored in loose
terms, `*`/`?` wildcards (not first), quoted phrases (`"\\"exact words\\""`), a leading `-`
excludes a word, and every remaining term must match (in any one of the searched fields).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui.sandbox.world import SandboxIssue, World

_WORD = re.compile(r"[^\W_]+")
_STOP_TEXT = (
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Harman's S-stemmer: just enough to make `bugs`/`bug` and `queries`/`query` meet."""
    if len(word) > 3:
        if word.endswith("ies") and not word.endswith(("eies", "aies")):
            return word[:-3] + "y"
        if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
            return word[:-1]
        if word.endswith("s") and not word.endswith(("us", "ss")):
            return word[:-1]
    return word


def words(text: str) -> list[str]:
    stems = _STEMS
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        found = stems.get(word)
        if found is None:
            found = stems[word] = stem(word)
        out.append(found)
    return out


def normalise(text: str) -> str:
    """The searchable form: stems joined by spaces, padded so `" w "` finds whole words."""
    found = words(text)
    return sys.intern(" " + " ".join(found) + " ") if found else ""


def adf_text(node: Any) -> str:
    """The plain text of an ADF node (or of a plain string, for hand-made worlds)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    parts: list[str] = []
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            kind = item.get("type")
            if kind == "text":
                parts.append(str(item.get("text", "")))
            elif kind in ("mention", "emoji", "status", "date", "inlineCard"):
                attrs = item.get("attrs") or {}
                parts.append(
                    str(attrs.get("text") or attrs.get("shortName") or attrs.get("url") or "")
                )
            content = item.get("content")
            if isinstance(content, list):
                stack.extend(reversed(content))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return " ".join(parts)


@dataclass
class _Doc:
    stamp: tuple[datetime, str, int, int]
    summary: str
    description: str
    comments: str


@dataclass
class Column:
    """One field's normalised text for every issue, joined by newlines into one string so that
    a word test is a C-speed `str.find` over the whole world; `starts[i]` is issue i's offset."""

    text: str = ""
    starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, texts: list[str]) -> Column:
        starts: list[int] = []
        offset = 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + 1
        return cls("\n".join(texts), starts)

    def owner(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def find(self, needle: str) -> list[int]:
        """Indexes of the issues whose text contains `needle` (which holds no newline)."""
        found: list[int] = []
        text, starts = self.text, self.starts
        position = text.find(needle)
        while position != -1:
            index = bisect_right(starts, position) - 1
            found.append(index)
            if index + 1 >= len(starts):
                break
            position = text.find(needle, starts[index + 1])
        return found

    def search(self, pattern: re.Pattern[str]) -> list[int]:
        found: list[int] = []
        starts = self.starts
        match = pattern.search(self.text)
        while match is not None:
            index = bisect_right(starts, match.start()) - 1
            found.append(index)
            if index + 1 >= len(starts):
                break
            match = pattern.search(self.text, starts[index + 1])
        return found

    def filled(self) -> list[int]:
        """Indexes of the issues with any text in this column."""
        text, starts = self.text, self.starts
        ends = [*starts[1:], len(text) + 1]
        return [i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if b - a > 1]


@dataclass
class TextIndex:
    """Per-field columns of normalised text, parallel to `keys`, for one world."""

    version: int = -1
    keys: list[str] = field(default_factory=list)
    summary: Column = field(default_factory=Column)
    description: Column = field(default_factory=Column)
    comments: Column = field(default_factory=Column)
    docs: dict[str, _Doc] = field(default_factory=dict)
    blocks: dict[int, tuple[Any, str]] = field(default_factory=dict)  # id(node) -> (node, text)
    strings: dict[str, str] = field(default_factory=dict)  # summary -> normalised

    def _node_text(self, node: Any) -> str:
        entry = self.blocks.get(id(node))
        if entry is not None and entry[0] is node:
            return entry[1]
        text = normalise(adf_text(node))
        if isinstance(node, dict):  # only shareable nodes are worth remembering
            self.blocks[id(node)] = (node, text)
        return text

    def _rich_text(self, document: Any) -> str:
        if isinstance(document, dict) and isinstance(document.get("content"), list):
            return "".join(self._node_text(block) for block in document["content"])
        return self._node_text(document)

    def _summary(self, summary: str) -> str:
        text = self.strings.get(summary)
        if text is None:
            text = self.strings[summary] = normalise(summary)
        return text

    def _doc(self, issue: SandboxIssue) -> _Doc:
        stamp = (issue.updated, issue.summary, len(issue.comments), id(issue.description))
        doc = self.docs.get(issue.key)
        if doc is None or doc.stamp != stamp:
            doc = _Doc(
                stamp,
                self._summary(issue.summary),
                self._rich_text(issue.description),
                "".join(self._node_text(c.body) for c in issue.comments),
            )
            self.docs[issue.key] = doc
        return doc

    def refresh(self, world: World) -> None:
        if world.version == self.version and len(world.issues) == len(self.keys):
            return
        docs = [self._doc(issue) for issue in world.issues.values()]
        self.keys = list(world.issues)
        if len(self.docs) > len(self.keys):
            self.docs = {k: self.docs[k] for k in self.keys}
        self.summary = Column.build([d.summary for d in docs])
        self.description = Column.build([d.description for d in docs])
        self.comments = Column.build([d.comments for d in docs])
        self.version = world.version

    def columns(self, field_name: str) -> list[Column]:
        if field_name == "summary":
            return [self.summary]
        if field_name == "description":
            return [self.description]
        if field_name == "comment":
            return [self.comments]
        return [self.summary, self.description, self.comments]


_KEEP = 4  # worlds remembered at once (tests build many; a sandbox has one)
_INDEXES: OrderedDict[int, tuple[World, TextIndex]] = OrderedDict()


def text_index(world: World) -> TextIndex:
    """The world's text index, brought up to date."""
    entry = _INDEXES.get(id(world))
    if entry is None or entry[0] is not world:
        entry = _INDEXES[id(world)] = (world, TextIndex())
    _INDEXES.move_to_end(id(world))
    while len(_INDEXES) > _KEEP:
        _INDEXES.popitem(last=False)
    entry[1].refresh(world)
    return entry[1]


def warm(world: World, issues: Iterable[SandboxIssue] | None = None) -> None:
    """Build the text index now (benchmarks call it so the first search is not the slow one)."""
    del issues  # the whole world is indexed; the argument is kept for callers' convenience
    text_index(world)


# -- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    needle: str | None  # a substring test
    pattern: re.Pattern[str] | None  # or a regular expression, for inner wildcards


def _term(term: str) -> _Term | None:
    if "*" in term or "?" in term:
        if term.endswith("*") and "*" not in term[:-1] and "?" not in term:
            prefix = words(term[:-1])
            return _Term(" " + " ".join(prefix), None) if prefix else None
        pieces = (
            "[^ \\n]*" if ch == "*" else "[^ \\n]" if ch == "?" else re.escape(ch)
            for ch in term.lower()
        )
        return _Term(None, re.compile(" " + "".join(pieces) + " "))
    found = words(term)
    return _Term(" " + " ".join(found) + " ", None) if found else None


def _split(query: str) -> list[str]:
    """Split a text query into terms and `"quoted phrases"` (quotes kept)."""
    return re.findall(r'[+-]?"[^"]*"?|[^\s"]+', query)


def text_query_error(query: str, field_name: str) -> str | None:
    """Jira's complaint about a text query, or None when it is acceptable."""
    if not query.strip():
        return f"The field '{field_name}' does not support searching for an empty string."
    for token in _split(query):
        body = token.lstrip("+-").strip('"')
        if body[:1] in ("*", "?"):
            return (
                f"The text query '{query}' for field '{field_name}' is not valid: "
                "the '*' and '?' are not allowed as first character in wildcard query."
            )
    return None


@dataclass(frozen=True)
class TextQuery:
    required: tuple[_Term, ...]
    excluded: tuple[_Term, ...]


def parse_text_query(query: str) -> TextQuery:
    required: list[_Term] = []
    excluded: list[_Term] = []
    for token in _split(query):
        negative = token.startswith("-")
        body = token.lstrip("+-")
        term: _Term | None
        if body.startswith('"'):
            found = words(body.strip('"'))
            term = _Term(" " + " ".join(found) + " ", None) if found else None
        elif body.lower() in STOP_WORDS or body.upper() in ("AND", "OR", "&&", "||"):
            term = None
        else:
            term = _term(body)
        if term is not None:
            (excluded if negative else required).append(term)
    return TextQuery(tuple(required), tuple(excluded))


def _hits(term: _Term, columns: list[Column]) -> set[int]:
    found: set[int] = set()
    for column in columns:
        if term.needle is not None:
            found.update(column.find(term.needle))
        elif term.pattern is not None:
            found.update(column.search(term.pattern))
    return found


def _filled(columns: list[Column]) -> set[int]:
    found: set[int] = set()
    for column in columns:
        found.update(column.filled())
    return found


def non_empty_keys(index: TextIndex, field_name: str) -> set[str]:
    keys = index.keys
    return {keys[i] for i in _filled(index.columns(field_name))}


def matching_keys(index: TextIndex, field_name: str, query: TextQuery) -> set[str]:
    """Keys of the issues whose field matches: all required terms, no excluded one."""
    columns = index.columns(field_name)
    if not query.required and not query.excluded:
        return set()  # only stop words: Jira finds nothing
    result: set[int] | None = None
    for term in query.required:
        hits = _hits(term, columns)
        result = hits if result is None else result & hits
        if not result:
            return set()
    if result is None:
        result = _filled(columns)
    for term in query.excluded:
        result -= _hits(term, columns)
    keys = index.keys
    return {keys[i] for i in result}


def text_keys(world: World, field_name: str, query: str, negate: bool) -> set[str]:
    """Keys of the issues matching `field ~ query` (or `field !~ query` when `negate`)."""
    index = text_index(world)
    found = matching_keys(index, field_name, parse_text_query(query))
    if negate:
        return non_empty_keys(index, field_name) - found
    return found


def non_empty_text_keys(world: World, field_name: str) -> set[str]:
    return non_empty_keys(text_index(world), field_name)
