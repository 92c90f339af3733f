"""Seeded issues, one at a time in creation order: fields, status, activity.

`IssueMaker.make` decides an issue's type (sub-tasks and epic children get a `parent_key` in the
same project, created earlier), status and resolution (older issues are more often Done),
people, labels, components, versions, due date and estimates; then, for a fraction of issues
only, comments, worklogs, watchers, votes, attachment metadata and a changelog entry.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tui.sandbox import seed_text as words
from tui.sandbox.seed_catalog import (
    DEMO_ACCOUNTS,
    DONE,
    EPIC,
    ESTIMATES,
    IN_PROGRESS,
    IN_REVIEW,
    PRIORITY_DRAW,
    SEED_EPOCH,
    SPAN,
    SUBTASK,
    TASK,
    TO_DO,
    TYPE_DRAW,
    account_id,
)
from tui.sandbox.world import (
    ChangelogItem,
    SandboxAttachment,
    SandboxChange,
    SandboxComment,
    SandboxIssue,
    SandboxProject,
    SandboxUser,
    SandboxWorklog,
    World,
)


class IssueMaker:
    """Builds issues in creation order; keeps each project's candidate parents."""

    def __init__(self, rng: random.Random, world: World, users: list[SandboxUser]) -> None:
        self.rng = rng
        self.world = world
        active = [u.account_id for u in users if u.active]
        demo = [account_id(name) for name, *_ in DEMO_ACCOUNTS]
        self.assignees = active + demo * 2  # alice and bob get a fair share to demo with
        self.people = [(u.account_id, u.display_name) for u in users if u.active]
        self.pool = words.FragmentPool(rng, self.people)
        self.counters: dict[str, int] = {}
        self.epics: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}

    def user(self) -> str:
        return words.pick(self.rng, self.assignees)

    def make(self, number: int, project: SandboxProject, created: datetime) -> SandboxIssue:
        rng = self.rng
        key_n = self.counters[project.key] = self.counters.get(project.key, 0) + 1
        type_id = TYPE_DRAW[project.type_key](rng)
        parents = self.parents.setdefault(project.key, [])
        epics = self.epics.setdefault(project.key, [])
        parent = None
        if type_id == SUBTASK:
            if parents:
                parent = words.pick(rng, parents[-200:])
            else:
                type_id = TASK
        elif type_id != EPIC and epics and rng.random() < 0.4:
            parent = words.pick(rng, epics[-12:])
        age = (SEED_EPOCH - created) / SPAN
        updated = created + (SEED_EPOCH - created) * rng.random() ** 2
        key = f"{project.key}-{key_n}"
        issue = SandboxIssue(
            id=str(10000 + number),
            key=key,
            project_key=project.key,
            issuetype_id=type_id,
            summary=words.summary(rng, self.world.issue_types[type_id].name),
            status_id=TO_DO,
            priority_id=PRIORITY_DRAW(rng),
            reporter=self.user(),
            created=created,
            updated=updated,
            parent_key=parent,
        )
        self._status(issue, age)
        self._fields(issue, project)
        if type_id == EPIC:
            epics.append(key)
        elif type_id != SUBTASK:
            parents.append(key)
        self._activity(issue)
        return issue

    def _status(self, issue: SandboxIssue, age: float) -> None:
        rng = self.rng
        if rng.random() < 0.1 + 0.65 * age:
            issue.status_id = DONE
            roll = rng.random()
            issue.resolution_id = "10000" if roll < 0.78 else "10001" if roll < 0.88 else "10002" if roll < 0.96 else "10003"
            issue.resolved = issue.updated
        else:
            roll = rng.random()
            issue.status_id = TO_DO if roll < 0.45 else IN_PROGRESS if roll < 0.8 else IN_REVIEW

    def _fields(self, issue: SandboxIssue, project: SandboxProject) -> None:
        rng = self.rng
        if rng.random() < 0.8 or issue.status_id != TO_DO:
            issue.assignee = self.user()
        if rng.random() < 0.7:
            issue.description = self.pool.description()
        if rng.random() < 0.6:
            issue.labels = list(dict.fromkeys(words.pick(rng, words.LABELS) for _ in range(1 + int(rng.random() * 3))))
        if project.components and rng.random() < 0.55:
            issue.component_ids = [words.pick(rng, project.components).id]
        if project.versions and rng.random() < 0.35:
            later = [v for v in project.versions if v.release_date and v.release_date >= issue.created.date()]
            if later:
                issue.fix_version_ids = [later[0].id if issue.status_id == DONE else words.pick(rng, later).id]
        if rng.random() < 0.25:
            issue.duedate = (issue.created + timedelta(days=7 + int(rng.random() * 60))).date()
        if rng.random() < 0.4:
            estimate = words.pick(rng, ESTIMATES)
            issue.original_estimate_seconds = estimate
            issue.remaining_estimate_seconds = 0 if issue.status_id == DONE else estimate

    def _when(self, issue: SandboxIssue) -> datetime:
        return issue.created + (issue.updated - issue.created) * self.rng.random()

    def _activity(self, issue: SandboxIssue) -> None:
        rng = self.rng
        world = self.world
        if rng.random() < 0.35:
            for _ in range(1 + int(rng.random() * 4)):
                at = self._when(issue)
                issue.comments.append(SandboxComment(world.new_id(), self.user(), self.pool.comment(), at, at))
            issue.comments.sort(key=lambda c: c.created)
        if rng.random() < 0.2:
            spent_total = 0
            for _ in range(1 + int(rng.random() * 3)):
                at = self._when(issue)
                spent = (1 + int(rng.random() * 16)) * 900
                spent_total += spent
                note = self.pool.comment() if rng.random() < 0.5 else None
                issue.worklogs.append(SandboxWorklog(world.new_id(), issue.assignee or self.user(), at, spent, note, at, at))
            if issue.original_estimate_seconds is not None and issue.status_id != DONE:
                issue.remaining_estimate_seconds = max(0, issue.original_estimate_seconds - spent_total)
        if rng.random() < 0.6:
            issue.watchers = [issue.reporter]
            if issue.assignee and issue.assignee != issue.reporter:
                issue.watchers.append(issue.assignee)
        if rng.random() < 0.15:
            issue.voters = list(dict.fromkeys(self.user() for _ in range(1 + int(rng.random() * 3))))
        if rng.random() < 0.08:
            for _ in range(1 + int(rng.random() * 2)):
                filename, mime = words.pick(rng, words.FILENAMES)
                issue.attachments.append(
                    SandboxAttachment(world.new_id(), filename, 2048 + int(rng.random() * 2_000_000), mime, self.user(), self._when(issue))
                )
        if issue.status_id != TO_DO and rng.random() < 0.3:
            status = world.statuses[issue.status_id]
            items = [ChangelogItem("status", "To Do", status.name, TO_DO, status.id)]
            if issue.resolution_id is not None:
                items.append(ChangelogItem("resolution", None, world.resolutions[issue.resolution_id].name, None, issue.resolution_id))
            issue.changelog.append(SandboxChange(world.new_id(), issue.assignee or issue.reporter, issue.updated, items))
