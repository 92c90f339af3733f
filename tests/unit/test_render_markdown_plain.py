"""Plain text takes a path without markdown-it; its ADF is exactly what markdown-it makes of it."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.render.markdown_adf import _is_plain, _parsed_blocks, markdown_to_adf

# What the fast path accepts, and characters it must refuse, so both sides are exercised.
PLAIN = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ9é漢 \n,.?!;:'\"()/%$@"),
        st.characters(categories=("L", "N")),
        st.sampled_from("*_-#>`[]<&|~+=\\\t1)"),
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(PLAIN, st.booleans())
@example("1. one\n2) two", True)
@example("a\n\nb\nc", True)
@example("Done. 2) later", False)
@example("x  y", True)
def test_plain_text_gives_the_parsers_document(text: str, breaks: bool) -> None:
    expected = {"type": "doc", "version": 1, "content": _parsed_blocks(text, breaks)}
    assert markdown_to_adf(text, breaks=breaks) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Z9é\n\n,.?!;:'\"()/%$@"), max_size=80), st.booleans())
def test_texts_of_plain_characters_only(text: str, breaks: bool) -> None:
    """Mostly on the fast path (lines numbered or with outer spaces fall back)."""
    expected = {"type": "doc", "version": 1, "content": _parsed_blocks(text, breaks)}
    assert markdown_to_adf(text, breaks=breaks) == expected


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("bench", True),
        ("Looks good, thanks! Merging (after lunch): 100% done.", True),
        ("line one\nline two\n\nnext paragraph", True),
        ("*bold*", False),
        ("1. first", False),
        ("  indented", False),
        ("a\tb", False),
        ("[link](x)", False),
        ("---", False),
    ],
)
def test_what_counts_as_plain(text: str, plain: bool) -> None:
    assert _is_plain(text) is plain
