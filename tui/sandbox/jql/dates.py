"""JQL date values: absolute dates, relative periods (`-7d`, `"-1w 2d"`) and date functions.

Everything is computed in UTC (the sandbox's users all live there): `"2024-01-31"` is midnight
UTC, `startOfWeek()` is Sunday 00:00 as in Jira's default English locale. Functions take an
optional offset such as `startOfDay(-1d)`, `endOfMonth(+1)` or `startOfMonth("-1M")`; a bare
number counts in the function's own unit.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

_ABSOLUTE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$")
_PERIOD = re.compile(r"^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$", re.IGNORECASE)
_PERIOD_PART = re.compile(r"(\d+)\s*([wdhm])", re.IGNORECASE)
_OFFSET = re.compile(r"^\s*([+-]?)\s*(\d+)\s*([yMwdhm]?)\s*$")
_UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}

DATE_FUNCTIONS = (
    "now",
    "startOfDay",
    "endOfDay",
    "startOfWeek",
    "endOfWeek",
    "startOfMonth",
    "endOfMonth",
    "startOfYear",
    "endOfYear",
)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; naive values are taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_period(text: str) -> timedelta | None:
    """`-7d`, `4h`, `-1w 2d` (the sign covers the whole period), or None if not a period."""
    match = _PERIOD.match(text.strip())
    if not match:
        return None
    seconds = sum(
        int(n) * _UNIT_SECONDS[unit.lower()] for n, unit in _PERIOD_PART.findall(match.group(2))
    )
    return timedelta(seconds=-seconds if match.group(1) == "-" else seconds)


def parse_date(text: str, now: datetime) -> datetime | None:
    """A JQL date literal as an aware UTC datetime, or None if Jira would refuse it."""
    raw = text.strip()
    match = _ABSOLUTE.match(raw)
    if match:
        year, month, day, hour, minute = match.groups()
        try:
            return datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=UTC
            )
        except ValueError:
            return None
    period = parse_period(raw)
    if period is not None:
        return as_utc(now) + period
    if raw.isdigit():  # milliseconds since the epoch, as Jira accepts
        try:
            return datetime.fromtimestamp(int(raw) / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _shift(moment: datetime, amount: int, unit: str) -> datetime:
    if unit == "y":
        return _add_months(moment, 12 * amount)
    if unit == "M":
        return _add_months(moment, amount)
    return moment + timedelta(seconds=amount * _UNIT_SECONDS[unit])


def _start_of(moment: datetime, span: str) -> datetime:
    day = datetime.combine(moment.date(), time(), UTC)
    if span == "d":
        return day
    if span == "w":  # Sunday, as Jira's default locale
        return day - timedelta(days=(moment.weekday() + 1) % 7)
    if span == "M":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _end_of(moment: datetime, span: str) -> datetime:
    start = _start_of(moment, span)
    if span == "d":
        following = start + timedelta(days=1)
    elif span == "w":
        following = start + timedelta(days=7)
    elif span == "M":
        following = _add_months(start, 1)
    else:
        following = start.replace(year=start.year + 1)
    return following - timedelta(milliseconds=1)


_SPANS = {"day": "d", "week": "w", "month": "M", "year": "y"}


def date_function(name: str, args: tuple[str, ...], now: datetime) -> datetime | str:
    """Evaluate a date function; returns the moment, or an error message in Jira's words."""
    lowered = name.lower()
    current = as_utc(now)
    if lowered == "now":
        if args:
            return f"Function '{name}' expected '0' arguments but received '{len(args)}'."
        return current
    edge, _, span_name = lowered.partition("of")
    span = _SPANS[span_name]
    if len(args) > 1:
        return (
            f"Function '{name}' expected between '0' and '1' arguments but received '{len(args)}'."
        )
    amount, unit = 0, span
    if args:
        match = _OFFSET.match(args[0])
        if not match:
            return (
                f"Incorrect format for the function '{name}': '{args[0]}'. "
                "The increment must be in the form '(+/-)nn(y|M|w|d|h|m)'."
            )
        sign, digits, given = match.groups()
        amount = -int(digits) if sign == "-" else int(digits)
        unit = given or span
    make: Callable[[datetime, str], datetime] = _start_of if edge == "start" else _end_of
    if unit == span:  # shift the anchor, then take the edge: endOfMonth(+1) ends next month
        return make(_shift(current, amount, unit), span)
    return _shift(make(current, span), amount, unit)


def is_date_function(name: str) -> bool:
    return name.lower() in {f.lower() for f in DATE_FUNCTIONS}


def date_bounds(moment: datetime) -> tuple[date, bool]:
    """For comparing a date-only field with a moment: the UTC date and whether it is midnight."""
    utc = as_utc(moment)
    return utc.date(), utc.timetz().replace(tzinfo=None) == time()
