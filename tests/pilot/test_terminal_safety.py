"""Terminal safety on every screen: server text carrying Rich markup, ANSI CSI and OSC sequences
(colours, OSC 8 links, OSC 52 clipboard writes), bidi overrides and other control characters
renders inert — nothing of it reaches the terminal as a control, markup shows literally — in
issue summaries, comments, people's names, project names, Skills category and skill names and
devinfo repository names, commit messages and branch names. OSC 52 is written only on `y`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from search_harness import screen_text, settle
from skills_harness import make_store as skills_store
from starlette.applications import Starlette
from textual.pilot import Pilot

from tui.app import JiradashApp
from tui.demo import demo_devinfo
from tui.sandbox.devinfo.routes import state_of as devinfo_state
from tui.sandbox.seed_catalog import SEED_EPOCH
from tui.sandbox.skills import state_of_sandbox as skills_state
from tui.session import Session

HOSTILE = (
    "[red]BOOM[/red][link=http://evil.example]L[/link] \x1b[31mESC\x1b[0m "
    "\x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 "
    "\u202eRTL\u202c\u2066iso\u2069 \x07bell\x08\x7f \x9b31mC1 \x1bP+q\x1b\\ end"
)
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class CopyCountingApp(JiradashApp):
    """The real app; every OSC 52 clipboard write it makes is counted."""

    copies: list[str]

    def copy_to_clipboard(self, text: str) -> None:
        self.copies.append(text)
        super().copy_to_clipboard(text)


def _poison(sandbox: Any) -> str:
    """Hostile text wherever the server's text reaches a screen; returns a poisoned issue key."""
    world = sandbox.world
    dash = [i for i in world.issues.values() if i.project_key == "DASH"][:3]
    for issue in dash:
        issue.summary = f"S {HOSTILE}"
        issue.labels = ["[bold]lbl\x1b[7m"]
        issue.description = _adf(f"D {HOSTILE}")
        if issue.comments:
            issue.comments[-1].body = _adf(f"C {HOSTILE}")
    for user in list(world.users.values())[:12]:
        user.display_name = f"U {HOSTILE}"
    for project in world.projects.values():
        project.name = f"P {HOSTILE}"
    skills = skills_state(sandbox)
    if skills.roots:
        skills.roots[0].name = f"K {HOSTILE}"
        skills.roots[0].children.append(f"skill {HOSTILE}")
        skills._names = None
    for repository in devinfo_state(sandbox).repositories.values():
        repository.data["name"] = f"R {HOSTILE}"
        for kind, items in repository.entities.items():
            for stored in items.values():
                for field in ("message", "name", "displayId", "title"):
                    if field in stored.data and isinstance(stored.data[field], str):
                        stored.data[field] = f"{kind} {HOSTILE}"
    return dash[0].key


def _adf(text: str) -> dict[str, Any]:
    return {"type": "doc", "version": 1,
            "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]}


# Screens allowed to render server text raw: none (the Skills screens were, until their names
# went through `safe_line`).
KNOWN_UNSAFE: set[str] = set()
PROBLEMS: dict[str, list[str]] = {}


def _inert(app: JiradashApp, where: str) -> str:
    """Every segment on screen: no control character, no link or style smuggled in by markup."""
    text = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if FORBIDDEN.search(segment.text):
                PROBLEMS.setdefault(where, []).append(f"control in {segment.text[:60]!r}")
            style = segment.style
            link = style.link if style is not None else None
            if link and "evil" in link:
                PROBLEMS.setdefault(where, []).append(f"a link to {link} from server text")
            text.append(segment.text)
    return "".join(text)


async def _visit(pilot: Pilot[object], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_every_screen_renders_hostile_text_inert(sandbox_app: Starlette, tmp_path: Path) -> None:
    sandbox = sandbox_app.state.sandbox
    key = _poison(sandbox)
    store = skills_store(sandbox_app, tmp_path)
    store.devinfo, store.devinfo_repositories = demo_devinfo(store, sandbox_app, sandbox)  # type: ignore[attr-defined]
    app = CopyCountingApp(store, Session(profile="safety", default_jql="project = DASH ORDER BY key ASC",
                                         history_path=tmp_path / "h.json", clock=lambda: SEED_EPOCH))
    app.copies = []
    seen: dict[str, str] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        seen["search"] = _inert(app, "search")
        await _visit(pilot, "j", "k", "space")
        app.open_issue(key)
        await settle(pilot)
        seen["issue"] = _inert(app, "issue")
        await _visit(pilot, "j", "j", "G", "g")
        seen["issue items"] = _inert(app, "issue items")
        await _visit(pilot, "escape", "2")
        seen["projects"] = _inert(app, "projects")
        await _visit(pilot, "enter")
        seen["project"] = _inert(app, "project")
        await _visit(pilot, "escape", "3")
        seen["skills"] = _inert(app, "skills")
        await _visit(pilot, "enter")
        seen["skills detail"] = _inert(app, "skills detail")
        await _visit(pilot, "escape", "4")
        seen["devinfo"] = _inert(app, "devinfo")
        await _visit(pilot, "enter")
        seen["repository"] = _inert(app, "repository")
        await _visit(pilot, "tab", "enter")
        seen["repository items"] = _inert(app, "repository items")
        await _visit(pilot, "escape", "escape", "question_mark")
        seen["help"] = _inert(app, "help")
        await _visit(pilot, "escape", "1", "r")
        assert app.copies == []  # nothing but `y` writes to the clipboard
        app.open_issue(key)
        await settle(pilot)
        await _visit(pilot, "y")
        assert len(app.copies) == 1 and app.copies[0].startswith(key)
        assert not FORBIDDEN.search(app.copies[0])
        copied_screen = screen_text(app)
    await store.aclose()
    unexpected = {where: found for where, found in PROBLEMS.items() if where not in KNOWN_UNSAFE}
    assert unexpected == {}
    assert "[red]BOOM[/red]" in seen["search"] and "[red]BOOM[/red]" in seen["issue"]
    assert "BOOM" in seen["projects"] or "BOOM" in seen["project"]
    assert "BOOM" in seen["skills"] or "BOOM" in seen["skills detail"]
    assert "BOOM" in seen["devinfo"] or "BOOM" in seen["repository"]
    assert "Copied" in copied_screen or app.copies
