"""Skill-aware assignment ranking (`tui.models.skill_match`): pure, no sandbox needed here;
the seeded-issue case runs against the sandbox in tests/store/test_skills_store.py."""

from __future__ import annotations

from tui.models.skill_match import (
    IssueTerms,
    level_factor,
    match_skills,
    norm,
    rank_assignees,
    words,
)


def test_norm_and_words_compare_labels_with_skill_names() -> None:
    assert norm("tech-debt") == norm("Tech Debt") == "techdebt"
    assert norm("HTML/CSS") == "htmlcss"
    assert words("Flaky tests in the importer") == {"flaky", "test", "importer"}


def test_label_skill_outranks_summary_and_component_matches() -> None:
    issue = IssueTerms(labels=("performance",), components=("Search results",), issue_type="Bug",
                       summary="Search results slow when filtering")
    people = {
        "label-holder": ["Performance - Beginner"],
        "component-holder": ["Search results"],
        "summary-holder": ["Filtering"],
        "nobody": ["Copywriting"],
    }
    ranked = rank_assignees(issue, people)
    assert [s.account_id for s in ranked] == ["label-holder", "component-holder", "summary-holder"]
    top = ranked[0].matches[0]
    assert (top.skill, top.via, top.term, top.exact, top.level) == (
        "Performance - Beginner", "label", "performance", True, "Beginner")


def test_levels_raise_the_score_and_one_skill_counts_once() -> None:
    issue = IssueTerms(labels=("python",))
    ranked = rank_assignees(issue, {"b": ["Python - Beginner"], "m": ["Python - Master", "Python - Beginner"]})
    assert [s.account_id for s in ranked] == ["m", "b"]
    assert [m.skill for m in ranked[0].matches] == ["Python - Master"]
    assert level_factor("Master") > level_factor("Expert") > level_factor("Competent")
    assert level_factor("Competent") > level_factor(None) > level_factor("Beginner")


def test_open_issue_load_breaks_even_skills() -> None:
    issue = IssueTerms(labels=("backend",))
    people = {"busy": ["Backend"], "free": ["Backend"]}
    ranked = rank_assignees(issue, people, {"busy": 12, "free": 1})
    assert [(s.account_id, s.open_issues) for s in ranked] == [("free", 1), ("busy", 12)]
    assert ranked[0].score > ranked[1].score


def test_partial_matches_count_half_and_candidates_limit_the_pool() -> None:
    matches, score = match_skills(IssueTerms(labels=("performance",)), ["Web Performance"])
    assert [(m.exact, m.score) for m in matches] == [(False, 2.0)]
    assert score == 2.0
    ranked = rank_assignees(IssueTerms(labels=("ux",)), {"a": ["UX"], "b": ["UX"]}, candidates=["b"])
    assert [s.account_id for s in ranked] == ["b"]


def test_short_words_in_a_summary_do_not_match_skills() -> None:
    matches, _ = match_skills(IssueTerms(summary="Login does not go through"), ["Go - Expert"])
    assert matches == ()
