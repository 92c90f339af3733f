"""Legacy server-rendered HTML -> readable text: structure kept, tags and escapes gone."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from tui.render.html_text import html_to_rich


def shown(html: str, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(html_to_rich(html))
    output = console.file.getvalue()
    assert isinstance(output, str)
    return output


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>one</p><p>two</p>", "one\n\ntwo\n"),
        ("<p>line<br/>break<br>again</p>", "line\nbreak\nagain\n"),
        ("<p>  lots   of\n\n  space  </p>", "lots of space\n"),
        ("<p>&amp; &lt;tag&gt; &copy; &#x27;q&#39;</p>", "& <tag> © 'q'\n"),
        (
            '<ul class="alternate"><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>',
            "• one\n• two\n  1. a\n  2. b\n",
        ),
        ("<h2>Head</h2><p>body</p>", "Head\n\nbody\n"),
        ("<pre>x = 1\n  y = 2</pre>", "x = 1\n  y = 2\n"),
        ('<p>see <a href="https://x.example/z">here</a></p>', "see here (https://x.example/z)\n"),
        ('<a href="https://x.example/">https://x.example/</a>', "https://x.example/\n"),
        ('<img src="a.png" alt="shot"/>', "[media: shot]\n"),
        (
            "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>",
            "A | B\n1 | 2\n",
        ),
        ("<p>keep</p><script>evil()</script><style>p{}</style>", "keep\n"),
        ("<hr/>after", "――――――――――――――――――――\n\nafter\n"),
        ("<b>unclosed <i>tags</p>trailing", "unclosed tags\n\ntrailing\n"),
        ("", "\n"),
    ],
)
def test_readable_text(html: str, expected: str) -> None:
    assert shown(html) == expected


def test_effects_become_styles() -> None:
    rendered = html_to_rich("<b>bold</b> <em>em</em> <code>code</code>")
    styles = {rendered.plain[s.start : s.end]: str(s.style) for s in rendered.spans}
    assert styles == {"bold": "bold", "em": "italic", "code": "cyan"}


def test_untrusted_text_is_inert() -> None:
    html = "<p>[red]x[/] \x1b]0;title\x07 &#x1b;[31m \u202eevil</p>"
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="truecolor")
    console.print(html_to_rich(html))
    raw = console.file.getvalue()
    assert "\x1b]" not in raw and "\x07" not in raw and "\u202e" not in raw
    assert shown(html) == "[red]x[/] [31m evil\n"


def test_javascript_links_are_not_clickable() -> None:
    rendered = html_to_rich('<a href="javascript:alert(1)">click</a>')
    assert {getattr(s.style, "link", None) for s in rendered.spans} <= {None}
    assert rendered.plain == "click (javascript:alert(1))"


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("<>/&;#pbrliul \"'=a\n")) | st.characters(), max_size=200)
)
def test_never_raises(html: str) -> None:
    shown(html, width=30)
