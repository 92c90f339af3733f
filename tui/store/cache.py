"""The store's cache: an LRU in memory bounded in bytes, backed by the disk cache per profile.

Keys are the strings mutations name (`issue:KEY`, `search`, ...): an entry `search:<digest>`
belongs to `search`, `issue:KEY/transitions` to `issue:KEY`. Invalidating a key marks its
entries in memory (a search can still show them while it revalidates; an issue read refetches)
and removes them from disk. Values are msgspec Structs; their JSON is the disk format and its
length the entry's size, so the payload is encoded once and not kept twice.

hishel (HTTP caching for httpx) was considered: it cannot cache the POST search, has no
stale-while-revalidate and no invalidation by mutation, so this small cache is our own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

import msgspec

from tui.models import SearchPage
from tui.store.counters import Counters
from tui.store.disk import DiskCache

T = TypeVar("T")
PERSISTED_KINDS = frozenset(
    {"issue", "search", "server", "me", "priorities", "linktypes", "filters", "projects", "jql"}
)


class SearchResult(msgspec.Struct, frozen=True, kw_only=True):
    """A whole search as cached: its pages in order."""

    pages: tuple[SearchPage, ...]


class Entry(msgspec.Struct, Generic[T]):
    key: str
    value: T
    stored_at: float
    etag: str | None
    size: int
    invalidated: bool = False


def belongs(entry_key: str, key: str) -> bool:
    """Whether invalidating `key` reaches the entry `entry_key`."""
    return entry_key == key or entry_key.startswith((key + ":", key + "/"))


def persisted(key: str) -> bool:
    """Whole resources go to disk; derived, query-keyed ones (`issue:K/transitions`) do not."""
    return "/" not in key and key.split(":", 1)[0] in PERSISTED_KINDS


class Cache:
    def __init__(
        self, *, max_bytes: int, disk: DiskCache | None, counters: Counters, clock: Callable[[], float]
    ) -> None:
        self.max_bytes = max_bytes
        self.disk = disk
        self._counters = counters
        self._clock = clock
        self._entries: OrderedDict[str, Entry[Any]] = OrderedDict()
        self._bytes = 0

    @property
    def bytes_used(self) -> int:
        return self._bytes

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._entries))

    def keys(self) -> list[str]:
        return list(self._entries)

    def peek(self, key: str) -> Entry[Any] | None:
        """The memory entry, without counting a hit or touching the LRU order."""
        return self._entries.get(key)

    def get(self, key: str, kind: type[T]) -> Entry[T] | None:
        """The entry from memory or, failing that, from disk (the store counts hits and misses)."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            return entry
        if self.disk is not None and persisted(key):
            loaded = self.disk.load(key, kind)
            if loaded is not None:
                value, disk_entry = loaded
                entry = Entry(key, value, disk_entry.stored_at, disk_entry.etag, len(disk_entry.payload))
                self._insert(entry)
                self._counters.disk_hits += 1
                return entry
        return None

    def put(self, key: str, value: T, *, etag: str | None = None, persist: bool = True) -> Entry[T]:
        payload = msgspec.json.encode(value)
        entry = Entry(key, value, self._clock(), etag, len(payload))
        self._insert(entry)
        if persist and self.disk is not None and persisted(key):
            self.disk.save(key, payload, entry.stored_at, etag)
        return entry

    def replace_value(self, key: str, value: T) -> None:
        """Swap the value in memory only (optimistic updates); keeps age and size."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.value = value

    def touch(self, key: str) -> None:
        """A revalidation found the entry unchanged: it is fresh again."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.stored_at = self._clock()
            entry.invalidated = False
            if self.disk is not None and persisted(key):
                self.disk.save(key, msgspec.json.encode(entry.value), entry.stored_at, entry.etag)

    def invalidate(self, keys: Iterable[str]) -> set[str]:
        """Mark every entry the keys reach and drop them from disk; returns the entries reached."""
        reached: set[str] = set()
        for key in keys:
            for entry_key, entry in self._entries.items():
                if belongs(entry_key, key):
                    entry.invalidated = True
                    reached.add(entry_key)
            if self.disk is not None:
                if ":" not in key and "/" not in key:
                    self.disk.delete_group(key)
                else:
                    self.disk.delete(key)
        return reached

    def drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry.size
        if self.disk is not None:
            self.disk.delete(key)

    def _insert(self, entry: Entry[Any]) -> None:
        old = self._entries.pop(entry.key, None)
        if old is not None:
            self._bytes -= old.size
        self._entries[entry.key] = entry
        self._bytes += entry.size
        while self._bytes > self.max_bytes and len(self._entries) > 1:
            _, evicted = self._entries.popitem(last=False)
            self._bytes -= evicted.size
