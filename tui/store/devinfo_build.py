"""From a local git repository (and a pull-request file) to devinfo records, within the limits.

- Links: commit, branch, file and create-pull-request URLs in the style of the repository's
  host (GitHub, GitLab, or Bitbucket for anything else), from the repository URL.
- Commits with at least one issue key in their message become `Commit`s: the first 10 files
  by path (`fileCount` counts them all), messages cut to 1024 characters, at most 500 keys,
  `MERGE_COMMIT` for a merge, the author time in UTC. Commits without keys are left out: the API
  requires one key per entity.
- Branches with a key in their name or tip message become `Branch`es; the tip is their
  `lastCommit` (with the branch's keys when its own message has none). Branch ids are the name
  with characters the API refuses in ids (anything but letters, digits and `~._-`) as `~`.
- Pull requests come from a JSON file in the API's shape (a list, or `{"pullRequests": [...]}`);
  `issueKeys` default to the keys in the title and source branch.
`updateSequenceId`s are assigned later by `devinfo_push.SequenceLedger`; here they are 0.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import msgspec

from tui.api.git_local import LocalBranch, LocalCommit, LocalRepository
from tui.models.devinfo import (
    MAX_FILES,
    MAX_ISSUE_KEYS,
    MAX_MESSAGE,
    Author,
    Branch,
    Commit,
    FileChange,
    PullRequest,
    issue_keys_in,
)

_NOT_ID = re.compile(r"[^A-Za-z0-9~._-]")


@dataclass(frozen=True)
class Links:
    """URLs of a repository's pages, in its host's style."""

    url: str

    @property
    def style(self) -> str:
        host = (urlsplit(self.url).hostname or "").lower()
        return "github" if "github" in host else "gitlab" if "gitlab" in host else "bitbucket"

    def commit(self, sha: str) -> str:
        part = {"github": "commit", "gitlab": "-/commit"}.get(self.style, "commits")
        return f"{self.url}/{part}/{sha}"

    def branch(self, name: str) -> str:
        part = {"github": "tree", "gitlab": "-/tree"}.get(self.style, "branch")
        return f"{self.url}/{part}/{quote(name, safe='/')}"

    def file(self, sha: str, path: str) -> str:
        part = {"github": "blob", "gitlab": "-/blob"}.get(self.style, "src")
        return f"{self.url}/{part}/{sha}/{quote(path, safe='/')}"

    def create_pull_request(self, name: str) -> str:
        branch = quote(name, safe="")
        if self.style == "github":
            return f"{self.url}/compare/{quote(name, safe='/')}?expand=1"
        if self.style == "gitlab":
            return f"{self.url}/-/merge_requests/new?merge_request%5Bsource_branch%5D={branch}"
        return f"{self.url}/pull-requests/new?source={branch}"


def utc(timestamp: str) -> str:
    return datetime.fromisoformat(timestamp).astimezone(UTC).isoformat(timespec="seconds")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit]


def commit_record(commit: LocalCommit, links: Links, keys: tuple[str, ...] | None = None) -> Commit:
    files = tuple(
        FileChange(path=_clip(f.path, 1024), url=links.file(commit.hash, f.path), change_type=f.change_type,
                   lines_added=f.lines_added, lines_removed=f.lines_removed)
        for f in commit.files[:MAX_FILES]
    )
    return Commit(
        id=commit.hash,
        issue_keys=(keys or commit.issue_keys)[:MAX_ISSUE_KEYS],
        update_sequence_id=0,
        author=Author(name=_clip(commit.author_name, 255) or None, email=_clip(commit.author_email, 255) or None),
        author_timestamp=utc(commit.authored),
        display_id=commit.short,
        file_count=len(commit.files),
        message=_clip(commit.message, MAX_MESSAGE),
        url=links.commit(commit.hash),
        files=files,
        flags=("MERGE_COMMIT",) if commit.is_merge else (),
    )


def branch_id(name: str) -> str:
    return _NOT_ID.sub("~", name)[:1024]


def branch_record(branch: LocalBranch, links: Links) -> Branch:
    keys = branch.issue_keys[:MAX_ISSUE_KEYS]
    return Branch(
        id=branch_id(branch.name),
        issue_keys=keys,
        update_sequence_id=0,
        name=_clip(branch.name, 512),
        last_commit=commit_record(branch.tip, links, keys=branch.tip.issue_keys or keys),
        url=links.branch(branch.name),
        create_pull_request_url=links.create_pull_request(branch.name),
    )


@dataclass(frozen=True)
class Entities:
    commits: tuple[Commit, ...]
    branches: tuple[Branch, ...]
    pull_requests: tuple[PullRequest, ...]
    commits_without_keys: int = 0
    branches_without_keys: int = 0

    @property
    def count(self) -> int:
        return len(self.commits) + len(self.branches) + len(self.pull_requests)


def entities_of(local: LocalRepository, links: Links, pull_requests: tuple[PullRequest, ...] = ()) -> Entities:
    commits = tuple(commit_record(c, links) for c in local.commits if c.issue_keys)
    branches = [branch_record(b, links) for b in local.branches if b.issue_keys]
    seen: dict[str, int] = {}
    for i, branch in enumerate(branches):  # two names mapping to one id: keep both, apart
        if branch.id in seen:
            suffix = hashlib.sha1(branch.name.encode()).hexdigest()[:8]
            branches[i] = msgspec.structs.replace(branch, id=f"{branch.id[:1014]}~{suffix}")
        seen[branches[i].id] = i
    return Entities(
        commits=commits, branches=tuple(branches), pull_requests=pull_requests,
        commits_without_keys=sum(1 for c in local.commits if not c.issue_keys),
        branches_without_keys=sum(1 for b in local.branches if not b.issue_keys),
    )


def read_pull_requests(text: str) -> tuple[PullRequest, ...]:
    """Pull requests from JSON in the API's shape; ValueError says what is wrong."""
    try:
        data: Any = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if isinstance(data, dict):
        data = data.get("pullRequests")
    if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
        raise ValueError('expected a JSON array of pull requests, or {"pullRequests": [...]}')
    out = []
    for index, raw in enumerate(data):
        item = dict(raw)
        item.setdefault("updateSequenceId", 0)
        if not item.get("issueKeys"):
            item["issueKeys"] = list(issue_keys_in(str(item.get("title", "")), str(item.get("sourceBranch", ""))))
        if not item["issueKeys"]:
            raise ValueError(f"pull request {index + 1} names no issue key (in issueKeys, its title or branch)")
        try:
            out.append(msgspec.convert(item, type=PullRequest))
        except msgspec.ValidationError as exc:
            raise ValueError(f"pull request {index + 1}: {exc}") from None
    ids = [p.id for p in out]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"pull request ids must be unique: {', '.join(twice)}")
    return tuple(out)
