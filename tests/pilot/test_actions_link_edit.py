"""`l` (link to another issue) and `e` (summary, priority, labels)."""

from __future__ import annotations

from pathlib import Path

from issue_harness import TALL, issue_view, select_item
from starlette.applications import Starlette

KEY = "CORE-53"
OTHER = "DASH-141"


def _links_of(view: object, key: str) -> list[tuple[str, str, str]]:
    from issue_harness import IssueView

    assert isinstance(view, IssueView)
    world = view.sandbox.world
    return [
        (world.link_types[link.type_id].name, link.outward_key, link.inward_key)
        for link in world.links.values()
        if key in (link.outward_key, link.inward_key)
    ]


async def test_link_blocks_another_issue(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY, size=TALL) as view:
        await view.press("l")
        assert "Link CORE-53" in view.text()
        await view.type("is blocked")
        await view.press("enter")
        assert "CORE-53 is blocked by …" in view.text()
        await view.type(OTHER.lower())
        await view.press("enter")
        assert ("Blocks", OTHER, KEY) in _links_of(view, KEY)
        text = view.text()
        assert "is blocked by" in text
        assert f"{OTHER}  [" in text


async def test_link_needs_a_key(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        links = _links_of(view, KEY)
        await view.press("l")
        await view.type("relates")
        await view.press("enter")
        await view.type("nonsense")
        await view.press("enter")
        assert "Enter the other issue's key" in view.text()
        assert _links_of(view, KEY) == links


async def test_link_to_an_issue_that_does_not_exist_shows_the_server_message(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        links = _links_of(view, KEY)
        await view.press("l")
        await view.press("enter")  # the first link type
        await view.type("NOPE-999")
        await view.press("enter")
        assert _links_of(view, KEY) == links
        (toast,) = view.toasts()
        assert toast.startswith("CORE-53: not linked to NOPE-999")
        assert "does not exist" in toast


async def test_edit_summary_priority_and_labels(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("e")
        assert "Edit CORE-53" in view.text()
        await view.press("ctrl+u")
        await view.type("Query planner leaks memory")
        await view.press("tab", "enter", "up", "enter")  # priority: one step higher than Medium
        await view.press("tab")
        await view.type("triage perf")
        await view.press("ctrl+s")
        held = view.issue(KEY)
        world = view.sandbox.world
        assert held.summary == "Query planner leaks memory"
        assert world.priorities[held.priority_id].name == "High"
        assert held.labels == ["triage", "perf"]
        text = view.text()
        assert "CORE-53  Query planner leaks memory" in text
        assert "High priority" in text
        assert "triage, perf" in text


async def test_edit_with_nothing_changed_sends_nothing(
    sandbox_app: Starlette, tmp_path: Path
) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        version = view.sandbox.world.version
        await view.press("e", "ctrl+s")
        assert "Nothing changed." in view.text()
        await view.press("escape")
        assert view.sandbox.world.version == version


async def test_remove_a_link_after_confirming(sandbox_app: Starlette, tmp_path: Path) -> None:
    async with issue_view(sandbox_app, tmp_path, KEY) as view:
        await view.press("l")
        await view.type("blocks")
        await view.press("enter")
        await view.type(OTHER)
        await view.press("enter")
        assert ("Blocks", KEY, OTHER) in _links_of(view, KEY)
        link_id = next(
            i for i, link in view.sandbox.world.links.items() if link.inward_key == OTHER
        )
        body = select_item(view.screen, f"link-{link_id}")
        await view.press("D")
        assert f"Remove the link: {KEY} blocks {OTHER}?" in view.text()
        await view.press("y")
        assert ("Blocks", KEY, OTHER) not in _links_of(view, KEY)
        assert f"link-{link_id}" not in body.item_keys
