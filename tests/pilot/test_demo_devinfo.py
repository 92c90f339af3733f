"""`jiradash --demo` builds its sandbox on first use; its devinfo screen is configured all the same."""

from __future__ import annotations

from tui.demo import DEMO_PROFILE, demo_app, store_on_app
from tui.launch import SandboxOnFirstRequest


async def test_the_lazy_demo_sandbox_still_gives_the_store_devinfo(tmp_path, monkeypatch) -> None:
    for var in ("JIRADASH_CONFIG_DIR", "JIRADASH_CACHE_DIR", "JIRADASH_DATA_DIR"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    lazy = SandboxOnFirstRequest(demo_app)
    store = store_on_app(lazy, profile=DEMO_PROFILE)
    try:
        assert store.devinfo is not None
        repositories = store.devinfo_repositories
        assert repositories
        repository = await store.devinfo.repository(repositories[0])
        assert repository is not None
    finally:
        await store.aclose()
