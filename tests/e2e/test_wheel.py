"""The wheel works on its own: built, installed (not editable) in a fresh venv, demo runs styled.

The fresh venv gets the wheel and nothing else of this checkout; its dependencies come from the
test venv's site-packages through a `.pth` line (so no index is needed, and the checkout's
editable install is not picked up: `.pth` files in a directory added that way are not read).
The script runs from an empty directory, so `tui` can only come from the installed wheel.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import asyncio, sys
from pathlib import Path

import tui
from tui.stylesheets import STYLES_DIR

site = Path(sys.argv[1]).resolve()
assert site in Path(tui.__file__).resolve().parents, tui.__file__
assert STYLES_DIR == Path(tui.__file__).resolve().parent / "styles", STYLES_DIR
assert (STYLES_DIR / "app.tcss").is_file() and (STYLES_DIR / "search.tcss").is_file()

from tui.app import JiradashApp
from tui.launch import demo_session
from tui.widgets.results import ResultsTable


async def main() -> None:
    store, session = demo_session()
    app = JiradashApp(store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            tables = app.screen.query(ResultsTable)
            if tables and tables.first().row_count:
                break
        rows = app.screen.query_one(ResultsTable).row_count
        loaded = {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}
        bar = app.screen.query_one("JqlBar")
        print(f"rows={rows} sheets={sorted(loaded)} bar_background={bar.styles.background.hex}")
        assert rows > 0
        assert {"app.tcss", "search.tcss"} <= loaded, loaded


asyncio.run(main())
"""


@pytest.mark.slow
def test_wheel_installs_and_runs_the_demo_with_its_styles(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True, timeout=120,
    )  # fmt: skip
    (wheel,) = dist.glob("jiradash-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )  # fmt: skip
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        check=True, timeout=120,
    )  # fmt: skip
    assert not list(site.glob("*editable*"))
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "check.py").write_text(SCRIPT)
    run = subprocess.run(
        [str(python), "check.py", str(site)],
        cwd=work, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JIRADASH_DATA_DIR": str(tmp_path / "data"),
             "JIRADASH_CACHE_DIR": str(tmp_path / "cache"), "JIRADASH_CONFIG_DIR": str(tmp_path / "config")},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert "rows=" in run.stdout and "search.tcss" in run.stdout
