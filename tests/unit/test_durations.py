"""Jira-style durations: what a person types in the worklog form, and how times read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tui.models.durations import DurationError, format_age, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 30m", 5400),
        ("1h30m", 5400),
        ("30m 1h", 5400),
        ("2d", 2 * 8 * 3600),
        ("1w", 5 * 8 * 3600),
        ("1w 2d 4h", (5 * 8 + 2 * 8 + 4) * 3600),
        ("1.5h", 5400),
        ("1,5h", 5400),
        ("45", 45 * 60),
        ("  3 hours ", 3 * 3600),
        ("10 mins", 600),
        ("1H 5M", 3900),
    ],
)
def test_parse_duration_reads_jira_notation(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "1x", "h", "1h and 2m", "0m", "20s", "-1h", "1h -"]
)
def test_parse_duration_refuses_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_parse_duration_honours_the_servers_working_day() -> None:
    assert parse_duration("1d", hours_per_day=6) == 6 * 3600
    assert parse_duration("1w", hours_per_day=6, days_per_week=4) == 24 * 3600


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0m"), (59, "0m"), (60, "1m"), (5400, "1h 30m"), (8 * 3600, "1d"), (41 * 3600, "1w 1h")],
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_format_then_parse_round_trips() -> None:
    for seconds in (60, 3600, 5400, 29 * 3600 + 120, 200 * 3600):
        assert parse_duration(format_duration(seconds)) == seconds


def test_format_age() -> None:
    now = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
    assert format_age(now - timedelta(seconds=20), now) == "just now"
    assert format_age(now - timedelta(minutes=1), now) == "1 minute ago"
    assert format_age(now - timedelta(hours=5), now) == "5 hours ago"
    assert format_age(now - timedelta(days=3), now) == "3 days ago"
    assert format_age(now - timedelta(days=800), now) == "2 years ago"
    assert format_age(now + timedelta(days=2), now) == "in 2 days"
    assert format_age(datetime(2025, 3, 14, 11, 0), now) == "1 hour ago"  # naive means UTC
