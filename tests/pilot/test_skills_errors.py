"""Screen 3 when Skills for Jira cannot be reached: a bad token, or no Skills configured."""

from __future__ import annotations

from pathlib import Path

from skills_harness import open_skills
from starlette.applications import Starlette


async def test_a_bad_token_is_said_clearly(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with open_skills(sandbox_app, tmp_path, skills_token="not-the-token") as view:
        text = " ".join(view.text().split())
        assert "Skills for Jira refused the token (Authorization-Skills)" in text
        assert "jiradash config skills" in text
        assert not any(
            line.startswith(" Person") for line in view.text().splitlines()
        )  # no empty matrix
        assert "Nobody" not in text
        assert any("refused the token" in toast for toast in view.toasts())
        # the tree and everyone's skills were asked for once each: a 401 is not retried
        skills_requests = {
            k: n for k, n in view.store.stats.requests.items() if k.startswith("GET /x1/")
        }
        assert sorted(skills_requests.values()) == [1, 1]


async def test_without_skills_configured_the_screen_says_how(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with open_skills(sandbox_app, tmp_path, configured=False) as view:
        text = " ".join(view.text().split())
        assert "Skills for Jira is not configured for this profile" in text
        assert "jiradash config skills" in text and "JIRA_SKILLS_URLS" in text
