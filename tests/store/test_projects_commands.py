"""`jiradash projects` and `jiradash project KEY` with `--demo` (the in-process sandbox, read as
Data Center) and the shapes they print; a refused key exits 1 with the server's message."""

from __future__ import annotations

import json

import pytest

from tui.cli import main
from tui.commands.projects import projects_table
from tui.models import Project, User
from tui.sandbox.seed_catalog import PROJECTS


def test_projects_lists_the_demo_projects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["projects", "--demo"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["KEY", "NAME", "TYPE", "CATEGORY", "LEAD", "ISSUES"]
    seeded = sorted(key for key, *_ in PROJECTS[:5])
    assert [line.split()[0] for line in lines[1:]] == seeded
    assert any(line.startswith("DASH  Dashboard") and "Alice Admin" in line for line in lines)


def test_projects_query_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["projects", "--demo", "--json", "--query", "mob"]) == 0
    (mob,) = json.loads(capsys.readouterr().out)
    assert (mob["key"], mob["name"], mob["projectTypeKey"], mob["category"]) == (
        "MOB",
        "Mobile Apps",
        "software",
        "Engineering",
    )


def test_project_shows_one_project_with_its_parts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "dash", "--demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["key"] == "DASH" and data["lead"] == "Alice Admin"
    assert [level["level"] for level in data["hierarchy"]] == [1, 0, -1]
    assert data["statuses"]["Bug"] == ["To Do", "In Progress", "In Review", "Done"]
    assert [r["name"] for r in data["roles"]] == ["Administrators", "Developers", "Users"]
    assert data["notificationScheme"]["name"] == "Default Notification Scheme"
    assert len(data["versions"]) == 6 and data["versions"][0]["released"] is True
    assert main(["project", "DASH", "--demo"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("DASH  Dashboard\nType: Software")
    assert "   0 Base: Story, Task, Bug" in text and "Notification scheme: Default" in text


def test_an_unknown_project_exits_1_with_the_servers_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["project", "NOPE", "--demo"]) == 1
    assert "No project could be found with key 'NOPE'" in capsys.readouterr().err


def test_server_text_cannot_reach_the_terminal() -> None:
    sneaky = Project(
        id="1",
        key="EVIL",
        name="\x1b[31mred\x1b]0;title\x07",
        lead=User(account_id="x", display_name="a\x1b[2Jb"),
    )
    table = projects_table([sneaky])
    assert "\x1b" not in table and "red" in table and "ab" in table


def test_projects_type_category_and_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["projects", "--demo", "--json", "--type", "software", "--order-by=-key"]) == 0
    keys = [p["key"] for p in json.loads(capsys.readouterr().out)]
    assert keys == ["MOB", "DASH", "CORE"]
    assert main(["projects", "--demo", "--json", "--category", "support"]) == 0
    assert [p["key"] for p in json.loads(capsys.readouterr().out)] == ["HELP"]
    assert main(["projects", "--demo", "--json", "--category", "10001", "--order-by", "name"]) == 0
    assert [p["category"] for p in json.loads(capsys.readouterr().out)] == ["Business"]


def test_projects_refuses_an_unknown_category_or_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["projects", "--demo", "--category", "Nowhere"]) == 2
    err = capsys.readouterr().err
    assert "no project category 'Nowhere'" in err and "10000 (Engineering)" in err
    with pytest.raises(SystemExit) as exited:
        main(["projects", "--demo", "--order-by", "size"])
    assert exited.value.code == 2
    assert "one of key, name, category" in capsys.readouterr().err


def test_project_roles_with_their_members(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "DASH", "--demo", "--json"]) == 0
    roles = {r["name"]: r["actors"] for r in json.loads(capsys.readouterr().out)["roles"]}
    assert {"type": "group", "name": "jira-developers", "id": "jira-developers"} in roles[
        "Developers"
    ]
    assert [a["name"] for a in roles["Administrators"]] == ["jira-administrators", "Alice Admin"]
    assert main(["project", "DASH", "--demo"]) == 0
    assert "  Administrators: jira-administrators (group), Alice Admin\n" in capsys.readouterr().out
