"""The headless commands, run as `jiradash ...` in process against the demo's sandbox.

Each `--demo` run builds a fresh in-process sandbox, as a new process would, and shares the disk
cache (under tmp_path) with the next run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.sandbox.app import SandboxConfig, build_sandbox
from tui.sandbox.seed_catalog import IN_PROGRESS

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stats_of(err: str) -> dict[str, object]:
    stats: dict[str, object] = json.loads(err[err.index("{"):])
    return stats


def page_requests(stats: dict[str, object]) -> int:
    requests = stats["requests"]
    assert isinstance(requests, dict)
    return sum(n for k, n in requests.items() if "/search" in k)


def in_progress_key() -> str:
    world = build_sandbox(SandboxConfig()).world  # the demo's world: seeded the same every time
    return next(i.key for i in world.issues.values() if i.status_id == IN_PROGRESS and i.parent_key is None)


def test_search_fetches_600_issues_in_6_pages_and_a_second_run_revalidates_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "search", "ORDER BY updated DESC", "--json", "--stats", "--demo")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 600 == len({r["key"] for r in rows})
    assert list(rows[0]) == ["key", "type", "priority", "status", "summary", "assignee", "updated"]
    assert page_requests(stats_of(err)) == 6

    code, out2, err2 = run(capsys, "--demo", "--stats", "search", "ORDER BY updated DESC", "--json")
    assert code == 0 and json.loads(out2) == rows
    stats = stats_of(err2)
    assert stats["requests_total"] <= 1  # type: ignore[operator]
    assert page_requests(stats) <= 1


def test_search_as_csv_and_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "project = DASH ORDER BY key ASC", "--csv", "--limit", "3",
                       "--fields", "key,status,summary", "--demo")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "key,status,summary" and len(lines) == 4
    code, out, _ = run(capsys, "search", "project = DASH ORDER BY key ASC", "--limit", "2", "--demo")
    assert code == 0 and out.splitlines()[0].split()[:2] == ["KEY", "TYPE"]


def test_bad_jql_exits_1_with_the_servers_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "project = NOPE", "--demo")
    assert code == 1 and out == ""
    assert "NOPE" in err and err.startswith("jiradash: ")


def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "search", "x", "--fields", "key,bogus", "--demo")[0] == 2
    with pytest.raises(SystemExit) as exited:
        main(["search"])
    assert exited.value.code == 2


def test_without_a_profile_the_message_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "issue", "DASH-1")
    assert code == 2 and "jiradash config init" in err and "--demo" in err


def test_issue_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "issue", "DASH-1", "--demo")
    assert code == 0 and out.startswith("DASH-1  ") and "http://sandbox.invalid/browse/DASH-1" in out
    code, out, _ = run(capsys, "issue", "dash-1", "--json", "--demo")
    assert code == 0 and json.loads(out)["key"] == "DASH-1"
    assert run(capsys, "issue", "DASH-99999", "--demo")[0] == 1


def test_transition_with_a_field_and_a_comment(capsys: pytest.CaptureFixture[str]) -> None:
    key = in_progress_key()
    code, _, err = run(capsys, "transition", key, "done", "--demo")
    assert code == 2 and "--field resolution=" in err
    code, _, err = run(capsys, "transition", key, "Done", "--field", "resolution=Sideways", "--demo")
    assert code == 2 and "Won't Do" in err
    code, out, err = run(capsys, "transition", key, "Done", "--field", "Resolution=duplicate",
                         "--comment", "Same as the other one", "--demo")
    assert code == 0, err
    assert out.strip() == f"{key}: Done -> Done"
    code, _, err = run(capsys, "transition", key, "Fly away", "--demo")
    assert code == 1 and "available:" in err


def test_comment_from_an_option_a_file_and_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "comment", "DASH-1", "-m", "Looks good **to me**", "--demo")[:2] == (0, "DASH-1: comment added\n")
    note = tmp_path / "note.md"
    note.write_text("From a file\n\n- one\n- two\n", encoding="utf-8")
    assert run(capsys, "comment", "DASH-1", "--file", str(note), "--demo")[0] == 0
    assert run(capsys, "comment", "DASH-1", "-m", "   ", "--demo")[0] == 2


def test_assign_to_me_to_someone_and_to_nobody(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "assign", "DASH-1", "me", "--demo")[1] == "DASH-1: assigned to Alice Admin\n"
    code, out, _ = run(capsys, "assign", "DASH-1", "bob@example.com", "--demo")
    assert (code, out) == (0, "DASH-1: assigned to Bob User\n")
    assert run(capsys, "assign", "DASH-1", "none", "--demo")[:2] == (0, "DASH-1: assigned to nobody\n")
    code, _, err = run(capsys, "assign", "DASH-1", "nobody-by-that-name", "--demo")
    assert code == 1 and "no assignable user" in err
