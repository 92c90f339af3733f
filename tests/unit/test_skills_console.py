"""`parse_console_block`: which pasted Skills URL is which operation, and when it cannot tell."""

from __future__ import annotations

import json

import pytest

from tui.api.skills import ConsoleBlockError, parse_console_block, read_console_block
from tui.models.skills import OPERATIONS

TITLED = """\
Get user skills: https://abc.hello.atlassian-dev.net/x1/Aa1
Add user skills: https://abc.hello.atlassian-dev.net/x1/Bb2
Remove user skills: https://abc.hello.atlassian-dev.net/x1/Cc3
Get all users' skills: https://abc.hello.atlassian-dev.net/x1/Dd4
Bulk update users skills: https://abc.hello.atlassian-dev.net/x1/Ee5
Get skill tree with experts: https://abc.hello.atlassian-dev.net/x1/Ff6
"""


def test_titles_on_the_same_line() -> None:
    urls = parse_console_block(TITLED)
    assert list(urls) == list(OPERATIONS)
    assert urls["remove_skills"].endswith("/Cc3")
    assert urls["all_skills"].endswith("/Dd4")
    assert urls["skill_tree"].endswith("/Ff6")


def test_titles_above_in_any_order_with_methods() -> None:
    block = """Skills for Jira API

    Get skill tree with experts
    GET https://h.example/x1/t

    Bulk update users skills
    POST https://h.example/x1/b

    Get all users' skills
    GET https://h.example/x1/a

    Remove user skills
    DELETE https://h.example/x1/r

    Get user skills
    GET https://h.example/x1/u

    Add user skills
    PUT https://h.example/x1/p
    """
    assert parse_console_block(block) == {
        "user_skills": "https://h.example/x1/u",
        "add_skills": "https://h.example/x1/p",
        "remove_skills": "https://h.example/x1/r",
        "all_skills": "https://h.example/x1/a",
        "bulk_update": "https://h.example/x1/b",
        "skill_tree": "https://h.example/x1/t",
    }


def test_methods_alone_settle_the_writes_and_leave_the_reads_ambiguous() -> None:
    block = "\n".join([
        "PUT https://h.example/x1/1",
        "DELETE https://h.example/x1/2",
        "POST https://h.example/x1/3",
        "GET https://h.example/x1/4",
        "GET https://h.example/x1/5",
        "GET https://h.example/x1/get-user-skills",
    ])
    found = read_console_block(block)
    assert found.urls == {
        "add_skills": "https://h.example/x1/1",
        "remove_skills": "https://h.example/x1/2",
        "bulk_update": "https://h.example/x1/3",
        "user_skills": "https://h.example/x1/get-user-skills",
    }
    assert found.unresolved == {
        "https://h.example/x1/4": ("all_skills", "skill_tree"),
        "https://h.example/x1/5": ("all_skills", "skill_tree"),
    }
    with pytest.raises(ConsoleBlockError) as caught:
        parse_console_block(block)
    assert "https://h.example/x1/4 could be all_skills or skill_tree" in str(caught.value)
    assert caught.value.block.missing == ("all_skills", "skill_tree")


def test_a_missing_operation_is_reported() -> None:
    block = "\n".join(TITLED.splitlines()[:5])
    with pytest.raises(ConsoleBlockError, match="no URL for skill_tree"):
        parse_console_block(block)


def test_the_environment_json_form_is_accepted() -> None:
    urls = {op: f"https://h.example/x1/{i}" for i, op in enumerate(OPERATIONS)}
    assert parse_console_block(json.dumps(urls)) == urls


def test_trailing_punctuation_is_not_part_of_the_url() -> None:
    block = TITLED.replace("/x1/Ff6", "/x1/Ff6.")
    assert parse_console_block(block)["skill_tree"].endswith("/x1/Ff6")
