"""The Skills naming convention, the tree's matrix columns and the diff arithmetic."""

from __future__ import annotations

import pytest

from tui.models.skills import (
    Skill,
    SkillNode,
    SkillTree,
    UserChange,
    change_between,
    diff_sets,
    level_held,
    same_changes,
    set_level,
    split_level,
)


def leaf(name: str, *experts: str) -> SkillNode:
    return SkillNode(key=name, display_name=name, is_category=False, experts=experts)


def cat(name: str, *children: SkillNode) -> SkillNode:
    return SkillNode(key=f"id-{name}", display_name=name, is_category=True, children=children)


def test_split_level_reads_only_the_four_levels() -> None:
    assert split_level("Engineering - Beginner") == ("Engineering", "Beginner")
    assert split_level("Marketing - Master") == ("Marketing", "Master")
    assert split_level("JavaScript") == ("JavaScript", None)
    assert split_level("Front - End") == ("Front - End", None)


def test_tree_folds_level_leaves_into_one_column_under_its_path() -> None:
    tree = SkillTree(roots=(
        cat("Design", leaf("Design - Beginner", "u1"), leaf("Design - Expert"),
            cat("UX", leaf("User Flows", "u1"), leaf("Wireframes"))),
    ))
    assert tree.skills() == (
        Skill(name="Design", path=("Design",), levels=("Beginner", "Expert")),
        Skill(name="User Flows", path=("Design", "UX")),
        Skill(name="Wireframes", path=("Design", "UX")),
    )
    assert tree.experts()["User Flows"] == ("u1",)
    assert "Design - Expert" in tree.skill_names()


def test_level_held_and_set_level() -> None:
    design = Skill(name="Design", levels=("Beginner", "Competent", "Expert", "Master"))
    held = ("Design - Competent", "Design - Expert", "HTML/CSS")
    assert level_held(held, design) == "Expert"
    assert level_held(held, Skill(name="HTML/CSS")) == ""
    assert level_held(held, Skill(name="Go")) is None
    # a level change removes every old level's name and adds the new one
    assert set_level(held, design, "Master") == ("HTML/CSS", "Design - Master")
    assert set_level(held, design, None) == ("HTML/CSS",)
    assert set_level((), Skill(name="Go"), "") == ("Go",)
    with pytest.raises(ValueError):
        set_level(held, design, "Guru")


def test_diff_follows_the_seed_example() -> None:
    current = {
        "3e63957f": ["Engineering - Beginner", "JavaScript", "HTML/CSS"],
        "63314adf": ["Marketing - Competent", "Marketing - Expert", "English - Expert", "Social Media Marketing"],
        "61a4ad9c": ["QA - Competent"],
    }
    proposed = {
        "3e63957f": ["Engineering - Beginner"],
        "63314adf": ["Marketing - Expert", "Marketing - Master", "English - Expert", "Social Media Marketing"],
    }
    assert diff_sets(current, proposed) == {
        "3e63957f": UserChange(added=(), removed=("JavaScript", "HTML/CSS")),
        "63314adf": UserChange(added=("Marketing - Master",), removed=("Marketing - Competent",)),
    }
    assert change_between(["a"], ["a"]).is_empty


def test_same_changes_ignores_order_and_empty_entries() -> None:
    a = {"u": UserChange(added=("x", "y")), "v": UserChange()}
    b = {"u": UserChange(added=("y", "x"))}
    assert same_changes(a, b)
    assert not same_changes(a, {"u": UserChange(added=("x",))})
