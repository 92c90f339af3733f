"""Jira's per-issue development information, where the server offers it: which repositories hold
development information carrying an issue's key.

The devinfo API itself cannot find repositories by issue key; Jira's dev-status REST resource
(undocumented; it is what Jira's own development panel reads, with Jira's own credentials) can,
in two steps, as that panel and public clients of it do:

1. `GET /rest/dev-status/latest/issue/summary?issueId=ID`: per data type (`repository`,
   `branch`, `pullrequest`, and others such as `build` that name no repositories) the counts
   `byInstanceType`, keyed by application type (`stash`, `bitbucket`, `github`, `GitHub`,
   `gitlab`, ...): the types holding data for the issue.
2. `GET /rest/dev-status/latest/issue/detail?issueId=ID&applicationType=T&dataType=repository`
   for each of those types: `{"errors": [], "detail": [{"repositories": [{"id", ...}],
   "_instance": {...}}]}`. Only the repository ids are read.

A server without the resource answers 404 (or refuses); the caller then knows only the
profile's repositories.
"""

from __future__ import annotations

import msgspec

from tui.api.call import Call, read

__all__ = ["DETAIL_PATH", "REPOSITORY_DATA_TYPES", "SUMMARY_PATH", "DevelopmentSummary", "IssueRepositories",
           "decode_development_summary", "decode_issue_repositories", "development_summary",
           "issue_repositories"]

SUMMARY_PATH = "/rest/dev-status/latest/issue/summary"
DETAIL_PATH = "/rest/dev-status/latest/issue/detail"
# the summary's data types whose data lives in repositories (builds, reviews, deployments don't)
REPOSITORY_DATA_TYPES = ("repository", "branch", "pullrequest")


class DevelopmentSummary(msgspec.Struct, frozen=True):
    """The application types with repository data (commits, branches, pull requests) for one issue."""

    application_types: tuple[str, ...] = ()


class IssueRepositories(msgspec.Struct, frozen=True):
    """The ids of the repositories with development information carrying one issue's key."""

    ids: tuple[str, ...] = ()


class _Count(msgspec.Struct):
    count: int = 0


class _DataType(msgspec.Struct, rename="camel"):
    by_instance_type: dict[str, _Count] = {}


class _Summary(msgspec.Struct):
    summary: dict[str, _DataType] = {}


class _Repository(msgspec.Struct):
    id: str = ""


class _Detail(msgspec.Struct):
    repositories: list[_Repository] = []


class _Answer(msgspec.Struct):
    detail: list[_Detail] = []


_summary_decoder = msgspec.json.Decoder(_Summary)
_decoder = msgspec.json.Decoder(_Answer)


def decode_development_summary(body: bytes) -> DevelopmentSummary:
    summary = _summary_decoder.decode(body).summary
    types = (app_type for data_type in REPOSITORY_DATA_TYPES if data_type in summary
             for app_type, counted in summary[data_type].by_instance_type.items() if counted.count > 0 and app_type)
    return DevelopmentSummary(application_types=tuple(dict.fromkeys(types)))


def decode_issue_repositories(body: bytes) -> IssueRepositories:
    answer = _decoder.decode(body)
    ids = (repo.id for detail in answer.detail for repo in detail.repositories if repo.id)
    return IssueRepositories(ids=tuple(dict.fromkeys(ids)))


def development_summary(issue_id: str) -> Call[DevelopmentSummary]:
    return read(SUMMARY_PATH, decode_development_summary, params=(("issueId", issue_id),))


def issue_repositories(issue_id: str, application_type: str) -> Call[IssueRepositories]:
    return read(DETAIL_PATH, decode_issue_repositories,
                params=(("issueId", issue_id), ("applicationType", application_type), ("dataType", "repository")))
