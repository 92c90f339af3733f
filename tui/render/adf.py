"""ADF (Atlassian Document Format, v3 rich text) -> Rich renderables and plain text.

Owns the reading of every node and mark type in `adf-schema.full.json` (plus the stage-0
extension frames). Input is untrusted JSON: anything malformed renders what it can, or an
inert "[unreadable content]"; nothing here raises. All text passes through `safe`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from rich import box
from rich.align import Align
from rich.console import RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui.render.adf_plain import adf_to_plain, inline_atom, media_name, node_type
from tui.render.blocks import (
    HEADING_STYLES,
    Prefixed,
    append_link,
    as_renderable,
    bullet_for,
    code_panel,
    hanging,
    media_placeholder,
    parse_color,
    quoted,
    script,
    unreadable,
)
from tui.render.safe import safe_line, safe_text, text

__all__ = ["adf_to_plain", "adf_to_rich"]

logger = logging.getLogger(__name__)

_MAX_DEPTH = 24  # deeper structure is flattened to its text: no recursion limit, no tiny columns
_INLINE = frozenset({"text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard",
                     "placeholder", "mediaInline", "inlineExtension"})  # fmt: skip
_PANEL_STYLES = {"info": ("blue", "Info"), "note": ("magenta", "Note"), "tip": ("green", "Tip"),
                 "warning": ("yellow", "Warning"), "error": ("red", "Error"),
                 "success": ("green", "Success"), "custom": ("white", "")}  # fmt: skip
_STATUS_STYLES = {"neutral": "bold reverse", "purple": "bold white on magenta",
                  "blue": "bold white on blue", "red": "bold white on red",
                  "yellow": "bold black on yellow", "green": "bold black on green"}  # fmt: skip
_MARK_STYLES = {
    "strong": Style(bold=True),
    "em": Style(italic=True),
    "code": Style(color="cyan"),
    "strike": Style(strike=True),
    "underline": Style(underline=True),
    "annotation": Style(underline=True),
}
_NARROW = 60  # below this width hint, layout columns stack instead of sitting side by side


@dataclass(frozen=True, slots=True)
class _Ctx:
    depth: int = 0
    list_depth: int = 0
    width: int | None = None

    def deeper(self, lists: int = 0) -> _Ctx:
        return replace(self, depth=self.depth + 1, list_depth=self.list_depth + lists)


def adf_to_rich(doc: object, *, width_hint: int | None = None) -> RenderableType:
    """Render an ADF document (or any ADF node or node list) as Rich renderables.

    Returns a single `Text` for one-paragraph documents, else a `Group`. A plain string is
    shown as text; None as nothing; anything unreadable as "[unreadable content]".
    """
    if doc is None:
        return Text("")
    if isinstance(doc, str):
        return text(doc)
    if not isinstance(doc, dict | list):
        return unreadable()
    try:
        nodes = doc if isinstance(doc, list) else [doc]
        blocks = _blocks(nodes, _Ctx(width=width_hint), spaced=True)
    except Exception:  # untrusted input must never take the screen down
        logger.debug("unreadable ADF document", exc_info=True)
        return unreadable()
    return as_renderable(blocks)


def _attrs(node: dict[str, Any]) -> dict[str, Any]:
    attrs = node.get("attrs")
    return attrs if isinstance(attrs, dict) else {}


def _content(node: dict[str, Any]) -> list[Any]:
    content = node.get("content")
    return content if isinstance(content, list) else []


def _marks(node: dict[str, Any]) -> list[dict[str, Any]]:
    marks = node.get("marks")
    return [m for m in marks if isinstance(m, dict)] if isinstance(marks, list) else []


def _blocks(nodes: list[Any], ctx: _Ctx, *, spaced: bool) -> list[RenderableType]:
    """Render a content list as blocks; runs of stray inline nodes become one paragraph.

    Each node's output stays together; `spaced` puts a blank line between nodes' outputs.
    """
    groups: list[list[RenderableType]] = []
    run: list[Any] = []

    def flush() -> None:
        if run:
            groups.append([_inline_text(run, ctx)])
            run.clear()

    for node in nodes:
        if not isinstance(node, dict):
            continue
        if node_type(node) in _INLINE:
            run.append(node)
            continue
        flush()
        rendered = _block(node, ctx)
        if rendered:
            groups.append(rendered)
    flush()
    out: list[RenderableType] = []
    for number, group in enumerate(groups):
        if spaced and number:
            out.append(Text(""))
        out.extend(group)
    return out


def _block(node: dict[str, Any], ctx: _Ctx) -> list[RenderableType]:
    if ctx.depth > _MAX_DEPTH:
        return [text(adf_to_plain(node))]
    kind = node_type(node)
    attrs = _attrs(node)
    inner = ctx.deeper()
    if kind in ("doc", "bodiedSyncBlock", "layoutColumn", "extensionFrame"):
        return _blocks(_content(node), inner, spaced=True)
    if kind == "paragraph":
        return [_paragraph(node, ctx)]
    if kind == "heading":
        level = attrs.get("level")
        style = HEADING_STYLES.get(level if isinstance(level, int) else 1, HEADING_STYLES[1])
        return [_inline_text(_content(node), ctx, style=style)]
    if kind in ("bulletList", "orderedList"):
        return [_list(node, ctx)]
    if kind in ("listItem", "blockTaskItem"):
        return [hanging(bullet_for(ctx.list_depth), _blocks(_content(node), inner, spaced=False))]
    if kind in ("taskList", "decisionList"):
        return [_tasks(node, ctx)]
    if kind in ("taskItem", "decisionItem"):
        return [_task_item(node, ctx)]
    if kind == "blockquote":
        return [quoted(as_renderable(_blocks(_content(node), inner, spaced=True)))]
    if kind == "codeBlock":
        return [_code_block(node)]
    if kind == "panel":
        return [_panel(node, inner)]
    if kind == "rule":
        return [Rule(style="dim")]
    if kind in ("mediaSingle", "mediaGroup"):
        return _blocks(_content(node), inner, spaced=False)
    if kind == "media":
        return [media_placeholder(media_name(attrs))]
    if kind == "caption":
        return [_inline_text(_content(node), ctx, style="italic dim")]
    if kind == "table":
        return [_table(node, inner)]
    if kind in ("tableRow", "tableCell", "tableHeader"):
        return [_table({"type": "table", "content": [node]}, inner)]
    if kind in ("expand", "nestedExpand"):
        title = safe_line(attrs.get("title") or "").strip()
        head = Text("▾ ", style="dim") + text(title or "Details", "bold")
        body = as_renderable(_blocks(_content(node), inner, spaced=True))
        return [head, Prefixed(body, Text("  "))]
    if kind in ("extension", "bodiedExtension", "multiBodiedExtension"):
        label = inline_atom(node) or ""
        return [Text(label, style="dim"), *_blocks(_content(node), inner, spaced=True)]
    if kind == "layoutSection":
        return [_layout(node, inner)]
    if kind in ("blockCard", "embedCard"):
        return [_inline_text([{"type": "inlineCard", "attrs": attrs}], ctx)]
    if kind == "syncBlock":
        return [Text("[synced block]", style="dim")]
    # An unknown node: its own text, then its content, rendered as well as can be.
    parts: list[RenderableType] = []
    own = node.get("text")
    if isinstance(own, str) and own:
        parts.append(text(own))
    return parts + _blocks(_content(node), inner, spaced=False)


def _paragraph(node: dict[str, Any], ctx: _Ctx) -> RenderableType:
    para: RenderableType = _inline_text(_content(node), ctx)
    for mark in _marks(node):
        mark_attrs = _attrs(mark)
        if node_type(mark) == "alignment":
            para = Align(para, "center" if mark_attrs.get("align") == "center" else "right")
        elif node_type(mark) == "indentation" and isinstance(mark_attrs.get("level"), int):
            para = Padding(para, (0, 0, 0, max(0, min(6, mark_attrs["level"])) * 2))
    return para


def _inline_text(nodes: list[Any], ctx: _Ctx, style: str = "") -> Text:
    out = Text(style=style)
    for node in nodes:
        if isinstance(node, dict):
            _inline(node, out, ctx)
    return out


def _inline(node: dict[str, Any], out: Text, ctx: _Ctx) -> None:
    kind = node_type(node)
    attrs = _attrs(node)
    if kind == "text":
        _text_node(node, out)
    elif kind == "hardBreak":
        out.append("\n")
    elif kind == "mention":
        out.append(text(inline_atom(node) or "@user", "bold"))
    elif kind == "status":
        colour = attrs.get("color")
        badge = _STATUS_STYLES.get(colour if isinstance(colour, str) else "", "bold reverse")
        out.append(text(f" {inline_atom(node) or ''} ", badge))
    elif kind == "inlineCard":
        url = attrs.get("url")
        if isinstance(url, str) and url:
            append_link(out, None, url)
        else:
            out.append(text(inline_atom(node) or "[card]", "dim"))
    elif kind in ("placeholder", "mediaInline", "inlineExtension"):
        out.append(text(inline_atom(node) or "", "dim italic" if kind == "placeholder" else "dim"))
    elif kind in ("emoji", "date"):
        out.append(text(inline_atom(node) or ""))
    elif ctx.depth <= _MAX_DEPTH:  # unknown inline: its text, then its content's text
        own = node.get("text")
        if isinstance(own, str):
            out.append(text(own))
        for child in _content(node):
            if isinstance(child, dict):
                _inline(child, out, ctx.deeper())
    else:
        out.append(text(adf_to_plain(node)))


def _text_node(node: dict[str, Any], out: Text) -> None:
    raw = node.get("text")
    if not isinstance(raw, str) or not raw:
        return
    value = safe_text(raw)
    style = Style()
    href: object = None
    for mark in _marks(node):
        kind = node_type(mark)
        attrs = _attrs(mark)
        if kind in _MARK_STYLES:
            style += _MARK_STYLES[kind]
        elif kind == "link":
            href = attrs.get("href")
        elif kind == "subsup":
            value = script(value, sub=attrs.get("type") == "sub")
        elif kind in ("textColor", "backgroundColor"):
            colour = parse_color(attrs.get("color"))
            if colour is not None:
                style += Style(color=colour) if kind == "textColor" else Style(bgcolor=colour)
    piece = Text(value, style=style)
    if href is not None:
        append_link(out, piece, href)
    else:
        out.append_text(piece)


def _list(node: dict[str, Any], ctx: _Ctx) -> RenderableType:
    items = [item for item in _content(node) if isinstance(item, dict)]
    inner = ctx.deeper(lists=1)
    if node_type(node) == "bulletList":
        markers = [bullet_for(ctx.list_depth)] * len(items)
    else:
        order = _attrs(node).get("order")
        start = int(order) if isinstance(order, int | float) and 0 <= order < 10**9 else 1
        numbers = [f"{start + n}." for n in range(len(items))]
        width = max((len(n) for n in numbers), default=0)
        markers = [n.rjust(width) for n in numbers]
    rows = [
        hanging(marker, _blocks(_content(item), inner, spaced=False))
        if node_type(item) == "listItem"
        else as_renderable(_block(item, inner))
        for marker, item in zip(markers, items, strict=True)
    ]
    return as_renderable(rows)


def _tasks(node: dict[str, Any], ctx: _Ctx) -> RenderableType:
    inner = ctx.deeper(lists=1)
    rows: list[RenderableType] = []
    for item in _content(node):
        if not isinstance(item, dict):
            continue
        if node_type(item) in ("taskList", "decisionList"):
            rows.append(Prefixed(_tasks(item, inner), Text("  ")))
        else:
            rows.append(_task_item(item, inner))
    return as_renderable(rows)


def _task_item(item: dict[str, Any], ctx: _Ctx) -> RenderableType:
    state = _attrs(item).get("state")
    kind = node_type(item)
    if kind == "decisionItem":
        marker = "◆" if state == "DECIDED" else "◇"
    else:
        marker = "☑" if state == "DONE" else "☐"
    if kind == "blockTaskItem" or any(
        isinstance(c, dict) and node_type(c) not in _INLINE for c in _content(item)
    ):
        return hanging(marker, _blocks(_content(item), ctx.deeper(), spaced=False))
    return hanging(marker, [_inline_text(_content(item), ctx)])


def _code_block(node: dict[str, Any]) -> RenderableType:
    code = "".join(
        c["text"] for c in _content(node) if isinstance(c, dict) and isinstance(c.get("text"), str)
    )
    language = _attrs(node).get("language")
    return code_panel(code, language if isinstance(language, str) else None)


def _panel(node: dict[str, Any], ctx: _Ctx) -> RenderableType:
    attrs = _attrs(node)
    kind = attrs.get("panelType")
    colour, label = _PANEL_STYLES.get(kind if isinstance(kind, str) else "", ("white", ""))
    custom = parse_color(attrs.get("panelColor")) if kind == "custom" else None
    icon = attrs.get("panelIconText")
    title = " ".join(p for p in (safe_line(icon) if isinstance(icon, str) else "", label) if p)
    body = as_renderable(_blocks(_content(node), ctx, spaced=True))
    border = Style(color=custom) if custom is not None else Style.parse(colour)
    return Panel(
        body,
        title=text(title, "bold") if title else None,
        title_align="left",
        border_style=border,
        box=box.ROUNDED,
        expand=True,
    )


def _table(node: dict[str, Any], ctx: _Ctx) -> RenderableType:
    rows: list[list[tuple[bool, RenderableType]]] = []
    for row in _content(node):
        if not isinstance(row, dict):
            continue
        cells: list[tuple[bool, RenderableType]] = []
        for cell in _content(row):
            if not isinstance(cell, dict):
                continue
            header = node_type(cell) == "tableHeader"
            body = as_renderable(_blocks(_content(cell), ctx, spaced=False))
            if header and isinstance(body, Text):
                body.stylize("bold")
            span = _attrs(cell).get("colspan")
            extra = int(span) - 1 if isinstance(span, int | float) and 1 < span <= 64 else 0
            cells.append((header, body))
            cells.extend((header, Text("")) for _ in range(extra))
        rows.append(cells)
    head = bool(rows) and bool(rows[0]) and all(header for header, _ in rows[0])
    if _attrs(node).get("isNumberColumnEnabled") is True:
        for number, cells in enumerate(rows[1:] if head else rows, start=1):
            cells.insert(0, (False, Text(str(number), style="dim")))
        if head:
            rows[0].insert(0, (True, Text("")))
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return Text("")
    table = Table(
        box=box.SQUARE, show_header=head, show_lines=True, border_style="dim", header_style="bold"
    )
    first = rows[0] if head else []
    for number in range(columns):
        table.add_column(first[number][1] if number < len(first) else "", overflow="fold")
    for cells in rows[1:] if head else rows:
        table.add_row(*[body for _, body in cells], *[""] * (columns - len(cells)))
    return table


def _layout(node: dict[str, Any], ctx: _Ctx) -> RenderableType:
    columns = [c for c in _content(node) if isinstance(c, dict)]
    bodies = [as_renderable(_block(c, ctx)) for c in columns]
    if len(bodies) < 2 or (ctx.width is not None and ctx.width < _NARROW):
        return as_renderable(_blocks(columns, ctx, spaced=True))
    grid = Table.grid(expand=True, padding=(0, 2))
    for column in columns:
        width = _attrs(column).get("width")
        ratio = int(width) if isinstance(width, int | float) and 1 <= width <= 100 else 1
        grid.add_column(ratio=ratio)
    grid.add_row(*bodies)
    return grid
