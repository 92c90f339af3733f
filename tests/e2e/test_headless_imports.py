"""What the headless Jira commands import, run for real against the sandbox on a loopback port:
`search`, `issue` and `comment` never load Textual or Rich, nor the Skills and devinfo services
(PyJWT and `cryptography` come with devinfo's OAuth), which they never use; `search` and
`issue` do not load the mutation modules either; a plain-text `comment` does not load markdown-it
(a Markdown one does); `devinfo get` loads neither the mutation modules nor Textual; `skills
export` with its URLs in the environment loads no TOML reader; and none loads another
sub-command's module (`tui.cli.COMMANDS`). Module presence only: the import cost itself is
measured by `bench/ui.py` (cli), never asserted here.

Each command runs in a fresh interpreter, so what another test imported does not hide a
regression. The sandbox is this module's own, so the comment lands nowhere another test looks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.sandbox_support import ALICE, LiveSandbox, serve_in_thread

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]

# Never on a headless Jira command's path.
UNUSED = ("textual", "rich", "jwt", "cryptography", "tui.store.skills", "tui.store.devinfo", "tui.sandbox")
# Only for commands that change something.
MUTATIONS = ("tui.store.mutate", "tui.store.mutations", "markdown_it")
# The other sub-commands' modules: a command line builds the parsers of its own command's only.
OTHER_COMMANDS = ("tui.commands.projects", "tui.commands.config", "tui.commands.sandbox",
                  "tui.commands.skills", "tui.commands.skills_setup", "tui.commands.devinfo")  # fmt: skip

PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(n for n, m in sys.modules.items() if m is not None)}))
"""


@pytest.fixture(scope="module")
def served() -> Iterator[LiveSandbox]:
    live = serve_in_thread()
    yield live
    live.stop()


def _imported(
    served: LiveSandbox, tmp_path: Path, *argv: str, extra: dict[str, str] | None = None
) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIRA_", "JIRADASH_"))}
    env.update(extra or {})
    env.update({f"JIRADASH_{n}_DIR": str(tmp_path / n.lower()) for n in ("CONFIG", "CACHE", "DATA")})
    env.update({"JIRA_URL": served.base_url, "JIRA_USER": ALICE[0], "JIRA_API_TOKEN": ALICE[1],
                "JIRA_AUTH": "basic", "PYTHONPATH": str(ROOT)})  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr
    modules: list[str] = result["modules"]
    return modules


def _among(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "project = DASH ORDER BY key ASC", "--json", "--limit", "5"),
        ("issue", "DASH-1", "--json"),
    ],
    ids=["search", "issue"],
)
def test_reads_import_neither_the_other_services_nor_the_mutations(
    served: LiveSandbox, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    modules = _imported(served, tmp_path, *argv)
    assert "httpx" in modules and "tui.store.store" in modules  # it did talk to the sandbox
    assert _among(modules, UNUSED + MUTATIONS + OTHER_COMMANDS) == []


def test_comment_imports_the_mutations_but_not_the_other_services(served: LiveSandbox, tmp_path: Path) -> None:
    modules = _imported(served, tmp_path, "comment", "DASH-1", "-m", "from the import check")
    assert "tui.store.mutate" in modules
    assert _among(modules, UNUSED + OTHER_COMMANDS) == []
    assert _among(modules, ("tui.store.mutations_skills", "tui.store.mutations_devinfo")) == []

    assert _among(modules, ("markdown_it",)) == []  # plain text: no Markdown parser


def test_a_markdown_comment_still_goes_through_markdown_it(served: LiveSandbox, tmp_path: Path) -> None:
    modules = _imported(served, tmp_path, "comment", "DASH-1", "-m", "**bold** from the import check")
    assert "markdown_it" in modules


def _sandbox_profile(served: LiveSandbox) -> dict[str, Any]:
    """The sandbox's published test endpoints and credentials of its Skills and devinfo APIs."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(served.base_url + "/sandbox/profile", timeout=30) as response:
        profile: dict[str, Any] = json.loads(response.read())
    return profile


def test_skills_export_with_urls_from_the_environment_reads_no_toml(served: LiveSandbox, tmp_path: Path) -> None:
    skills = _sandbox_profile(served)["skills"]
    extra = {"JIRA_SKILLS_URLS": json.dumps(skills["urls"]), "JIRA_SKILLS_TOKEN": skills["token"]}
    modules = _imported(served, tmp_path, "skills", "export", extra=extra)
    assert "tui.store.skills" in modules  # it did read the skills
    assert _among(modules, ("textual", "rich", "tui.store.devinfo", "tomllib", "tomli_w", "csv")) == []


def test_devinfo_get_imports_no_mutations(served: LiveSandbox, tmp_path: Path) -> None:
    devinfo = _sandbox_profile(served)["devinfo"]
    extra = {
        "JIRA_DEVINFO_CLIENT_ID": devinfo["client_id"],
        "JIRA_DEVINFO_CLIENT_SECRET": devinfo["client_secret"],
        "JIRA_DEVINFO_TOKEN_URL": devinfo["token_url"],
    }
    modules = _imported(served, tmp_path, "devinfo", "get", "web-app", extra=extra)
    assert "tui.store.devinfo" in modules  # it did read the repository
    assert _among(modules, ("textual", "rich", "tui.store.skills", "markdown_it")) == []
    assert _among(modules, ("tui.store.mutate", "tui.store.mutations", "tui.store.mutations_devinfo")) == []
