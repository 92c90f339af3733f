"""Screen 2 with 2,000 projects: the first page after one request, and typing in the filter.

Each run builds the in-process sandbox with `projects=2000` (and 50 ms of latency per request,
so the network has a cost) and a Store speaking Cloud's v3, then:

- `store`: `ProjectsService.pages()` with an empty cache: the time to the first page and the
  `/project/search` requests made by then, the time to all 2,000 and the requests in all.
- `app` (the real App under `App.run_test` at 120x40): `2` sent as the terminal driver sends a
  key, then the time until the list holds its first row and the requests made by then; the
  time until all 2,000 are loaded; then "prj19" typed into the filter 40 ms apart, each key
  timed from being sent to the moment the filter holds it AND the list holds the rows it narrows
  to (over what is loaded) — before the server is asked (`requests_during_typing` counts what
  went out meanwhile); finally the time until the server's rows replace them and the requests
  the typing cost. The sandbox runs in the same process and event loop as the app, so its work
  competes with the app's: a worst case for the key figures.

Prints JSON (median / p95 / min over the runs). Tests never assert on these times.

    .venv/bin/python bench/projects.py            # 5 runs
    .venv/bin/python bench/projects.py --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ALICE, machine, summary

SEARCH = "/rest/api/3/project/search"
BASE = "http://sandbox.invalid"
PROJECTS = 2000
LATENCY_MS = 50.0
TYPED = "prj19"


def _store(app: Any) -> Any:
    import httpx

    from tui.api.auth import BasicAuth
    from tui.api.redact import Secret
    from tui.store.store import Store, StoreSettings

    return Store(
        base_url=BASE,
        auth=BasicAuth(ALICE[0], Secret(ALICE[1])),
        transport=httpx.ASGITransport(app=app),
        settings=StoreSettings(api_version="3"),
    )


def _sandbox() -> Any:
    from tui.sandbox.app import SandboxConfig, create_app

    return create_app(SandboxConfig(projects=PROJECTS, latency_ms=LATENCY_MS, base_url=BASE))


async def _store_run() -> dict[str, Any]:
    from tui.store.projects import ProjectsService

    store = _store(_sandbox())
    await store.connect()
    service = ProjectsService.of(store)
    start = time.perf_counter()
    pages = service.pages()
    first = await anext(pages)
    first_s = time.perf_counter() - start
    first_requests = store.stats.requests_to("GET", SEARCH)
    count = len(first.projects)
    async for page in pages:
        count += len(page.projects)
    all_s = time.perf_counter() - start
    result = {
        "first_page_s": first_s,
        "first_page_requests": first_requests,
        "first_page_rows": len(first.projects),
        "all_s": all_s,
        "all_requests": store.stats.requests_to("GET", SEARCH),
        "all_rows": count,
    }
    await store.aclose()
    return result


async def _until(pilot: Any, check: Any, limit: float = 120.0) -> float:
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > limit:
            raise TimeoutError("the app never got there")
        await asyncio.sleep(0)
    return time.perf_counter() - start


async def _app_run() -> dict[str, Any]:
    from textual import events

    from tui.app import JiradashApp
    from tui.session import Session
    from tui.widgets.project_list import ProjectList

    store = _store(_sandbox())
    app = JiradashApp(store, Session(profile="bench", default_jql="project = DASH"))
    result: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()

        def rows() -> int:
            found = app.screen.query(ProjectList)
            return found.first().row_count if found else 0

        before = store.stats.requests_to("GET", SEARCH)
        app.post_message(events.Key("2", "2"))
        result["first_row_s"] = await _until(pilot, lambda: rows() > 0)
        result["first_row_requests"] = store.stats.requests_to("GET", SEARCH) - before
        result["all_loaded_s"] = result["first_row_s"] + await _until(
            pilot, lambda: rows() >= PROJECTS
        )
        await app.workers.wait_for_complete()
        loaded = [p for p in app.screen.query_one(ProjectList).rows]
        await pilot.press("f")
        await pilot.pause()
        field = app.screen.query_one("#project-filter")
        asked = store.stats.requests_to("GET", SEARCH)
        keys_ms = []
        for n, char in enumerate(TYPED, start=1):
            typed = TYPED[:n]
            narrowed = sum(1 for p in loaded if typed in p.key.lower() or typed in p.name.lower())
            start = time.perf_counter()
            app.post_message(events.Key(char, char))
            await _until(
                pilot,
                lambda typed=typed, narrowed=narrowed: (
                    getattr(field, "value", "") == typed and rows() == narrowed
                ),  # type: ignore[misc]
            )
            keys_ms.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.04)  # as a person types
        result["key_ms"] = keys_ms
        result["rows_after_typing"] = rows()
        result["requests_during_typing"] = store.stats.requests_to("GET", SEARCH) - asked
        start = time.perf_counter()
        await app.workers.wait_for_complete()
        result["server_rows_s"] = time.perf_counter() - start
        result["typing_requests"] = store.stats.requests_to("GET", SEARCH) - asked
    return result


def run(quick: bool = False, runs: int = 5) -> dict[str, Any]:
    stores = [asyncio.run(_store_run()) for _ in range(runs)]
    apps = [asyncio.run(_app_run()) for _ in range(runs)]
    keys = [ms for one in apps for ms in one["key_ms"]]
    return {
        "machine": machine(),
        "projects": PROJECTS,
        "latency_ms": LATENCY_MS,
        "runs": runs,
        "store": {
            "first_page_s": summary([s["first_page_s"] for s in stores]),
            "first_page_requests": sorted({s["first_page_requests"] for s in stores}),
            "first_page_rows": stores[0]["first_page_rows"],
            "all_s": summary([s["all_s"] for s in stores]),
            "all_requests": sorted({s["all_requests"] for s in stores}),
            "all_rows": stores[0]["all_rows"],
        },
        "app": {
            "first_row_s": summary([a["first_row_s"] for a in apps]),
            "first_row_requests": sorted({a["first_row_requests"] for a in apps}),
            "all_loaded_s": summary([a["all_loaded_s"] for a in apps]),
            "key_ms": summary(keys),
            "rows_after_typing": sorted({a["rows_after_typing"] for a in apps}),
            "requests_during_typing": sorted({a["requests_during_typing"] for a in apps}),
            "server_rows_s": summary([a["server_rows_s"] for a in apps]),
            "typing_requests": sorted({a["typing_requests"] for a in apps}),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(runs=args.runs), indent=2))


if __name__ == "__main__":
    main()
