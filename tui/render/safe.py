"""Safe text: the one gate every server string passes before it becomes a Rich `Text`.

Strips terminal escape sequences (CSI, OSC, DCS, ...), C0/C1 control characters (keeping
newline and tab) and bidi override/isolate characters, so text from Jira shows literally and
can change nothing in the terminal. Also vets URLs before they become clickable links.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich loads where a Text is made: the headless commands never need it
    from rich.style import Style
    from rich.text import Text

__all__ = ["safe_line", "safe_text", "safe_url", "text"]

# Escape sequences, 7-bit (ESC-introduced) and 8-bit (C1-introduced) forms. String commands
# (OSC, DCS, SOS, PM, APC) run to BEL or ST; an unterminated one is left for the control-char
# pass, which removes its introducer and so makes the rest inert text.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]                 # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])             # OSC / DCS / SOS / PM / APC
      [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)               # ... terminated by BEL or ST
    | \x1b [ -/]* [0-~]                                   # other two-byte / nF escapes
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NEWLINE_RUNS = re.compile(r"[ \t]*\n[ \t\n]*")
_SAFE_SCHEMES = ("http://", "https://")


def safe_text(s: str) -> str:
    """Return `s` without escape sequences, control characters (bar \\n and \\t) or bidi overrides.

    Carriage returns become newlines (CRLF counts once), so Windows line endings survive.
    """
    if not isinstance(s, str):
        s = str(s)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", s))


def safe_line(s: str) -> str:
    """Like `safe_text`, then every run of line breaks (and tabs) becomes a single space."""
    return _NEWLINE_RUNS.sub(" ", safe_text(s)).replace("\t", " ")


def safe_url(url: object) -> str | None:
    """The URL cleaned for display, or None unless it is an http(s) URL fit to be a link."""
    if not isinstance(url, str):
        return None
    cleaned = safe_line(url).strip()
    if not cleaned.lower().startswith(_SAFE_SCHEMES) or any(c in cleaned for c in " <>\"'"):
        return None
    return cleaned


def text(s: object, style: str | Style = "") -> Text:
    """A Rich `Text` of server text: sanitised, never markup-parsed, never emoji-expanded."""
    from rich.text import Text

    return Text(safe_text(s if isinstance(s, str) else str(s)), style=style)
