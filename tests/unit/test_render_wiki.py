"""Jira wiki markup -> Rich: each construct reads as a person expects; unknown markup stays
literal; nothing raises."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.text import Text

from tui.render.wiki import wiki_to_rich


def shown(renderable: RenderableType, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    output = console.file.getvalue()
    assert isinstance(output, str)
    return output


def styles_of(markup: str, word: str) -> set[str]:
    """The style names applied over `word` in the rendered (single paragraph) text."""
    rendered = wiki_to_rich(markup)
    assert isinstance(rendered, Text)
    start = rendered.plain.index(word)
    return {
        str(span.style)
        for span in rendered.spans
        if span.start <= start and span.end >= start + len(word)
    }


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("h1. Big\nh3. Smaller\nh6. Least", ["Big", "Smaller", "Least"]),
        ("x^2^ and H~2~O and a^b c^", ["x² and H₂O and a^(b c)"]),
        (
            "[docs|https://docs.example/a] then [https://bare.example]",
            ["docs (https://docs.example/a) then https://bare.example"],
        ),
        (
            "[~jsmith] and [~accountid:5b10a2844c20165700ede21g]",
            ["@jsmith and @5b10a2844c20165700ede21g"],
        ),
        (
            "[#anchor] [^report.pdf] [ABC-12] [mailto:a@b.example]",
            ["anchor [media: report.pdf] ABC-12 mailto:a@b.example"],
        ),
        (
            "* one\n** one-a\n*# one-a-1\n*# one-a-2\n* two",
            ["• one\n  ◦ one-a\n  1. one-a-1\n  2. one-a-2\n• two"],
        ),
        ("# first\n## sub\n# second\n- dash item", ["1. first\n  1. sub\n2. second\n• dash"]),
        ("bq. a quoted line", ["│ a quoted line"]),
        ("{quote}\nfirst\n\n*second*\n{quote}", ["│ first\n│ \n│ second"]),
        ("{quote}inline quote{quote} after", ["│ inline quote", "after"]),
        (
            "{code:java}\nint x = 1; // *not bold* [x|y]\n{code}",
            ["java", "│ int x = 1; // *not bold* [x|y]"],
        ),
        (
            "{code:title=Main.kt|borderStyle=solid}\nfun main() {}\n{code}",
            ["Main.kt", "fun main()"],
        ),
        ("{noformat}\nraw *text* _here_\n{noformat}", ["│ raw *text* _here_"]),
        (
            "{panel:title=Heads up|borderColor=#ff0000}\ninside _panel_\n{panel}",
            ["Heads up", "│ inside panel"],
        ),
        ("{color:red}red text{color} and {color:#00ff00}green{color}", ["red text and green"]),
        (
            "||Key||Summary||\n|A-1|[Crash|https://x.example/A-1]|\n|A-2|two\\\\lines|",
            ["Key", "Summary", "A-1", "Crash (https://x.example/A-1)", "two", "lines"],
        ),
        ("above\n----\nbelow", ["above\n\n────", "below"]),
        ("first\\\\second", ["first\nsecond"]),
        ("line one\nline two\n\nnew paragraph", ["line one\nline two\n\nnew paragraph"]),
        (
            "!screenshot.png! and !photo.jpg|thumbnail! !https://img.example/x.gif!",
            ["[media: screenshot.png] and [media: photo.jpg]", "https://img.example/x.gif]"],
        ),
        (":) :( :P :D ;) (y) (n) (i) (/) (x) (!) (on) (*)", ["🙂 🙁 😛 😀 😉 👍 👎 ℹ ✔ ✘ ⚠ 💡 ★"]),
        ("a -- b --- c", ["a – b — c"]),
        ("??cited work??", ["— cited work"]),
        ("\\*not bold\\* and \\[not a link\\]", ["*not bold* and [not a link]"]),
    ],
)
def test_constructs_read_as_expected(markup: str, expected: list[str]) -> None:
    screen = shown(wiki_to_rich(markup))
    for words in expected:
        assert words in screen, f"{words!r} not in\n{screen}"


@pytest.mark.parametrize(
    ("markup", "word", "style"),
    [
        ("some *bold* here", "bold", "bold"),
        ("some _italic_ here", "italic", "italic"),
        ("some -struck- here", "struck", "strike"),
        ("some +under+ here", "under", "underline"),
        ("some {{mono}} here", "mono", "cyan"),
        ("*_both_*", "both", "italic"),
        ("{color:red}warm{color}", "warm", "red"),
    ],
)
def test_text_effects_become_styles(markup: str, word: str, style: str) -> None:
    assert style in styles_of(markup, word)


def test_link_is_clickable_only_for_http() -> None:
    rendered = wiki_to_rich("[ok|https://ok.example] [bad|javascript:alert(1)]")
    assert isinstance(rendered, Text)
    links = {getattr(span.style, "link", None) for span in rendered.spans} - {None}
    assert links == {"https://ok.example"}


@pytest.mark.parametrize(
    "markup",
    [
        "{unknown}macro{unknown}",
        "[not a link]",
        "*unclosed bold",
        "{code}never closed",
        "well-known and snake_case_name and 2*3*4",
        "wow!great! and a|b",
        "h7. not a heading",
        "[red]x[/] [bold]markup[/bold]",
        ":smile: stays",
    ],
)
def test_unknown_markup_shows_literally(markup: str) -> None:
    assert shown(wiki_to_rich(markup)).strip() == markup


def test_untrusted_text_is_inert() -> None:
    markup = "\x1b]0;title\x07*x* \x1b[31mred \u202eevil\u2066 [red]y[/]"
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="truecolor")
    console.print(wiki_to_rich(markup))
    raw = console.file.getvalue()
    assert "\x1b]" not in raw and "\x07" not in raw and "\u202e" not in raw and "\u2066" not in raw
    assert shown(wiki_to_rich(markup)).strip() == "x red evil [red]y[/]"


def test_not_a_string_renders_nothing() -> None:
    assert shown(wiki_to_rich(None)).strip() == ""  # type: ignore[arg-type]


wikiish = st.lists(
    st.sampled_from(
        [
            "*",
            "_",
            "-",
            "+",
            "^",
            "~",
            "{{",
            "}}",
            "[",
            "]",
            "|",
            "||",
            "!",
            "\\\\",
            "\\",
            "\n",
            " ",
            "h1. ",
            "bq. ",
            "# ",
            "* ",
            "{code}",
            "{quote}",
            "{panel:",
            "{color:red}",
            "{color}",
            "{noformat}",
            "----",
            ":)",
            "(y)",
            "a",
            "b c",
            "}",
            "??",
            "[~",
            "http://x",
            "^",
            ".png",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), wikiish), st.integers(5, 100))
def test_never_raises(markup: str, width: int) -> None:
    shown(wiki_to_rich(markup), width=width)
