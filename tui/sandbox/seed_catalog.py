"""The fixed catalogue of the seeded Jira: workflow, statuses, issue types, priorities, ...

None of it depends on the seed: the demo accounts, the workflow (To Do -> In Progress ->
In Review -> Done with back-transitions; Done needs a resolution), the issue types per project
type, Jira's usual priorities, resolutions and link types (Blocks, Cloners, Duplicate, Relates),
and the project keys. Also the seed's fixed epoch and the weighted draws the generator uses.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from datetime import UTC, datetime, timedelta

from tui.sandbox.world import (
    IssueTypeDef,
    LinkTypeDef,
    NamedDef,
    SandboxCategory,
    StatusDef,
    TransitionDef,
)

SEED_EPOCH = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SPAN = timedelta(days=270)

# (username, display name, email, token, password, admin)
DEMO_ACCOUNTS = (
    ("alice", "Alice Admin", "alice@example.com", "sandbox-token", "sandbox-password", True),
    ("bob", "Bob User", "bob@example.com", "sandbox-token-bob", "sandbox-password-bob", False),
)

class Weighted:
    """Draws values in proportion to their weights."""

    def __init__(self, table: tuple[tuple[str, int], ...]) -> None:
        self.values = [value for value, _ in table]
        self.bounds: list[int] = []
        for _, weight in table:
            self.bounds.append((self.bounds[-1] if self.bounds else 0) + weight)

    def __call__(self, rng: random.Random) -> str:
        return self.values[bisect.bisect_right(self.bounds, rng.random() * self.bounds[-1])]


TO_DO, IN_PROGRESS, IN_REVIEW, DONE = "10000", "3", "10001", "10002"
STATUSES = (
    StatusDef(TO_DO, "To Do", "new"),
    StatusDef(IN_PROGRESS, "In Progress", "indeterminate"),
    StatusDef(IN_REVIEW, "In Review", "indeterminate"),
    StatusDef(DONE, "Done", "done"),
)
TRANSITIONS = (
    TransitionDef("11", "Start Progress", IN_PROGRESS, from_status_ids=(TO_DO,)),
    TransitionDef("21", "Request Review", IN_REVIEW, from_status_ids=(IN_PROGRESS,)),
    TransitionDef("31", "Done", DONE, requires_resolution=True, from_status_ids=(TO_DO, IN_PROGRESS, IN_REVIEW)),
    TransitionDef("41", "Back to To Do", TO_DO, from_status_ids=(IN_PROGRESS, IN_REVIEW)),
    TransitionDef("51", "Back to In Progress", IN_PROGRESS, from_status_ids=(IN_REVIEW,)),
    TransitionDef("61", "Reopen", TO_DO, from_status_ids=(DONE,)),
)
EPIC, STORY, TASK, BUG, SUBTASK, INCIDENT, SERVICE_REQUEST = "10000", "10001", "10002", "10003", "10004", "10005", "10006"
ISSUE_TYPES = (
    IssueTypeDef(EPIC, "Epic", hierarchy_level=1, description="A big user story that needs to be broken down."),
    IssueTypeDef(STORY, "Story", description="Functionality or a feature expressed as a user goal."),
    IssueTypeDef(TASK, "Task", description="A small, distinct piece of work."),
    IssueTypeDef(BUG, "Bug", description="A problem or error."),
    IssueTypeDef(SUBTASK, "Sub-task", subtask=True, hierarchy_level=-1, description="A small piece of a larger task."),
    IssueTypeDef(INCIDENT, "Incident", description="An unplanned interruption to a service."),
    IssueTypeDef(SERVICE_REQUEST, "Service Request", description="A request for help from a customer."),
)
PRIORITIES = (
    NamedDef("1", "Highest", "This problem will block progress."),
    NamedDef("2", "High", "Serious problem that could block progress."),
    NamedDef("3", "Medium", "Has the potential to affect progress."),
    NamedDef("4", "Low", "Minor problem or easily worked around."),
    NamedDef("5", "Lowest", "Trivial problem with little or no impact on progress."),
)
RESOLUTIONS = (
    NamedDef("10000", "Done", "Work has been completed on this issue."),
    NamedDef("10001", "Won't Do", "This issue won't be actioned."),
    NamedDef("10002", "Duplicate", "The problem is a duplicate of an existing issue."),
    NamedDef("10003", "Cannot Reproduce", "All attempts at reproducing this issue failed."),
)
LINK_TYPES = (
    LinkTypeDef("10000", "Blocks", "is blocked by", "blocks"),
    LinkTypeDef("10001", "Cloners", "is cloned by", "clones"),
    LinkTypeDef("10002", "Duplicate", "is duplicated by", "duplicates"),
    LinkTypeDef("10003", "Relates", "relates to", "relates to"),
)
CATEGORIES = (
    SandboxCategory("10000", "Engineering", "Product engineering teams"),
    SandboxCategory("10001", "Business", "Marketing and operations"),
    SandboxCategory("10002", "Support", "Customer and internal support"),
)
# (key, name, type, category id, lead username or "", weight of the issues it gets)
PROJECTS = (
    ("DASH", "Dashboard", "software", "10000", "alice", 5),
    ("CORE", "Core Platform", "software", "10000", "", 4),
    ("MKT", "Marketing", "business", "10001", "bob", 2),
    ("HELP", "Help Desk", "service_desk", "10002", "", 2),
    ("MOB", "Mobile Apps", "software", "10000", "", 3),
    ("DATA", "Data Pipeline", "software", "10000", "", 2),
    ("OPS", "Operations", "business", "10001", "", 1),
    ("WEB", "Website", "software", "10000", "", 2),
)
# Issue types per project type, with their weights (sub-tasks and epic children get parents).
TYPE_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "software": ((EPIC, 4), (STORY, 30), (TASK, 22), (BUG, 28), (SUBTASK, 16)),
    "business": ((EPIC, 5), (TASK, 75), (SUBTASK, 20)),
    "service_desk": ((SERVICE_REQUEST, 50), (INCIDENT, 30), (TASK, 10), (SUBTASK, 10)),
}
TYPE_DRAW = {project_type: Weighted(mix) for project_type, mix in TYPE_MIX.items()}
PRIORITY_DRAW = Weighted((("1", 6), ("2", 18), ("3", 50), ("4", 18), ("5", 8)))
LINK_DRAW = Weighted((("10000", 35), ("10001", 8), ("10002", 15), ("10003", 42)))
ESTIMATES = (3600, 7200, 14400, 28800, 57600, 86400, 144000)


def account_id(username: str) -> str:
    """A Cloud-looking accountId (24 hex digits), the same for a username in every world."""
    return hashlib.sha1(f"jiradash-sandbox:{username}".encode()).hexdigest()[:24]
