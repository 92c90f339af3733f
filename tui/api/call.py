"""`Call`: one request as data (method, path, query, JSON body) plus the decoder of its answer.

The api clients return Calls; the store's http layer sends them. `safe` calls (reads) may be
retried and coalesced; unsafe ones (writes) are sent once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import msgspec

T = TypeVar("T")


class Call(msgspec.Struct, Generic[T], frozen=True, eq=False):  # a Struct: no dataclass cost at import
    method: str
    path: str  # from the site root, e.g. /rest/api/3/issue/ABC-1
    decode: Callable[[bytes], T]
    params: tuple[tuple[str, str], ...] = ()
    json: Any = None
    safe: bool = False  # a read: retried on transient failures, coalesced when identical
    jql: str | None = None  # set on searches: a 400 is a JqlError at this JQL
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def body(self) -> bytes | None:
        return None if self.json is None else msgspec.json.encode(self.json)

    def identity(self) -> tuple[str, str, tuple[tuple[str, str], ...], bytes | None]:
        """What makes two calls the same request (for coalescing)."""
        return (self.method, self.path, self.params, self.body)


def read(path: str, decode: Callable[[bytes], T], *, params: tuple[tuple[str, str], ...] = ()) -> Call[T]:
    return Call("GET", path, decode, params=params, safe=True)


def no_content(_body: bytes) -> None:
    """The decoder of a write whose answer carries nothing we need."""
    return None
