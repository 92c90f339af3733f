"""Markdown -> ADF (always schema-valid) and Markdown -> wiki markup (reads back the same)."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from tui.render.adf import adf_to_plain, adf_to_rich
from tui.render.markdown_adf import markdown_to_adf, markdown_to_wiki
from tui.render.wiki import wiki_to_rich

ADF_SCHEMA = Path(__file__).parents[1] / "contracts" / "adf-schema.full.json"


@cache
def validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(json.loads(ADF_SCHEMA.read_text()))


def shown(renderable: RenderableType) -> str:
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(renderable)
    output = console.file.getvalue()
    assert isinstance(output, str)
    return output


def nodes(document: Any, kind: str) -> list[dict[str, Any]]:
    """Every node of `kind` in the document, depth first."""
    found: list[dict[str, Any]] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == kind:
                found.append(node)
            stack.extend(reversed(node.get("content", [])))
    return found


SAMPLES = [
    "",
    "   \n\n  ",
    "hello",
    "# Title\n\n## Sub *em*\n\n###### six",
    '**bold** *em* `code` ~~gone~~ [link](https://x.example "title") <https://auto.example>',
    "**bold `code` inside** and [`code link`](https://c.example) and ***both***",
    "line one\nline two  \nhard break\\\nbackslash break",
    "- a\n- b\n  - nested\n    1. deep\n\n3. three\n4. four",
    "- \n-\n1.\n\n* [ ] task-like",
    "```python\nprint('hi')\n```\n\n```\n```\n\n    indented code\n",
    "> quote\n> > nested quote\n> # heading in quote\n> ---\n> | a |\n> |---|\n> | 1 |",
    "- # heading in list\n- > quote in list\n- ---\n-     code in list\n- | t |\n  |---|\n  | x |",
    "***\n\n---\n\n___",
    "| a | b | c |\n|:-|:-:|-:|\n| 1 | **2** | `3` |\n| | | |",
    "hi @[Ann Lee](accountId:557058:abc) and @[](accountId:x) and [plain](accountId:y)",
    "![alt text](https://img.example/a.png) ![](https://img.example/b.png)",
    "<b>html</b> &amp; &copy; <script>alert(1)</script>",
    "\x00\x1b[31m control \u202e bidi",
    "[](https://empty.example) [x]() [y](javascript:alert(1))",
    "1) paren list\n2) two",
    "*a **b** c* **`only code`**",
]


@pytest.mark.parametrize("markdown", SAMPLES)
def test_every_sample_validates_against_the_adf_schema(markdown: str) -> None:
    document = markdown_to_adf(markdown)
    validator().validate(document)
    assert document["type"] == "doc" and document["version"] == 1
    assert not [n for n in nodes(document, "text") if not n["text"]]


def test_blocks_and_marks() -> None:
    document = markdown_to_adf(SAMPLES[3] + "\n\n" + SAMPLES[4])
    assert [h["attrs"]["level"] for h in nodes(document, "heading")] == [1, 2, 6]
    marks = {n["text"]: [m["type"] for m in n.get("marks", [])] for n in nodes(document, "text")}
    assert marks["bold"] == ["strong"]
    assert marks["em"] == ["em"]
    assert marks["code"] == ["code"]
    assert marks["gone"] == ["strike"]
    link = next(n for n in nodes(document, "text") if n["text"] == "link")
    assert link["marks"] == [
        {"type": "link", "attrs": {"href": "https://x.example", "title": "title"}}
    ]


def test_code_keeps_only_a_link_beside_it() -> None:
    document = markdown_to_adf(SAMPLES[5])
    marks = {n["text"]: [m["type"] for m in n.get("marks", [])] for n in nodes(document, "text")}
    assert marks["code"] == ["code"]  # strong dropped: the schema forbids it beside code
    assert marks["code link"] == ["code", "link"]
    assert sorted(marks["both"]) == ["em", "strong"]


def test_line_breaks() -> None:
    document = markdown_to_adf(SAMPLES[6])
    assert len(nodes(document, "hardBreak")) == 3
    joined = markdown_to_adf("one\ntwo", breaks=False)
    assert nodes(joined, "text")[0]["text"] == "one two"


def test_lists_nest_and_keep_their_start() -> None:
    document = markdown_to_adf(SAMPLES[7])
    assert len(nodes(document, "bulletList")) == 2
    ordered = nodes(document, "orderedList")
    assert [o.get("attrs", {}).get("order") for o in ordered] == [None, 3]
    assert "deep" in shown(adf_to_rich(document))


def test_code_fences_keep_their_language() -> None:
    blocks = nodes(markdown_to_adf(SAMPLES[9]), "codeBlock")
    assert blocks[0] == {
        "type": "codeBlock",
        "attrs": {"language": "python"},
        "content": [{"type": "text", "text": "print('hi')"}],
    }
    assert blocks[1] == {"type": "codeBlock", "content": []}
    assert blocks[2]["content"][0]["text"] == "indented code"


def test_blocks_a_container_cannot_hold_are_converted() -> None:
    quote = markdown_to_adf(SAMPLES[10])["content"][0]
    assert quote["type"] == "blockquote"
    assert {n["type"] for n in quote["content"]} == {"paragraph"}
    assert "nested quote" in adf_to_plain(quote) and "heading in quote" in adf_to_plain(quote)
    heading_text = next(n for n in nodes(quote, "text") if n["text"] == "heading in quote")
    assert heading_text["marks"] == [{"type": "strong"}]
    listed = markdown_to_adf(SAMPLES[11])
    assert not nodes(listed, "heading") and not nodes(listed, "table")
    assert "t\nx" in adf_to_plain(listed)


def test_tables_with_alignment() -> None:
    table = markdown_to_adf(SAMPLES[13])["content"][0]
    header, first, empty = table["content"]
    assert [c["type"] for c in header["content"]] == ["tableHeader"] * 3
    assert [c["type"] for c in first["content"]] == ["tableCell"] * 3
    aligns = [c["content"][0].get("marks") for c in first["content"]]
    assert aligns == [
        None,
        [{"type": "alignment", "attrs": {"align": "center"}}],
        [{"type": "alignment", "attrs": {"align": "end"}}],
    ]
    assert empty["content"][0]["content"] == [{"type": "paragraph", "content": []}]


def test_mentions() -> None:
    document = markdown_to_adf(SAMPLES[14])
    mentions = nodes(document, "mention")
    assert mentions[0]["attrs"] == {"id": "557058:abc", "text": "@Ann Lee"}
    assert len(mentions) == 2
    assert "hi @Ann Lee and @" in shown(adf_to_rich(document))
    # without the "@" it stays a link
    assert any(n["text"] == "plain" and n.get("marks") for n in nodes(document, "text"))


def test_images_become_links_and_html_stays_text() -> None:
    images = markdown_to_adf(SAMPLES[15])
    texts = nodes(images, "text")
    assert texts[0]["text"] == "alt text"
    assert texts[0]["marks"] == [{"type": "link", "attrs": {"href": "https://img.example/a.png"}}]
    html = adf_to_plain(markdown_to_adf(SAMPLES[16]))
    assert html == "<b>html</b> & © <script>alert(1)</script>"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_always_validates(markdown: str) -> None:
    validator().validate(markdown_to_adf(markdown))


markdownish = st.lists(
    st.sampled_from(
        [
            "# ",
            "- ",
            "1. ",
            "> ",
            "**",
            "*",
            "`",
            "~~",
            "[",
            "](",
            ")",
            "\n",
            "  ",
            "|",
            "---",
            "```",
            "@",
            "accountId:",
            "a",
            "b c",
            "!",
            "\\",
            "\t",
            "<",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(markdownish)
def test_markdown_like_text_always_validates(markdown: str) -> None:
    validator().validate(markdown_to_adf(markdown))
    assert isinstance(markdown_to_wiki(markdown), str)


# Markdown -> wiki: the markup Jira Server reads, and it reads back as the same words.
WIKI_CASES = [
    ("# Title", "h1. Title"),
    ("**bold** *em* ~~gone~~ `code`", "*bold* _em_ -gone- {{code}}"),
    (
        "[docs](https://x.example) <https://y.example>",
        "[docs|https://x.example] [https://y.example]",
    ),
    ("- a\n  - b\n    1. c", "* a\n** b\n**# c"),
    ("```java\nint x;\n```", "{code:java}\nint x;\n{code}"),
    ("> quoted", "{quote}\nquoted\n{quote}"),
    ("---", "----"),
    ("| h1 | h2 |\n|---|---|\n| a | b |", "||h1||h2||\n|a|b|"),
    ("hi @[Ann](accountId:557058:abc)", "hi [~accountid:557058:abc]"),
    ("![x](https://i.example/a.png)", "!https://i.example/a.png!"),
    ("one\ntwo", "one\ntwo"),
]


@pytest.mark.parametrize(("markdown", "wiki"), WIKI_CASES)
def test_markdown_to_wiki(markdown: str, wiki: str) -> None:
    assert markdown_to_wiki(markdown) == wiki


@pytest.mark.parametrize(
    "typed",
    [
        "a *star and _under",
        "price: 2^10 or ~5",
        "{code} and [x] and a|b",
        "- not a list",
        "# not a heading",
        "well-known a - b -c- +d+ ?? !img.png!",
        "wow!great!",
    ],
)
def test_wiki_escapes_what_a_person_typed_so_it_reads_back_literally(typed: str) -> None:
    markdown = typed.replace("-", "\\-").replace("#", "\\#").replace("*", "\\*")
    markdown = markdown.replace("_", "\\_").replace("[", "\\[")
    wiki = markdown_to_wiki(markdown)
    assert shown(wiki_to_rich(wiki)).strip() == typed
