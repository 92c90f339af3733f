"""The cache on its own: an LRU bounded in bytes, invalidation by key, what goes to disk."""

from __future__ import annotations

from pathlib import Path

from tui.models import Priority
from tui.store.cache import Cache, belongs, persisted
from tui.store.counters import Counters, path_template
from tui.store.disk import DiskCache


def cache(max_bytes: int, root: Path | None = None) -> Cache:
    disk = DiskCache(root, "site|user") if root is not None else None
    return Cache(max_bytes=max_bytes, disk=disk, counters=Counters(), clock=lambda: 100.0)


def test_the_lru_is_bounded_in_bytes_and_evicts_the_least_recently_used() -> None:
    value = [Priority(id=str(n), name="x" * 50) for n in range(3)]
    one = cache(10**6).put("a", value).size
    c = cache(3 * one)
    for key in ("a", "b", "c"):
        c.put(key, value)
    assert c.get("a", list[Priority]) is not None  # a is now the most recent
    c.put("d", value)
    assert c.keys() == ["c", "a", "d"] and c.bytes_used == 3 * one


def test_invalidation_reaches_the_key_and_what_hangs_off_it() -> None:
    assert belongs("search:ab12", "search") and belongs("issue:A-1/transitions", "issue:A-1")
    assert belongs("issue:A-1", "issue:A-1")
    assert not belongs("issue:A-10", "issue:A-1") and not belongs("searches", "search")
    c = cache(10**6)
    for key in ("issue:A-1", "issue:A-1/transitions", "issue:A-10", "search:x", "priorities"):
        c.put(key, [])
    assert c.invalidate({"issue:A-1", "search"}) == {"issue:A-1", "issue:A-1/transitions", "search:x"}
    assert [k for k in c if (e := c.peek(k)) is not None and e.invalidated] == [
        "issue:A-1", "issue:A-1/transitions", "search:x"]


def test_whole_resources_go_to_disk_and_come_back(tmp_path: Path) -> None:
    assert persisted("issue:A-1") and persisted("search:x") and persisted("priorities")
    assert not persisted("issue:A-1/transitions") and not persisted("users/bob")
    first = cache(10**6, tmp_path)
    first.put("priorities", [Priority(id="1", name="High")])
    first.put("issue:A-1/transitions", [])
    second = cache(10**6, tmp_path)
    entry = second.get("priorities", list[Priority])
    assert entry is not None and entry.value == [Priority(id="1", name="High")] and entry.stored_at == 100.0
    assert second.get("issue:A-1/transitions", list[Priority]) is None
    second.invalidate({"priorities"})
    assert cache(10**6, tmp_path).get("priorities", list[Priority]) is None


def test_paths_are_counted_by_template() -> None:
    assert path_template("/rest/api/3/issue/DASH-12/comment/10001") == "/rest/api/3/issue/{key}/comment/{id}"
    assert path_template("/rest/api/2.0.alpha1/search") == "/rest/api/2.0.alpha1/search"
    assert path_template("/rest/auth/1/session") == "/rest/auth/1/session"
