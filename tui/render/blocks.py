"""Shared Rich building blocks for the ADF, wiki and HTML renderers.

Owns the look that all three share: heading styles, list markers, the prefixed (hanging
indent / quote bar) renderable, link text, media placeholders and the "unreadable" fallback.
Pure Rich; every string taken here has already been, or is here, passed through `safe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.color import Color, ColorParseError
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui.render.safe import safe_line, safe_url, text

__all__ = [
    "BULLETS",
    "HEADING_STYLES",
    "Prefixed",
    "append_link",
    "as_renderable",
    "bullet_for",
    "code_panel",
    "hanging",
    "media_placeholder",
    "parse_color",
    "quoted",
    "script",
    "unreadable",
]

HEADING_STYLES: dict[int, str] = {
    1: "bold underline",
    2: "bold",
    3: "bold italic",
    4: "italic underline",
    5: "italic",
    6: "dim italic",
}
BULLETS = ("•", "◦", "▪")
LINK_STYLE = "underline"
URL_STYLE = "dim"
UNREADABLE = "[unreadable content]"
_SUP = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def bullet_for(depth: int) -> str:
    """The bullet for a list nested `depth` levels deep (0 = outermost)."""
    return BULLETS[depth % len(BULLETS)]


def parse_color(value: object) -> Color | None:
    """The colour this server value names (`#rrggbb` or a Rich colour name), else None."""
    if not isinstance(value, str) or not value or len(value) > 32:
        return None
    try:
        return Color.parse(value.strip())
    except ColorParseError:
        return None


def script(value: str, *, sub: bool) -> str:
    """Sub- or superscript in Unicode when every character has one, else `_(x)` / `^(x)`."""
    mapped = value.translate(_SUB if sub else _SUP)
    if all(ch != orig or ch.isspace() for ch, orig in zip(mapped, value, strict=True)):
        return mapped
    return f"{'_' if sub else '^'}({value})"


def unreadable() -> Text:
    """The inert stand-in for content that could not be read at all."""
    return Text(UNREADABLE, style="dim italic")


def media_placeholder(name: object) -> Text:
    """`[media: name]`, dim: what stands in for an image, file or video."""
    label = safe_line(name).strip() if isinstance(name, str) else ""
    return Text(f"[media: {label or 'attachment'}]", style="dim")


def append_link(out: Text, label: Text | None, href: object) -> None:
    """Append link text then its URL, dim; clickable only when the URL is http(s).

    A label equal to the URL is shown once. Nothing here is markup-parsed.
    """
    url = safe_url(href)
    shown = safe_line(href).strip() if isinstance(href, str) else ""
    link_style = Style(link=url) + Style.parse(LINK_STYLE) if url else Style.parse(LINK_STYLE)
    if label is None or not label.plain.strip():
        out.append(text(shown or "link", link_style if shown else "dim"))
        return
    start = len(out)
    out.append_text(label)
    out.stylize(link_style, start, len(out))
    if shown and shown != label.plain.strip():
        out.append(text(f" ({shown})", URL_STYLE))


class Prefixed:
    """Render `body` with `first` before its first line and `rest` before every other line.

    This gives list items a hanging indent and block quotes a bar down their left side,
    whatever the body wraps to at the width it is given.
    """

    def __init__(self, body: RenderableType, first: Text, rest: Text | None = None) -> None:
        self.body = body
        self.first = first
        self.rest = rest if rest is not None else Text(" " * first.cell_len, style=first.style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = max(self.first.cell_len, self.rest.cell_len)
        width = max(1, options.max_width - indent)
        lines = console.render_lines(self.body, options.update_width(width), pad=False)
        if not lines:
            lines = [[]]
        first = list(self.first.render(console))
        rest = list(self.rest.render(console))
        new_line = Segment.line()
        for number, line in enumerate(lines):
            prefix = first if number == 0 else rest
            yield from prefix
            pad = indent - Segment.get_line_length(prefix)
            if pad > 0:
                yield Segment(" " * pad)
            yield from line
            yield new_line


def quoted(body: RenderableType) -> Prefixed:
    """A block quote: the body with a dim bar down its left side."""
    bar = Text("│ ", style="dim")
    return Prefixed(body, bar, bar)


def code_panel(code: str, title: str | None) -> Panel:
    """A code block: the code as plain text (no highlighting) inside a dim square border."""
    label = text(safe_line(title).strip(), "dim") if title and safe_line(title).strip() else None
    return Panel(
        text(code.rstrip("\n")),
        title=label,
        title_align="left",
        box=box.SQUARE,
        border_style="dim",
        expand=True,
    )


def hanging(marker: str, body: Sequence[RenderableType], style: str = "") -> Prefixed:
    """A list item: `marker` then `body`, later lines indented under the body's start."""
    first = Text(marker + " ", style=style)
    return Prefixed(as_renderable(body), first, Text(" " * first.cell_len))


def as_renderable(parts: Iterable[RenderableType]) -> RenderableType:
    """One renderable from many: the only item itself, or a Group; an empty Text for none."""
    items = list(parts)
    if not items:
        return Text("")
    if len(items) == 1:
        return items[0]
    return Group(*items)
