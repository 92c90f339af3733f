"""`d` on the Skills screen: the staged edits as a diff, applied in ONE bulk update, then checked;
and `L`, the level picker.

The diff says who gains (`+`) and loses (`-`) what. Applying sends one `BulkUpdateSkills` with
each edited person's complete new set (the API replaces whole sets); the store refuses it when
someone's skills changed since the edit was staged. The server's `changes` are then shown beside
the verdict: they match the staged diff, or here is where they differ. Dismisses True once
applied, None when the person goes back with the edits still staged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bridge import bridge_of
from tui.models.skill_grid import StagedEdits, describe_name
from tui.models.skills import Skill, UserChange
from tui.render.safe import safe_line
from tui.screens.actions.picker import Choice, PickerScreen
from tui.store.mutations_skills import BulkUpdateSkills
from tui.store.skills import BulkOutcome
from tui.stylesheets import stylesheet

__all__ = ["NOT_HELD", "ReviewScreen", "diff_text", "level_picker"]

NOT_HELD = "\0not held"  # the level picker's value for "drop the skill"


def level_picker(skill: Skill, person: str, now: str | None) -> PickerScreen[str]:
    """`L`: the levels of `skill` (or held / not held for a plain one), the current one marked.
    Dismisses with a level, `""` (a plain skill held), `NOT_HELD`, or None when cancelled."""
    options = [(lv, lv) for lv in skill.levels] if skill.levels else [("", "holds it")]
    choices = [
        Choice(value, Text(label + ("  (now)" if value == (NOT_HELD if now is None else now) else "")))
        for value, label in [(NOT_HELD, "not held"), *options]
    ]
    return PickerScreen[str](f"{skill.name} for {person}", choices)


def diff_text(changes: Mapping[str, UserChange], names: Mapping[str, str]) -> Text:
    """Per person, by name: `+ gained`, `- lost`."""
    out = Text()
    people = sorted(changes, key=lambda a: (names.get(a, a).casefold(), a))
    for n, account_id in enumerate(people):
        change = changes[account_id]
        if n:
            out.append("\n")
        out.append(safe_line(names.get(account_id, account_id)), style="bold")
        for name in change.added:
            out.append("\n  + ", style="green")
            out.append(safe_line(describe_name(name)))
        for name in change.removed:
            out.append("\n  - ", style="red")
            out.append(safe_line(describe_name(name)))
    return out


def _count(changes: Mapping[str, UserChange]) -> str:
    gained = sum(len(c.added) for c in changes.values())
    lost = sum(len(c.removed) for c in changes.values())
    people = sum(1 for c in changes.values() if not c.is_empty)
    return f"{people} {'person' if people == 1 else 'people'}: {gained} gained, {lost} lost"


def _differences(outcome: BulkOutcome, names: Mapping[str, str]) -> Text:
    out = Text()
    for account_id in sorted(set(outcome.changes) | set(outcome.expected)):
        got = outcome.changes.get(account_id, UserChange())
        want = outcome.expected.get(account_id, UserChange())
        if got.same_as(want):
            continue
        out.append(f"\n{safe_line(names.get(account_id, account_id))}: staged ")
        out.append(f"+{len(want.added)} -{len(want.removed)}, the server reports ")
        out.append(f"+{len(got.added)} -{len(got.removed)}")
    return out


class ReviewScreen(ModalScreen[bool | None]):
    CSS_PATH = stylesheet("skills.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("ctrl+s,enter", "apply", "Apply", priority=True),
    ]

    def __init__(self, staged: StagedEdits, names: Mapping[str, str]) -> None:
        super().__init__(classes="skills-modal")
        self.staged = staged
        self.names = names
        self.diff = staged.diff()
        self.outcome: BulkOutcome | None = None
        self._sending = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="skills-dialog"):
            yield Static(Text(f"Staged skill changes — {_count(self.diff)}"), classes="skills-title")
            with VerticalScroll(classes="skills-body"):
                yield Static(diff_text(self.diff, self.names), id="review-diff")
            yield Static("", id="review-result")
            yield Static(
                Text("enter apply in one bulk update · escape back (the edits stay staged)"),
                classes="skills-hint", id="review-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#review-result", Static).display = False

    def action_close(self) -> None:
        if not self._sending:
            self.dismiss(True if self.outcome is not None else None)

    def action_apply(self) -> None:
        if self.outcome is not None:
            self.dismiss(True)
        elif not self._sending:
            self._sending = True
            self._result(Text("Sending one bulk update…"))
            self._apply()

    def _result(self, text: Text) -> None:
        result = self.query_one("#review-result", Static)
        result.update(text)
        result.display = True

    @work(group="skills-apply")
    async def _apply(self) -> None:
        mutation = BulkUpdateSkills.from_staged(self.staged.base, self.staged.staged)
        done = await bridge_of(self).dispatch(mutation)
        self._sending = False
        if done.error is not None:
            self._result(Text.assemble(("Not applied: ", "bold"), done.error.message))
            self.query_one("#review-result", Static).add_class("skills-error")
            return
        outcome = done.result
        assert isinstance(outcome, BulkOutcome)
        self.outcome = outcome
        verdict = Text()
        if outcome.matches:
            verdict.append("✓ The server's changes match the staged diff.", style="bold green")
        else:
            verdict.append("✗ The server's changes differ from the staged diff:", style="bold red")
            verdict.append_text(_differences(outcome, self.names))
        self._result(verdict)
        self.query_one(".skills-title", Static).update(
            Text(f"Applied in one bulk update — the server reports {_count(outcome.changes)}")
        )
        self.query_one("#review-diff", Static).update(diff_text(outcome.changes, self.names))
        self.query_one("#review-hint", Static).update(Text("enter or escape close"))
