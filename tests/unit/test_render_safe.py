"""The safe-text gate: escape sequences, control and bidi characters never pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.render.safe import safe_line, safe_text, safe_url, text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain\ttext\nkept", "plain\ttext\nkept"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[38;2;1;2;3mtrue\x1b[m", "true"),
        ("\x1b]0;window title\x07after", "after"),
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x9b31mC1 csi", "C1 csi"),
        ("\x9d0;osc\x9cafter", "after"),
        ("\x1bP1$qm\x1b\\dcs", "dcs"),
        ("\x1b7save\x1b8", "save"),
        ("\x1b]unterminated", "unterminated"),
        ("nul\x00bell\x07bs\x08del\x7f", "nulbellbsdel"),
        ("a\u202ab\u202bc\u202cd\u202de\u202ef", "abcdef"),
        ("a\u2066b\u2067c\u2068d\u2069e", "abcde"),
        ("crlf\r\nlone\rcr", "crlf\nlone\ncr"),
        ("[red]markup[/] :smile:", "[red]markup[/] :smile:"),
    ],
)
def test_safe_text(raw: str, clean: str) -> None:
    assert safe_text(raw) == clean


def test_safe_line_collapses_breaks() -> None:
    assert safe_line("one\n\n  two\r\nthree\tfour") == "one two three four"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/a?b=c", "https://x.example/a?b=c"),
        ("HTTP://X.EXAMPLE", "HTTP://X.EXAMPLE"),
        (" https://x.example/\x1b[31m ", "https://x.example/"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("https://x.example/a b", None),
        ('https://x.example/"onmouseover', None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url: object, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_text_is_never_markup() -> None:
    rendered = text("[bold red]x[/] \x1b[1m", "italic")
    assert rendered.plain == "[bold red]x[/] "
    assert rendered.spans == []
    assert str(rendered.style) == "italic"


@given(st.text())
def test_nothing_dangerous_survives(raw: str) -> None:
    for clean in (safe_text(raw), safe_line(raw)):
        assert not set(clean) & ({chr(c) for c in range(0x20) if c not in (9, 10)} | {"\x7f"})
        assert not any(0x80 <= ord(c) <= 0x9F for c in clean)
        assert not any(c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in clean)
    assert "\n" not in safe_line(raw)
