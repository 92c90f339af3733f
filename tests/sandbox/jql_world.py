"""A small hand-made `World` for the JQL tests: every field has a set value, an other value and
EMPTY somewhere, so each operator has something to find and something to leave out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from tui.sandbox.world import (
    IssueTypeDef,
    LinkTypeDef,
    NamedDef,
    SandboxComment,
    SandboxComponent,
    SandboxIssue,
    SandboxLink,
    SandboxProject,
    SandboxUser,
    SandboxVersion,
    StatusDef,
    World,
)

NOW = datetime(2024, 3, 13, 15, 30, tzinfo=UTC)  # a Wednesday
ALICE, BOB, CAROL = "acc-alice", "acc-bob", "acc-carol"


def adf(*paragraphs: str) -> dict[str, Any]:
    return {
        "type": "doc",
        "version": 1,
        "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": p}]} for p in paragraphs
        ],
    }


def base_world() -> World:
    world = World()
    world.users = {
        ALICE: SandboxUser(ALICE, "alice", "Alice Admin", "alice@example.com", admin=True),
        BOB: SandboxUser(BOB, "bob", "Bob Builder", "bob@example.com"),
        CAROL: SandboxUser(CAROL, "carol", "Carol Tester", "carol@example.com"),
    }
    world.statuses = {
        s.id: s
        for s in (
            StatusDef("1", "To Do", "new"),
            StatusDef("3", "In Progress", "indeterminate"),
            StatusDef("10001", "In Review", "indeterminate"),
            StatusDef("10002", "Done", "done"),
        )
    }
    world.issue_types = {
        t.id: t
        for t in (
            IssueTypeDef("10000", "Epic", hierarchy_level=1),
            IssueTypeDef("10001", "Story"),
            IssueTypeDef("10003", "Bug"),
            IssueTypeDef("10004", "Sub-task", subtask=True, hierarchy_level=-1),
        )
    }
    world.priorities = {
        p.id: p
        for p in (
            NamedDef("1", "Highest"),
            NamedDef("2", "High"),
            NamedDef("3", "Medium"),
            NamedDef("4", "Low"),
            NamedDef("5", "Lowest"),
        )
    }
    world.resolutions = {
        r.id: r for r in (NamedDef("10000", "Done"), NamedDef("10001", "Won't Do"))
    }
    world.link_types = {"1": LinkTypeDef("1", "Blocks", "is blocked by", "blocks")}
    world.projects = {
        "ABC": SandboxProject(
            "100",
            "ABC",
            "Alphabet",
            "software",
            ALICE,
            components=[SandboxComponent("200", "Backend"), SandboxComponent("201", "UI")],
            versions=[
                SandboxVersion("300", "1.0", released=True),
                SandboxVersion("301", "2.0"),
            ],
        ),
        "XYZ": SandboxProject(
            "101",
            "XYZ",
            "Xylophone",
            "business",
            BOB,
            components=[SandboxComponent("202", "Backend")],
            versions=[SandboxVersion("302", "1.0", released=True)],
        ),
        "OLD": SandboxProject("102", "OLD", "Old stuff", "software", ALICE, archived=True),
    }
    return world


def issue(world: World, key: str, **fields: Any) -> SandboxIssue:
    project = key.split("-")[0]
    number = int(key.split("-")[1])
    created = fields.pop("created", NOW - timedelta(days=number))
    made = SandboxIssue(
        id=str(20000 + len(world.issues)),
        key=key,
        project_key=project,
        issuetype_id=fields.pop("issuetype_id", "10001"),
        summary=fields.pop("summary", f"Issue {key}"),
        status_id=fields.pop("status_id", "1"),
        priority_id=fields.pop("priority_id", "3"),
        reporter=fields.pop("reporter", ALICE),
        created=created,
        updated=fields.pop("updated", created),
        **fields,
    )
    world.issues[key] = made
    return made


def sample_world() -> World:
    """Eight issues in ABC and XYZ, one in the archived OLD."""
    world = base_world()
    issue(
        world,
        "ABC-1",
        summary="Login page fails on Safari",
        description=adf("The login form throws an error.", "Steps: open the page."),
        status_id="3",
        priority_id="1",
        assignee=ALICE,
        labels=["frontend", "Urgent"],
        component_ids=["201"],
        fix_version_ids=["300"],
        duedate=date(2024, 3, 10),
        watchers=[BOB],
    )
    issue(
        world,
        "ABC-2",
        summary="Database migration for accounts",
        description=adf("Run the migration in staging first."),
        status_id="10002",
        priority_id="2",
        assignee=BOB,
        labels=["backend"],
        component_ids=["200"],
        fix_version_ids=["300", "301"],
        resolution_id="10000",
        resolved=NOW - timedelta(days=1),
        comments=[
            SandboxComment("c1", CAROL, adf("Verified on staging servers"), NOW, NOW),
        ],
    )
    issue(
        world,
        "ABC-3",
        summary="Add dark mode",
        issuetype_id="10000",
        priority_id="4",
        duedate=date(2024, 3, 13),
        voters=[CAROL],
    )
    issue(
        world,
        "ABC-10",
        summary="Dark mode toggle",
        issuetype_id="10004",
        parent_key="ABC-3",
        status_id="10001",
        priority_id="3",
        assignee=CAROL,
        reporter=BOB,
        labels=["frontend"],
    )
    issue(
        world,
        "XYZ-1",
        summary="Quarterly report",
        issuetype_id="10003",
        status_id="10002",
        priority_id="5",
        assignee=BOB,
        reporter=CAROL,
        component_ids=["202"],
        fix_version_ids=["302"],
        resolution_id="10001",
        resolved=NOW - timedelta(hours=2),
        duedate=date(2024, 4, 1),
    )
    issue(world, "XYZ-2", summary="Reports export to CSV", status_id="3", priority_id="2")
    issue(world, "OLD-1", summary="Login of the archived project", assignee=ALICE)
    world.links = {"l1": SandboxLink("l1", "1", "ABC-1", "XYZ-2")}
    return world
