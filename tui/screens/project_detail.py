"""A project's page: what it is (type, category, lead, URL, description), its components and
versions, its issue types by hierarchy level with the statuses each uses, the open issues per
status (one JQL search), its roles with their members (users and groups), and its notification
scheme; the admin keys act on it.

On the left, a list of paths into the project's issues: `enter` on a status runs
`project = KEY AND status = "S"` on the search screen (mode 1), on an issue type
`project = KEY AND issuetype = "T"`, on a status under a type both. Every string from the
server is shown as plain text (`safe_line`), never as markup.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.bridge import bridge_of
from tui.models import Project
from tui.models.project_detail import (
    HierarchyLevel,
    IssueTypeStatuses,
    NotificationScheme,
    ProjectRole,
    StatusCount,
)
from tui.render.safe import safe_line, safe_text
from tui.screens.project_admin import ProjectAdminScreen
from tui.store.errors import StoreError
from tui.stylesheets import stylesheet
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.project_list import type_label

__all__ = ["PathList", "ProjectDetailScreen", "jql_string", "members", "paths"]


def jql_string(value: str) -> str:
    """`value` as a quoted JQL string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _words(kind: str) -> str:
    """`CurrentAssignee` -> `Current assignee` (a recipient type as people say it)."""
    head, _, rest = kind.partition(": ")
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", head).capitalize()
    return f"{spaced}: {rest}" if rest else spaced


def paths(
    key: str,
    counts: list[StatusCount] | None,
    levels: list[HierarchyLevel],
    statuses: list[IssueTypeStatuses] | None,
) -> list[tuple[Text, str | None]]:
    """The left list: (label, JQL or None for a heading), in order."""
    project = f"project = {key}"
    rows: list[tuple[Text, str | None]] = [(Text("Open issues by status", style="bold"), None)]
    if counts is None:
        rows.append((Text("  (not available)", style="dim"), None))
    elif not counts:
        rows.append((Text("  No open issues", style="dim"), None))
    width = max((len(safe_line(c.status)) for c in counts or ()), default=0)
    for count in counts or ():
        name = safe_line(count.status)
        label = Text(f"  {name.ljust(width)}  {count.count:>5,}")
        rows.append((label, f"{project} AND status = {jql_string(count.status)}"))
    by_type = {s.issue_type.id: s for s in statuses or ()} | {
        s.issue_type.name: s for s in statuses or ()
    }
    rows.append((Text(""), None))
    rows.append((Text("Issue types by hierarchy level", style="bold"), None))
    for level in levels:
        rows.append((Text(f" Level {level.level} · {safe_line(level.name)}", style="italic"), None))
        for issue_type in level.issue_types:
            type_jql = f"{project} AND issuetype = {jql_string(issue_type.name)}"
            rows.append((Text(f"  {safe_line(issue_type.name)}"), type_jql))
            found = by_type.get(issue_type.id) or by_type.get(issue_type.name)
            for status in found.statuses if found else ():
                rows.append(
                    (
                        Text(f"    {safe_line(status.name)}", style="dim"),
                        f"{type_jql} AND status = {jql_string(status.name)}",
                    )
                )
    return rows


def about(project: Project) -> Text:
    """Type, category, lead, issue count and URL, one to a line; then the description."""
    facts = [
        ("Type", type_label(project.type_key)),
        ("Category", project.category.name if project.category else "none"),
        ("Lead", project.lead.display_name if project.lead else "nobody"),
    ]
    if project.issue_count is not None:
        facts.append(("Issues", f"{project.issue_count:,}"))
    facts.append(("URL", project.url or "none"))
    text = Text()
    for n, (name, value) in enumerate(facts):
        text.append(f"{name}: ", style="bold")
        text.append(safe_line(value))
        if n < len(facts) - 1:
            text.append("\n")
    if project.description:
        text.append("\n\n")
        text.append(safe_text(project.description).strip())
    return text


def components_and_versions(project: Project, roles: list[ProjectRole] | None) -> Text:
    text = Text()
    text.append(f"Components ({len(project.components)})\n", style="bold underline")
    for component in project.components:
        text.append(f"  {safe_line(component.name)}\n")
    if not project.components:
        text.append("  none\n", style="dim")
    text.append(f"\nVersions ({len(project.versions)})\n", style="bold underline")
    width = max((len(safe_line(v.name)) for v in project.versions), default=0)
    for version in project.versions:
        state = "released" if version.released else "unreleased"
        when = version.release_date.isoformat() if version.release_date else "no date"
        text.append(f"  {safe_line(version.name).ljust(width)}  {state:<10}  {when}")
        if version.archived:
            text.append("  archived", style="italic")
        text.append("\n")
    if not project.versions:
        text.append("  none\n", style="dim")
    if roles:
        text.append(f"\nRoles ({len(roles)})\n", style="bold underline")
        for role in roles:
            text.append(f"  {safe_line(role.name)}: ", style="bold")
            text.append(members(role))
            text.append("\n")
    return text


def members(role: ProjectRole) -> Text:
    """`Alice Admin, jira-administrators (group)`; `nobody` when empty, `…` when not read."""
    if role.actors is None:
        return Text("…", style="dim")
    if not role.actors:
        return Text("nobody", style="dim")
    text = Text()
    for n, actor in enumerate(role.actors):
        if n:
            text.append(", ")
        text.append(safe_line(actor.name))
        if actor.kind == "group":
            text.append(" (group)", style="dim")
    return text


