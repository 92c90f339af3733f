"""Jira-style durations and ages: "1h 30m" <-> seconds, and "3 days ago" for a timestamp.

Pure functions, no Textual. Jira counts a working day as 8 hours and a week as 5 days by
default; both are parameters so a server with other settings can pass its own.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

__all__ = ["DurationError", "format_age", "format_duration", "parse_duration"]

_TOKEN = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]*)")
_UNITS = {
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "d": "d", "day": "d", "days": "d",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
}  # fmt: skip


class DurationError(ValueError):
    """The text is not a duration; the message says what was expected."""


def _unit_seconds(hours_per_day: float, days_per_week: float) -> dict[str, float]:
    return {
        "w": days_per_week * hours_per_day * 3600,
        "d": hours_per_day * 3600,
        "h": 3600,
        "m": 60,
    }


def parse_duration(text: str, *, hours_per_day: float = 8, days_per_week: float = 5) -> int:
    """Seconds in a Jira duration such as "1h 30m", "2d", "1.5h", "1w 2d 4h" or "45".

    A bare number means minutes, as in Jira. Units may repeat in any order ("30m 1h").
    Raises `DurationError` for anything else, including zero or a negative time.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        raise DurationError("Enter a time such as 1h 30m")
    units = _unit_seconds(hours_per_day, days_per_week)
    total = 0.0
    pos = 0
    for match in _TOKEN.finditer(cleaned):
        if cleaned[pos : match.start()].strip():
            break
        number, unit = match.groups()
        key = _UNITS.get(unit) if unit else "m"
        if key is None:
            raise DurationError(f"Unknown unit {unit!r}: use w, d, h or m (e.g. 1h 30m)")
        total += float(number.replace(",", ".")) * units[key]
        pos = match.end()
    if cleaned[pos:].strip() or pos == 0:
        raise DurationError(f"Not a duration: {text.strip()!r} (e.g. 1h 30m)")
    seconds = round(total)
    if seconds < 60:
        raise DurationError("The time must be at least one minute")
    return seconds


def format_duration(seconds: int, *, hours_per_day: float = 8, days_per_week: float = 5) -> str:
    """The Jira way of writing `seconds`: "1w 2d 3h 15m"; "0m" for nothing; minutes rounded down."""
    if seconds <= 0:
        return "0m"
    units = _unit_seconds(hours_per_day, days_per_week)
    parts: list[str] = []
    rest = float(seconds)
    for key in ("w", "d", "h", "m"):
        count = int(rest // units[key])
        if count:
            parts.append(f"{count}{key}")
            rest -= count * units[key]
    return " ".join(parts) or "0m"


def format_age(then: datetime, now: datetime) -> str:
    """How long ago `then` was, seen at `now`: "just now", "5 minutes ago", "in 2 days"."""
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    delta = (now - then).total_seconds()
    future = delta < 0
    delta = abs(delta)
    if delta < 60:
        return "just now"
    for size, name in ((31_536_000, "year"), (2_592_000, "month"), (604_800, "week"),
                       (86_400, "day"), (3600, "hour"), (60, "minute")):  # fmt: skip
        if delta >= size:
            count = int(delta // size)
            label = f"{count} {name}{'' if count == 1 else 's'}"
            return f"in {label}" if future else f"{label} ago"
    return "just now"
