"""Rich text between the shapes: stored ADF out as v2 wiki markup, and the way back in.

The sandbox stores every body as ADF (the v3 shape). This module owns ADF -> wiki markup (what
`/rest/api/2` shows) and re-exports the two other conversions so callers import one place:
`wiki_to_adf` (v2 and legacy input; `wiki_adf.py`) and `adf_to_html` (`renderedFields` and the
legacy `html` expansion; `adf_html.py`). Unknown nodes degrade to their text, never to an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tui.sandbox.adf_html import adf_to_html
from tui.sandbox.wiki_adf import ESCAPABLE, wiki_to_adf

__all__ = ["adf_text", "adf_to_html", "adf_to_wiki", "text_adf", "wiki_to_adf"]

Node = dict[str, Any]
MentionText = Callable[[Node], str]

_PANEL_MACROS = {"info": "info", "note": "note", "warning": "warning", "success": "tip", "tip": "tip"}
_MARK_WRAP = {"strong": "*", "em": "_", "strike": "-", "underline": "+"}
_SPECIAL = set("*_-+^~{}[]|\\?&")


def text_adf(text: str) -> Node:
    """A plain string as an ADF document: one paragraph per line block, hard breaks within."""
    blocks: list[Node] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        inline: list[Node] = []
        for i, line in enumerate(chunk.split("\n")):
            if i:
                inline.append({"type": "hardBreak"})
            if line:
                inline.append({"type": "text", "text": line})
        if inline:
            blocks.append({"type": "paragraph", "content": inline})
    return {"type": "doc", "version": 1, "content": blocks}


def adf_text(node: Node | None) -> str:
    """The plain text of an ADF document: blocks on their own lines, marks dropped."""
    if not node:
        return ""
    parts: list[str] = []
    _collect_text(node, parts)
    return "".join(parts).strip()


def _collect_text(node: Node, parts: list[str]) -> None:
    kind = node.get("type")
    if kind == "text":
        parts.append(str(node.get("text", "")))
        return
    if kind in ("mention", "emoji"):
        parts.append(_atom_text(node))
        return
    if kind == "hardBreak":
        parts.append("\n")
        return
    for child in node.get("content") or []:
        _collect_text(child, parts)
    if kind in ("paragraph", "heading", "codeBlock", "tableCell", "tableHeader", "rule"):
        parts.append("\n")


def _atom_text(node: Node) -> str:
    attrs = node.get("attrs") or {}
    if node.get("type") == "mention":
        text = str(attrs.get("text") or "")
        return text if text.startswith("@") else f"@{text or attrs.get('id', '')}"
    return str(attrs.get("text") or attrs.get("shortName") or "")


def _default_mention(node: Node) -> str:
    return f"[~accountid:{(node.get('attrs') or {}).get('id', '')}]"


def adf_to_wiki(doc: Node | None, *, mention: MentionText | None = None) -> str:
    """ADF -> Jira wiki markup. `mention` writes a mention (v2 wants `[~username]`)."""
    if not doc:
        return ""
    writer = _WikiWriter(mention or _default_mention)
    return writer.blocks(doc.get("content") or []).strip("\n")


class _WikiWriter:
    def __init__(self, mention: MentionText) -> None:
        self.mention = mention

    def blocks(self, nodes: list[Node], sep: str = "\n\n") -> str:
        return sep.join(text for text in (self.block(node) for node in nodes) if text != "")

    def block(self, node: Node) -> str:
        kind = node.get("type")
        attrs = node.get("attrs") or {}
        content: list[Node] = node.get("content") or []
        if kind == "paragraph":
            return self.inline(content)
        if kind == "heading":
            return f"h{int(attrs.get('level', 1))}. {self.inline(content)}"
        if kind in ("bulletList", "orderedList", "taskList", "decisionList"):
            return "\n".join(self.list_lines(node, ""))
        if kind == "codeBlock":
            language = attrs.get("language")
            opener = f"{{code:{language}}}" if language else "{code}"
            return f"{opener}\n{_raw_text(content)}\n{{code}}"
        if kind == "blockquote":
            return f"{{quote}}\n{self.blocks(content, sep=chr(10))}\n{{quote}}"
        if kind == "rule":
            return "----"
        if kind == "panel":
            macro = _PANEL_MACROS.get(str(attrs.get("panelType", "info")))
            inner = self.blocks(content, sep="\n")
            if macro:
                return f"{{{macro}}}\n{inner}\n{{{macro}}}"
            return f"{{panel:bgColor=#ffebe6}}\n{inner}\n{{panel}}"
        if kind == "table":
            return "\n".join(self.table_row(row) for row in content)
        if kind in ("expand", "nestedExpand"):
            title = str(attrs.get("title") or "")
            inner = self.blocks(content, sep="\n")
            return f"*{_escape(title)}*\n{inner}" if title else inner
        if kind in ("mediaSingle", "mediaGroup"):
            return " ".join(self.media(child) for child in content)
        if kind in ("blockCard", "embedCard"):
            url = str(attrs.get("url") or "")
            return f"[{url}]" if url else ""
        if content:
            return self.blocks(content, sep="\n")
        return ""

    def list_lines(self, node: Node, prefix: str) -> list[str]:
        marker = prefix + ("#" if node.get("type") == "orderedList" else "*")
        lines: list[str] = []
        for item in node.get("content") or []:
            first = True
            for child in item.get("content") or []:
                kind = child.get("type")
                if kind in ("bulletList", "orderedList", "taskList", "decisionList"):
                    lines.extend(self.list_lines(child, marker))
                    continue
                text = self.inline(child.get("content") or []) if kind == "paragraph" else self.block(child)
                if item.get("type") == "taskItem":
                    text = self.inline(item.get("content") or [])
                if first:
                    lines.append(f"{marker} {text}")
                    first = False
                else:
                    lines.append(text)
                if item.get("type") in ("taskItem", "decisionItem"):
                    break
            if first and item.get("type") in ("taskItem", "decisionItem"):
                lines.append(f"{marker} {self.inline(item.get('content') or [])}")
        return lines

    def table_row(self, row: Node) -> str:
        cells: list[str] = []
        header = False
        for cell in row.get("content") or []:
            text = self.blocks(cell.get("content") or [], sep=" ").replace("\n", " ") or " "
            header = cell.get("type") == "tableHeader"
            bar = "||" if header else "|"
            cells.append(f"{bar}{text}")
        return "".join(cells) + ("||" if header else "|")

    def media(self, node: Node) -> str:
        attrs = node.get("attrs") or {}
        name = attrs.get("alt") or attrs.get("id") or "attachment"
        return f"!{name}!"

    def inline(self, nodes: list[Node]) -> str:
        out: list[str] = []
        for i, node in enumerate(nodes):
            if node.get("type") == "text" and node.get("marks"):
                before = _edge_char(nodes[i - 1], last=True) if i else ""
                after = _edge_char(nodes[i + 1], last=False) if i + 1 < len(nodes) else ""
                out.append(self.marked(str(node.get("text", "")), node["marks"], before, after))
            else:
                out.append(self.inline_node(node))
        return _guard_line_starts("".join(out))

    def inline_node(self, node: Node) -> str:
        kind = node.get("type")
        attrs = node.get("attrs") or {}
        if kind == "text":
            return self.marked(str(node.get("text", "")), node.get("marks") or [], "", "")
        if kind == "hardBreak":
            return "\n"
        if kind == "mention":
            return self.mention(node)
        if kind == "emoji":
            return str(attrs.get("text") or attrs.get("shortName") or "")
        if kind == "inlineCard":
            url = str(attrs.get("url") or "")
            return f"[{url}]" if url else ""
        if kind == "status":
            return f"*[{_escape(str(attrs.get('text', '')))}]*"
        if kind == "date":
            return _date_text(attrs.get("timestamp"))
        if kind in ("media", "mediaInline"):
            return self.media(node)
        return self.inline(node.get("content") or [])

    def marked(self, text: str, marks: list[Node], before: str, after: str) -> str:
        kinds = {mark.get("type") for mark in marks}
        core = text.strip() if kinds - {"link", "code"} else text
        if not core:
            return _escape(text)
        lead = text[: len(text) - len(text.lstrip())] if core is not text else ""
        trail = text[len(text.rstrip()) :] if core is not text else ""
        out = "{{" + core + "}}" if "code" in kinds else _escape(core)
        # a mark touching a letter outside it needs Jira's braced form, `{*}bold{*}`
        braced = _is_word(before if not lead else " ") or _is_word(after if not trail else " ")
        for mark in marks:
            kind = mark.get("type")
            attrs = mark.get("attrs") or {}
            wrap = ""
            if kind in _MARK_WRAP:
                wrap = _MARK_WRAP[str(kind)]
            elif kind == "subsup":
                wrap = "~" if attrs.get("type") == "sub" else "^"
            elif kind == "textColor":
                out = f"{{color:{attrs.get('color', '#000000')}}}{out}{{color}}"
            if wrap:
                token = f"{{{wrap}}}" if braced else wrap
                out = f"{token}{out}{token}"
        link = next((mark for mark in marks if mark.get("type") == "link"), None)
        if link is not None:
            href = str((link.get("attrs") or {}).get("href", ""))
            out = f"[{href}]" if core == href and len(kinds) == 1 else f"[{out}|{href}]"
        return lead + out + trail


def _raw_text(nodes: list[Node]) -> str:
    return "".join(str(node.get("text", "")) for node in nodes if node.get("type") == "text")


def _date_text(timestamp: object) -> str:
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(int(str(timestamp)) / 1000, tz=UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def _is_word(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def _edge_char(node: Node, *, last: bool) -> str:
    if node.get("type") == "text":
        text = str(node.get("text", ""))
        return (text[-1:] if last else text[:1]) if text else ""
    return "" if node.get("type") == "hardBreak" else "x"


_LINE_MARKUP = re.compile(r"^([ \t]*)(?:(h[1-6]|bq)\.|([*#-]+ |----))", re.MULTILINE)
_ENTITY_LIKE = re.compile(r"&#\d{1,7};")


def _guard_line_starts(text: str) -> str:
    """A paragraph line that would read as a heading, quote, list or rule gets an escape."""

    def guard(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{match.group(1)}{match.group(2)}\\."
        return f"{match.group(1)}\\{match.group(3)}"

    return _LINE_MARKUP.sub(guard, text)


def _escape(text: str) -> str:
    """Backslash what would otherwise start wiki markup; mark chars only where they could act.
    A literal backslash that an escape or line break could swallow is written `&#92;`."""
    if not any(char in _SPECIAL for char in text):
        return text
    out: list[str] = []
    last = len(text) - 1
    for i, char in enumerate(text):
        after = text[i + 1] if i < last else ""
        if char == "\\":
            out.append("&#92;" if after == "" or after == "\\" or after in ESCAPABLE else "\\")
            continue
        if char in "{}[]|" or (char == "&" and _ENTITY_LIKE.match(text, i)):
            out.append("\\" + char)
            continue
        if char in "*_-+^~":
            before = text[i - 1] if i else ""
            can_open = not _is_word(before) and after != "" and not after.isspace()
            can_close = before != "" and not before.isspace() and not _is_word(after)
            if can_open or can_close:
                out.append("\\" + char)
                continue
        if char == "?" and after == "?":
            out.append("\\?")
            continue
        out.append(char)
    return "".join(out)
