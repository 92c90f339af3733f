"""The results table's rows as pages stream in: appending keeps every index exactly as a
rebuild from scratch would, with work in proportion to the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tui.models import IssueSummary
from tui.widgets.columns import COLUMNS
from tui.widgets.result_rows import ResultRows

EPOCH = datetime(2026, 11, 1, tzinfo=UTC)


def issue(n: int, project: str = "DASH", summary: str = "") -> IssueSummary:
    return IssueSummary(
        id=str(n),
        key=f"{project}-{n}",
        summary=summary or f"Issue {n}",
        priority=("High", "Low", "Medium")[n % 3],
        updated=EPOCH - timedelta(hours=n * 7 % 50),
    )


def pages(rows: list[IssueSummary], size: int) -> list[list[IssueSummary]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def rebuilt(
    rows: list[IssueSummary], column: str | None = None, reverse: bool = False
) -> ResultRows:
    fresh = ResultRows()
    fresh.sort_by(COLUMNS[column] if column else None, reverse)
    fresh.replace(rows)
    return fresh


def same(a: ResultRows, b: ResultRows) -> None:
    assert a.view == b.view
    assert a.source == b.source
    assert a.index == b.index
    assert a.longest_key == b.longest_key


def test_pages_appended_equal_one_rebuild_in_server_order() -> None:
    rows = [issue(n) for n in range(1, 251)] + [issue(n, "MARKETING") for n in range(1, 8)]
    streamed = ResultRows()
    streamed.replace(pages(rows, 100)[0])
    for page in pages(rows, 100)[1:]:
        first = len(streamed)
        assert streamed.append(page) == first  # the new rows begin where the old ones ended
    same(streamed, rebuilt(rows))
    assert streamed.longest_key == len("MARKETING-1")
    assert streamed.index["DASH-150"] == 149


def test_pages_appended_while_sorted_equal_a_sorted_rebuild() -> None:
    rows = [issue(n) for n in range(1, 301)]
    for column, reverse in (("priority", False), ("updated", True), ("key", True)):
        streamed = ResultRows()
        streamed.sort_by(COLUMNS[column], reverse)
        streamed.replace(pages(rows, 64)[0])
        for page in pages(rows, 64)[1:]:
            assert streamed.append(page) == 0  # sorted: any row may have moved
        same(streamed, rebuilt(rows, column, reverse))


def test_a_key_already_present_is_updated_in_place() -> None:
    rows = [issue(n) for n in range(1, 11)]
    table = ResultRows()
    table.replace(rows)
    changed = issue(4, summary="Changed while paging")
    assert table.append([changed, issue(11)]) == 3  # the first changed row is the fourth
    assert [row.key for row in table.view] == [f"DASH-{n}" for n in range(1, 12)]
    assert table.view[3].summary == "Changed while paging"
    assert table.append([]) is None
    assert table.append([changed]) is None  # the same row again changes nothing


def test_update_and_sort_keep_the_index_true() -> None:
    rows = [issue(n) for n in range(1, 21)]
    table = ResultRows()
    table.replace(rows)
    assert table.update([issue(7, summary="Edited")])
    assert not table.update([issue(99)])
    table.sort_by(COLUMNS["summary"], reverse=False)
    assert table.view[0].summary == "Edited"
    assert all(table.view[i].key == key for key, i in table.index.items())
    table.sort_by(None, reverse=True)
    assert table.view == table.source and not table.sort_reverse
    assert table.holds(table.source) and not table.holds(rows)  # issue 7 was edited
