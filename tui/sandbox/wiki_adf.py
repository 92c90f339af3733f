"""Jira wiki markup -> ADF, for the v2 and legacy shapes' input (comments, descriptions, worklogs).

Covers the markup people type: headings, lists (nested, mixed), tables, `{code}`, `{noformat}`,
`{quote}`, `bq.`, `{panel}`/`{info}`/`{note}`/`{warning}`/`{tip}`, rules, and inline `*strong*`,
`_em_`, `-strike-`, `+underline+`, `^sup^`, `~sub~`, `??cite??`, `{{code}}`, `{color}`, links,
mentions, backslash escapes and numeric entities (`&#92;`, how a literal backslash is written
where `\\` would read as a line break). Anything else stays text. The result validates as ADF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Node = dict[str, Any]
MentionLookup = Callable[[str], tuple[str, str] | None]  # name or accountId -> (accountId, "@Name")

_HEADING = re.compile(r"^h([1-6])\.\s*(.*)$")
_LIST = re.compile(r"^([*#]+|-)\s+(.*)$")
_MACRO_OPEN = re.compile(r"^\{(code|noformat|quote|panel|info|note|warning|tip)(?::([^}]*))?\}\s*(.*)$")
_PANELS = {"info": "info", "note": "note", "warning": "warning", "tip": "success", "panel": "info"}
_MARKS = {"*": "strong", "_": "em", "-": "strike", "+": "underline", "^": "sup", "~": "sub"}
_COLOURS = {
    "red": "#ff0000", "green": "#008000", "blue": "#0000ff", "black": "#000000", "white": "#ffffff",
    "yellow": "#ffff00", "orange": "#ffa500", "purple": "#800080", "gray": "#808080", "grey": "#808080",
}  # fmt: skip
_HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")
_ENTITY = re.compile(r"&#(\d{1,7});")
# A backslash before one of these makes it literal; before anything else it is itself literal.
ESCAPABLE = frozenset("*_-+^~{}[]|?!#.&")


def wiki_to_adf(text: str | None, *, mention: MentionLookup | None = None) -> Node:
    """Parse wiki markup into an ADF `doc`."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parser = _BlockParser(lines, _Inline(mention))
    return {"type": "doc", "version": 1, "content": parser.parse(top=True)}


class _BlockParser:
    def __init__(self, lines: list[str], inline: _Inline) -> None:
        self.lines = lines
        self.pos = 0
        self.inline = inline

    def parse(self, *, top: bool, until: str | None = None, in_panel: bool = False) -> list[Node]:
        blocks: list[Node] = []
        paragraph: list[str] = []

        def flush() -> None:
            if paragraph:
                blocks.append(self.paragraph("\n".join(paragraph)))
                paragraph.clear()

        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            stripped = line.strip()
            if until is not None and until in stripped and not stripped.startswith(until):
                head, _, tail = line.partition(until)  # `text{quote}` closes mid-line
                self.lines[self.pos : self.pos + 1] = [head, until + tail]
                continue
            if until is not None and stripped.startswith(until):
                flush()
                self.pos += 1
                rest = stripped[len(until) :].strip()
                if rest:
                    self.lines.insert(self.pos, rest)
                return blocks
            self.pos += 1
            if not stripped:
                flush()
                continue
            macro = _MACRO_OPEN.match(stripped)
            if macro:
                flush()
                blocks.extend(self.macro(macro.group(1), macro.group(2) or "", macro.group(3), top=top, in_panel=in_panel))
                continue
            heading = _HEADING.match(stripped)
            if heading:
                flush()
                content = self.inline.parse(heading.group(2))
                node: Node = {"type": "heading", "attrs": {"level": int(heading.group(1))}, "content": content}
                blocks.append(node if top or in_panel else self.paragraph(heading.group(2)))
                continue
            if stripped.startswith("bq. "):
                flush()
                quoted = [self.paragraph(stripped[4:])]
                blocks.append({"type": "blockquote", "content": quoted} if top else quoted[0])
                continue
            if re.fullmatch(r"-{4,}", stripped):
                flush()
                blocks.append({"type": "rule"} if top or in_panel else self.paragraph(""))
                continue
            if _LIST.match(stripped):
                flush()
                self.pos -= 1
                blocks.append(self.list_block())
                continue
            if stripped.startswith("|"):
                flush()
                self.pos -= 1
                table = self.table()
                if top:
                    blocks.append(table)
                else:
                    blocks.extend(_table_as_paragraphs(table))
                continue
            paragraph.append(line)
        flush()
        return blocks

    def paragraph(self, text: str) -> Node:
        content = self.inline.parse(text)
        return {"type": "paragraph", "content": content} if content else {"type": "paragraph"}

    def macro(self, name: str, params: str, rest: str, *, top: bool, in_panel: bool) -> list[Node]:
        if name in ("code", "noformat"):
            closer = "{" + name + "}"
            if closer in rest:  # `{code}x{code}` on one line
                rest, _, after = rest.partition(closer)
                if after.strip():
                    self.lines.insert(self.pos, after)
                return [_code_block(rest, _code_language(params) if name == "code" else "")]
            body: list[str] = [rest] if rest else []
            while self.pos < len(self.lines):
                line = self.lines[self.pos]
                self.pos += 1
                if closer in line:
                    head, _, after = line.partition(closer)
                    if head:
                        body.append(head)
                    if after.strip():
                        self.lines.insert(self.pos, after)
                    break
                body.append(line)
            return [_code_block("\n".join(body), _code_language(params) if name == "code" else "")]
        if rest:
            self.lines.insert(self.pos, rest)
        inner = self.parse(top=False, until="{" + name + "}", in_panel=name != "quote")
        inner = inner or [{"type": "paragraph"}]
        if not top:
            return inner
        if name == "quote":
            return [{"type": "blockquote", "content": inner}]
        panel_type = _PANELS[name]
        if name == "panel" and "ffebe6" in params.lower():
            panel_type = "error"
        return [{"type": "panel", "attrs": {"panelType": panel_type}, "content": inner}]

    def list_block(self) -> Node:
        """Consecutive list lines: `*`/`#` depth and kind by prefix; a new root kind ends it."""
        root: Node | None = None
        stack: list[tuple[str, Node]] = []  # (marker prefix, list node), outermost first
        while self.pos < len(self.lines):
            match = _LIST.match(self.lines[self.pos].strip())
            if not match:
                break
            marker = "*" if match.group(1) == "-" else match.group(1)
            while stack and not marker.startswith(stack[-1][0]):
                stack.pop()
            if not stack and root is not None:
                break
            self.pos += 1
            if not stack or stack[-1][0] != marker:
                kind = "orderedList" if marker[-1] == "#" else "bulletList"
                new_list: Node = {"type": kind, "content": []}
                if stack:
                    items = stack[-1][1]["content"]
                    if not items:
                        items.append({"type": "listItem", "content": [{"type": "paragraph"}]})
                    items[-1]["content"].append(new_list)
                else:
                    root = new_list
                stack.append((marker, new_list))
            stack[-1][1]["content"].append({"type": "listItem", "content": [self.paragraph(match.group(2))]})
        assert root is not None
        return root

    def table(self) -> Node:
        rows: list[Node] = []
        while self.pos < len(self.lines) and self.lines[self.pos].strip().startswith("|"):
            rows.append(_table_row(self.lines[self.pos].strip(), self.inline))
            self.pos += 1
        return {"type": "table", "content": rows}


