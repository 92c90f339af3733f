"""The repositories a session knows, and what screens ask of them beyond the devinfo API.

- `remember(store, id)`: a repository becomes known at once (`store.devinfo_repositories`,
  announced as `devinfo:ID` so screen 4 lists it) and is kept for the profile
  (`devinfo_profile.remember_repository`: `config.toml`, atomic, 0600) when the service has one.
- `forget(store, id)`: the reverse (screen 4's `-`, and a whole-repository delete there): no
  longer known, now or by the next session. `checkout_entry` is the `ID=PATH` line a person
  wrote for it, which `forget(..., with_path=True)` removes too.
- `development(store, key)`: the issue panel's read. Jira's per-issue development summary and
  detail (where the server offers them, `tui.api.devinfo_status`) name the repositories carrying
  the key; any not known yet is remembered; then `for_issue` over every known repository.
- `local_path(store, id)` and `push_local(store, id)`: push the local checkout the profile names
  for a repository (`ID=PATH` in `devinfo_repositories`), as `jiradash devinfo push` does.
No Textual here; screens call these and show what they return.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from tui.api.devinfo_status import (
    DevelopmentSummary,
    IssueRepositories,
    development_summary,
    issue_repositories,
)
from tui.models.devinfo import VALID_ID, Repository
from tui.store.devinfo import repository_key
from tui.store.errors import NotFound, StoreError

if TYPE_CHECKING:
    from tui.config import Profile
    from tui.store.devinfo_push import PushProgress, PushReport
    from tui.store.store import Store

log = logging.getLogger(__name__)


def development_key(issue_key: str) -> str:
    """Cache key of an issue's development summary; `KEY/TYPE` below it the detail of one
    application type (invalidating the issue reaches both)."""
    return f"issue:{issue_key}/development"


def remember(store: Store, repository_id: str) -> bool:
    """Make `repository_id` known now and for the profile; False when it was known already.
    Raises StoreError when it could not be kept (it stays known for this session)."""
    known = store.devinfo_repositories
    if repository_id in known:
        return False
    known.append(repository_id)
    service = store.devinfo
    if service is None:
        return True
    try:
        if service.profile is not None:
            from tui.config import ConfigError
            from tui.store.devinfo_profile import remember_repository

            try:
                remember_repository(service.profile, repository_id)
            except (OSError, ConfigError) as exc:
                raise StoreError(f"Repository {repository_id} is listed for this session only: "
                                 f"the profile could not be saved ({exc}).") from None
    finally:
        service.invalidate(frozenset({repository_key(repository_id)}))
    return True


def forget(store: Store, repository_id: str, *, with_path: bool = False) -> bool:
    """No longer know `repository_id`, now (announced as `devinfo:ID`) and for the profile;
    False when it was not known, or when the profile names a checkout for it (`ID=PATH`, which a
    person wrote) and not `with_path`: it then stays known. Raises StoreError when the profile
    could not be saved (it is forgotten for this session only)."""
    known = store.devinfo_repositories
    if repository_id not in known or (not with_path and checkout_entry(store, repository_id)):
        return False
    known.remove(repository_id)
    service = store.devinfo
    if service is None:
        return True
    try:
        if service.profile is not None:
            from dataclasses import replace

            from tui.config import ConfigError
            from tui.store.devinfo_profile import forget_repository, split_entry

            profile = service.profile
            try:
                forget_repository(profile, repository_id, with_path=with_path)
            except (OSError, ConfigError) as exc:
                raise StoreError(f"Repository {repository_id} is forgotten for this session only: "
                                 f"the profile could not be saved ({exc}).") from None
            if with_path:  # this session's profile stops naming the checkout too
                service.profile = replace(profile, devinfo_repositories=tuple(
                    e for e in profile.devinfo_repositories if split_entry(e)[0] != repository_id))
    finally:
        service.invalidate(frozenset({repository_key(repository_id)}))
    return True


def checkout_entry(store: Store, repository_id: str) -> str | None:
    """The `ID=PATH` entry the profile holds for `repository_id`, as written, if any."""
    service = store.devinfo
    if service is None or service.profile is None:
        return None
    from tui.store.devinfo_profile import split_entry

    return next((e for e in service.profile.devinfo_repositories
                 if split_entry(e)[0] == repository_id and split_entry(e)[1]), None)


async def met_repositories(store: Store, issue_key: str, *, refresh: bool = False) -> tuple[str, ...]:
    """The repositories Jira's development information names for the issue: its summary's
    application types, then the detail of each (`tui.api.devinfo_status`). () when the server
    offers no such resource or refuses the summary; a type whose detail is refused is left out."""
    try:
        issue = store.cached_issue(issue_key) or await store.issue(issue_key)
        summary = await store.read(development_key(issue_key), lambda: development_summary(issue.id),
                                   DevelopmentSummary, refresh=refresh, persist=False)
    except StoreError as exc:
        log.debug("no development summary for %s: %s", issue_key, exc.message)
        return ()

    async def detail(application_type: str) -> tuple[str, ...]:
        try:
            found = await store.read(f"{development_key(issue_key)}/{application_type}",
                                     lambda: issue_repositories(issue.id, application_type),
                                     IssueRepositories, refresh=refresh, persist=False)
        except StoreError as exc:
            log.debug("no %s development detail for %s: %s", application_type, issue_key, exc.message)
            return ()
        return found.ids

    found = await asyncio.gather(*(detail(t) for t in summary.application_types))
    return tuple(dict.fromkeys(i for ids in found for i in ids if VALID_ID.match(i)))


async def development(store: Store, issue_key: str, *, refresh: bool = False) -> list[Repository]:
    """The issue's branches, commits and pull requests by repository (only those carrying the
    key), from the repositories known and those the server names for the issue."""
    service = store.devinfo
    if service is None:
        return []
    for repository_id in await met_repositories(store, issue_key, refresh=refresh):
        try:
            remember(store, repository_id)
        except StoreError as exc:
            log.warning("%s", exc.message)
    return await service.for_issue(issue_key, list(store.devinfo_repositories), refresh=refresh)


# --- pushing a local checkout ----------------------------------------------------------------------


def ledger_path(profile: Profile, repository_id: str) -> Path:
    """Where the sequence ids of a repository's pushes are kept (shared with the CLI)."""
    return profile.data_dir / "devinfo-sequences" / f"{repository_id}.json"


