"""Jira wiki markup -> ADF, for the v2 and legacy shapes' input (comments, descriptions, worklogs).

Covers the markup people type: headings, lists (nested, mixed), tables, `{code}`, `{noformat}`,
`{quote}`, `bq.`, `{panel}`/`{info}`/`{note}`/`{warning}`/`{tip}` and rules here; the
inline markup (marks, code, colour, links, mentions, escapes) in `wiki_inline.py`. Anything else
stays text. The result validates as ADF.
"""

from __future__ import annotations

import re

from tui.sandbox.wiki_inline import ESCAPABLE, Inline, MentionLookup, Node

__all__ = ["ESCAPABLE", "MentionLookup", "wiki_to_adf"]

_HEADING = re.compile(r"^h([1-6])\.\s*(.*)$")
_LIST = re.compile(r"^([*#]+|-)\s+(.*)$")
_MACRO_OPEN = re.compile(r"^\{(code|noformat|quote|panel|info|note|warning|tip)(?::([^}]*))?\}\s*(.*)$")
_PANELS = {"info": "info", "note": "note", "warning": "warning", "tip": "success", "panel": "info"}


def wiki_to_adf(text: str | None, *, mention: MentionLookup | None = None) -> Node:
    """Parse wiki markup into an ADF `doc`."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parser = _BlockParser(lines, Inline(mention))
    return {"type": "doc", "version": 1, "content": parser.parse(top=True)}


class _BlockParser:
    def __init__(self, lines: list[str], inline: Inline) -> None:
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


def _table_row(line: str, inline: Inline) -> Node:
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
