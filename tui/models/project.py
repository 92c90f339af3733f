"""Project records for the projects screen and the pickers that need a project."""

from __future__ import annotations

import msgspec

from tui.models.common import User
from tui.models.issue import Component, IssueType, Version


class ProjectCategory(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    description: str = ""


class Project(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    key: str
    name: str
    type_key: str = "software"
    category: ProjectCategory | None = None
    lead: User | None = None
    description: str = ""
    url: str = ""
    archived: bool = False
    deleted: bool = False
    issue_count: int | None = None
    components: tuple[Component, ...] = ()
    versions: tuple[Version, ...] = ()
    issue_types: tuple[IssueType, ...] = ()