def notifications(scheme: NotificationScheme | None, problem: str = "") -> Text:
    text = Text()
    if scheme is None:
        text.append("Notification scheme\n", style="bold underline")
        text.append(
            f"  not available: {safe_line(problem)}" if problem else "  loading…", style="dim"
        )
        return text
    text.append(f"Notification scheme: {safe_line(scheme.name)}\n", style="bold underline")
    if scheme.description:
        text.append(f"  {safe_line(scheme.description)}\n", style="dim")
    for event in scheme.events:
        text.append(f"  {safe_line(event.name)}: ", style="bold")
        text.append(", ".join(_words(safe_line(r)) for r in event.recipients) or "nobody")
        text.append("\n")
    return text


LEVEL_NAMES = {1: "Epic", 0: "Base", -1: "Subtask"}


def _levels_of(project: Project) -> list[HierarchyLevel]:
    """Where the hierarchy could not be read: the levels the project's issue types carry."""
    levels: dict[int, list[Any]] = {}
    for issue_type in project.issue_types:
        levels.setdefault(issue_type.hierarchy_level, []).append(issue_type)
    return [
        HierarchyLevel(level=n, name=LEVEL_NAMES.get(n, ""), issue_types=tuple(levels[n]))
        for n in sorted(levels, reverse=True)
    ]


class PathList(OptionList):
    """The left list; `enter` searches for the issues under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Search", tooltip="Search for these issues on screen 1"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class ProjectDetailScreen(ProjectAdminScreen):
    """One project. `escape` goes back to the list."""

    CSS_PATH = stylesheet("projects.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        *ProjectAdminScreen.ADMIN_BINDINGS,
        Binding("r", "refresh_data", "Refresh"),
    ]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key.strip().upper()
        self.project: Project | None = None
        self._roles: list[ProjectRole] | None = None  # the last read: kept while reading again
        self._jql: dict[str, str] = {}
        # Held, not queried: a worker finishing while the app quits must not fail looking.
        self.head_view = Static(Text(f"{self.key} · loading…"), id="project-head")
        self.path_list = PathList(id="project-paths")
        self.about_view = Static("", id="project-about")
        self.parts_view = Static("", id="project-parts")
        self.notifications_view = Static(notifications(None), id="project-notifications")

    def compose(self) -> ComposeResult:
        yield self.head_view
        with Horizontal(id="project-body"):
            yield self.path_list
            with VerticalScroll(id="project-info"):
                yield self.about_view
                yield self.parts_view
                yield self.notifications_view
        yield FittedFooter()

    def on_mount(self) -> None:
        self.title = self.key
        bridge_of(self).changed.subscribe(self, self._store_changed)
        self.path_list.focus()
        self.load()

    # -- loading ------------------------------------------------------------------------------

    @work(exclusive=True, group="project-detail")
    async def load(self, refresh: bool = False) -> None:
        service = self.service
        try:
            await bridge_of(self).ready()
            project = await service.project(self.key, refresh=refresh)
        except StoreError as error:
            self.head_view.update(Text(f"{self.key} · {error.message}"))
            return
        self._show_project(project)
        found = await asyncio.gather(
            service.open_counts(self.key, refresh=refresh),
            service.hierarchy(project, refresh=refresh),
            service.statuses(self.key, refresh=refresh),
            service.notification_scheme(self.key, refresh=refresh),
            service.role_members(self.key, refresh=refresh),
            return_exceptions=True,
        )
        for result in found:
            if isinstance(result, BaseException) and not isinstance(result, StoreError):
                raise result
        counts, levels, statuses, scheme, roles = found
        self._show_paths(
            counts if isinstance(counts, list) else None,
            levels if isinstance(levels, list) else _levels_of(project),
            statuses if isinstance(statuses, list) else None,
        )
        self._roles = roles if isinstance(roles, list) else None
        self.parts_view.update(components_and_versions(project, self._roles))
        problem = scheme.message if isinstance(scheme, StoreError) else ""
        self.notifications_view.update(
            notifications(scheme if isinstance(scheme, NotificationScheme) else None, problem)
        )

    def _show_project(self, project: Project) -> None:
        self.project = project
        head = Text(f"{safe_line(project.key)} · {safe_line(project.name)}", style="bold")
        if project.archived:
            head.append("  [archived]", style="italic")
        if project.deleted:
            head.append("  [in the trash]", style="italic")
        self.head_view.update(head)
        self.about_view.update(about(project))
        self.parts_view.update(components_and_versions(project, self._roles))

    def _show_paths(
        self,
        counts: list[StatusCount] | None,
        levels: list[HierarchyLevel],
        statuses: list[IssueTypeStatuses] | None,
    ) -> None:
        listing = self.path_list
        highlighted = listing.highlighted
        self._jql = {}
        options: list[Option] = []
        for n, (label, jql) in enumerate(paths(self.key, counts, levels, statuses)):
            options.append(Option(label, id=f"path-{n}", disabled=jql is None))
            if jql is not None:
                self._jql[f"path-{n}"] = jql
        listing.clear_options()
        listing.add_options(options)
        if (
            highlighted is not None
            and highlighted < len(options)
            and not options[highlighted].disabled
        ):
            listing.highlighted = highlighted
        else:
            listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    def _store_changed(self, keys: frozenset[str]) -> None:
        if {"projects", "search", f"project:{self.key}"} & keys:
            self.load()

    # -- keys -----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#project-paths")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        jql = self._jql.get(event.option.id or "")
        search = getattr(self.app, "search_jql", None)
        if jql and callable(search):
            await search(jql)

    def action_back(self) -> None:
        self.app.pop_screen()

    def refresh_data(self) -> None:
        self.load(refresh=True)

    def action_refresh_data(self) -> None:
        self.refresh_data()

    def admin_project(self) -> Project | None:
        return self.project

    def project_changed(self, key: str) -> None:
        if key != self.key:  # the key was changed: this page follows the project
            self.key = key
            self.title = key
            self.load()

    def project_deleted(self, key: str) -> None:
        if self.is_current:
            self.app.pop_screen()
