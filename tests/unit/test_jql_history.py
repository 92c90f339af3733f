"""The JQL history file: round trip, dedupe, navigation, private file mode, corrupt files."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from tui.jql.history import JqlHistory


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_round_trip_dedupe_and_private_modes(tmp_path: Path) -> None:
    path = tmp_path / "state" / "jiradash" / "history.json"
    history = JqlHistory(path)
    assert history.entries == []
    for jql in ["project = A", "  status = Done  ", "", "project = A", "assignee = currentUser()"]:
        history.append(jql)
    assert history.entries == ["status = Done", "project = A", "assignee = currentUser()"]
    assert JqlHistory(path).entries == history.entries
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["history.json"]  # no temp files left


def test_existing_directories_are_left_alone(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    JqlHistory(tmp_path / "history.json").append("x = 1")
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "history.json") == 0o600


def test_limit_keeps_the_most_recent(tmp_path: Path) -> None:
    history = JqlHistory(tmp_path / "h.json", limit=3)
    for n in range(5):
        history.append(f"n = {n}")
    assert history.entries == ["n = 2", "n = 3", "n = 4"]
    assert JqlHistory(tmp_path / "h.json", limit=2).entries == ["n = 3", "n = 4"]


def test_previous_and_next_navigation(tmp_path: Path) -> None:
    history = JqlHistory(tmp_path / "h.json")
    assert history.previous("draft") is None and history.next() is None
    for jql in ["a = 1", "b = 2", "c = 3"]:
        history.append(jql)
    assert history.next() is None
    assert history.previous("typing") == "c = 3"
    assert history.previous() == "b = 2"
    assert history.previous() == "a = 1"
    assert history.previous() == "a = 1"  # the oldest stays put
    assert history.next() == "b = 2"
    assert history.next() == "c = 3"
    assert history.next() == "typing"  # back to the draft
    assert history.next() is None
    history.previous("")
    history.append("d = 4")  # running a search resets browsing
    assert history.previous() == "d = 4"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"entries": "x"}', b'{"entries": [1, 2]}', b"[]", b"\xff\xfe", b"null"],
)
def test_corrupt_file_is_dropped_with_a_logged_warning(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "history.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="tui.jql.history"):
        history = JqlHistory(path)
    assert history.entries == []
    assert any("history" in r.getMessage() for r in caplog.records)
    history.append("fresh = 1")
    assert json.loads(path.read_text())["entries"] == ["fresh = 1"]


def test_unwritable_location_only_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    history = JqlHistory(blocker / "history.json")  # its parent is a file, not a directory
    with caplog.at_level(logging.WARNING, logger="tui.jql.history"):
        history.append("x = 1")
    assert history.entries == ["x = 1"]
    assert any("not saved" in r.getMessage() for r in caplog.records)
