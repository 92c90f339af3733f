"""The sandbox's `--state FILE`: the whole `World` written atomically, and read back at start.

Format: a pickle (protocol 5) of `{"format": FORMAT, "world": World}`. Pickle, not msgspec or
JSON, because `world.extra` holds other route modules' state in their own dataclasses, which a
schema-driven decoder would hand back as plain dicts; pickle round-trips any of it, keeps the
structural sharing of seeded rich-text fragments, and writes 100,000 issues in about a second.
The file is the user's own, local, written by this program, so unpickling it is no wider trust
than running it; a file of another format version is refused with a clear error, never guessed at.

Writes are crash-safe: the bytes go to `FILE.tmp`, are fsynced, then `os.replace`d over FILE
(and the directory fsynced), so a crash at any point leaves FILE either old or new, never torn.
A stray `FILE.tmp` from a crash is ignored on load and overwritten by the next write.
`Persister` debounces: the first change after a write arms a timer on the running loop;
`flush()` writes at once (tests, shutdown).
"""

from __future__ import annotations

import asyncio
import os
import pickle
from pathlib import Path

from tui.sandbox.world import World

FORMAT = 1


class StateFileError(Exception):
    """The state file exists but cannot be used; the message says why and what to do."""


def temp_path(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def save_world(world: World, path: Path) -> None:
    data = pickle.dumps({"format": FORMAT, "world": world}, protocol=5)
    tmp = temp_path(path)
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    try:
        directory = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a directory; the rename is still atomic
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def load_world(path: Path) -> World | None:
    """The saved world, None if there is no file; StateFileError if it is not ours."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        saved = pickle.loads(data)
    except Exception as exc:
        raise StateFileError(f"{path} is not a readable sandbox state file ({exc}); move it away to start afresh") from exc
    if not isinstance(saved, dict) or saved.get("format") != FORMAT or not isinstance(saved.get("world"), World):
        raise StateFileError(f"{path} was written by another sandbox format; move it away to start afresh")
    world: World = saved["world"]
    return world


class Persister:
    """Writes the world after changes, at most once per `delay` seconds; `flush()` writes now."""

    def __init__(self, world: World, path: Path | None, *, delay: float = 1.0) -> None:
        self.world = world
        self.path = path
        self.delay = delay
        self.saved_version = world.version
        self._timer: asyncio.TimerHandle | None = None
        self._timer_loop: asyncio.AbstractEventLoop | None = None

    @property
    def dirty(self) -> bool:
        return self.path is not None and self.world.version != self.saved_version

    def changed(self) -> None:
        """Call after a change: arms the debounce timer (or writes now without a loop or delay)."""
        if not self.dirty:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if self._timer is not None and self._timer_loop is loop:
            return  # already armed on this loop (a timer on a loop that is gone never fires)
        if loop is None or self.delay <= 0:
            self.flush()
            return
        self._timer = loop.call_later(self.delay, self.flush)
        self._timer_loop = loop

    def flush(self) -> bool:
        """Write now if anything changed since the last write; True if it wrote."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = self._timer_loop = None
        if not self.dirty or self.path is None:
            return False
        version = self.world.version
        save_world(self.world, self.path)
        self.saved_version = version
        return True
