"""Pilot tests of a repository's page: its fields, the commit / branch / pull-request tabs and
their details, the filter, `enter` on a row's issue, and deleting one entity and the repository
(the sandbox's state afterwards)."""

from __future__ import annotations

from pathlib import Path

from devinfo_harness import devinfo_app, open_repository, shown, stored
from starlette.applications import Starlette

from tui.models.devinfo import Repository


def truth(app: object, repository_id: str) -> Repository:
    """The repository as the store last read it (the sandbox's answer, decoded)."""
    found = app.store.devinfo.cached_repository(repository_id)  # type: ignore[attr-defined]
    assert found is not None
    return found  # type: ignore[no-any-return]


async def test_the_page_shows_the_fields_and_the_commits(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await open_repository(pilot, "web-app-experiments")
        repo = truth(app, "web-app-experiments")
        assert repo.fork_of == "web-app"
        assert "Fork of: web-app" in text
        assert f"URL: {repo.url}" in text
        assert repo.description and repo.description in text
        assert f"Avatar: {repo.avatar_description}" in text
        assert f"Commits ({len(repo.commits)})" in text
        first = repo.commits[0]
        assert first.display_id in text and first.author.label in text
        assert f"Commit: {first.id}" in text  # the highlighted commit's details
        for f in first.files[:2]:
            assert f.path in text and f"+{f.lines_added}" in text and f"-{f.lines_removed}" in text
            assert f.change_type.lower() in text


async def test_branches_and_pull_requests_tabs(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_repository(pilot, "web-app")
        repo = truth(app, "web-app")
        await pilot.press("b")
        text = await shown(pilot)
        branch = repo.branches[0]
        assert branch.name in text
        assert f"Create a pull request: {branch.create_pull_request_url}" in text
        assert f"Last commit: {branch.last_commit.display_id}" in text
        await pilot.press("p")
        text = await shown(pilot)
        pr = repo.pull_requests[0]
        assert f"Pull request {pr.display_id}: {pr.title}" in text
        assert f"Status: {pr.status}" in text and f"Author: {pr.author.label}" in text
        assert f"From: {pr.source_branch} into {pr.destination_branch}" in text
        assert f"Comments: {pr.comment_count}" in text
        approved = sum(r.approved for r in pr.reviewers)
        assert f"Reviewers: {approved}/{len(pr.reviewers)} approved" in text
        for reviewer in pr.reviewers:
            assert reviewer.name and reviewer.name in text


async def test_the_filter_narrows_by_key_author_or_status(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_repository(pilot, "web-app")
        repo = truth(app, "web-app")
        await pilot.press("f", *"DASH-12", "enter")
        text = await shown(pilot)
        expected = [c for c in repo.commits if "DASH-12" in c.issue_keys]
        assert f"Commits ({len(expected)} of {len(repo.commits)})" in text
        others = [c for c in repo.commits if "DASH-12" not in c.issue_keys]
        assert all(c.display_id not in text for c in others)
        await pilot.press("f", "escape", *"merged", "enter", "p")
        text = await shown(pilot)
        merged = [p for p in repo.pull_requests if p.status == "MERGED"]
        assert f"Pull requests ({len(merged)} of {len(repo.pull_requests)})" in text
        author = repo.commits[1].author.label
        await pilot.press("f", "escape", *author.split()[0], "enter", "c")
        text = await shown(pilot)
        mine = [c for c in repo.commits if author.split()[0].casefold() in c.author.label.casefold()]
        assert f"Commits ({len(mine)} of {len(repo.commits)})" in text


async def test_enter_opens_the_rows_issue(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_repository(pilot, "web-app")
        key = truth(app, "web-app").commits[0].issue_keys[0]
        await pilot.press("enter")
        await shown(pilot)
        assert type(app.screen).__name__ == "IssueScreen"
        assert getattr(app.screen, "key", None) == key


async def test_deleting_one_commit_then_the_repository(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_repository(pilot, "web-app")
        repo = truth(app, "web-app")
        doomed = repo.commits[0]
        await pilot.press("d")
        text = await shown(pilot)
        assert f"Delete commit {doomed.display_id}" in text and "from web-app?" in text
        await pilot.press("enter")
        text = await shown(pilot)
        commits = stored(sandbox_app).repositories["web-app"].entities["commits"]
        assert doomed.id not in commits
        assert len(commits) == len(repo.commits) - 1
        assert f"Commits ({len(repo.commits) - 1})" in text
        await pilot.press("D")
        text = await shown(pilot)
        assert "Delete repository web-app and all its development information?" in text
        assert f"{len(repo.commits) - 1} commits, {len(repo.branches)} branches" in text
        await pilot.press("enter")
        text = await shown(pilot)
        assert "web-app" not in stored(sandbox_app).repositories
        assert "web-app-experiments" in stored(sandbox_app).repositories
        assert "Nothing is stored for repository web-app." in text
        assert "web-app" not in app.store.devinfo_repositories  # screen 4 forgets it, as the CLI does


async def test_a_bounded_delete_keeps_newer_data(sandbox_app: Starlette, tmp_path: Path) -> None:
    app = devinfo_app(sandbox_app, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_repository(pilot, "web-app")
        doomed = truth(app, "web-app").commits[0]
        await pilot.press("d", *str(doomed.update_sequence_id - 1), "enter")
        await shown(pilot)
        assert doomed.id in stored(sandbox_app).repositories["web-app"].entities["commits"]
