"""Counters of what the store did: requests by method and path template, cache hits and misses,
bytes, retries, coalesced reads. `--stats` prints `as_dict()`; tests and benchmarks count with it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import msgspec

_ISSUE_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")
_NUMBER = re.compile(r"^\d+$")


def path_template(path: str) -> str:
    """`/rest/api/3/issue/ABC-12/comment/10001` -> `/rest/api/3/issue/{key}/comment/{id}`."""
    parts = []
    for segment in path.split("/"):
        if _ISSUE_KEY.match(segment):
            parts.append("{key}")
        elif _NUMBER.match(segment) and parts and parts[-1] not in {"api", "auth", "agile"}:
            parts.append("{id}")
        else:
            parts.append(segment)
    return "/".join(parts)


class Counters(msgspec.Struct):  # a Struct, not a dataclass: nothing to build at import
    requests: Counter[str] = msgspec.field(default_factory=Counter)  # "GET /rest/api/3/issue/{key}"
    responses: Counter[int] = msgspec.field(default_factory=Counter)  # by status code
    cache_hits: int = 0
    cache_misses: int = 0
    disk_hits: int = 0
    revalidations: int = 0
    not_modified: int = 0
    coalesced: int = 0
    retries: int = 0
    bytes_received: int = 0
    bytes_sent: int = 0

    def count_request(self, method: str, path: str, sent: int) -> None:
        self.requests[f"{method} {path_template(path)}"] += 1
        self.bytes_sent += sent

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    def requests_to(self, method: str, template_suffix: str) -> int:
        """Requests whose template ends with `template_suffix`, e.g. ("GET", "/issue/{key}")."""
        return sum(n for k, n in self.requests.items() if k.startswith(method + " ") and k.endswith(template_suffix))

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": dict(sorted(self.requests.items())),
            "requests_total": self.total_requests,
            "responses": {str(k): v for k, v in sorted(self.responses.items())},
            "cache": {
                "hits": self.cache_hits,
                "misses": self.cache_misses,
                "disk_hits": self.disk_hits,
                "revalidations": self.revalidations,
                "not_modified": self.not_modified,
            },
            "coalesced": self.coalesced,
            "retries": self.retries,
            "bytes": {"received": self.bytes_received, "sent": self.bytes_sent},
        }