def _table_row(line: str, inline: _Inline) -> Node:
    cells: list[Node] = []
    for header, text in _split_cells(line):
        content = inline.parse(text.strip())
        paragraph: Node = {"type": "paragraph", "content": content} if content else {"type": "paragraph"}
        cells.append({"type": "tableHeader" if header else "tableCell", "content": [paragraph]})
    if not cells:
        cells.append({"type": "tableCell", "content": [{"type": "paragraph"}]})
    return {"type": "tableRow", "content": cells}


def _split_cells(line: str) -> list[tuple[bool, str]]:
    cells: list[tuple[bool, str]] = []
    i = 0
    header = False
    current: list[str] | None = None
    depth = 0  # inside [link|target], a bar is not a cell separator
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            if current is not None:
                current.append(line[i : i + 2])
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        if char == "|" and not depth:
            if current is not None:
                cells.append((header, "".join(current)))
            header = line.startswith("||", i)
            i += 2 if header else 1
            current = []
            continue
        if current is not None:
            current.append(char)
        i += 1
    if current is not None and "".join(current).strip():
        cells.append((header, "".join(current)))
    return cells


def _table_as_paragraphs(table: Node) -> list[Node]:
    out: list[Node] = []
    for row in table["content"]:
        inline: list[Node] = []
        for cell in row["content"]:
            for paragraph in cell["content"]:
                if inline and paragraph.get("content"):
                    inline.append({"type": "text", "text": " | "})
                inline.extend(paragraph.get("content") or [])
        out.append({"type": "paragraph", "content": inline} if inline else {"type": "paragraph"})
    return out


def _code_block(code: str, language: str) -> Node:
    node: Node = {"type": "codeBlock", "attrs": {"language": language} if language else {}}
    node["content"] = [{"type": "text", "text": code}] if code else []
    return node


def _code_language(params: str) -> str:
    for part in params.split("|"):
        key, eq, value = part.partition("=")
        if not eq and key.strip():
            return key.strip()
        if key.strip().lower() == "language":
            return value.strip()
    return ""


class _Inline:
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
    j = start + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith("{" + char + "}", j):
            return (char, start, j, j + 3)
        if text[j] == char and not text[j - 1].isspace() and not _word(text[j + 1] if j + 1 < len(text) else ""):
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
