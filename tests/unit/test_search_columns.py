"""The results table's pure parts: ages, column fitting, key order, the status line's text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tui.widgets.columns import COLUMNS, columns_from_names, key_sort, layout, relative_time
from tui.widgets.status_line import SearchStatus, describe, progress_bar

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)


def test_relative_time_is_short_and_stable() -> None:
    assert relative_time(None, NOW) == ""
    assert relative_time(NOW - timedelta(seconds=30), NOW) == "now"
    assert relative_time(NOW - timedelta(minutes=5), NOW) == "5m"
    assert relative_time(NOW - timedelta(hours=3), NOW) == "3h"
    assert relative_time(NOW - timedelta(days=2), NOW) == "2d"
    assert relative_time(NOW - timedelta(days=21), NOW) == "3w"
    assert relative_time(NOW - timedelta(days=130), NOW) == "4mo"
    assert relative_time(NOW - timedelta(days=800), NOW) == "2y"
    assert relative_time(NOW + timedelta(days=2), NOW) == "in 2d"
    assert relative_time(date(2026, 10, 30), NOW) == "2d"


def test_keys_sort_by_project_then_number() -> None:
    keys = ["ABC-101", "ABC-12", "AB-7", "ABC-2"]
    assert sorted(keys, key=key_sort) == ["AB-7", "ABC-2", "ABC-12", "ABC-101"]


def test_layout_fills_the_width_and_drops_columns_when_narrow() -> None:
    columns = columns_from_names(None)
    for width in (60, 80, 120, 200):
        fitted = layout(columns, width)
        assert 2 + sum(w for _, w in fitted) + len(fitted) - 1 == width
        summary = dict((c.id, w) for c, w in fitted)["summary"]
        assert summary >= 20 or width < 60
    assert "type" not in {c.id for c, _ in layout(columns, 80)}
    assert "type" in {c.id for c, _ in layout(columns, 120)}


def test_profile_columns_keep_the_summary_and_skip_unknown_names() -> None:
    chosen = columns_from_names(["key", "labels", "nonsense"])
    assert [c.id for c in chosen] == ["key", "labels", "summary"]
    assert COLUMNS["status"].title == "Status"


def test_status_line_reads_like_a_range() -> None:
    assert describe(SearchStatus(loaded=1000, total=3214, loading=True)).plain == (
        "1–1,000 of 3,214  ███░░░░░░░ 31%"
    )
    assert describe(SearchStatus(loaded=100, total=None, loading=True)).plain.startswith(
        "1–100 of 100+"
    )
    assert describe(SearchStatus(loaded=0, loading=True)).plain == "searching…"
    assert "3 selected" in describe(SearchStatus(loaded=10, total=10, selected=3)).plain
    assert progress_bar(5, 10, 4) == "██░░"
