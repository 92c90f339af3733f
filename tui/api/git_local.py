"""Reading a local git repository for devinfo: commits with their files, branches with their tips.

Runs `git` as subprocesses (no library; asyncio, so a screen never blocks) and parses NUL- and
control-character-separated output, so any file name or message reads back exactly:

- commits reachable from the local branches (`--branches`), or only those not reachable from
  `since` (`--branches ^since`), newest first; each with author, author and committer times,
  parents (two or more: a merge, whose files are its changes against the first parent), the
  whole message, and every changed file with its change type (A/M/D/R/C/T -> ADDED, MODIFIED,
  DELETED, MOVED, COPIED, MODIFIED) and added/removed line counts (binary files count 0);
- local branches with the commit at their tip (read on its own when `since` hides it);
- issue keys found by Jira's key pattern in messages and branch names (`issue_keys_in`).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.models.devinfo import ChangeType, issue_keys_in

_FIELDS = ("%H", "%h", "%P", "%an", "%ae", "%aI", "%cI", "%B")
LOG_FORMAT = "%x1e" + "%x1f".join(_FIELDS) + "%x1f"
CHANGE_TYPES: dict[str, ChangeType] = {"A": "ADDED", "M": "MODIFIED", "D": "DELETED", "R": "MOVED",
                                       "C": "COPIED", "T": "MODIFIED"}


class GitError(Exception):
    """git is missing, the path is not a repository, or a revision does not exist."""


@dataclass(frozen=True, slots=True)
class LocalFile:
    path: str
    change_type: ChangeType
    lines_added: int = 0
    lines_removed: int = 0


@dataclass(frozen=True, slots=True)
class LocalCommit:
    hash: str
    short: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    authored: str  # ISO 8601 with the author's offset
    committed: str
    message: str
    files: tuple[LocalFile, ...]  # every changed file, sorted by path

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return issue_keys_in(self.message)


@dataclass(frozen=True, slots=True)
class LocalBranch:
    name: str
    tip: LocalCommit

    @property
    def issue_keys(self) -> tuple[str, ...]:
        """The branch name's keys first, then its tip commit's."""
        return issue_keys_in(self.name, self.tip.message)


@dataclass(frozen=True, slots=True)
class LocalRepository:
    commits: tuple[LocalCommit, ...]  # newest first
    branches: tuple[LocalBranch, ...]


async def git(path: Path | str, *args: str) -> str:
    """Run `git -C path args...`; its stdout, or GitError with git's own complaint."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_PAGER": "cat"}
    try:
        proc = await asyncio.create_subprocess_exec(
            "git", "-C", str(path), *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            stdin=asyncio.subprocess.DEVNULL, env=env)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH).") from None
    out, err = await proc.communicate()
    if proc.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        raise GitError(said[-1] if said else f"git {args[0]} failed with exit code {proc.returncode}.")
    return out.decode("utf-8", "replace")


def _count(text: str) -> int:
    return int(text) if text.isdigit() else 0  # "-" for a binary file


def _changes(tokens: list[str]) -> tuple[LocalFile, ...]:
    """The `--raw` and `--numstat` entries of one commit (NUL-separated, `-z`)."""
    kinds: dict[str, ChangeType] = {}
    lines: dict[str, tuple[int, int]] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith(":"):
            status = token.split()[-1]
            if status[:1] in ("R", "C"):
                path, i = tokens[i + 1], i + 2
            else:
                path, i = tokens[i], i + 1
            kinds[path] = CHANGE_TYPES.get(status[:1], "UNKNOWN")
        elif token.count("\t") >= 2:
            added, removed, path = token.split("\t", 2)
            if not path:  # a rename: the old and new paths follow
                path, i = tokens[i + 1], i + 2
            lines[path] = (_count(added), _count(removed))
    return tuple(LocalFile(p, kinds[p], *lines.get(p, (0, 0))) for p in sorted(kinds))


def parse_log(output: str) -> list[LocalCommit]:
    commits = []
    for record in output.split("\x1e")[1:]:
        parts = record.split("\x1f", len(_FIELDS))
        if len(parts) <= len(_FIELDS):
            continue
        full, short, parents, name, email, authored, committed, message = parts[: len(_FIELDS)]
        commits.append(LocalCommit(
            hash=full, short=short, parents=tuple(parents.split()), author_name=name, author_email=email,
            authored=authored, committed=committed, message=message.strip(),
            files=_changes(parts[len(_FIELDS)].split("\0")),
        ))
    return commits


_LOG_ARGS = ("log", "-z", "-M", "--raw", "--numstat", "--diff-merges=first-parent", "--no-color",
             "--no-ext-diff", "--no-textconv", f"--format={LOG_FORMAT}")


async def read_commits(path: Path | str, revisions: Sequence[str], *, no_walk: bool = False) -> list[LocalCommit]:
    args = [*_LOG_ARGS, *(["--no-walk=unsorted"] if no_walk else []), *revisions, "--"]
    return parse_log(await git(path, *args))


async def read_repository(path: Path | str, *, since: str | None = None) -> LocalRepository:
    """Commits on the local branches (newer than `since`, when given) and every local branch."""
    if not Path(path).is_dir():
        raise GitError(f"{path} is not a directory.")
    await git(path, "rev-parse", "--git-dir")
    revisions = ["--branches"]
    if since:
        resolved = (await git(path, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}")).strip()
        revisions.append(f"^{resolved}")
    commits = await read_commits(path, revisions) if await _has_branches(path) else []
    by_hash = {c.hash: c for c in commits}
    refs = await git(path, "for-each-ref", "refs/heads", "--format=%(refname:short)%00%(objectname)")
    heads = [line.split("\0", 1) for line in refs.splitlines() if "\0" in line]
    missing = [tip for _, tip in heads if tip not in by_hash]
    if missing:
        by_hash.update({c.hash: c for c in await read_commits(path, list(dict.fromkeys(missing)), no_walk=True)})
    branches = tuple(LocalBranch(name, by_hash[tip]) for name, tip in heads if tip in by_hash)
    return LocalRepository(commits=tuple(commits), branches=branches)


async def _has_branches(path: Path | str) -> bool:
    return bool((await git(path, "for-each-ref", "--count=1", "refs/heads")).strip())


async def origin_url(path: Path | str) -> str | None:
    """The `origin` remote as an https URL a browser opens, or None (no remote, or a local one)."""
    try:
        raw = (await git(path, "remote", "get-url", "origin")).strip()
    except GitError:
        return None
    return web_url(raw)


def web_url(remote: str) -> str | None:
    """`git@host:org/repo.git` / `ssh://git@host/org/repo.git` / `https://host/org/repo.git`
    -> `https://host/org/repo`; None for a path or a file URL (never sent to a server)."""
    url = remote.strip().removesuffix(".git").removesuffix("/")
    if url.startswith(("https://", "http://")):
        scheme, rest = url.split("://", 1)
        host_path = rest.split("@", 1)[-1]  # credentials in a URL never leave this machine
        return f"{scheme}://{host_path}"
    if url.startswith("ssh://"):
        rest = url.removeprefix("ssh://").split("@", 1)[-1]
        host, _, repo = rest.partition("/")
        return f"https://{host.split(':', 1)[0]}/{repo}" if repo else None
    if "@" in url and ":" in url.split("@", 1)[1]:
        host, _, repo = url.split("@", 1)[1].partition(":")
        return f"https://{host}/{repo}" if repo else None
    return None
