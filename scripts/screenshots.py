"""Writes the README's screenshots: each screen of `jiradash --demo`, as SVG, at 120x40.

Run with `.venv/bin/python scripts/screenshots.py`; the files land in `docs/screenshots/`.
It drives the real app on the in-process sandbox with the Pilot, as a person would with keys.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


async def settle(pilot: object, seconds: float = 1.5) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await asyncio.sleep(seconds)
    await pilot.pause()  # type: ignore[attr-defined]


async def main() -> None:
    from tui.app import JiradashApp
    from tui.launch import demo_session
    from tui.milestones import Milestones

    store, session = demo_session()
    app = JiradashApp(store, session, milestones=Milestones(None))
    OUT.mkdir(parents=True, exist_ok=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 3)
        app.save_screenshot(str(OUT / "search.svg"))
        await pilot.press("enter")
        await settle(pilot)
        app.save_screenshot(str(OUT / "issue.svg"))
        for key, name in (("2", "projects"), ("3", "skills"), ("4", "devinfo")):
            await pilot.press(key)
            await settle(pilot, 2)
            app.save_screenshot(str(OUT / f"{name}.svg"))
        await pilot.press("1", "question_mark")
        await settle(pilot)
        app.save_screenshot(str(OUT / "help.svg"))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as home:
        for var in ("JIRADASH_CONFIG_DIR", "JIRADASH_CACHE_DIR", "JIRADASH_DATA_DIR"):
            os.environ[var] = str(Path(home) / var.lower())
        asyncio.run(main())
