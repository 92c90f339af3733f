"""Screen 3, editing: cells staged, reviewed as a diff, applied in ONE bulk update and checked."""

from __future__ import annotations

from pathlib import Path

from skills_harness import bulk_path, ground_truth, open_skills
from skills_truth import Column, columns, expected_glyph, names, screen_matrix
from starlette.applications import Starlette

from tui.sandbox.app import Sandbox


def _person(sandbox: Sandbox, name: str) -> str:
    return next(a for a, n in names(sandbox).items() if n == name)


async def _go_to(view: object, person: str, skill: str) -> None:
    """Filter down to one person and one skill: the cursor is then on that cell."""
    await view.press("f")  # type: ignore[attr-defined]
    await view.press("ctrl+a", "ctrl+k")  # type: ignore[attr-defined]
    await view.type(person)  # type: ignore[attr-defined]
    await view.press("escape", "F", "ctrl+a", "ctrl+k")  # type: ignore[attr-defined]
    await view.type(skill)  # type: ignore[attr-defined]
    await view.press("escape")  # type: ignore[attr-defined]


def _column(sandbox: Sandbox, name: str) -> Column:
    return next(c for c in columns(sandbox) if c.name == name)


def _plain_not_held(sandbox: Sandbox, account: str) -> Column:
    held = ground_truth(sandbox)[account]
    return next(
        c
        for c in columns(sandbox)
        if not c.levels
        and c.name not in held
        and len(c.name) > 8
        and sum(1 for o in columns(sandbox) if c.name.casefold() in o.name.casefold()) == 1
    )


async def test_add_and_remove_through_the_cell(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        bob = _person(view.sandbox, "Bob User")
        skill = _plain_not_held(view.sandbox, bob)
        await _go_to(view, "Bob User", skill.name)
        assert screen_matrix(view.text()) == [("Bob User", " ")]
        await view.press("space")
        assert screen_matrix(view.text()) == [("Bob User", "●")]
        assert "Bob User: holds it" in view.text()
        assert skill.name not in ground_truth(view.sandbox)[bob]  # staged, not sent
        await view.press("d")
        assert "+ " + skill.name in view.text()
        await view.press("enter")
        assert "match the staged diff" in view.text()
        assert skill.name in ground_truth(view.sandbox)[bob]
        await view.press("enter")
        assert screen_matrix(view.text()) == [("Bob User", "●")]
        # and away again
        await view.press("space", "d")
        assert "- " + skill.name in view.text()
        await view.press("enter", "enter")
        assert skill.name not in ground_truth(view.sandbox)[bob]
        assert screen_matrix(view.text()) == [("Bob User", " ")]


async def test_a_level_change_replaces_the_old_level(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        truth = ground_truth(view.sandbox)
        account, col, level = next(
            (a, c, name.rpartition(" - ")[2])
            for a, held in truth.items()
            for c in columns(view.sandbox)
            if c.levels
            for name in held
            if name.startswith(c.name + " - ")
            and not name.endswith("Master")
            and names(view.sandbox)[a] != "Alice Admin"
        )
        who = names(view.sandbox)[account]
        await _go_to(view, who, col.name)
        rows = screen_matrix(view.text())
        assert rows[0][1][0] == level[0]
        await view.press("plus")
        higher = col.levels[col.levels.index(level) + 1]
        assert screen_matrix(view.text())[0][1][0] == higher[0]
        await view.press("d")
        text = view.text()
        assert f"+ {col.name} ({higher})" in text and f"- {col.name} ({level})" in text
        await view.press("enter")
        after = ground_truth(view.sandbox)[account]
        assert f"{col.name} - {higher}" in after and f"{col.name} - {level}" not in after
        assert set(after) - {f"{col.name} - {higher}"} == set(truth[account]) - {
            f"{col.name} - {level}"
        }


async def test_staged_edits_for_several_people_go_in_one_bulk_update(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        sandbox = view.sandbox
        before = ground_truth(sandbox)
        who = names(sandbox)
        people = [
            a for a in sorted(before, key=lambda a: who[a]) if who[a] not in ("Alice Admin",)
        ][:3]
        plan: dict[str, tuple[Column, str]] = {}
        for account in people[:2]:  # each gains a plain skill
            col = _plain_not_held(sandbox, account)
            plan[account] = (col, "+")
        third = people[2]
        dropped = next(c for c in columns(sandbox) if expected_glyph(before[third], c) != " ")
        plan[third] = (dropped, "-")
        for account, (col, sign) in plan.items():
            await _go_to(view, who[account], col.name)
            await view.press("space" if sign == "+" else "x")
        await view.press("escape")
        assert "3 people" in view.text().splitlines()[-2]
        bulk = bulk_path(sandbox)
        assert view.store.stats.requests_to("POST", bulk) == 0
        await view.press("d")
        review = view.text()
        for account, (col, sign) in plan.items():
            assert who[account] in review
            assert f"{sign} {col.name}" in review
        await view.press("enter")
        assert view.store.stats.requests_to("POST", bulk) == 1  # one request for everyone
        text = view.text()
        assert "match the staged diff" in text
        assert "the server reports 3 people" in text
        after = ground_truth(sandbox)
        for account, (col, sign) in plan.items():
            changed = (
                {n for n in before[account] if n.startswith(col.name)}
                if sign == "-"
                else {col.name}
            )
            assert set(after[account]) == (
                set(before[account]) | changed if sign == "+" else set(before[account]) - changed
            )
        untouched = [a for a in before if a not in plan]
        assert all(after[a] == before[a] for a in untouched)
        await view.press("enter")
        assert "staged" not in view.text().splitlines()[-2]


async def test_the_review_refuses_when_someone_changed_a_person_meanwhile(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        bob = _person(view.sandbox, "Bob User")
        skill = _plain_not_held(view.sandbox, bob)
        await _go_to(view, "Bob User", skill.name)
        await view.press("space")
        view.sandbox.world.extra["skills"].held[bob].append(_column(view.sandbox, "Python").name)
        await view.press("d", "enter")
        text = view.text()
        assert "Not applied" in text and "changed since the edit was staged" in text
        assert view.store.stats.requests_to("POST", bulk_path(view.sandbox)) == 0
        assert skill.name not in ground_truth(view.sandbox)[bob]


async def test_undo_and_discard_staged_edits(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        bob = _person(view.sandbox, "Bob User")
        skill = _plain_not_held(view.sandbox, bob)
        await _go_to(view, "Bob User", skill.name)
        await view.press("space")
        assert "1 change staged" in view.text()
        await view.press("u")
        assert "staged" not in view.text().splitlines()[-2]
        assert screen_matrix(view.text()) == [("Bob User", " ")]
        await view.press("space", "U")
        assert screen_matrix(view.text()) == [("Bob User", " ")]
        await view.press("d")
        assert any("Nothing staged" in t for t in view.toasts())
