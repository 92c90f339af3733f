"""The skills matrix as data: columns from the tree, cells, coverage, staged edits, shown columns."""

from __future__ import annotations

from tui.models.skill_grid import SkillGrid, StagedEdits, step_level, toggled
from tui.models.skills import Skill, SkillNode, SkillsSnapshot, SkillTree, UserChange
from tui.widgets.skill_columns import MatrixColumn, build_columns, cell_text, short_label


def leaf(name: str, *experts: str) -> SkillNode:
    return SkillNode(key=name, display_name=name, is_category=False, experts=experts)


def category(name: str, *children: SkillNode) -> SkillNode:
    return SkillNode(key=f"id-{name}", display_name=name, is_category=True, children=children)


TREE = SkillTree(roots=(
    category("Engineering",
             leaf("Engineering - Beginner"), leaf("Engineering - Competent"), leaf("Engineering - Expert"),
             leaf("Engineering - Master"),
             category("Languages", leaf("Python"), leaf("Go - Beginner"), leaf("Go - Expert"))),
    category("Design", leaf("Figma"), leaf("User Research")),
))
HELD = {
    "a": ("Engineering - Expert", "Python", "Go - Beginner", "Go - Expert", "Not In Tree"),
    "b": ("Engineering - Beginner", "Figma"),
}


def grid() -> SkillGrid:
    return SkillGrid(SkillsSnapshot(tree=TREE, skills_by_account=dict(HELD)))


def test_columns_fold_levels_and_keep_tree_order() -> None:
    g = grid()
    assert [(s.name, s.path, s.levels) for s in g.skills] == [
        ("Engineering", ("Engineering",), ("Beginner", "Competent", "Expert", "Master")),
        ("Python", ("Engineering", "Languages"), ()),
        ("Go", ("Engineering", "Languages"), ("Beginner", "Expert")),
        ("Figma", ("Design",), ()),
        ("User Research", ("Design",), ()),
    ]


def test_cells_show_the_highest_level_and_ignore_unknown_names() -> None:
    g = grid()
    assert g.cells(HELD["a"]) == {0: 3, 1: 0, 2: 3}
    assert g.cells(HELD["b"]) == {0: 1, 3: 0}


def test_coverage_counts_holders_per_level() -> None:
    cov = grid().coverage(HELD)
    assert cov[0].by_rank == (0, 1, 0, 1, 0) and cov[0].total == 2
    assert cov[0].holders == (("a", 3), ("b", 1))
    assert cov[1].total == 1 and cov[4].total == 0


def test_levels_step_and_toggle() -> None:
    go = Skill(name="Go", levels=("Beginner", "Expert"))
    plain = Skill(name="Python")
    assert step_level(go, None, 1) == "Beginner"
    assert step_level(go, "Beginner", 1) == "Expert"
    assert step_level(go, "Expert", 1) == "Expert"
    assert step_level(go, "Beginner", -1) is None
    assert step_level(plain, None, 1) == "" and step_level(plain, "", -1) is None
    assert toggled(go, None) == "Beginner" and toggled(go, "Expert") is None
    assert toggled(plain, None) == ""


def test_staged_edits_diff_and_undo() -> None:
    g = grid()
    staged = StagedEdits()
    engineering, python = g.skills[0], g.skills[1]
    staged.set_level("a", HELD["a"], engineering, "Master")
    staged.set_level("b", HELD["b"], python, "")
    assert staged.diff() == {
        "a": UserChange(added=("Engineering - Master",), removed=("Engineering - Expert",)),
        "b": UserChange(added=("Python",)),
    }
    assert staged.columns(g.index) == {"a": frozenset({0}), "b": frozenset({1})}
    assert "Not In Tree" in staged.staged["a"]  # the complete set: names outside the tree kept
    staged.set_level("a", HELD["a"], engineering, "Expert")  # back where it was: not staged
    assert "a" not in staged.staged
    staged.unstage("b", python)
    assert not staged


def test_shown_columns_filter_and_fold() -> None:
    skills = grid().skills
    assert [c.title for c in build_columns(skills, "lang", set())] == ["Python", "Go"]
    folded = build_columns(skills, "", {"Engineering"})
    assert folded[0] == MatrixColumn(label="▸", title="Engineering", path=("Engineering",),
                                     members=frozenset({0, 1, 2}))
    assert [c.title for c in folded[1:]] == ["Figma", "User Research"]
    assert short_label("User Research") == "UR" and short_label("Python") == "Py"


def test_cell_text() -> None:
    skills = grid().skills
    go = build_columns(skills, "go", set())[0]
    assert cell_text(go, {2: 3}, frozenset()) == (" E ", "fg:level-3")
    assert cell_text(go, {2: 3}, frozenset({2})) == (" E*", "fg:level-3+fg:staged")
    assert cell_text(go, {}, frozenset({2})) == (" -*", "fg:staged")
    assert cell_text(go, {}, frozenset()) == ("   ", "")
    folded = build_columns(skills, "", {"Engineering"})[0]
    assert cell_text(folded, {0: 1, 2: 3, 3: 0}, frozenset()) == (" 2 ", "fg:count")
