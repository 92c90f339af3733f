"""Rich text between the shapes: ADF -> wiki -> ADF keeps the document, wiki input becomes
valid ADF, and the HTML for renderedFields never lets markup through."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from issue_support import check_adf

from tui.sandbox.adf_wiki import adf_text, adf_to_html, adf_to_wiki, text_adf, wiki_to_adf
from tui.sandbox.app import SandboxConfig, build_sandbox


def para(*inline: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "content": list(inline)}


def text(value: str, *marks: str, **attrs: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "text", "text": value}
    if marks:
        node["marks"] = [{"type": m, **({"attrs": attrs[m]} if m in attrs else {})} for m in marks]
    return node


def doc(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"type": "doc", "version": 1, "content": list(blocks)}


RICH = doc(
    {"type": "heading", "attrs": {"level": 2}, "content": [text("Steps to reproduce")]},
    para(text("Run "), text("make test", "code"), text(" then read "),
         text("the docs", "link", link={"href": "https://example.com/docs"}), text(" and "), text("bold", "strong"),
         text("ish foo-bar *star* a_b 2-3 {x} [y]"), {"type": "hardBreak"},
         {"type": "mention", "attrs": {"id": "abc123", "text": "@Alice"}}),
    {"type": "bulletList", "content": [
        {"type": "listItem", "content": [para(text("one")), {"type": "orderedList", "content": [
            {"type": "listItem", "content": [para(text("nested"))]}]}]},
        {"type": "listItem", "content": [para(text("two", "em"))]}]},
    {"type": "codeBlock", "attrs": {"language": "python"}, "content": [text("print('x')\nx = [1] * 2")]},
    {"type": "panel", "attrs": {"panelType": "warning"}, "content": [para(text("careful"))]},
    {"type": "table", "content": [
        {"type": "tableRow", "content": [{"type": "tableHeader", "content": [para(text("A"))]},
                                         {"type": "tableHeader", "content": [para(text("B"))]}]},
        {"type": "tableRow", "content": [{"type": "tableCell", "content": [para(text("1"))]},
                                         {"type": "tableCell", "content": [para(text("x|y"))]}]}]},
    {"type": "blockquote", "content": [para(text("quoted"))]},
    {"type": "rule"},
    para(text("- not a list")),
    para(text("h1. not a heading but "), text("struck", "strike"), text(" and "), text("under", "underline")),
)  # fmt: skip


def mention(name: str) -> tuple[str, str] | None:
    return ("abc123", "@Alice") if name in ("abc123", "alice") else None


def test_rich_document_survives_a_wiki_round_trip() -> None:
    check_adf(RICH)
    wiki = adf_to_wiki(RICH)
    assert "h2. Steps to reproduce" in wiki and "{code:python}" in wiki and "||A||B||" in wiki
    back = wiki_to_adf(wiki, mention=mention)
    check_adf(back)
    assert back == RICH


def test_v2_mentions_use_usernames() -> None:
    wiki = adf_to_wiki(doc(para({"type": "mention", "attrs": {"id": "abc123", "text": "@Alice"}})),
                       mention=lambda node: "[~alice]")  # fmt: skip
    assert wiki == "[~alice]"
    assert wiki_to_adf(wiki, mention=mention) == doc(para({"type": "mention", "attrs": {"id": "abc123", "text": "@Alice"}}))


@pytest.mark.parametrize(
    "wiki",
    [
        "h1. Title\n\nSome *bold* and _em_ and {{code}} and -strike- and +under+ and ^sup^ and ~sub~ and ??cite??",
        "* one\n** two\n*# three\n# four\n- dash",
        "||h1||h2||\n|a|[link|https://example.com]|\n|{{c}}| |",
        "{code}\nno language\n{code}\n{noformat}\nraw *text*\n{noformat}",
        "{quote}\nh2. heading in a quote\n* item\n|a|b|\n{quote}",
        "{info:title=Note}\nh3. inside\n----\n{code:java}x{code}\n{info}",
        "{panel:bgColor=#ffebe6}\nbad\n{panel}\n{warning}\n{quote}nested{quote}\n{warning}",
        "bq. quoted line\n\n{color:red}red{color} {color:#00ff00}green{color} {color:nope}x{color}",
        "[~alice] [~accountid:abc123] [~unknown] [not a link] [mailto:a@example.com]",
        "line one\nline two\\\\forced\n\nescaped \\*not bold\\* \\{x\\}",
        "*{{code in bold}}* {*}braced{*}word *unclosed _nested *deep* em_",
        "{code}\nunterminated",
        "",
    ],
)
def test_wiki_input_becomes_valid_adf(wiki: str) -> None:
    result = wiki_to_adf(wiki, mention=mention)
    check_adf(result)
    again = wiki_to_adf(adf_to_wiki(result), mention=mention)
    assert adf_text(again) == adf_text(result)


def test_wiki_marks_and_blocks_parse_as_jira_reads_them() -> None:
    parsed = wiki_to_adf("h3. Plan\n\n*bold* then {{x = 1}}\n# a\n## b")
    assert parsed["content"][0] == {"type": "heading", "attrs": {"level": 3}, "content": [text("Plan")]}
    assert parsed["content"][1] == para(text("bold", "strong"), text(" then "), text("x = 1", "code"))
    ordered = parsed["content"][2]
    assert ordered["type"] == "orderedList"
    assert ordered["content"][0]["content"][1]["type"] == "orderedList"


PRINTABLE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(PRINTABLE)
def test_any_plain_text_survives_the_round_trip(value: str) -> None:
    original = text_adf(value)
    back = wiki_to_adf(adf_to_wiki(original))
    check_adf(back)
    assert adf_text(back) == adf_text(original)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(PRINTABLE.filter(lambda v: v.strip() == v and v != "" and "\n" not in v),
       st.sampled_from(["strong", "em", "strike", "underline", "code"]), st.text("ab ", max_size=3))  # fmt: skip
@example("}", "code", "")  # `{{}}}`: the closing pair is the last two braces of the run
@example("a}", "code", "b")
@example("_\U00018cd6", "em", "")  # an escaped mark char first, then a non-word character
def test_marked_text_survives_the_round_trip(value: str, mark: str, before: str) -> None:
    inline = [text(before)] if before else []
    original = doc(para(*inline, text(value, mark)))
    back = wiki_to_adf(adf_to_wiki(original))
    check_adf(back)
    if "}}" not in value and "{{" not in value:
        assert back == original


def test_html_escapes_text_and_drops_unsafe_links() -> None:
    html = adf_to_html(doc(para(
        text("<script>alert(1)</script>"),
        text("click", "link", link={"href": "javascript:alert(1)"}),
        text("ok", "link", link={"href": 'https://example.com/?a="b"'}),
        {"type": "mention", "attrs": {"id": '"><img src=x>', "text": "@x"}},
    )))  # fmt: skip
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "click" in html
    assert 'href="https://example.com/?a=&quot;b&quot;"' in html
    assert "<img" not in html


def test_html_structure() -> None:
    html = adf_to_html(RICH)
    for tag in ("<h2>", "<tt>make test</tt>", "<ul>", "<ol>", "<pre", "panel-warning", "<th", "<blockquote>", "<hr />"):
        assert tag in html


def test_every_seeded_body_converts_cleanly() -> None:
    world = build_sandbox(SandboxConfig(issues=200, users=20)).world

    def lookup(ident: str) -> tuple[str, str] | None:
        user = world.users.get(ident)
        return (user.account_id, f"@{user.display_name}") if user else None

    seen = 0
    for issue in world.issues.values():
        bodies = [issue.description, *(c.body for c in issue.comments)]
        for body in bodies:
            if body is None:
                continue
            check_adf(body)
            back = wiki_to_adf(adf_to_wiki(body), mention=lookup)
            check_adf(back)
            assert adf_text(back) == adf_text(body)
            seen += 1
    assert seen > 50
