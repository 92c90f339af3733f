"""Screen 3, reading: the matrix shows the sandbox's data; filters, folding, coverage, details."""

from __future__ import annotations

from pathlib import Path

from skills_harness import open_skills
from skills_truth import columns, expected_glyph, names, open_issues, people_order, screen_matrix
from starlette.applications import Starlette

from tui.sandbox.skills import state_of_sandbox


async def test_matrix_content_equals_the_sandbox(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        sandbox = view.sandbox
        held = state_of_sandbox(sandbox).held
        order, who, cols = people_order(sandbox), names(sandbox), columns(sandbox)
        shown_order = [who[a] for a in order]

        def check(first_col: int | None = 0) -> int:
            """The rows on screen against the sandbox; `first_col` None: whichever window of
            columns the view scrolled to, as long as every row agrees with it."""
            rows = screen_matrix(view.text())
            assert rows, view.text()
            shown = [name for name, _ in rows]
            at = shown_order.index(shown[0])
            assert shown == shown_order[at : at + len(rows)]  # people in name order, none missing
            width = len(rows[0][1])

            def want(first: int) -> list[str]:
                return [
                    "".join(
                        expected_glyph(held[order[at + n]], c) for c in cols[first : first + width]
                    )
                    for n in range(len(rows))
                ]

            glyphs = [g for _, g in rows]
            if first_col is None:
                assert any(glyphs == want(first) for first in range(1, len(cols))), glyphs
            else:
                assert glyphs == want(first_col), (glyphs, want(first_col))
            return len(rows)

        seen = check(0)
        await view.press("pagedown")
        seen += check(0)
        await view.press("G")
        seen += check(0)
        assert seen >= min(len(order), 60)
        assert shown_order[-1] in view.text()
        # Further right: move the cursor one column past the last one shown.
        await view.press("g")
        width = len(screen_matrix(view.text())[0][1])
        await view.press(*["l"] * width)
        check(None)
        assert " › ".join((*cols[width].path, cols[width].name)) in view.text().splitlines()[-2]


async def test_display_names_come_from_jira_once(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        assert view.store.stats.requests_to("GET", "/rest/api/3/user/bulk") == 1
        assert "Alice Admin" in view.text()
        await view.press("r")  # a refresh reads again; switching away and back does not
        await view.press("1", "3")
        assert view.store.stats.requests_to("GET", "/rest/api/3/user/bulk") == 2


async def test_filter_people_and_skills_as_you_type(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        await view.press("f")
        await view.type("bob")
        rows = screen_matrix(view.text())
        assert [name for name, _ in rows] == ["Bob User"]
        await view.press("escape", "F")
        await view.type("python")
        text = view.text()
        assert "Python" in text.splitlines()[-2]  # the info line: the only column's full name
        held = state_of_sandbox(view.sandbox).held
        python = next(c for c in columns(view.sandbox) if c.name == "Python")
        bob = next(a for a, n in names(view.sandbox).items() if n == "Bob User")
        assert screen_matrix(text)[0][1] == expected_glyph(held[bob], python)


async def test_collapse_a_category(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        cols = columns(view.sandbox)
        top = cols[0].path[0]
        members = [c for c in cols if c.path[0] == top]
        await view.press("c")
        text = view.text()
        assert f"{top} (collapsed: c unfolds)" in text
        held = state_of_sandbox(view.sandbox).held
        order = people_order(view.sandbox)
        for n, (_name, glyphs) in enumerate(screen_matrix(text)):
            count = sum(1 for c in members if expected_glyph(held[order[n]], c) != " ")
            assert glyphs[0] == (" " if count == 0 else str(count) if count < 10 else "+")
            # the column after the folded one is the next category's first skill
            nxt = cols[len(members)]
            assert glyphs[1] == expected_glyph(held[order[n]], nxt)
        await view.press("c")
        assert "(collapsed" not in view.text()


async def test_coverage_flags_single_points_of_failure(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        await view.press("v")
        held = state_of_sandbox(view.sandbox).held
        cols = columns(view.sandbox)
        lines = view.text().splitlines()
        header = next(i for i, line in enumerate(lines) if line.strip().startswith("Skill"))
        for n, col in enumerate(cols[:30]):
            holders = sum(1 for h in held.values() if expected_glyph(h, col) != " ")
            line = lines[header + 1 + n]
            assert line[3:].startswith(col.name[:20]), (line, col.name)
            assert line[1:3] == ("!!" if holders == 0 else "! " if holders == 1 else "  "), line
            assert line.rstrip(" ▇▅▃▁▂▄▆█").endswith(f" {holders}"), line


async def test_skill_detail_lists_experts_and_coverage(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        col = columns(view.sandbox)[0]  # the first category's leveled discipline skill
        held = state_of_sandbox(view.sandbox).held
        who = names(view.sandbox)
        await view.press("enter")
        text = view.text()
        for level in col.levels:
            n = sum(1 for h in held.values() if f"{col.name} - {level}" in h)
            assert f"{level} {n}" in text
        holders = [a for a, h in held.items() if expected_glyph(h, col) != " "]
        for account in holders:
            assert who[account] in text
        await view.press("escape")
        assert "Experts" not in view.text()


async def test_person_detail_counts_open_issues(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path) as view:
        bob = next(a for a, n in names(view.sandbox).items() if n == "Bob User")
        await view.press("f")
        await view.type("bob")
        await view.press("escape")
        searches = view.store.stats.requests_to("POST", "/search")
        await view.press("p")
        text = view.text()
        assert f"Open issues: {open_issues(view.sandbox, bob)} assigned, not done" in text
        assert view.store.stats.requests_to("POST", "/search") == searches + 1
        for skill in state_of_sandbox(view.sandbox).held[bob]:
            assert skill.rpartition(" - ")[0] in text or skill in text
