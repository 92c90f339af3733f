"""ADF -> Rich: every node and mark in the schema shows what a person should read; untrusted
text stays inert; malformed or random documents never raise."""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.text import Text

from tui.render.adf import adf_to_plain, adf_to_rich

ADF_SCHEMA = Path(__file__).parents[1] / "contracts" / "adf-schema.full.json"


@cache
def validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(json.loads(ADF_SCHEMA.read_text()))


def shown(renderable: RenderableType, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    output = console.file.getvalue()
    assert isinstance(output, str)
    return output


def doc(*content: Any) -> dict[str, Any]:
    return {"type": "doc", "version": 1, "content": list(content)}


def t(value: str, *marks: dict[str, Any]) -> dict[str, Any]:
    return {"type": "text", "text": value, **({"marks": list(marks)} if marks else {})}


def p(*content: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "paragraph", "content": list(content), **extra}


def item(*content: Any) -> dict[str, Any]:
    return {"type": "listItem", "content": list(content)}


def cell(kind: str, value: str) -> dict[str, Any]:
    return {"type": kind, "content": [p(t(value))]}


MEDIA = {
    "type": "media",
    "attrs": {"type": "file", "id": "f-1", "collection": "c", "alt": "shot.png"},
}
EXT = {"extensionKey": "toc", "extensionType": "com.atlassian.macro"}

# node or mark type -> (a valid document using it, the words a reader must see)
SAMPLES: dict[str, tuple[dict[str, Any], list[str]]] = {
    "doc": (doc(p(t("hello"))), ["hello"]),
    "paragraph": (doc(p(t("one")), p(t("two"))), ["one\n\ntwo"]),
    "text": (doc(p(t("plain words"))), ["plain words"]),
    "heading": (
        doc(
            *[
                {"type": "heading", "attrs": {"level": n}, "content": [t(f"H{n}")]}
                for n in range(1, 7)
            ]
        ),
        ["H1", "H3", "H6"],
    ),
    "bulletList": (
        doc(
            {
                "type": "bulletList",
                "content": [
                    item(p(t("apple"))),
                    item(p(t("pear")), {"type": "bulletList", "content": [item(p(t("nashi")))]}),
                ],
            }
        ),
        ["• apple", "• pear", "  ◦ nashi"],
    ),
    "orderedList": (
        doc(
            {
                "type": "orderedList",
                "attrs": {"order": 3},
                "content": [item(p(t("third"))), item(p(t("fourth")))],
            }
        ),
        ["3. third", "4. fourth"],
    ),
    "listItem": (doc({"type": "bulletList", "content": [item(p(t("only")))]}), ["• only"]),
    "taskList": (
        doc(
            {
                "type": "taskList",
                "attrs": {"localId": "l"},
                "content": [
                    {
                        "type": "taskItem",
                        "attrs": {"localId": "a", "state": "DONE"},
                        "content": [t("shipped")],
                    },
                    {
                        "type": "taskItem",
                        "attrs": {"localId": "b", "state": "TODO"},
                        "content": [t("write")],
                    },
                ],
            }
        ),
        ["☑ shipped", "☐ write"],
    ),
    "taskItem": (
        doc(
            {
                "type": "taskList",
                "attrs": {"localId": "l"},
                "content": [
                    {
                        "type": "taskItem",
                        "attrs": {"localId": "a", "state": "TODO"},
                        "content": [t("todo")],
                    },
                ],
            }
        ),
        ["☐ todo"],
    ),
    "blockTaskItem": (
        doc(
            {
                "type": "taskList",
                "attrs": {"localId": "l"},
                "content": [
                    {
                        "type": "blockTaskItem",
                        "attrs": {"localId": "a", "state": "DONE"},
                        "content": [p(t("block task"))],
                    },
                ],
            }
        ),
        ["☑ block task"],
    ),
    "decisionList": (
        doc(
            {
                "type": "decisionList",
                "attrs": {"localId": "d"},
                "content": [
                    {
                        "type": "decisionItem",
                        "attrs": {"localId": "i", "state": "DECIDED"},
                        "content": [t("use rich")],
                    }
                ],
            }
        ),
        ["◆ use rich"],
    ),
    "decisionItem": (
        doc(
            {
                "type": "decisionList",
                "attrs": {"localId": "d"},
                "content": [
                    {
                        "type": "decisionItem",
                        "attrs": {"localId": "i", "state": "UNDECIDED"},
                        "content": [t("maybe")],
                    }
                ],
            }
        ),
        ["◇ maybe"],
    ),
    "blockquote": (doc({"type": "blockquote", "content": [p(t("said so"))]}), ["│ said so"]),
    "codeBlock": (
        doc(
            {
                "type": "codeBlock",
                "attrs": {"language": "python"},
                "content": [t("print('hi')\nx = 1")],
            }
        ),
        ["python", "│ print('hi')", "│ x = 1"],
    ),
    "panel": (
        doc(
            *[
                {"type": "panel", "attrs": {"panelType": kind}, "content": [p(t(kind + "!"))]}
                for kind in ("info", "note", "tip", "warning", "error", "success")
            ],
            {
                "type": "panel",
                "attrs": {"panelType": "custom", "panelColor": "#ff0000", "panelIconText": "🚀"},
                "content": [p(t("own"))],
            },
        ),
        ["Info", "info!", "Note", "Warning", "warning!", "Error", "Success", "🚀", "own"],
    ),
    "rule": (doc(p(t("above")), {"type": "rule"}, p(t("below"))), ["above", "────", "below"]),
    "hardBreak": (
        doc(p(t("line one"), {"type": "hardBreak"}, t("line two"))),
        ["line one\nline two"],
    ),
    "mention": (
        doc(p(t("cc "), {"type": "mention", "attrs": {"id": "557058:1", "text": "@Ann Lee"}})),
        ["cc @Ann Lee"],
    ),
    "emoji": (
        doc(
            p(
                {"type": "emoji", "attrs": {"shortName": ":grinning:", "text": "😀"}},
                {"type": "emoji", "attrs": {"shortName": ":custom:"}},
            )
        ),
        ["😀:custom:"],
    ),
    "date": (
        doc(p(t("due "), {"type": "date", "attrs": {"timestamp": "1700000000000"}})),
        ["due 2023-11-14"],
    ),
    "status": (
        doc(p({"type": "status", "attrs": {"text": "In progress", "color": "blue"}})),
        ["IN PROGRESS"],
    ),
    "inlineCard": (
        doc(p({"type": "inlineCard", "attrs": {"url": "https://x.example/browse/A-1"}})),
        ["https://x.example/browse/A-1"],
    ),
    "blockCard": (
        doc({"type": "blockCard", "attrs": {"url": "https://x.example/wiki/page"}}),
        ["https://x.example/wiki/page"],
    ),
    "embedCard": (
        doc({"type": "embedCard", "attrs": {"url": "https://video.example/v", "layout": "center"}}),
        ["https://video.example/v"],
    ),
    "media": (doc({"type": "mediaGroup", "content": [MEDIA]}), ["[media: shot.png]"]),
    "mediaGroup": (
        doc(
            {
                "type": "mediaGroup",
                "content": [
                    MEDIA,
                    {"type": "media", "attrs": {"type": "file", "id": "f-2", "collection": "c"}},
                ],
            }
        ),
        ["[media: shot.png]", "[media: f-2]"],
    ),
    "mediaSingle": (
        doc(
            {
                "type": "mediaSingle",
                "attrs": {"layout": "center"},
                "content": [
                    {
                        "type": "media",
                        "attrs": {"type": "external", "url": "https://img.example/a.png"},
                    }
                ],
            }
        ),
        ["[media: https://img.example/a.png]"],
    ),
    "caption": (
        doc(
            {
                "type": "mediaSingle",
                "attrs": {"layout": "center"},
                "content": [MEDIA, {"type": "caption", "content": [t("the caption")]}],
            }
        ),
        ["[media: shot.png]\nthe caption"],
    ),
    "mediaInline": (
        doc(p(t("see "), {"type": "mediaInline", "attrs": {"id": "m-9", "collection": "c"}})),
        ["see [media: m-9]"],
    ),
    "table": (
        doc(
            {
                "type": "table",
                "attrs": {"isNumberColumnEnabled": True},
                "content": [
                    {
                        "type": "tableRow",
                        "content": [cell("tableHeader", "Key"), cell("tableHeader", "Sum")],
                    },
                    {
                        "type": "tableRow",
                        "content": [cell("tableCell", "A-1"), cell("tableCell", "Crash")],
                    },
                ],
            }
        ),
        ["Key", "Sum", "A-1", "Crash", "│ 1 "],
    ),
    "tableRow": (
        doc(
            {
                "type": "table",
                "content": [
                    {
                        "type": "tableRow",
                        "content": [cell("tableCell", "r1"), cell("tableCell", "r2")],
                    }
                ],
            }
        ),
        ["r1", "r2"],
    ),
    "tableHeader": (
        doc(
            {
                "type": "table",
                "content": [
                    {"type": "tableRow", "content": [cell("tableHeader", "Head")]},
                    {"type": "tableRow", "content": [cell("tableCell", "body")]},
                ],
            }
        ),
        ["Head", "body"],
    ),
    "tableCell": (
        doc(
            {
                "type": "table",
                "content": [
                    {
                        "type": "tableRow",
                        "content": [
                            {
                                "type": "tableCell",
                                "attrs": {"colspan": 2},
                                "content": [p(t("wide"))],
                            }
                        ],
                    }
                ],
            }
        ),
        ["wide"],
    ),
    "expand": (
        doc({"type": "expand", "attrs": {"title": "Logs"}, "content": [p(t("trace"))]}),
        ["▾ Logs", "  trace"],
    ),
    "nestedExpand": (
        doc(
            {
                "type": "table",
                "content": [
                    {
                        "type": "tableRow",
                        "content": [
                            {
                                "type": "tableCell",
                                "content": [
                                    {
                                        "type": "nestedExpand",
                                        "attrs": {"title": "Inner"},
                                        "content": [p(t("deep"))],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ),
        ["▾ Inner", "deep"],
    ),
    "extension": (
        doc({"type": "extension", "attrs": {**EXT, "text": "Contents"}}),
        ["[extension: toc] Contents"],
    ),
    "bodiedExtension": (
        doc({"type": "bodiedExtension", "attrs": EXT, "content": [p(t("body"))]}),
        ["[extension: toc]", "body"],
    ),
    "inlineExtension": (
        doc(p(t("x "), {"type": "inlineExtension", "attrs": EXT})),
        ["x [extension: toc]"],
    ),
    "layoutSection": (
        doc(
            {
                "type": "layoutSection",
                "content": [
                    {
                        "type": "layoutColumn",
                        "attrs": {"width": 50},
                        "content": [p(t("left side"))],
                    },
                    {
                        "type": "layoutColumn",
                        "attrs": {"width": 50},
                        "content": [p(t("right side"))],
                    },
                ],
            }
        ),
        ["left side", "right side"],
    ),
    "layoutColumn": (
        doc(
            {
                "type": "layoutSection",
                "content": [
                    {"type": "layoutColumn", "attrs": {"width": 33}, "content": [p(t("c1"))]},
                    {"type": "layoutColumn", "attrs": {"width": 33}, "content": [p(t("c2"))]},
                    {"type": "layoutColumn", "attrs": {"width": 34}, "content": [p(t("c3"))]},
                ],
            }
        ),
        ["c1", "c2", "c3"],
    ),
    "placeholder": (doc(p({"type": "placeholder", "attrs": {"text": "Type here"}})), ["Type here"]),
    "syncBlock": (
        doc({"type": "syncBlock", "attrs": {"resourceId": "r", "localId": "l"}}),
        ["[synced block]"],
    ),
    "bodiedSyncBlock": (
        doc(
            {
                "type": "bodiedSyncBlock",
                "attrs": {"resourceId": "r", "localId": "l"},
                "content": [p(t("synced text"))],
            }
        ),
        ["synced text"],
    ),
    # marks
    "strong": (doc(p(t("bold", {"type": "strong"}))), ["bold"]),
    "em": (doc(p(t("leaning", {"type": "em"}))), ["leaning"]),
    "code": (doc(p(t("x = 1", {"type": "code"}))), ["x = 1"]),
    "strike": (doc(p(t("gone", {"type": "strike"}))), ["gone"]),
    "underline": (doc(p(t("under", {"type": "underline"}))), ["under"]),
    "link": (
        doc(p(t("the docs", {"type": "link", "attrs": {"href": "https://docs.example/x"}}))),
        ["the docs (https://docs.example/x)"],
    ),
    "subsup": (
        doc(
            p(
                t("H"),
                t("2", {"type": "subsup", "attrs": {"type": "sub"}}),
                t("O x"),
                t("10", {"type": "subsup", "attrs": {"type": "sup"}}),
            )
        ),
        ["H₂O x¹⁰"],
    ),
    "textColor": (doc(p(t("red", {"type": "textColor", "attrs": {"color": "#ff0000"}}))), ["red"]),
    "backgroundColor": (
        doc(p(t("hi", {"type": "backgroundColor", "attrs": {"color": "#ffff00"}}))),
        ["hi"],
    ),
    "annotation": (
        doc(
            p(
                t(
                    "noted",
                    {
                        "type": "annotation",
                        "attrs": {"id": "a1", "annotationType": "inlineComment"},
                    },
                )
            )
        ),
        ["noted"],
    ),
    "border": (
        doc(
            {
                "type": "mediaGroup",
                "content": [
                    {
                        **MEDIA,
                        "marks": [{"type": "border", "attrs": {"size": 2, "color": "#091e4224"}}],
                    }
                ],
            }
        ),
        ["[media: shot.png]"],
    ),
    "alignment": (
        doc(p(t("centred"), marks=[{"type": "alignment", "attrs": {"align": "center"}}])),
        [" centred"],
    ),
    "indentation": (
        doc(p(t("indented"), marks=[{"type": "indentation", "attrs": {"level": 2}}])),
        ["    indented"],
    ),
    "breakout": (
        doc(
            {
                "type": "codeBlock",
                "marks": [{"type": "breakout", "attrs": {"mode": "wide"}}],
                "content": [t("wide code")],
            }
        ),
        ["wide code"],
    ),
    "dataConsumer": (
        doc(
            {
                "type": "extension",
                "attrs": EXT,
                "marks": [{"type": "dataConsumer", "attrs": {"sources": ["s1"]}}],
            }
        ),
        ["[extension: toc]"],
    ),
    "fragment": (
        doc(
            {
                "type": "table",
                "marks": [{"type": "fragment", "attrs": {"localId": "f"}}],
                "content": [{"type": "tableRow", "content": [cell("tableCell", "frag")]}],
            }
        ),
        ["frag"],
    ),
    "fontSize": (
        doc(
            {
                "type": "bulletList",
                "content": [
                    item(
                        p(t("small"), marks=[{"type": "fontSize", "attrs": {"fontSize": "small"}}])
                    )
                ],
            }
        ),
        ["• small"],
    ),
}


def schema_type_names() -> set[str]:
    """Every node and mark type the schema names."""
    schema = json.loads(ADF_SCHEMA.read_text())
    names = set()
    for definition in schema["definitions"].values():
        enum = definition.get("properties", {}).get("type", {}).get("enum", [])
        names.update(enum)
    return names


def test_samples_cover_every_node_and_mark_type_in_the_schema() -> None:
    assert schema_type_names() - set(SAMPLES) == set()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_type_renders_what_a_person_reads(name: str) -> None:
    document, expected = SAMPLES[name]
    validator().validate(document)  # the sample is real ADF
    screen = shown(adf_to_rich(document))
    for words in expected:
        assert words in screen, f"{name}: {words!r} not in\n{screen}"
    assert "unreadable" not in screen


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("paragraph", "one\ntwo"),
        ("hardBreak", "line one\nline two"),
        ("mention", "cc @Ann Lee"),
        ("date", "due 2023-11-14"),
        ("status", "IN PROGRESS"),
        ("codeBlock", "print('hi')\nx = 1"),
        ("table", "Key\nSum\nA-1\nCrash"),
        ("expand", "Logs\ntrace"),
        ("caption", "[media: shot.png]\nthe caption"),
        ("link", "the docs"),
        ("bulletList", "apple\npear\nnashi"),
        ("extension", "[extension: toc] Contents"),
    ],
)
def test_plain_text_reads_in_order(name: str, expected: str) -> None:
    assert adf_to_plain(SAMPLES[name][0]) == expected


def test_alignment_centres_and_link_is_clickable_only_for_http() -> None:
    centred = shown(adf_to_rich(SAMPLES["alignment"][0]), width=21)
    assert centred.startswith(" " * 7 + "centred")
    rendered = adf_to_rich(
        doc(
            p(
                t("web", {"type": "link", "attrs": {"href": "https://ok.example"}}),
                t(" bad", {"type": "link", "attrs": {"href": "javascript:alert(1)"}}),
            )
        )
    )
    assert isinstance(rendered, Text)
    links = {span.style.link for span in rendered.spans if not isinstance(span.style, str)}
    assert links - {None} == {"https://ok.example"}
    assert "bad (javascript:alert(1))" in rendered.plain


def test_marks_become_styles() -> None:
    rendered = adf_to_rich(
        doc(p(t("b", {"type": "strong"}), t("i", {"type": "em"}), t("s", {"type": "strike"})))
    )
    assert isinstance(rendered, Text)
    bold, italic, strike = (span.style for span in rendered.spans)
    assert getattr(bold, "bold", None) is True
    assert getattr(italic, "italic", None) is True
    assert getattr(strike, "strike", None) is True


def test_stage0_multi_bodied_extension_shows_its_frames() -> None:
    document = doc(
        {
            "type": "multiBodiedExtension",
            "attrs": {**EXT, "extensionKey": "tabs"},
            "content": [
                {"type": "extensionFrame", "content": [p(t("tab one"))]},
                {"type": "extensionFrame", "content": [p(t("tab two"))]},
            ],
        }
    )
    screen = shown(adf_to_rich(document))
    assert "[extension: tabs]" in screen and "tab one" in screen and "tab two" in screen


def test_narrow_width_hint_stacks_layout_columns() -> None:
    document = SAMPLES["layoutSection"][0]
    assert "left side\n\nright side" in shown(adf_to_rich(document, width_hint=40), width=40)


INJECTIONS = [
    "[red]x[/]",
    "[link=https://evil.example]click[/link]",
    "\x1b]0;title\x07",
    "\x1b[31mred\x1b[0m",
    "\x9b31m",
    "a\u202eb\u2066c\u2069",
    "\x00\x07\x08bell",
    "\x1bP1$qm\x1b\\",
    ":smile:",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_untrusted_text_is_inert(payload: str) -> None:
    nodes = [
        p(
            t(payload),
            t(payload, {"type": "link", "attrs": {"href": f"https://x.example/{payload}"}}),
        ),
        {"type": "codeBlock", "attrs": {"language": payload}, "content": [t(payload)]},
        p(
            {"type": "mention", "attrs": {"id": "1", "text": payload}},
            {"type": "status", "attrs": {"text": payload, "color": "red"}},
            {"type": "emoji", "attrs": {"shortName": payload, "text": payload}},
        ),
        {"type": "expand", "attrs": {"title": payload}, "content": [p(t("x"))]},
    ]
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="truecolor")
    console.print(adf_to_rich(doc(*nodes)))
    # Rich's own OSC 8 hyperlinks (to vetted http(s) URLs) are the only OSC allowed
    raw = re.sub(r"\x1b\]8;[^\x1b\x07]*\x1b\\", "", console.file.getvalue())
    # the only escape sequences are Rich's own SGR colour codes; no OSC, no title, no bidi
    assert "\x1b]" not in raw and "\x07" not in raw and "\x9b" not in raw and "\x1bP" not in raw
    for ch in "\u202e\u2066\u2069\x00\x08":
        assert ch not in raw
    screen = shown(adf_to_rich(doc(*nodes)))
    if payload.startswith("["):
        assert payload in screen  # markup shows literally
    if payload == ":smile:":
        assert ":smile:" in screen and "😄" not in screen
    if payload.startswith("\x1b[31m"):
        assert "red" in screen and "[31m" not in screen


INVALID: list[object] = [
    None,
    42,
    3.5,
    "a plain string",
    [],
    {},
    {"type": "doc"},
    {"type": "doc", "content": "nope"},
    {"type": "doc", "content": [None, 1, "x", [], {"type": 5}]},
    {"type": "paragraph", "content": [{"type": "text"}, {"type": "text", "text": 5}]},
    {"type": "heading", "attrs": {"level": "high"}, "content": [{"type": "text", "text": "h"}]},
    {"type": "orderedList", "attrs": {"order": "x"}, "content": [{"type": "listItem"}]},
    {"type": "orderedList", "attrs": {"order": 1e300}, "content": [{"type": "listItem"}]},
    {"type": "table", "content": [{"type": "tableRow", "content": "x"}, {"type": "tableRow"}]},
    {
        "type": "table",
        "content": [
            {
                "type": "tableRow",
                "content": [{"type": "tableCell", "attrs": {"colspan": 1e9}, "content": []}],
            }
        ],
    },
    {"type": "date", "attrs": {"timestamp": "99999999999999999999999"}},
    {"type": "date", "attrs": {"timestamp": "nan"}},
    {"type": "panel", "attrs": {"panelType": "custom", "panelColor": "not a colour"}},
    {
        "type": "text",
        "text": "m",
        "marks": [
            {"type": "textColor", "attrs": {"color": "bogus"}},
            {"type": "link", "attrs": None},
            "x",
            {"type": 1},
        ],
    },
    {"type": "mysteryNode", "text": "own text", "content": [{"type": "text", "text": "kids"}]},
    {"type": "layoutSection", "content": [{"type": "layoutColumn", "attrs": {"width": -5}}] * 2},
]


@pytest.mark.parametrize("document", INVALID)
def test_invalid_adf_never_raises(document: object) -> None:
    screen = shown(adf_to_rich(document))
    adf_to_plain(document)
    if isinstance(document, int | float):
        assert "[unreadable content]" in screen


def test_unknown_nodes_show_their_text() -> None:
    screen = shown(adf_to_rich(INVALID[-2]))
    assert "own text" in screen and "kids" in screen


def test_very_deep_nesting_is_flattened_not_fatal() -> None:
    node: dict[str, Any] = p(t("bottom"))
    for _ in range(3000):
        node = {"type": "blockquote", "content": [node]}
    assert "bottom" in shown(adf_to_rich(doc(node)))
    assert adf_to_plain(doc(node)) == "bottom"


# Random documents shaped like the schema: containers over a pool of inline and leaf nodes.
words = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
marks = st.lists(
    st.sampled_from(
        [
            {"type": "strong"},
            {"type": "em"},
            {"type": "code"},
            {"type": "strike"},
            {"type": "underline"},
            {"type": "link", "attrs": {"href": "https://a.example/"}},
            {"type": "subsup", "attrs": {"type": "sup"}},
            {"type": "textColor", "attrs": {"color": "#00ff00"}},
        ]
    ),
    max_size=3,
)
inline = st.one_of(
    st.builds(lambda s, m: {"type": "text", "text": s, "marks": m}, words, marks),
    st.builds(lambda s: {"type": "mention", "attrs": {"id": "1", "text": s}}, words),
    st.builds(lambda s: {"type": "emoji", "attrs": {"shortName": s}}, words),
    st.builds(lambda n: {"type": "date", "attrs": {"timestamp": str(n)}}, st.integers()),
    st.builds(lambda s: {"type": "status", "attrs": {"text": s, "color": "green"}}, words),
    st.just({"type": "hardBreak"}),
    st.builds(lambda s: {"type": "inlineCard", "attrs": {"url": s}}, words),
    st.builds(lambda s: {"type": "placeholder", "attrs": {"text": s}}, words),
)
paragraph = st.builds(lambda c: {"type": "paragraph", "content": c}, st.lists(inline, max_size=4))
leaf = st.one_of(
    paragraph,
    st.builds(
        lambda n, c: {"type": "heading", "attrs": {"level": n}, "content": c},
        st.integers(1, 6),
        st.lists(inline, max_size=3),
    ),
    st.builds(lambda s: {"type": "codeBlock", "content": [{"type": "text", "text": s}]}, words),
    st.just({"type": "rule"}),
    st.just({"type": "mediaGroup", "content": [MEDIA]}),
    st.just({"type": "extension", "attrs": EXT}),
)


def containers(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    kids = st.lists(children, min_size=1, max_size=3)
    items = st.lists(
        st.builds(lambda c: {"type": "listItem", "content": c}, kids), min_size=1, max_size=3
    )
    cells = st.lists(
        st.builds(lambda c: {"type": "tableCell", "content": c}, kids), min_size=1, max_size=3
    )
    return st.one_of(
        st.builds(lambda i: {"type": "bulletList", "content": i}, items),
        st.builds(lambda i: {"type": "orderedList", "content": i}, items),
        st.builds(lambda c: {"type": "blockquote", "content": c}, kids),
        st.builds(lambda c: {"type": "panel", "attrs": {"panelType": "note"}, "content": c}, kids),
        st.builds(lambda c: {"type": "expand", "attrs": {"title": "t"}, "content": c}, kids),
        st.builds(lambda c: {"type": "bodiedExtension", "attrs": EXT, "content": c}, kids),
        st.builds(
            lambda r: {
                "type": "table",
                "content": [{"type": "tableRow", "content": row} for row in r],
            },
            st.lists(cells, min_size=1, max_size=3),
        ),
        st.builds(
            lambda a, b: {
                "type": "layoutSection",
                "content": [
                    {"type": "layoutColumn", "attrs": {"width": 50}, "content": a},
                    {"type": "layoutColumn", "attrs": {"width": 50}, "content": b},
                ],
            },
            kids,
            kids,
        ),
    )


blocks = st.recursive(leaf, containers, max_leaves=12)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks, max_size=4), st.integers(10, 120))
def test_random_schema_shaped_adf_never_raises(content: list[Any], width: int) -> None:
    document = doc(*content)
    screen = shown(adf_to_rich(document, width_hint=width), width=width)
    assert "[unreadable content]" not in screen
    adf_to_plain(document)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(sorted(SAMPLES)),
    lambda kids: (
        st.lists(kids, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "content",
                    "attrs",
                    "marks",
                    "text",
                    "level",
                    "url",
                    "order",
                    "state",
                    "timestamp",
                    "href",
                ]
            ),
            kids,
            max_size=5,
        )
    ),
    max_leaves=15,
)


@settings(max_examples=80, deadline=None)
@given(json_values)
def test_arbitrary_json_never_raises(document: object) -> None:
    shown(adf_to_rich(document), width=40)
    assert isinstance(adf_to_plain(document), str)
