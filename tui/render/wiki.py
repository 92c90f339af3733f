"""Jira wiki markup (Server / Data Center, REST v2 text fields) -> Rich renderables.

Owns reading the wiki notation: headings, text effects, links, mentions, lists, quotes,
code / noformat / panel / color macros, tables, rules, line breaks, images and emoticons.
Markup it does not know is shown literally. Never raises; all text passes through `safe`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from rich import box
from rich.console import RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

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
)
from tui.render.safe import safe_text

__all__ = ["wiki_to_rich"]

logger = logging.getLogger(__name__)

_MAX_DEPTH = 12  # nested quotes / panels / text effects beyond this are shown literally
_HEADING = re.compile(r"\s*h([1-6])\.(\s.*|)")
_QUOTE_LINE = re.compile(r"\s*bq\.(\s.*|)")
_LIST_ITEM = re.compile(r"\s*([*#]+|-)\s+(.*)")
_RULE = re.compile(r"\s*-{4,}\s*")
_MACRO = re.compile(r"\s*\{(code|noformat|quote|panel)(?::([^}\n]*))?\}")
_LINK_TARGET = re.compile(r"[a-z][a-z0-9+.-]*:|#|\^|[A-Z][A-Z0-9_]+-\d+$", re.IGNORECASE)
_EMOTICONS = {
    ":)": "🙂", ":-)": "🙂", ":(": "🙁", ":-(": "🙁", ":P": "😛", ":p": "😛", ":D": "😀",
    ";)": "😉", ";-)": "😉", "(y)": "👍", "(n)": "👎", "(i)": "ℹ", "(/)": "✔", "(x)": "✘",
    "(!)": "⚠", "(+)": "➕", "(-)": "➖", "(?)": "❓", "(on)": "💡", "(off)": "💡", "(*)": "★",
    "(*r)": "★", "(*g)": "★", "(*b)": "★", "(*y)": "★", "(flag)": "⚑", "(flagoff)": "⚐",
}  # fmt: skip
_SIMPLE = {"*": "bold", "_": "italic", "-": "strike", "+": "underline", "^": "sup", "~": "sub"}


def _effect(name: str, mark: str) -> str:
    """A text effect: opens on non-space, closes after non-space; outside, bar ^ and ~ (x^2^,
    H~2~O), it must not touch a word character."""
    o = re.escape(mark)
    before, after = ("", "") if mark in "^~" else (r"(?<!\w)", r"(?!\w)")
    return rf"{before}{o}(?=\S)(?!{o})(?P<{name}_body>[^\n]{{1,500}}?)(?<=\S)(?<!\\){o}{after}"


_INLINE_PARTS: list[tuple[str, str]] = [
    ("br", r"\\\\"),
    ("escape", r"\\(?P<escape_char>[^A-Za-z0-9\s])"),
    ("mono", r"\{\{(?P<mono_body>[^\n]{1,500}?)\}\}"),
    ("color", r"\{color:(?P<color_name>[^}\n]{1,40})\}(?P<color_body>[\s\S]{0,2000}?)\{color\}"),
    ("mention", r"\[~(?P<mention_name>[^\]\n]{1,200})\]"),
    ("link", r"\[(?P<link_body>[^\]\n]{1,1000})\]"),
    ("image", r"!(?P<image_body>[^\s!|][^!\n|]{0,500}?)(?:\|[^!\n]{0,500})?!"),
    ("cite", _effect("cite", "??")),
    *[(f"fx{n}", _effect(f"fx{n}", mark)) for n, mark in enumerate(_SIMPLE)],
    ("emoticon", r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(_EMOTICONS, key=len)[::-1]))
     + r")(?!\w)"),
    ("dash", r"(?<=\s)---?(?=\s)"),
]  # fmt: skip
_INLINE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _INLINE_PARTS))
_FX_STYLES = {f"fx{n}": style for n, style in enumerate(_SIMPLE.values())}


def wiki_to_rich(s: str) -> RenderableType:
    """Render Jira wiki markup as Rich renderables (a `Text` for a single paragraph)."""
    source = safe_text(s) if isinstance(s, str) else ""
    try:
        return as_renderable(_blocks(source.split("\n"), 0))
    except Exception:  # a markup edge case must never take the screen down: show it as typed
        logger.debug("wiki markup rendered literally", exc_info=True)
        return Text(source)


def _blocks(lines: list[str], depth: int) -> list[RenderableType]:
    """Block structure, line by line; paragraphs are runs of plain lines (a newline breaks)."""
    out: list[RenderableType] = []
    paragraph: list[str] = []

    def add(block: RenderableType) -> None:
        flush()
        if out:
            out.append(Text(""))
        out.append(block)

    def flush() -> None:
        if paragraph:
            text = "\n".join(paragraph)
            paragraph.clear()
            add(_inline(text, depth))

    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        macro = _MACRO.match(line) if depth < _MAX_DEPTH else None
        found = _macro(macro, lines, index - 1, depth) if macro else None
        if found is not None:
            block, rest, index = found
            add(block)
            if rest.strip():
                lines = [*lines[:index], rest, *lines[index:]]
        elif not line.strip():
            flush()
        elif (heading := _HEADING.fullmatch(line)) is not None:
            add(_inline(heading.group(2).strip(), depth, HEADING_STYLES[int(heading.group(1))]))
        elif (bq := _QUOTE_LINE.fullmatch(line)) is not None:
            add(quoted(_inline(bq.group(1).strip(), depth)))
        elif _RULE.fullmatch(line):
            add(Rule(style="dim"))
        elif _LIST_ITEM.match(line):
            end = _run_end(lines, index - 1, lambda ln: _LIST_ITEM.match(ln) is not None)
            add(_list(lines[index - 1 : end], depth))
            index = end
        elif line.lstrip().startswith("|"):
            end = _run_end(lines, index - 1, lambda ln: ln.lstrip().startswith("|"))
            add(_table(lines[index - 1 : end], depth))
            index = end
        else:
            paragraph.append(line)
    flush()
    return out


def _run_end(lines: list[str], start: int, belongs: Callable[[str], bool]) -> int:
    end = start
    while end < len(lines) and belongs(lines[end]):
        end += 1
    return end


def _params(raw: str | None) -> tuple[str, dict[str, str]]:
    """Macro parameters `a|k=v|...`: the bare first one, and the named ones (keys lowercased)."""
    bare, named = "", {}
    for part in (raw or "").split("|"):
        key, eq, value = part.partition("=")
        if eq:
            named[key.strip().lower()] = value.strip()
        elif not bare:
            bare = part.strip()
    return bare, named


def _macro(
    match: re.Match[str], lines: list[str], at: int, depth: int
) -> tuple[RenderableType, str, int] | None:
    """A `{code}`-style block from `lines[at]`: (renderable, text after it, next line index)."""
    name = match.group(1)
    closing = "{" + name + "}"
    body_lines: list[str] = []
    remainder = lines[at][match.end() :]
    index = at
    while True:
        cut = remainder.find(closing)
        if cut >= 0:
            body_lines.append(remainder[:cut])
            rest = remainder[cut + len(closing) :]
            break
        body_lines.append(remainder)
        index += 1
        if index >= len(lines):
            return None  # never closed: the opening line is shown literally
        remainder = lines[index]
    if body_lines and not body_lines[0].strip():
        body_lines = body_lines[1:]
    body = "\n".join(body_lines)
    bare, named = _params(match.group(2))
    if name in ("code", "noformat"):
        title = named.get("title") or named.get("language") or bare or None
        return code_panel(body, title), rest, index + 1
    inner = as_renderable(_blocks(body.split("\n"), depth + 1))
    if name == "quote":
        return quoted(inner), rest, index + 1
    border = parse_color(named.get("bordercolor"))
    title = named.get("title", "")
    panel = Panel(
        inner,
        title=Text(title, style="bold") if title else None,
        title_align="left",
        border_style=Style(color=border) if border else "white",
    )
    return panel, rest, index + 1


def _list(lines: list[str], depth: int) -> RenderableType:
    rows: list[RenderableType] = []
    counters: list[tuple[str, int]] = []
    for line in lines:
        match = _LIST_ITEM.match(line)
        if match is None:
            continue
        markers = "*" if match.group(1) == "-" else match.group(1)
        level = len(markers)
        counters = counters[:level]
        counters += [("", 0)] * (level - len(counters))
        kind, count = counters[level - 1]
        count = count + 1 if kind == markers[-1] else 1
        counters[level - 1] = (markers[-1], count)
        marker = f"{count}." if markers[-1] == "#" else bullet_for(level - 1)
        item: RenderableType = hanging(marker, [_inline(match.group(2), depth)])
        if level > 1:
            item = Prefixed(item, Text("  " * (level - 1)))
        rows.append(item)
    return as_renderable(rows)


def _cells(line: str) -> list[tuple[bool, str]]:
    """Split a table row into (is_header, text) cells; `|` inside [links] or {{ }} is kept."""
    cells: list[tuple[bool, str]] = []
    row = line.strip()
    current: list[str] = []
    index, nest, header, started = 0, 0, False, False
    while index < len(row):
        ch = row[index]
        if ch in "[{" and ("]" if ch == "[" else "}") in row[index:]:
            nest += 1
        elif ch in "]}" and nest:
            nest -= 1
        if ch == "|" and not nest:
            if started:
                cells.append((header, "".join(current).strip()))
            header = row.startswith("||", index)
            index += 2 if header else 1
            current, started = [], True
            continue
        if ch == "\\" and index + 1 < len(row):
            current.append(row[index : index + 2])
            index += 2
            continue
        current.append(ch)
        index += 1
    if started and "".join(current).strip():
        cells.append((header, "".join(current).strip()))
    return cells


def _table(lines: list[str], depth: int) -> RenderableType:
    rows = [cells for cells in (_cells(line) for line in lines) if cells]
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return Text("\n".join(lines))
    head = all(header for header, _ in rows[0])
    table = Table(
        box=box.SQUARE, show_header=head, show_lines=True, border_style="dim", header_style="bold"
    )
    first = rows[0] if head else []
    for number in range(columns):
        header_cell = _inline(first[number][1], depth) if number < len(first) else ""
        table.add_column(header_cell, overflow="fold")
    for cells in rows[1:] if head else rows:
        rendered = [_inline(body, depth, "bold" if header else "") for header, body in cells]
        table.add_row(*rendered, *[""] * (columns - len(cells)))
    return table


def _inline(s: str, depth: int, style: str = "") -> Text:
    """Text effects, links, mentions, macros and emoticons within one block of text."""
    out = Text(style=style)
    if depth > _MAX_DEPTH:
        out.append(s)
        return out
    position = 0
    for match in _INLINE.finditer(s):
        out.append(s[position : match.start()])
        position = match.end()
        _inline_match(match, out, depth)
    out.append(s[position:])
    return out


def _inline_match(match: re.Match[str], out: Text, depth: int) -> None:
    kind = next(name for name, _ in _INLINE_PARTS if match.group(name) is not None)
    whole = match.group(0)
    if kind == "br":
        out.append("\n")
    elif kind == "escape":
        out.append(match.group("escape_char"))
    elif kind == "mono":
        out.append(match.group("mono_body"), style="cyan")
    elif kind == "color":
        colour = parse_color(match.group("color_name"))
        inner = _inline(match.group("color_body"), depth + 1)
        if colour is not None:
            inner.stylize(Style(color=colour))
        out.append_text(inner)
    elif kind == "mention":
        name = match.group("mention_name").strip()
        out.append("@" + name.removeprefix("accountid:"), style="bold")
    elif kind == "link":
        _link(match.group("link_body"), whole, out, depth)
    elif kind == "image":
        target = match.group("image_body").strip()
        out.append_text(media_placeholder(target) if "." in target else Text(whole))
    elif kind == "emoticon":
        out.append(_EMOTICONS[whole])
    elif kind == "dash":
        out.append("—" if whole == "---" else "–")
    elif kind == "cite":
        out.append("— ", style="italic")
        out.append_text(_inline(match.group("cite_body"), depth + 1, "italic"))
    else:
        body = match.group(f"{kind}_body")
        effect = _FX_STYLES[kind]
        if effect in ("sup", "sub"):
            out.append(script(body, sub=effect == "sub"))
        else:
            out.append_text(_inline(body, depth + 1, effect))


def _link(body: str, whole: str, out: Text, depth: int) -> None:
    label, bar, target = body.partition("|")
    target = (target if bar else label).split("|")[0].strip()
    if not _LINK_TARGET.match(target):
        out.append(whole)  # not a link Jira would make: keep the brackets as typed
    elif target.startswith("^"):
        out.append_text(media_placeholder(target[1:]))
    elif bar:
        append_link(out, _inline(label, depth + 1), target)
    elif target.startswith("#"):
        out.append(target[1:], style="underline")
    else:
        append_link(out, None, target)