def local_path(store: Store, repository_id: str) -> Path | None:
    """The local git checkout the profile names for `repository_id`, if any."""
    service = store.devinfo
    if service is None or service.profile is None:
        return None
    from tui.store.devinfo_profile import local_paths

    return local_paths(service.profile).get(repository_id)


async def push_local(store: Store, repository_id: str, *,
                     progress: Callable[[PushProgress], None] | None = None) -> PushReport:
    """Push the checkout the profile names for `repository_id`: commits and branches carrying
    issue keys, under the repository's own fields as Jira stores them (else the directory's name
    and the origin remote's URL). StoreError says what stopped it."""
    from tui.api.git_local import GitError, origin_url, read_repository
    from tui.store.devinfo_build import Links, entities_of
    from tui.store.devinfo_push import SequenceLedger, push

    service = store.devinfo
    path = local_path(store, repository_id)
    if service is None or service.profile is None or path is None:
        raise StoreError(f"The profile names no local checkout for repository {repository_id}.")
    try:
        stored: Repository | None = await service.repository(repository_id, refresh=True)
    except NotFound:
        stored = None
    try:
        url = stored.url if stored is not None else await origin_url(path)
        if not url:
            raise StoreError(f"{path} has no web-style origin remote: push it once with "
                             "`jiradash devinfo push --url`.")
        local = await read_repository(path)
    except GitError as exc:
        raise StoreError(f"Cannot read the git repository at {path}: {exc}") from None
    url = url.rstrip("/")
    if stored is not None:  # its own fields as Jira has them (name, fork-of, avatar...) stay
        repository = msgspec.structs.replace(stored, update_sequence_id=0, commits=(), branches=(),
                                             pull_requests=())
    else:
        repository = Repository(id=repository_id, name=path.resolve().name, url=url, update_sequence_id=0)
    ledger = SequenceLedger(ledger_path(service.profile, repository_id))
    report = await push(service, repository, entities_of(local, Links(url)), ledger, progress=progress)
    remember(store, repository_id)
    return report
