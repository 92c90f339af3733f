"""The on-disk half of the cache: one JSON file per entry under the profile's cache directory.

Directories are 0700 and files 0600 (written to a temporary file, then renamed, so a crash
never leaves half an entry). File names are hashes of the site identity and the cache key, so
the same profile pointed at another site never reads the first site's data. A file that cannot
be read or decoded is removed with a warning; the cache never crashes the app.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path
from typing import TypeVar

import msgspec

log = logging.getLogger(__name__)
T = TypeVar("T")
FORMAT = 1


class DiskEntry(msgspec.Struct, kw_only=True):
    format: int = FORMAT
    key: str
    stored_at: float
    etag: str | None = None
    payload: msgspec.Raw


def private_dir(path: Path) -> Path:
    """`path` created if needed, readable by this user only (and so is every parent it creates)."""
    missing = []
    for parent in [path, *path.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Atomically replace `path` with `data`, mode 0600 from the first byte."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _group(key: str) -> str:
    """Entries are grouped by kind (`search`, `issue`, ...) so a kind can be dropped at once."""
    return key.split(":", 1)[0].split("/", 1)[0] or "misc"


class DiskCache:
    def __init__(self, root: Path, identity: str) -> None:
        self.root = private_dir(root)
        self._identity = identity
        self._decoder = msgspec.json.Decoder(DiskEntry)

    def path_for(self, key: str) -> Path:
        digest = hashlib.sha256(f"{self._identity}\0{key}".encode()).hexdigest()[:40]
        return self.root / _group(key) / f"{digest}.json"

    def load(self, key: str, kind: type[T]) -> tuple[T, DiskEntry] | None:
        path = self.path_for(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache: cannot read %s (%s); ignoring it", path.name, exc.strerror)
            return None
        try:
            entry = self._decoder.decode(raw)
            if entry.format != FORMAT or entry.key != key:
                raise msgspec.ValidationError("entry of another format or key")
            value = msgspec.json.decode(entry.payload, type=kind)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            log.warning("cache: dropping unreadable cache file %s (%s)", path.name, exc)
            path.unlink(missing_ok=True)
            return None
        return value, entry

    def save(self, key: str, payload: bytes, stored_at: float, etag: str | None) -> None:
        path = self.path_for(key)
        entry = DiskEntry(key=key, stored_at=stored_at, etag=etag, payload=msgspec.Raw(payload))
        try:
            private_dir(path.parent)
            write_private(path, msgspec.json.encode(entry))
        except OSError as exc:
            log.warning("cache: cannot write %s (%s); keeping it in memory only", path.name, exc.strerror)

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def delete_group(self, group: str) -> None:
        shutil.rmtree(self.root / group, ignore_errors=True)

    def clear(self) -> None:
        for child in self.root.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
