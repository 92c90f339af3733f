"""Screen 3: the skills matrix — who holds which skill at which level — with coverage and editing.

Reads everyone's skills and the skill tree from the Store's Skills service (one request each,
cached), and the people's display names from Jira (`tui.store.skills_people`, cached). Edits
are staged in `StagedEdits` (cells show them with `*`) and go out as ONE bulk update from the
review (`d`, `tui.screens.skills_edit`). Filters narrow people (`f`) and skills (`F`) as you
type; `c` folds the category under the cursor into one column, `C` folds or unfolds them all;
`v` swaps the matrix for the coverage list. `enter` shows the skill, `p` the person
(`tui.screens.skills_detail`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Label, Static

from tui.bridge import bridge_of, store_of
from tui.models import User
from tui.models.skill_grid import Coverage, SkillGrid, StagedEdits, step_level, toggled
from tui.models.skills import Skill, SkillsSnapshot, level_held
from tui.render.safe import safe_line
from tui.store.errors import StoreError
from tui.store.skills_people import people
from tui.stylesheets import stylesheet
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.skill_columns import MatrixColumn, MatrixRow, build_columns, matches
from tui.widgets.skill_coverage import CoverageList
from tui.widgets.skill_matrix import SkillMatrix

__all__ = ["MATRIX_PAINTED", "SkillsScreen"]

MATRIX_PAINTED = "skills_matrix_painted"  # milestone: the first matrix with data on screen
NOT_CONFIGURED = (
    "Skills for Jira is not configured for this profile. Paste its endpoint list into "
    "`jiradash config skills`, or set JIRA_SKILLS_URLS and JIRA_SKILLS_TOKEN."
)
EDIT_ACTIONS = frozenset({"toggle_cell", "level", "pick_level", "clear_cell", "unstage"})


class SkillsScreen(Screen[None]):
    TITLE = "Skills"
    CSS_PATH = stylesheet("skills.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_cell", "Toggle"),
        Binding("plus,equals_sign", "level(1)", "Level up", show=False),
        Binding("minus", "level(-1)", "Level down", show=False),
        Binding("L", "pick_level", "Set level", show=False),
        Binding("x,delete", "clear_cell", "Remove", show=False),
        Binding("u", "unstage", "Undo cell", show=False),
        Binding("U", "discard", "Discard staged", show=False),
        Binding("d", "review", "Review & apply"),
        Binding("enter", "skill_detail", "Skill"),
        Binding("p", "person_detail", "Person"),
        Binding("v", "coverage", "Coverage"),
        Binding("f", "filter_people", "Filter people"),
        Binding("F", "filter_skills", "Filter skills"),
        Binding("c", "collapse", "Collapse"),
        Binding("C", "collapse_all", "Collapse all", show=False),
        Binding("r", "refresh_data", "Refresh"),
        Binding("escape", "leave_filter", "Back to the matrix", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.grid: SkillGrid | None = None
        self.current: dict[str, tuple[str, ...]] = {}  # the server's sets, as last read
        self.names: dict[str, str] = {}
        self.users: dict[str, User] = {}
        self.staged = StagedEdits()
        self.collapsed: set[str] = set()
        self._cells: dict[str, dict[int, int]] = {}
        self._people: list[tuple[str, str, str]] = []  # (account id, name, what the filter reads)
        self._coverage: list[Coverage] = []
        self._columns: list[MatrixColumn] = []
        self._columns_key: tuple[str, frozenset[str], int] | None = None
        self._generation = 0  # counts reads: new data, new columns and coverage
        self._painted = False

    def compose(self) -> ComposeResult:
        self.people_filter = Input(placeholder="people (f)", id="people-filter")
        self.skills_filter = Input(placeholder="skills or categories (F)", id="skills-filter")
        self.message = Static("", id="skills-message")
        self.matrix = SkillMatrix(id="matrix")
        self.coverage = CoverageList(id="coverage")
        self.info = Static("", id="skills-info")
        with Horizontal(id="skills-filters"):
            yield Label("Filter", classes="skills-filter-label")
            yield self.people_filter
            yield self.skills_filter
        yield self.message
        with ContentSwitcher(initial="matrix", id="skills-views"):
            yield self.matrix
            yield self.coverage
        yield self.info
        yield FittedFooter()

    def on_mount(self) -> None:
        self.message.display = False
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.matrix.focus()
        self.load()

    # -- loading ----------------------------------------------------------------------------

    def load(self, *, refresh: bool = False) -> None:
        self._load(refresh)

    def refresh_data(self) -> None:
        self.load(refresh=True)

    @work(exclusive=True, group="skills-load")
    async def _load(self, refresh: bool) -> None:
        store = store_of(self)
        if store.skills is None:
            self._show_message(NOT_CONFIGURED)
            return
        if not self._painted:
            self.info.update(Text("Loading skills…"))
        try:
            snapshot = await store.skills.snapshot(refresh=refresh)
        except StoreError as error:
            self._show_message(error.message, error=True)
            self.notify(error.message, title="Skills for Jira", severity="error", timeout=10)
            return
        try:
            self.users = await people(store, snapshot.skills_by_account, refresh=refresh)
        except StoreError as error:  # the matrix still works with account ids for names
            self.notify(f"People's names could not be read: {error.message}", severity="warning")
        self._show_message("")
        self._apply(snapshot)

    def _apply(self, snapshot: SkillsSnapshot) -> None:
        self.grid = SkillGrid(snapshot)
        self.current = dict(snapshot.skills_by_account)
        for account_id in self.staged.staged:
            self.current.setdefault(account_id, ())
        self.names = {
            a: safe_line(self.users[a].display_name) if a in self.users else a for a in self.current
        }
        self._cells = {a: self.grid.cells(self._effective(a)) for a in self.current}
        # Sorted and counted once per read: typing in a filter only narrows these.
        self._people = sorted(
            ((a, name, f"{name} {a}".casefold()) for a, name in self.names.items()),
            key=lambda p: (p[1].casefold(), p[0]),
        )
        self._coverage = self.grid.coverage(self.current)
        self._generation += 1
        self._show()
        if not self._painted:
            self._painted = True
            self.call_after_refresh(self._milestone)

    def _milestone(self) -> None:
        mark = getattr(self.app, "milestone", None)
        if callable(mark):
            mark(MATRIX_PAINTED)

    def _effective(self, account_id: str) -> tuple[str, ...]:
        return self.staged.effective(account_id, self.current.get(account_id, ()))

    def _show(self) -> None:
        if self.grid is None:
            return
        words = self.people_filter.value.casefold().split()
        rows = [MatrixRow(a, name) for a, name, hay in self._people if not words or matches(words, hay)]
        key = (self.skills_filter.value, frozenset(self.collapsed), self._generation)
        fresh_columns = key != self._columns_key
        if fresh_columns:  # typing a person's name leaves the columns as they are
            self._columns_key = key
            self._columns = build_columns(self.grid.skills, self.skills_filter.value, self.collapsed)
        columns = self._columns
        self.matrix.empty_text = "Nobody matches the filter." if words else "Nobody holds a skill yet."
        self.matrix.set_matrix(rows, columns, self._cells, self._staged_columns())
        if fresh_columns:
            shown = sorted({c.skill for c in columns if c.skill is not None} | {m for c in columns for m in c.members})
            self.coverage.set_items([(col, self._coverage[col]) for col in shown])

    def _staged_columns(self) -> dict[str, frozenset[int]]:
        assert self.grid is not None
        return self.staged.columns(self.grid.index)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        """A message instead of the matrix (not configured, refused); empty shows the matrix."""
        self.message.update(Text(text))
        self.message.display = bool(text)
        self.message.set_class(error, "skills-error")
        self.query_one("#skills-views").display = not text or self._painted
        if text and not self._painted:
            self.info.update("")

    def _store_changed(self, keys: frozenset[str]) -> None:
        if any(k == "skills" or k.startswith(("skills:", "skills/")) for k in keys):
            self.load()

    # -- the info line ----------------------------------------------------------------------

    @on(SkillMatrix.CursorMoved)
    def _matrix_moved(self, _: SkillMatrix.CursorMoved) -> None:
        self._update_info()

    @on(CoverageList.CursorMoved)
    def _coverage_moved(self, _: CoverageList.CursorMoved) -> None:
        self._update_info()

    def _update_info(self) -> None:
        text = Text()
        row, column = self.matrix.current_row, self.matrix.current_column
        if self.grid is not None and column is not None:
            if self.coverage_shown:
                found = self.coverage.current
                skill = self.grid.skills[found[0]] if found else None
            else:
                skill = self.grid.skills[column.skill] if column.skill is not None else None
            if skill is None:
                text.append(f"{safe_line(column.title)} (collapsed: c unfolds)", style="bold")
            else:
                text.append(safe_line(" › ".join((*skill.path, skill.name))), style="bold")
                if row is not None and not self.coverage_shown:
                    level = level_held(self._effective(row.account_id), skill)
                    shown = "—" if level is None else (level or "holds it")
                    text.append(f"  ·  {safe_line(row.name)}: {safe_line(shown)}")
        if self.staged:
            n = sum(len(c.added) + len(c.removed) for c in self.staged.diff().values())
            people_n = len(self.staged.staged)
            text.append(f"  ·  {people_n} {'person' if people_n == 1 else 'people'}, {n} change{'' if n == 1 else 's'} staged (d)",
                        style="italic")
        self.info.update(text, layout=False)  # one fixed line: no layout pass per key

    @property
    def coverage_shown(self) -> bool:
        return self.query_one(ContentSwitcher).current == "coverage"

    # -- filters, folding, views ------------------------------------------------------------

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._focus_view()

    def _focus_view(self) -> None:
        (self.coverage if self.coverage_shown else self.matrix).focus()

    def action_filter_people(self) -> None:
        self.people_filter.focus()

    def action_filter_skills(self) -> None:
        self.skills_filter.focus()

    def action_leave_filter(self) -> None:
        self._focus_view()

    def action_collapse(self) -> None:
        column = self.matrix.current_column
        if column is None or not column.path:
            return
        top = column.path[0]
        self.collapsed ^= {top}
        self._show()
        # The cursor stays with the category: on its folded column, or its first skill unfolded.
        row = self.matrix.cursor[0]
        for index, shown in enumerate(self.matrix.columns):
            if shown.path[:1] == (top,):
                self.matrix.move_to(row, index)
                break

    def action_collapse_all(self) -> None:
        if self.grid is None:
            return
        tops = {s.path[0] for s in self.grid.skills if s.path}
        self.collapsed = set() if self.collapsed >= tops else tops
        self._show()

    def action_coverage(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "matrix" if self.coverage_shown else "coverage"
        self._focus_view()
        self._update_info()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDIT_ACTIONS or action == "person_detail":
            return None if self.coverage_shown else True
        return True

    # -- editing ----------------------------------------------------------------------------

    def _cell(self) -> tuple[str, Skill] | None:
        """The person and skill under the cursor; a folded column unfolds instead."""
        row, column = self.matrix.current_row, self.matrix.current_column
        if self.grid is None or row is None or column is None:
            return None
        if column.skill is None:
            self.action_collapse()
            return None
        return row.account_id, self.grid.skills[column.skill]

    def _stage(self, account_id: str, skill: Skill, level: str | None) -> None:
        assert self.grid is not None
        self.staged.set_level(account_id, self.current.get(account_id, ()), skill, level)
        self._cells[account_id] = self.grid.cells(self._effective(account_id))
        self.matrix.update_cells(self._cells, self._staged_columns())

    def _level_now(self, account_id: str, skill: Skill) -> str | None:
        return level_held(self._effective(account_id), skill)

    def action_toggle_cell(self) -> None:
        found = self._cell()
        if found is not None:
            account_id, skill = found
            self._stage(account_id, skill, toggled(skill, self._level_now(account_id, skill)))

    def action_level(self, step: int) -> None:
        found = self._cell()
        if found is not None:
            account_id, skill = found
            self._stage(account_id, skill, step_level(skill, self._level_now(account_id, skill), step))

    def action_clear_cell(self) -> None:
        found = self._cell()
        if found is not None:
            self._stage(found[0], found[1], None)

    def action_unstage(self) -> None:
        found = self._cell()
        if found is not None and self.grid is not None:
            account_id, skill = found
            self.staged.unstage(account_id, skill)
            self._cells[account_id] = self.grid.cells(self._effective(account_id))
            self.matrix.update_cells(self._cells, self._staged_columns())

    def action_discard(self) -> None:
        if self.staged and self.grid is not None:
            edited = list(self.staged.staged)
            self.staged.clear()
            for account_id in edited:
                self._cells[account_id] = self.grid.cells(self._effective(account_id))
            self.matrix.update_cells(self._cells, {})
            self.notify("Staged edits discarded.")

    def action_pick_level(self) -> None:
        from tui.screens.skills_edit import NOT_HELD, level_picker

        found = self._cell()
        if found is None:
            return
        account_id, skill = found

        def chosen(value: str | None) -> None:
            if value is not None:
                self._stage(account_id, skill, None if value == NOT_HELD else value)

        person = self.names.get(account_id, account_id)
        self.app.push_screen(level_picker(skill, person, self._level_now(account_id, skill)), chosen)

    def action_review(self) -> None:
        from tui.screens.skills_edit import ReviewScreen

        if not self.staged:
            self.notify("Nothing staged: space, + and - edit the cell under the cursor.")
            return

        def done(applied: bool | None) -> None:
            if applied:
                self.staged.clear()
                self.load()

        self.app.push_screen(ReviewScreen(self.staged, self.names), done)

    # -- details ----------------------------------------------------------------------------

    @on(CoverageList.Opened)
    def _coverage_opened(self, event: CoverageList.Opened) -> None:
        event.stop()
        self._skill_detail(event.column)

    def action_skill_detail(self) -> None:
        if self.coverage_shown:
            self.coverage.open_current()
            return
        column = self.matrix.current_column
        if column is not None and column.skill is not None:
            self._skill_detail(column.skill)
        elif column is not None:
            self.action_collapse()

    def _skill_detail(self, col: int) -> None:
        from tui.screens.skills_detail import SkillDetailScreen

        if self.grid is not None:
            self.app.push_screen(SkillDetailScreen(self._coverage[col], self.names))

    def action_person_detail(self) -> None:
        from tui.screens.skills_detail import PersonDetailScreen

        row = self.matrix.current_row
        if row is None or self.grid is None:
            return
        held = self.current.get(row.account_id, ())
        self.app.push_screen(PersonDetailScreen(row.account_id, row.name, self.grid.by_category(held),
                                                self.users.get(row.account_id)))

