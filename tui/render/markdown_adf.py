"""Markdown (what a person types in the comment editor) -> ADF for v3, or wiki markup for v2.

Owns the conversion: CommonMark plus GFM tables and strikethrough, parsed by markdown-it-py.
Every ADF document produced validates against `adf-schema.full.json`: no empty text nodes,
marks only where the schema allows them, and blocks a container cannot hold are turned into
ones it can. `@[Name](accountId:ID)` becomes a mention.

Plain text (letters, digits, spaces and punctuation that Markdown gives no meaning to, no
indented or numbered line) is converted without markdown-it, whose import compiles its regexes
(~0.05 s of a headless `comment`); the result is the same document markdown-it gives
(`tests/unit/test_render_markdown_plain.py` checks it against the parser).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    from tui.render.markdown_wiki import markdown_to_wiki

__all__ = ["markdown_to_adf", "markdown_to_wiki"]

Node = dict[str, Any]

_MENTION_SCHEME = "accountid:"
# Blocks each ADF container may hold (from the schema); anything else is converted.
_ALLOWED = {
    "doc": {"paragraph", "heading", "bulletList", "orderedList", "codeBlock", "blockquote",
            "rule", "table"},
    "listItem": {"paragraph", "bulletList", "orderedList", "codeBlock"},
    "blockquote": {"paragraph", "bulletList", "orderedList", "codeBlock"},
}  # fmt: skip
_CODE_COMPANIONS = {"link"}  # the only marks the schema lets sit beside `code`
_ALIGN = re.compile(r"text-align:\s*(center|right)")
# Punctuation Markdown gives no meaning to here (no autolinks, no linkify, html off); `!` only
# matters before `[`, `.` and `)` only after a line's leading digits (checked by _NUMBERED).
_PLAIN_PUNCTUATION = frozenset(" \n,.?!;:'\"()/%$@")
_NUMBERED = re.compile(r"^[0-9]+[.)]", re.MULTILINE)


def __getattr__(name: str) -> Any:
    """`markdown_to_wiki` is re-exported, imported only when asked for (markdown-it)."""
    if name == "markdown_to_wiki":
        from tui.render.markdown_wiki import markdown_to_wiki

        return markdown_to_wiki
    raise AttributeError(name)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_to_adf(md: str, *, breaks: bool = True) -> Node:
    """Convert Markdown to an ADF document (`version: 1`) that the schema accepts.

    With `breaks` (the default, as in a comment box) a single newline is a line break;
    without it, CommonMark's rule applies and it joins the lines with a space.
    """
    text = md if isinstance(md, str) else str(md)
    if _is_plain(text):
        return {"type": "doc", "version": 1, "content": _plain_blocks(text, breaks)}
    return {"type": "doc", "version": 1, "content": _parsed_blocks(text, breaks)}


def _parsed_blocks(text: str, breaks: bool) -> list[Node]:
    from markdown_it.tree import SyntaxTreeNode

    return _blocks(SyntaxTreeNode(_parser().parse(text)).children, "doc", breaks)


def _is_plain(text: str) -> bool:
    """Text in which Markdown finds nothing but paragraphs and line breaks: letters, digits and
    `_PLAIN_PUNCTUATION` only, no line starting or ending with a space, none numbered."""
    if not all(c.isalnum() or c in _PLAIN_PUNCTUATION for c in text):
        return False
    if any(line != line.strip(" ") for line in text.split("\n")):
        return False
    return _NUMBERED.search(text) is None


def _plain_blocks(text: str, breaks: bool) -> list[Node]:
    """What markdown-it makes of plain text: a paragraph per run of non-empty lines, each line
    break a hardBreak (with `breaks`) or a space."""
    out: list[Node] = []
    lines: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line:
            lines.append(line)
            continue
        if lines:
            if breaks:
                content: list[Node] = [_text(lines[0])]
                for rest in lines[1:]:
                    content += [{"type": "hardBreak"}, _text(rest)]
            else:
                content = [_text(" ".join(lines))]
            out.append(_paragraph(content))
            lines = []
    return out


def _blocks(nodes: list[SyntaxTreeNode], where: str, breaks: bool) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        for block in _block(node, where, breaks):
            out.extend(_fit(block, where))
    return out


def _block(node: SyntaxTreeNode, where: str, breaks: bool) -> list[Node]:
    kind = node.type
    if kind == "paragraph":
        return [{"type": "paragraph", "content": _inlines(node, breaks)}]
    if kind == "heading":
        level = int(node.tag[1:]) if node.tag[1:].isdigit() else 1
        return [{"type": "heading", "attrs": {"level": level}, "content": _inlines(node, breaks)}]
    if kind in ("bullet_list", "ordered_list"):
        items = [_list_item(child, breaks) for child in node.children]
        if kind == "bullet_list":
            return [{"type": "bulletList", "content": items}]
        start = node.attrs.get("start")
        attrs = {"order": start} if isinstance(start, int) and start != 1 else {}
        return [{"type": "orderedList", **({"attrs": attrs} if attrs else {}), "content": items}]
    if kind in ("fence", "code_block"):
        language = node.info.strip().split(" ")[0] if kind == "fence" else ""
        code = node.content[:-1] if node.content.endswith("\n") else node.content
        block: Node = {"type": "codeBlock", "content": [_text(code)] if code else []}
        if language:
            block["attrs"] = {"language": language}
        return [block]
    if kind == "blockquote":
        content = _blocks(node.children, "blockquote", breaks)
        return [{"type": "blockquote", "content": content or [_paragraph([])]}]
    if kind == "hr":
        return [{"type": "rule"}]
    if kind == "table":
        rows = [row for section in node.children for row in section.children]
        return [{"type": "table", "content": [_row(row, breaks) for row in rows]}]
    if node.children:  # anything unforeseen: keep whatever it holds
        return _blocks(node.children, where, breaks)
    return [_paragraph([_text(node.content)])] if node.content else []


def _list_item(node: SyntaxTreeNode, breaks: bool) -> Node:
    content = _blocks(node.children, "listItem", breaks)
    return {"type": "listItem", "content": content or [_paragraph([])]}


def _row(node: SyntaxTreeNode, breaks: bool) -> Node:
    cells = []
    for cell in node.children:
        paragraph = _paragraph(_inlines(cell, breaks))
        align = _ALIGN.search(str(cell.attrs.get("style", "")))
        if align:
            paragraph["marks"] = [
                {
                    "type": "alignment",
                    "attrs": {"align": "center" if align[1] == "center" else "end"},
                }
            ]
        kind = "tableHeader" if cell.type == "th" else "tableCell"
        cells.append({"type": kind, "content": [paragraph]})
    return {"type": "tableRow", "content": cells}


def _fit(block: Node, where: str) -> list[Node]:
    """`block` if `where` may hold it, else the nearest blocks it may: headings become bold
    paragraphs, quotes give up their content, tables become a paragraph per row."""
    kind = block["type"]
    if kind in _ALLOWED[where]:
        return [block]
    if kind == "heading":
        return [_paragraph([_with_mark(n, {"type": "strong"}) for n in block["content"]])]
    if kind == "blockquote":
        return [fitted for inner in block["content"] for fitted in _fit(inner, where)]
    if kind == "rule":
        return [_paragraph([_text("---")])]
    if kind == "table":
        lines = []
        for row in block["content"]:
            inline: list[Node] = []
            for number, cell in enumerate(row["content"]):
                if number:
                    inline.append(_text(" | "))
                inline.extend(cell["content"][0].get("content", []))
            lines.append(_paragraph(_merge(inline)))
        return lines
    return [_paragraph([])]


def _paragraph(content: list[Node]) -> Node:
    return {"type": "paragraph", "content": content}


def _text(value: str, marks: list[Node] | None = None) -> Node:
    node: Node = {"type": "text", "text": value}
    if marks:
        node["marks"] = marks
    return node


def _with_mark(node: Node, mark: Node) -> Node:
    if node.get("type") != "text":
        return node
    marks = list(node.get("marks", []))
    if any(m["type"] == "code" for m in marks) or any(m["type"] == mark["type"] for m in marks):
        return node
    return _text(node["text"], [*marks, mark])


def _inlines(node: SyntaxTreeNode, breaks: bool) -> list[Node]:
    out: list[Node] = []
    for child in node.children:
        if child.type == "inline":
            _inline(child.children, [], out, breaks)
    return _merge(out)


def _inline(nodes: list[SyntaxTreeNode], marks: list[Node], out: list[Node], breaks: bool) -> None:
    for node in nodes:
        kind = node.type
        if kind == "text":
            if node.content:
                out.append(_text(node.content, _allowed(marks, code=False)))
        elif kind == "code_inline":
            if node.content:
                out.append(_text(node.content, [{"type": "code"}, *_allowed(marks, code=True)]))
        elif kind == "softbreak":
            out.append({"type": "hardBreak"} if breaks else _text(" ", _allowed(marks, False)))
        elif kind == "hardbreak":
            out.append({"type": "hardBreak"})
        elif kind in ("strong", "em", "s"):
            mark = {"strong": "strong", "em": "em", "s": "strike"}[kind]
            _inline(node.children, [*marks, {"type": mark}], out, breaks)
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            if href.lower().startswith(_MENTION_SCHEME) and _take_at_sign(out):
                label = "".join(c.content for c in node.walk() if c.type in ("text", "code_inline"))
                out.append(_mention(href[len(_MENTION_SCHEME) :], label))
                continue
            link: Node = {"type": "link", "attrs": {"href": href}}
            if node.attrs.get("title"):
                link["attrs"]["title"] = str(node.attrs["title"])
            _inline(node.children, [*marks, link], out, breaks)
        elif kind == "image":
            src = str(node.attrs.get("src", ""))
            alt = "".join(c.content for c in node.walk() if c.type == "text") or src
            if alt:
                image_link: Node = {"type": "link", "attrs": {"href": src}}
                out.append(_text(alt, _allowed([*marks, image_link], code=False)))
        elif node.children:
            _inline(node.children, marks, out, breaks)
        elif node.content:
            out.append(_text(node.content, _allowed(marks, code=False)))


def _allowed(marks: list[Node], code: bool) -> list[Node]:
    """Marks without repeats (an inner link wins); beside `code`, only a link may stay."""
    by_type: dict[str, Node] = {}
    for mark in marks:
        by_type.pop(mark["type"], None)
        by_type[mark["type"]] = mark
    return [m for t, m in by_type.items() if not code or t in _CODE_COMPANIONS]


def _take_at_sign(out: list[Node]) -> bool:
    """Drop a trailing "@" from the last text node (so `@[Name](accountId:..)` is a mention)."""
    if not out or out[-1].get("type") != "text" or not out[-1]["text"].endswith("@"):
        return False
    rest = out[-1]["text"][:-1]
    if rest:
        out[-1] = _text(rest, out[-1].get("marks"))
    else:
        out.pop()
    return True


def _mention(account_id: str, label: str) -> Node:
    attrs = {"id": account_id or "unknown", "text": "@" + label.lstrip("@")}
    return {"type": "mention", "attrs": attrs}


def _merge(nodes: list[Node]) -> list[Node]:
    """Join neighbouring text nodes that carry the same marks."""
    out: list[Node] = []
    for node in nodes:
        last = out[-1] if out else None
        if (
            last is not None
            and node.get("type") == "text"
            and last.get("type") == "text"
            and last.get("marks") == node.get("marks")
        ):
            out[-1] = _text(last["text"] + node["text"], last.get("marks"))
        else:
            out.append(node)
    return out
