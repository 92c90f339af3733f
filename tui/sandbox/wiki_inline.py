"""Inline Jira wiki markup -> ADF inline nodes, for `wiki_adf` (which handles the blocks).

Owns the marks (`*strong*`, `_em_`, `-strike-`, `+underline+`, `^sup^`, `~sub~`, `??cite??`,
Jira's braced `{*}form{*}` for marks inside words), `{{code}}`, `{color}`, `[links|...]`,
`[~mentions]`, backslash escapes (`ESCAPABLE`) and numeric entities such as `&#92;`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Node = dict[str, Any]
MentionLookup = Callable[[str], tuple[str, str] | None]  # name or accountId -> (accountId, "@Name")

_MARKS = {"*": "strong", "_": "em", "-": "strike", "+": "underline", "^": "sup", "~": "sub"}
_COLOURS = {
    "red": "#ff0000", "green": "#008000", "blue": "#0000ff", "black": "#000000", "white": "#ffffff",
    "yellow": "#ffff00", "orange": "#ffa500", "purple": "#800080", "gray": "#808080", "grey": "#808080",
}  # fmt: skip
_HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")
_ENTITY = re.compile(r"&#(\d{1,7});")
# A backslash before one of these makes it literal; before anything else it is itself literal.
ESCAPABLE = frozenset("*_-+^~{}[]|?!#.&")


class Inline:
    """Inline wiki -> ADF inline nodes (text with marks, hard breaks, mentions)."""

    def __init__(self, mention: MentionLookup | None) -> None:
        self.mention = mention

    def parse(self, text: str) -> list[Node]:
        nodes: list[Node] = []
        self._parse(text, [], nodes)
        return _merge(nodes)

    def _parse(self, text: str, marks: list[Node], out: list[Node]) -> None:
        buffer: list[str] = []

        def emit() -> None:
            if buffer:
                out.append(_text("".join(buffer), marks))
                buffer.clear()

        i = 0
        n = len(text)
        while i < n:
            char = text[i]
            if char == "\\":
                if text.startswith("\\\\", i):
                    emit()
                    out.append({"type": "hardBreak"})
                    i += 2
                    continue
                if i + 1 < n and text[i + 1] in ESCAPABLE:
                    buffer.append(text[i + 1])
                    i += 2
                    continue
            if char == "&":
                entity = _ENTITY.match(text, i)
                if entity and int(entity.group(1)) <= 0x10FFFF:
                    buffer.append(chr(int(entity.group(1))))
                    i = entity.end()
                    continue
            if char == "\n":
                emit()
                out.append({"type": "hardBreak"})
                i += 1
                continue
            if text.startswith("{{", i):
                end = text.find("}}", i + 2)
                while end >= 0 and text.startswith("}", end + 2):
                    end += 1  # code ending in "}": the closing pair is the run's last two braces
                if end > i + 2:
                    emit()
                    code_marks = [mark for mark in marks if mark["type"] == "link"] + [{"type": "code"}]
                    out.append(_text(text[i + 2 : end], code_marks))
                    i = end + 2
                    continue
            if char == "[":
                end = text.find("]", i + 1)
                if end > i + 1:
                    emit()
                    self._bracket(text[i + 1 : end], marks, out)
                    i = end + 1
                    continue
            if text.startswith("{color", i):
                match = re.match(r"\{color(?::([^}]*))?\}", text[i:])
                close = text.find("{color}", i + (match.end() if match else 0))
                if match and match.group(1) and close > 0:
                    emit()
                    colour = _colour(match.group(1))
                    inner_marks = [*marks, {"type": "textColor", "attrs": {"color": colour}}] if colour else marks
                    self._parse(text[i + match.end() : close], inner_marks, out)
                    i = close + len("{color}")
                    continue
            span = _mark_span(text, i)
            if span is not None:
                emit()
                kind, start, end, after = span
                self._parse(text[start:end], [*marks, _mark(kind)], out)
                i = after
                continue
            buffer.append(char)
            i += 1
        emit()

    def _bracket(self, inner: str, marks: list[Node], out: list[Node]) -> None:
        if inner.startswith("~"):
            name = inner[1:]
            if name.startswith("accountid:"):
                name = name[len("accountid:") :]
            found = self.mention(name) if self.mention else None
            account_id, label = found if found else (name, f"@{name}")
            out.append({"type": "mention", "attrs": {"id": account_id, "text": label}})
            return
        label, bar, target = inner.rpartition("|")
        href = (target if bar else inner).strip()
        if not bar:
            label = href
        if href.startswith("mailto:") or "://" in href or href.startswith("/"):
            link = {"type": "link", "attrs": {"href": href}}
            self._parse(label, [*[m for m in marks if m["type"] != "link"], link], out)
        else:
            out.append(_text(f"[{inner}]", marks))


def _mark_span(text: str, i: int) -> tuple[str, int, int, int] | None:
    """`*strong*` at i: (mark, inner start, inner end, index after) or None."""
    if text.startswith("??", i):
        end = text.find("??", i + 2)
        return ("_", i + 2, end, end + 2) if end > i + 2 else None
    braced = text[i] == "{" and i + 2 < len(text) and text[i + 1] in _MARKS and text[i + 2] == "}"
    char = text[i + 1] if braced else text[i]
    if char not in _MARKS:
        return None
    start = i + 3 if braced else i + 1
    if not braced:
        before = text[i - 1] if i else ""
        if _word(before) or start >= len(text) or text[start].isspace():
            return None
    j = start  # an escape at the start is skipped whole: `_\_x_` is emphasis of `_x`
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if j > start and text.startswith("{" + char + "}", j):
            return (char, start, j, j + 3)
        if (j > start and text[j] == char and not text[j - 1].isspace()
                and not _word(text[j + 1] if j + 1 < len(text) else "")):
            return (char, start, j, j + 1)
        if text[j] == "\n":
            return None
        j += 1
    return None


def _word(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def _mark(char: str) -> Node:
    kind = _MARKS[char]
    if kind in ("sup", "sub"):
        return {"type": "subsup", "attrs": {"type": kind}}
    return {"type": kind}


def _colour(value: str) -> str | None:
    value = value.strip().lower()
    if value in _COLOURS:
        return _COLOURS[value]
    if _HEX.match(value):
        return value if value.startswith("#") else f"#{value}"
    return None


def _text(text: str, marks: list[Node]) -> Node:
    node: Node = {"type": "text", "text": text}
    if marks:
        if any(mark["type"] == "code" for mark in marks):
            marks = [mark for mark in marks if mark["type"] in ("code", "link")]
        seen: list[Node] = []
        for mark in marks:
            if all(other["type"] != mark["type"] for other in seen):
                seen.append(mark)
        node["marks"] = seen
    return node


def _merge(nodes: list[Node]) -> list[Node]:
    """Join neighbouring text nodes with the same marks; drop empty text."""
    merged: list[Node] = []
    for node in nodes:
        if node["type"] == "text":
            if not node["text"]:
                continue
            last = merged[-1] if merged else None
            if last is not None and last["type"] == "text" and last.get("marks") == node.get("marks"):
                last["text"] += node["text"]
                continue
        merged.append(node)
    return merged
