"""Jira's per-issue development detail, where the server offers one: which repositories hold
development information carrying an issue's key.

The devinfo API itself cannot find repositories by issue key; Jira's dev-status REST resource
(`GET /rest/dev-status/latest/issue/detail?issueId=ID&dataType=repository`, Jira's own
credentials) can. Only the repository ids of its answer are read:
`{"errors": [], "detail": [{"repositories": [{"id", "name", "url", ...}], ...}]}`. A server
without it answers 404 (or refuses); the caller then knows only the profile's repositories.
"""

from __future__ import annotations

import msgspec

from tui.api.call import Call, read

__all__ = ["DETAIL_PATH", "IssueRepositories", "decode_issue_repositories", "issue_repositories"]

DETAIL_PATH = "/rest/dev-status/latest/issue/detail"


class IssueRepositories(msgspec.Struct, frozen=True):
    """The ids of the repositories with development information carrying one issue's key."""

    ids: tuple[str, ...] = ()


class _Repository(msgspec.Struct):
    id: str = ""


class _Detail(msgspec.Struct):
    repositories: list[_Repository] = []


class _Answer(msgspec.Struct):
    detail: list[_Detail] = []


_decoder = msgspec.json.Decoder(_Answer)


def decode_issue_repositories(body: bytes) -> IssueRepositories:
    answer = _decoder.decode(body)
    ids = (repo.id for detail in answer.detail for repo in detail.repositories if repo.id)
    return IssueRepositories(ids=tuple(dict.fromkeys(ids)))


def issue_repositories(issue_id: str) -> Call[IssueRepositories]:
    return read(DETAIL_PATH, decode_issue_repositories,
                params=(("issueId", issue_id), ("dataType", "repository")))
