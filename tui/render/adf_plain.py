"""ADF -> plain text, and the words that stand for ADF's atom nodes (mention, date, card, ...).

Owns `adf_to_plain` (search, copying, one-line previews) and `inline_atom`, which the Rich
renderer shares so both show a person the same words. Walks iteratively: any depth, no raise.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from tui.render.safe import safe_line, safe_text

__all__ = ["adf_to_plain", "date_text", "inline_atom", "media_name", "node_type"]

_BLOCK_BREAK = "\n"
_BLOCKS = {
    "doc",
    "paragraph",
    "heading",
    "bulletList",
    "orderedList",
    "listItem",
    "taskList",
    "taskItem",
    "blockTaskItem",
    "decisionList",
    "decisionItem",
    "blockquote",
    "codeBlock",
    "panel",
    "rule",
    "mediaSingle",
    "mediaGroup",
    "caption",
    "table",
    "tableRow",
    "tableCell",
    "tableHeader",
    "expand",
    "nestedExpand",
    "bodiedExtension",
    "multiBodiedExtension",
    "extensionFrame",
    "layoutSection",
    "layoutColumn",
    "bodiedSyncBlock",
}
_BLANK_RUNS = re.compile(r"[ \t]*\n\s*")


def _attrs(node: dict[str, Any]) -> dict[str, Any]:
    attrs = node.get("attrs")
    return attrs if isinstance(attrs, dict) else {}


def node_type(node: dict[str, Any]) -> str:
    """A node's or mark's `type`, or "" when it has none that is a string."""
    kind = node.get("type")
    return kind if isinstance(kind, str) else ""


def _str(value: object) -> str:
    return safe_line(value).strip() if isinstance(value, str) else ""


def date_text(timestamp: object) -> str:
    """An ADF date's timestamp (milliseconds since the epoch, UTC) as an ISO date."""
    try:
        millis = float(timestamp) if isinstance(timestamp, str | int | float) else None
        if millis is None or millis != millis:
            return _str(timestamp)
        return datetime.fromtimestamp(millis / 1000, tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return _str(timestamp)


def media_name(attrs: dict[str, Any]) -> str:
    """What names a media item: its alt text, else its id, else its URL."""
    for key in ("alt", "id", "url"):
        value = _str(attrs.get(key))
        if value:
            return value
    return "attachment"


def inline_atom(node: dict[str, Any]) -> str | None:
    """The text standing for an atom node (already made safe), or None for other nodes."""
    kind = node_type(node)
    attrs = _attrs(node)
    if kind == "text":
        raw = node.get("text")
        return safe_text(raw) if isinstance(raw, str) else ""
    if kind == "hardBreak":
        return "\n"
    if kind == "mention":
        name = _str(attrs.get("text")).lstrip("@")
        return f"@{name or 'user'}"
    if kind == "emoji":
        return _str(attrs.get("text")) or _str(attrs.get("shortName"))
    if kind == "date":
        return date_text(attrs.get("timestamp"))
    if kind == "status":
        return _str(attrs.get("text")).upper()
    if kind in ("inlineCard", "blockCard", "embedCard"):
        return _card(attrs)
    if kind == "placeholder":
        return _str(attrs.get("text"))
    if kind in ("media", "mediaInline"):
        return f"[media: {media_name(attrs)}]"
    if kind in ("extension", "inlineExtension", "bodiedExtension", "multiBodiedExtension"):
        key = _str(attrs.get("extensionKey")) or _str(attrs.get("extensionType")) or "unknown"
        fallback = _str(attrs.get("text"))
        return f"[extension: {key}]" + (f" {fallback}" if fallback else "")
    if kind == "syncBlock":
        return "[synced block]"
    return None


def _card(attrs: dict[str, Any]) -> str:
    url = _str(attrs.get("url"))
    if url:
        return url
    data = attrs.get("data")
    if isinstance(data, dict):
        for key in ("url", "name"):
            if _str(data.get(key)):
                return _str(data.get(key))
    return "[card]"


def adf_to_plain(doc: object) -> str:
    """The text a person reads in an ADF document: blocks on their own lines, atoms as words.

    Never raises; anything that is not ADF contributes nothing (a string is returned as is).
    """
    if isinstance(doc, str):
        return safe_text(doc)
    parts: list[str] = []
    stack: list[object] = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kind = node_type(item)
            atom = inline_atom(item)
            content = item.get("content")
            block = kind in _BLOCKS or kind in ("extension", "syncBlock", "media")
            if block:
                stack.append(_BLOCK_BREAK)
            if isinstance(content, list) and kind != "text":
                stack.append(content)
            if kind in ("expand", "nestedExpand") and _str(_attrs(item).get("title")):
                stack.append(_str(_attrs(item).get("title")) + _BLOCK_BREAK)
            if atom is not None:
                stack.append(atom)
            elif kind not in _BLOCKS and isinstance(item.get("text"), str):
                stack.append(safe_text(item["text"]))
            if block:
                stack.append(_BLOCK_BREAK)
    return _BLANK_RUNS.sub("\n", "".join(parts)).strip()
