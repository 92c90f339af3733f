"""The pure parts of the action modals and the issue view: filtering, parsing, formatting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rich.text import Text

from tui.models import IssueLinkType, Status, TimeTracking, Transition
from tui.screens.actions.labels import parse_labels
from tui.screens.actions.link import LinkSide, link_choices, normalise_key
from tui.screens.actions.picker import Choice, filter_choices
from tui.screens.actions.transition import common_transitions
from tui.screens.actions.worklog import parse_started
from tui.widgets.issue_body import human_size, widget_id
from tui.widgets.time_bar import time_bar_text


def _choices(*names: str) -> list[Choice[str]]:
    return [Choice(n, Text(n)) for n in names]


def test_filter_keeps_choices_holding_every_word_prefix_matches_first() -> None:
    choices = _choices("Back to In Progress", "Start Progress", "Done", "Progress report")
    assert [c.value for c in filter_choices(choices, "progress")] == [
        "Progress report",
        "Back to In Progress",
        "Start Progress",
    ]
    assert [c.value for c in filter_choices(choices, "prog back")] == ["Back to In Progress"]
    assert [c.value for c in filter_choices(choices, "")] == [c.value for c in choices]
    assert filter_choices(choices, "zzz") == []


def test_filter_matches_the_detail_too() -> None:
    choices = [Choice("d", Text("Done"), Text("→ Closed"))]
    assert filter_choices(choices, "closed") == choices


def _transition(name: str, tid: str) -> Transition:
    return Transition(id=tid, name=name, to_status=Status(id="1", name=name))


def test_common_transitions_keeps_the_first_issues_order() -> None:
    first = [_transition("Start", "11"), _transition("Done", "31"), _transition("Reopen", "41")]
    second = [_transition("Done", "99"), _transition("Start", "98")]
    assert [t.name for t in common_transitions([first, second])] == ["Start", "Done"]
    assert common_transitions([]) == []


def test_link_choices_offer_both_directions_once_each() -> None:
    types = [
        IssueLinkType(id="1", name="Blocks", inward="is blocked by", outward="blocks"),
        IssueLinkType(id="2", name="Relates", inward="relates to", outward="relates to"),
    ]
    sides = [c.value for c in link_choices(types)]
    assert sides == [
        LinkSide("Blocks", "blocks", True),
        LinkSide("Blocks", "is blocked by", False),
        LinkSide("Relates", "relates to", True),
    ]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("demo-12", "DEMO-12"),
        (" CORE_X-7 ", "CORE_X-7"),
        ("12", None),
        ("DEMO-0", None),
        ("DEMO 12", None),
    ],
)
def test_normalise_key(typed: str, key: str | None) -> None:
    assert normalise_key(typed) == key


def test_parse_labels_splits_on_spaces_and_commas_without_repeats() -> None:
    assert parse_labels(" triage, needs-info  triage ") == ("triage", "needs-info")
    assert parse_labels("") == ()
    with pytest.raises(ValueError):
        parse_labels("x" * 300)


def test_parse_started() -> None:
    now = datetime(2025, 3, 14, 12, 34, 56, tzinfo=UTC)
    assert parse_started("", now) == now
    assert parse_started("2025-03-10 09:15", now) == datetime(2025, 3, 10, 9, 15, tzinfo=UTC)
    assert parse_started("08:05", now) == datetime(2025, 3, 14, 8, 5, tzinfo=UTC)
    with pytest.raises(ValueError, match="YYYY-MM-DD HH:MM"):
        parse_started("yesterday", now)


def test_time_bar_reads_without_colour() -> None:
    bar = time_bar_text(
        TimeTracking(
            original_estimate_seconds=8 * 3600,
            remaining_estimate_seconds=6 * 3600,
            time_spent_seconds=2 * 3600,
        ),
        width=8,
    )
    assert bar.plain == "██░░░░░░ 2h logged · 6h left · est. 1d"
    over = time_bar_text(
        TimeTracking(original_estimate_seconds=3600, time_spent_seconds=7200), width=4
    )
    assert over.plain.startswith("████ 2h logged · 0m left · est. 1h · over estimate")
    assert time_bar_text(None).plain == "no time tracked"


def test_human_size_and_widget_ids() -> None:
    assert human_size(512) == "512 B"
    assert human_size(123456) == "120.6 KB"
    assert human_size(5 * 1024**3) == "5.0 GB"
    assert widget_id("link", "10001") == "link-10001"
    assert widget_id("ref", "A.B/C") == "ref-A_B_C"
