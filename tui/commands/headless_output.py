"""How headless commands print: search rows as JSON, CSV or an aligned table; an issue as JSON
or as text. Text from the server passes through `safe_line` / `safe_text`, so an escape
sequence in a summary cannot reach the terminal.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import msgspec

from tui.models import Body, Issue, IssueSummary
from tui.render.safe import safe_line, safe_text

# Column name (as `--fields` spells it) -> IssueSummary attribute.
COLUMNS: dict[str, str] = {
    "key": "key",
    "id": "id",
    "type": "issuetype",
    "issuetype": "issuetype",
    "priority": "priority",
    "status": "status",
    "category": "status_category",
    "summary": "summary",
    "assignee": "assignee",
    "reporter": "reporter",
    "created": "created",
    "updated": "updated",
    "due": "duedate",
    "duedate": "duedate",
    "labels": "labels",
    "resolution": "resolution",
    "project": "project_key",
}
DEFAULT_COLUMNS: tuple[str, ...] = ("key", "type", "priority", "status", "summary", "assignee", "updated")
ALL_COLUMNS: tuple[str, ...] = (
    "key", "type", "priority", "status", "category", "summary", "assignee", "reporter",
    "created", "updated", "due", "labels", "resolution", "project", "id",
)


def parse_columns(spec: str | None, default: Sequence[str]) -> tuple[str, ...]:
    """`--fields key,summary` -> the columns; raises ValueError naming an unknown one."""
    if not spec:
        return tuple(default)
    wanted = tuple(part.strip().lower() for part in spec.split(",") if part.strip())
    unknown = [c for c in wanted if c not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(ALL_COLUMNS)}")
    return wanted


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _json_value(value: object) -> Any:
    if isinstance(value, datetime | date):
        return _cell(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def rows_json(issues: Sequence[IssueSummary], columns: Sequence[str]) -> str:
    rows = [{c: _json_value(getattr(i, COLUMNS[c])) for c in columns} for i in issues]
    return msgspec.json.format(msgspec.json.encode(rows), indent=2).decode()


def rows_csv(issues: Sequence[IssueSummary], columns: Sequence[str]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for issue in issues:
        writer.writerow([safe_line(_cell(getattr(issue, COLUMNS[c]))) for c in columns])
    return out.getvalue()


def rows_table(issues: Sequence[IssueSummary], columns: Sequence[str], *, max_width: int = 60) -> str:
    table = [[c.upper() for c in columns]]
    for issue in issues:
        table.append([safe_line(_cell(getattr(issue, COLUMNS[c])))[:max_width] for c in columns])
    widths = [max(len(row[i]) for row in table) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    return "\n".join(lines) + "\n"


def body_text(body: Body | None) -> str:
    if body is None:
        return ""
    if body.kind == "adf":
        from tui.render.adf_plain import adf_to_plain

        return safe_text(adf_to_plain(body.adf))
    return safe_text(body.text)


def issue_json(issue: Issue) -> str:
    return msgspec.json.format(msgspec.json.encode(issue), indent=2).decode()


def issue_text(issue: Issue) -> str:
    def who(user: object) -> str:
        return safe_line(getattr(user, "display_name", "")) if user is not None else "Unassigned"

    lines = [
        f"{issue.key}  {safe_line(issue.summary)}",
        f"  type: {safe_line(issue.issuetype.name) if issue.issuetype else ''}"
        f"   status: {safe_line(issue.status.name) if issue.status else ''}"
        f"   priority: {safe_line(issue.priority.name) if issue.priority else ''}",
        f"  assignee: {who(issue.assignee)}   reporter: {who(issue.reporter)}",
        f"  created: {_cell(issue.created)}   updated: {_cell(issue.updated)}",
    ]
    if issue.labels:
        lines.append(f"  labels: {safe_line(', '.join(issue.labels))}")
    lines.append(f"  {issue.url}")
    description = body_text(issue.description).strip()
    if description:
        lines += ["", description]
    for comment in issue.comments:
        lines += ["", f"--- {who(comment.author)}, {_cell(comment.created)}", body_text(comment.body).strip()]
    return "\n".join(lines) + "\n"
