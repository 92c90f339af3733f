"""Skills files for import and export, and the per-user diff as a person reads it.

An import file names users and each one's complete skill set, in either form the export writes:
JSON `{"skillsByAccountId": {account: [skill, ...]}}` (a bare `{account: [...]}` object is
accepted too) or CSV with an `accountId,skill` header, one row per skill held; a row with an
empty skill names a user who is to hold nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from tui.models.skills import UserChange


def read_skills_file(text: str) -> dict[str, tuple[str, ...]]:
    """Account id -> complete skill set, in file order; ValueError says what is wrong."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise ValueError("the file is empty")
    if stripped[0] in "{[":
        return _read_json(stripped)
    return _read_csv(stripped)


def _read_json(text: str) -> dict[str, tuple[str, ...]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if isinstance(data, dict) and set(data) == {"skillsByAccountId"}:
        data = data["skillsByAccountId"]
    if not isinstance(data, dict):
        raise ValueError('expected {"skillsByAccountId": {accountId: [skill, ...]}}')
    out: dict[str, tuple[str, ...]] = {}
    for account_id, skills in data.items():
        if not isinstance(skills, list) or not all(isinstance(s, str) and s.strip() for s in skills):
            raise ValueError(f"the skills of {account_id} must be a list of skill names")
        out[str(account_id)] = tuple(dict.fromkeys(s.strip() for s in skills))
    return out


def _read_csv(text: str) -> dict[str, tuple[str, ...]]:
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]]
    if header[:2] != ["accountId", "skill"]:
        raise ValueError("a CSV file starts with the header `accountId,skill`")
    collected: dict[str, list[str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        account_id = row[0].strip()
        skill = row[1].strip() if len(row) > 1 else ""
        if not account_id:
            raise ValueError(f"line {number}: no accountId")
        held = collected.setdefault(account_id, [])
        if skill and skill not in held:
            held.append(skill)
    return {a: tuple(s) for a, s in collected.items()}


def format_diff(changes: Mapping[str, UserChange], *, named: int,
                names: Mapping[str, str] | None = None) -> str:
    """Who gains and loses what, one block per user; the unchanged are counted, not listed."""
    lines: list[str] = []
    real = {a: c for a, c in changes.items() if not c.is_empty}
    for account_id, change in real.items():
        who = names.get(account_id, account_id) if names else account_id
        lines.append(f"{who}  (+{len(change.added)} -{len(change.removed)})")
        lines += [f"  + {s}" for s in change.added]
        lines += [f"  - {s}" for s in change.removed]
    n = len(real)
    verb = "user changes" if n == 1 else "users change"
    lines.append(f"{n} {verb}, {named - n} unchanged; users not named are left alone.")
    return "\n".join(lines) + "\n"
