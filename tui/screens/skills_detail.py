"""Details from the Skills screen: one skill (`enter`) and one person (`p`).

- A skill: its category path, how many hold it at each level (coverage), a warning when one
  person or nobody holds it, and its experts, highest level first.
- A person: their skills grouped by category, and how many unresolved issues are assigned to
  them — one JQL search through the Store, once their Jira identity is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bridge import bridge_of, store_of
from tui.models import User
from tui.models.skill_grid import LETTERS, Coverage, level_of_rank
from tui.models.skills import LEVELS, Skill
from tui.render.safe import safe_line
from tui.store.errors import StoreError
from tui.store.skills_people import jira_users, open_issue_counts
from tui.stylesheets import stylesheet

__all__ = ["PersonDetailScreen", "SkillDetailScreen", "coverage_text"]


def coverage_text(cov: Coverage) -> Text:
    """`Beginner 2 · Competent 1 · Expert 0 · Master 1 — 4 people`, and the risk, if any."""
    out = Text()
    if cov.skill.levels:
        out.append(" · ".join(f"{lv} {cov.by_rank[rank]}" for rank, lv in enumerate(LEVELS, start=1)
                              if lv in cov.skill.levels))
        out.append(" — ")
    n = cov.total
    out.append(f"{n} {'person holds' if n == 1 else 'people hold'} it")
    if n == 0:
        out.append("\n!! Nobody holds this skill.", style="bold red")
    elif n == 1:
        out.append("\n! Only one person holds this skill: a single point of failure.", style="bold yellow")
    return out


class _Detail(ModalScreen[None]):
    CSS_PATH = stylesheet("skills.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace,enter,q", "close", "Close"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__(classes="skills-modal")
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="skills-dialog"):
            yield Static(Text(self._title), classes="skills-title")
            with VerticalScroll(classes="skills-body"):
                yield from self.compose_body()
            yield Static(Text("escape close"), classes="skills-hint")

    def compose_body(self) -> ComposeResult:
        yield from ()

    def action_close(self) -> None:
        self.dismiss(None)


class SkillDetailScreen(_Detail):
    def __init__(self, coverage: Coverage, names: Mapping[str, str]) -> None:
        skill = coverage.skill
        super().__init__(safe_line(" › ".join((*skill.path, skill.name))))
        self.coverage = coverage
        self.names = names

    def compose_body(self) -> ComposeResult:
        yield Static(coverage_text(self.coverage), id="skill-coverage")
        experts = Text()
        holders = sorted(self.coverage.holders,
                         key=lambda h: (-h[1], self.names.get(h[0], h[0]).casefold()))
        for n, (account_id, rank) in enumerate(holders):
            if n:
                experts.append("\n")
            level = level_of_rank(rank) or "holds it"
            experts.append(f"{LETTERS[rank]} {level:<10} ", style="bold")
            experts.append(safe_line(self.names.get(account_id, account_id)))
        if holders:
            yield Static(Text("Experts", style="bold underline"), classes="skills-heading")
            yield Static(experts, id="skill-experts")


class PersonDetailScreen(_Detail):
    def __init__(
        self,
        account_id: str,
        name: str,
        skills: Mapping[tuple[str, ...], Sequence[tuple[Skill, int]]],
        user: User | None,
    ) -> None:
        super().__init__(safe_line(name))
        self.account_id = account_id
        self.skills = skills
        self.user = user

    def compose_body(self) -> ComposeResult:
        ident = Text(safe_line(self.account_id), style="dim")
        if self.user is not None and self.user.email:
            ident.append("  " + safe_line(self.user.email))
        yield Static(ident)
        yield Static(Text("Open issues: counting…"), id="person-open")
        body = Text()
        for n, (path, held) in enumerate(self.skills.items()):
            if n:
                body.append("\n")
            body.append(safe_line(" › ".join(path) or "(no category)"), style="bold")
            for skill, rank in held:
                level = level_of_rank(rank)
                body.append("\n  " + safe_line(skill.name) + (f" ({level})" if level else ""))
        yield Static(body if self.skills else Text("No skills recorded.", style="italic"), id="person-skills")

    def on_mount(self) -> None:
        self._count_open()

    @work(exclusive=True, group="person-open")
    async def _count_open(self) -> None:
        line = self.query_one("#person-open", Static)
        if self.user is None:
            line.update(Text("Open issues: unknown (Jira does not know this account)"))
            return
        store = store_of(self)
        try:
            await bridge_of(self).ready()
            found = await jira_users(store, [self.user])
            jira_user = found.get(self.account_id)
            if jira_user is None:
                line.update(Text("Open issues: unknown (no matching Jira user)"))
                return
            counts = await open_issue_counts(store, [jira_user])
        except StoreError as error:
            line.update(Text("Open issues: " + error.message))
            return
        n = counts.get(jira_user.account_id, 0)
        line.update(Text(f"Open issues: {n} assigned, not done"))
