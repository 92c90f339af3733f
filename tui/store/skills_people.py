"""The people behind Skills for Jira's account ids, and their open-issue load, through the Store.

- `people(store, ids)`: each id's Jira user (display name, e-mail) from `/rest/api/3/user/bulk`,
  100 ids a request, the requests concurrent; each person is kept in the Store's memory cache
  (`people:ID`), so the matrix opens the second time without a request. Ids Jira does not know
  are absent from the answer.
- `jira_users(store, people, pool)`: the same people as this site's Jira API names them, for JQL
  and for assigning. Read as Cloud (v3) they are the same users; a site read as Data Center
  (v2: users by username, as the demo reads the sandbox) is matched by e-mail against `pool`
  (e.g. an issue's assignable users) or, without one, a user search per person.
- `open_issue_counts(store, users)`: ONE search, `assignee in (...) AND statusCategory != Done`,
  counted per assignee on this side.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tui.api.users_bulk import MAX_IDS, users_bulk
from tui.models import User

if TYPE_CHECKING:
    from tui.store.store import Store

__all__ = ["jira_users", "jql_string", "open_issue_counts", "open_issues_jql", "people"]


def _key(account_id: str) -> str:
    return f"people:{account_id}"


async def people(store: Store, account_ids: Iterable[str], *, refresh: bool = False) -> dict[str, User]:
    """Account id -> Jira user, for the ids Jira knows."""
    found: dict[str, User] = {}
    missing: list[str] = []
    for account_id in dict.fromkeys(account_ids):
        entry = None if refresh else store.cache.get(_key(account_id), User)
        if entry is not None and not entry.invalidated:
            found[account_id] = entry.value
        else:
            missing.append(account_id)
    if not missing:
        store.stats.cache_hits += 1
        return found
    store.stats.cache_misses += 1
    chunks = [missing[i : i + MAX_IDS] for i in range(0, len(missing), MAX_IDS)]
    pages = await asyncio.gather(*(store.http.run(users_bulk(chunk)) for chunk in chunks))
    for page in pages:
        for user in page.value or ():
            found[user.account_id] = user
            store.cache.put(_key(user.account_id), user, persist=False)
    return found


def _email(user: User) -> str:
    return (user.email or "").strip().lower()


async def jira_users(
    store: Store, persons: Sequence[User], pool: Sequence[User] | None = None
) -> dict[str, User]:
    """Skills account id -> the Jira user this site's API knows them as (those it could match)."""
    if store.server is not None and store.server.api_shape == "3":
        return {p.account_id: p for p in persons}
    if pool is None:
        found = await asyncio.gather(*(store.users(_email(p) or p.display_name) for p in persons))
        candidates = [u for users in found for u in users]
    else:
        candidates = list(pool)
    by_email = {_email(u): u for u in candidates if _email(u)}
    return {p.account_id: by_email[_email(p)] for p in persons if _email(p) in by_email}


def jql_string(value: str) -> str:
    """A JQL string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def open_issues_jql(users: Sequence[User]) -> str:
    names = ", ".join(jql_string(u.account_id) for u in users)
    return f"assignee in ({names}) AND statusCategory != Done"


async def open_issue_counts(store: Store, users: Sequence[User]) -> dict[str, int]:
    """Jira account id -> how many unresolved issues are assigned to them (0 included)."""
    users = list({u.account_id: u for u in users}.values())
    if not users:
        return {}
    # A cached copy comes first; the fresh pages replace it, unless the server says it is unchanged.
    counts: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    fresh = False
    single = len(users) == 1
    async for page in store.search(open_issues_jql(users), fields=("assignee",)):
        if single and page.total is not None and not page.from_cache:
            return {users[0].account_id: page.total}  # the server counted: no further page needed
        fresh = fresh or not page.from_cache
        counts[page.from_cache].update(issue.assignee for issue in page.issues)
    counted = counts[not fresh]
    # Search rows name the assignee by display name; two people of the same name share a count.
    return {u.account_id: counted[u.display_name] for u in users}
