"""Server-rendered HTML (the legacy 2.0.alpha1 `html` expansion) -> readable Rich `Text`.

Owns turning Jira's rendered HTML into text a person can read in a terminal: paragraphs and
line breaks, list bullets and numbers, headings and text effects, link URLs shown dim.
Tags are dropped, entities unescaped, scripts and styles skipped; never raises.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from rich.style import Style
from rich.text import Text

from tui.render.blocks import HEADING_STYLES, append_link, bullet_for, media_placeholder
from tui.render.safe import safe_text

__all__ = ["html_to_rich"]

logger = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_PARAGRAPHS = {"p", "pre", "blockquote", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
_LINES = {"div", "li", "tr", "dt", "dd", "ul", "ol", "section", "article", "header", "footer"}
_SKIPPED = {"script", "style", "head", "title", "template"}
_STYLES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "cite": "italic",
    "u": "underline", "ins": "underline", "s": "strike", "del": "strike", "strike": "strike",
    "code": "cyan", "tt": "cyan", "kbd": "cyan", "samp": "cyan",
    **{f"h{n}": style for n, style in HEADING_STYLES.items()},
}  # fmt: skip
_MAX_NESTING = 200


def html_to_rich(html: str) -> Text:
    """Readable text from an HTML fragment; the markup itself never reaches the terminal."""
    reader = _Reader()
    try:
        reader.feed(html if isinstance(html, str) else "")
        reader.close()
    except Exception:  # malformed HTML shows as far as it was read
        logger.debug("HTML rendered partially", exc_info=True)
    out = reader.out
    out.rstrip()
    return out


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Text()
        self._open: list[tuple[str, int, str | None]] = []  # tag, start offset, href
        self._lists: list[list[int]] = []  # one counter per open list; -1 for bullets
        self._skip = 0
        self._pre = 0
        self._newlines = 0  # newlines at the end of the output so far
        self._fresh = True  # at the start of a line (or just after a list marker)
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
            return
        if tag == "br":
            self._write("\n")
        elif tag in _PARAGRAPHS or (tag in ("ul", "ol") and not self._lists):
            self._break(2)
        elif tag in _LINES:
            self._break(1)
        if tag == "hr":
            self._write("―" * 20)
            self._break(2)
        elif tag == "img":
            values = dict(attrs)
            self.out.append_text(media_placeholder(values.get("alt") or values.get("src") or ""))
        elif tag in ("ul", "ol") and len(self._lists) < _MAX_NESTING:
            self._lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._item()
        elif tag in ("td", "th"):
            if self._cells:
                self._write(" | ")
            self._cells += 1
        if tag == "tr":
            self._cells = 0
        if tag == "pre":
            self._pre += 1
        if (tag in _STYLES or tag in ("a", "th")) and len(self._open) < _MAX_NESTING:
            href = dict(attrs).get("href") if tag == "a" else None
            self._open.append((tag, len(self.out), href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        if any(open_tag == tag for open_tag, _, _ in self._open):
            while self._open:
                open_tag, start, href = self._open.pop()
                self._close(open_tag, start, href)
                if open_tag == tag:
                    break
        if tag in _PARAGRAPHS or (tag in ("ul", "ol") and not self._lists):
            self._break(2)
        elif tag in _LINES:
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = safe_text(data)
        if self._pre:
            self._write(data)
            return
        collapsed = _SPACES.sub(" ", data)
        if self._fresh:
            collapsed = collapsed.lstrip()
        if collapsed:
            self._write(collapsed)

    def _close(self, tag: str, start: int, href: str | None) -> None:
        if tag == "a":
            label = self.out[start:]
            self.out.right_crop(len(self.out) - start)
            if href:
                append_link(self.out, label, href)
            else:
                self.out.append_text(label)
        elif tag == "th":
            self.out.stylize("bold", start, len(self.out))
        else:
            self.out.stylize(Style.parse(_STYLES[tag]), start, len(self.out))

    def _item(self) -> None:
        if not self._lists:
            self._lists.append([-1])
        counter = self._lists[-1]
        depth = len(self._lists) - 1
        if counter[0] >= 0:
            counter[0] += 1
            marker = f"{counter[0]}."
        else:
            marker = bullet_for(depth)
        self._write("  " * depth + marker + " ")
        self._fresh = True

    def _break(self, count: int) -> None:
        if len(self.out) and self._newlines < count:
            self.out.append("\n" * (count - self._newlines))
            self._newlines = count
            self._fresh = True

    def _write(self, value: str) -> None:
        value = safe_text(value)
        if not value:
            return
        self.out.append(value)
        stripped = value.rstrip("\n")
        trailing = len(value) - len(stripped)
        self._newlines = (self._newlines + trailing) if not stripped else trailing
        self._fresh = value.endswith("\n")
