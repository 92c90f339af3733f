"""ADF -> HTML, as Jira renders wiki fields for `renderedFields` (v2, v3) and `html` (legacy).

Every text and attribute is escaped; links keep only http(s), mailto and relative targets, so a
body can never inject markup into whoever displays the HTML.
"""

from __future__ import annotations

from html import escape
from typing import Any

Node = dict[str, Any]

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/")
_BLOCK_TAGS = {"paragraph": "p", "blockquote": "blockquote", "bulletList": "ul", "orderedList": "ol",
               "listItem": "li", "table": "table", "tableRow": "tr", "tableHeader": "th", "tableCell": "td",
               "taskList": "ul", "taskItem": "li", "decisionList": "ul", "decisionItem": "li"}  # fmt: skip
_MARK_TAGS = {"strong": "b", "em": "em", "strike": "del", "underline": "ins", "code": "tt"}


def adf_to_html(doc: Node | None) -> str:
    if not doc:
        return ""
    return "".join(_block(node) for node in doc.get("content") or [])


def _children(node: Node) -> str:
    return "".join(_block(child) for child in node.get("content") or [])


def _block(node: Node) -> str:
    kind = str(node.get("type", ""))
    attrs = node.get("attrs") or {}
    if kind in ("text", "hardBreak", "mention", "emoji", "inlineCard", "status", "date", "mediaInline"):
        return _inline(node)
    if kind == "heading":
        level = min(max(int(attrs.get("level", 1)), 1), 6)
        return f"<h{level}>{_children(node)}</h{level}>"
    if kind == "table":
        return f'<div class="table-wrap"><table class="confluenceTable"><tbody>{_children(node)}</tbody></table></div>'
    if kind in _BLOCK_TAGS:
        tag = _BLOCK_TAGS[kind]
        css = ' class="confluenceTh"' if kind == "tableHeader" else ' class="confluenceTd"' if kind == "tableCell" else ""
        return f"<{tag}{css}>{_children(node)}</{tag}>"
    if kind == "codeBlock":
        code = escape("".join(str(child.get("text", "")) for child in node.get("content") or []))
        language = escape(str(attrs.get("language") or "none"))
        return f'<div class="code panel"><div class="codeContent panelContent"><pre class="code-{language}">{code}</pre></div></div>'
    if kind == "rule":
        return "<hr />"
    if kind == "panel":
        panel_type = escape(str(attrs.get("panelType", "info")))
        return f'<div class="panel panel-{panel_type}"><div class="panelContent">{_children(node)}</div></div>'
    if kind in ("expand", "nestedExpand"):
        title = escape(str(attrs.get("title") or ""))
        return f"<details><summary>{title}</summary>{_children(node)}</details>"
    if kind in ("mediaSingle", "mediaGroup", "media"):
        return _media(node)
    if kind in ("blockCard", "embedCard"):
        return f"<p>{_link(str(attrs.get('url') or ''), escape(str(attrs.get('url') or '')))}</p>"
    return _children(node)


def _inline(node: Node) -> str:
    kind = node.get("type")
    attrs = node.get("attrs") or {}
    if kind == "text":
        return _marked(escape(str(node.get("text", ""))), node.get("marks") or [])
    if kind == "hardBreak":
        return "<br/>"
    if kind == "mention":
        label = str(attrs.get("text") or attrs.get("id") or "")
        label = label if label.startswith("@") else f"@{label}"
        account = escape(str(attrs.get("id", "")), quote=True)
        return f'<a href="#" class="user-hover" rel="{account}" data-account-id="{account}">{escape(label)}</a>'
    if kind == "emoji":
        return escape(str(attrs.get("text") or attrs.get("shortName") or ""))
    if kind == "inlineCard":
        url = str(attrs.get("url") or "")
        return _link(url, escape(url))
    if kind == "status":
        return f'<span class="aui-lozenge">{escape(str(attrs.get("text", "")))}</span>'
    if kind == "date":
        return f"<time>{escape(str(attrs.get('timestamp', '')))}</time>"
    return _media(node)


def _media(node: Node) -> str:
    names = []
    stack = [node]
    while stack:
        current = stack.pop()
        attrs = current.get("attrs") or {}
        if current.get("type") in ("media", "mediaInline"):
            names.append(escape(str(attrs.get("alt") or attrs.get("id") or "attachment")))
        stack.extend(reversed(current.get("content") or []))
    return "".join(f'<span class="image-wrap">{name}</span>' for name in names)


def _marked(html: str, marks: list[Node]) -> str:
    for mark in marks:
        kind = mark.get("type")
        attrs = mark.get("attrs") or {}
        if kind in _MARK_TAGS:
            tag = _MARK_TAGS[str(kind)]
            html = f"<{tag}>{html}</{tag}>"
        elif kind == "subsup":
            tag = "sub" if attrs.get("type") == "sub" else "sup"
            html = f"<{tag}>{html}</{tag}>"
        elif kind == "textColor":
            colour = escape(str(attrs.get("color", "")), quote=True)
            html = f'<font color="{colour}">{html}</font>'
    link = next((mark for mark in marks if mark.get("type") == "link"), None)
    if link is not None:
        html = _link(str((link.get("attrs") or {}).get("href", "")), html)
    return html


def _link(href: str, inner_html: str) -> str:
    if not href.lower().startswith(_SAFE_SCHEMES):
        return inner_html
    return f'<a href="{escape(href, quote=True)}" class="external-link" rel="nofollow">{inner_html}</a>'
