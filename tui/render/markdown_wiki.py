"""Markdown -> Jira wiki markup, for comments and fields sent to Server / Data Center (v2).

Owns the wiki side of the comment editor: the same Markdown subset as `markdown_adf`
(CommonMark, GFM tables and strikethrough, `@[Name](accountId:ID)` mentions), with text
escaped so that characters a person typed never turn into wiki effects by accident.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

__all__ = ["markdown_to_wiki"]

_MD = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_MENTION_SCHEME = "accountid:"
_EFFECTS = "*_-+"  # wiki effects that need a word boundary outside and non-space inside
_ALWAYS = "^~{}[]|"  # always escaped: sub/superscript, macros, links, tables
_LINE_START = re.compile(r"^(\s*)([*#-])(?=[\s*#-]|$)", re.MULTILINE)
_WRAP = {"strong": "*", "em": "_", "s": "-"}


def markdown_to_wiki(md: str) -> str:
    """Convert Markdown to Jira wiki markup; blocks are separated by a blank line."""
    tree = SyntaxTreeNode(_MD.parse(md if isinstance(md, str) else str(md)))
    return "\n\n".join(b for b in (_block(n, "", False) for n in tree.children) if b)


def _block(node: SyntaxTreeNode, marker: str, in_quote: bool) -> str:
    kind = node.type
    if kind == "paragraph":
        return _LINE_START.sub(r"\1\\\2", _inlines(node))
    if kind == "heading":
        return f"{node.tag}. " + _inlines(node).replace("\n", " ")
    if kind in ("bullet_list", "ordered_list"):
        deeper = marker + ("*" if kind == "bullet_list" else "#")
        return "\n".join(_list_item(item, deeper, in_quote) for item in node.children)
    if kind in ("fence", "code_block"):
        language = node.info.strip().split(" ")[0] if kind == "fence" else ""
        opening = "{code:" + language + "}" if language else "{code}"
        return f"{opening}\n{node.content.rstrip(chr(10))}\n{{code}}"
    if kind == "blockquote":
        inner = "\n\n".join(b for b in (_block(c, "", True) for c in node.children) if b)
        return inner if in_quote else "{quote}\n" + inner + "\n{quote}"
    if kind == "hr":
        return "----"
    if kind == "table":
        rows = [row for section in node.children for row in section.children]
        return "\n".join(_row(row) for row in rows)
    return "\n\n".join(b for b in (_block(c, marker, in_quote) for c in node.children) if b)


def _list_item(item: SyntaxTreeNode, marker: str, in_quote: bool) -> str:
    """One item line (its paragraphs joined by wiki line breaks), then nested blocks."""
    texts: list[str] = []
    after: list[str] = []
    for child in item.children:
        if child.type == "paragraph" and not after:
            texts.append(_inlines(child).replace("\n", " \\\\ "))
        else:
            after.append(_block(child, marker, in_quote))
    line = f"{marker} " + " \\\\ ".join(texts)
    return "\n".join([line.rstrip(), *[a for a in after if a]])


def _row(row: SyntaxTreeNode) -> str:
    cells = []
    for cell in row.children:
        bar = "||" if cell.type == "th" else "|"
        cells.append(bar + (_inlines(cell).replace("\n", " \\\\ ") or " "))
    return "".join(cells) + ("||" if row.children and row.children[-1].type == "th" else "|")


def _inlines(node: SyntaxTreeNode) -> str:
    out: list[str] = []
    for child in node.children:
        if child.type == "inline":
            _inline(child.children, out)
    return "".join(out)


def _inline(nodes: list[SyntaxTreeNode], out: list[str]) -> None:
    for node in nodes:
        kind = node.type
        if kind == "text":
            out.append(_escape(node.content))
        elif kind == "code_inline":
            out.append("{{" + _escape(node.content) + "}}")
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind in _WRAP:
            inner: list[str] = []
            _inline(node.children, inner)
            text = "".join(inner)
            out.append(_WRAP[kind] + text + _WRAP[kind] if text.strip() else text)
        elif kind == "link":
            _link(node, out)
        elif kind == "image":
            out.append("!" + str(node.attrs.get("src", "")) + "!")
        elif node.children:
            _inline(node.children, out)
        elif node.content:
            out.append(_escape(node.content))


def _link(node: SyntaxTreeNode, out: list[str]) -> None:
    href = str(node.attrs.get("href", ""))
    inner: list[str] = []
    _inline(node.children, inner)
    label = "".join(inner)
    if href.lower().startswith(_MENTION_SCHEME) and out and out[-1].endswith("@"):
        out[-1] = out[-1][:-1]
        out.append("[~accountid:" + href[len(_MENTION_SCHEME) :] + "]")
    elif not label or label == _escape(href):
        out.append(f"[{href}]")
    else:
        out.append(f"[{label}|{href}]")


def _escape(text: str) -> str:
    """Backslash-escape what wiki markup would read as an effect, link, macro or table."""
    out: list[str] = []
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if ch in _EFFECTS:
            opens = not (before.isalnum() or before == "_") and not after.isspace()
            closes = not before.isspace() and not (after.isalnum() or after == "_")
            escape = opens or closes
        else:
            escape = (
                ch in _ALWAYS or (ch == "!" and not after.isspace()) or (ch == "?" and after == "?")
            )
        out.append("\\" + ch if escape else ch)
    return "".join(out)
