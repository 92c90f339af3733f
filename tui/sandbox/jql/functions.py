"""Values of the list and user JQL functions: currentUser(), membersOf(), issue-type, version
and linked-issue functions. (Date functions live in `dates.py`.)

Groups: the sandbox has no group store, so `membersOf` knows Jira's default groups —
`jira-administrators` (site admins) and `jira-users`/`jira-software-users` (every active user).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tui.sandbox.jql.lookups import Lookups
from tui.sandbox.jql.nodes import Function
from tui.sandbox.world import World

ADMIN_GROUPS = frozenset({"jira-administrators", "site-admins", "administrators", "jira-admins"})
USER_GROUPS = frozenset(
    {"jira-users", "jira-software-users", "users", "jira-core-users", "jira-servicedesk-users"}
)


def function_values(
    fn: Function,
    world: World,
    lookups: Lookups,
    current_user: str | None,
    error: Callable[[str], object],
) -> set[str]:
    """The ids (account ids, issue type ids, version ids, issue keys) a function stands for."""
    name = fn.name.lower()
    if name == "currentuser":
        return {current_user} if current_user else set()
    if name == "membersof":
        group = fn.args[0].lower()
        if group in ADMIN_GROUPS:
            return {a for a, u in world.users.items() if u.admin}
        if group in USER_GROUPS:
            return {a for a, u in world.users.items() if u.active}
        error(
            f"Function 'membersOf' can not generate a list of usernames for group "
            f"'{fn.args[0]}'; the group does not exist."
        )
        return set()
    if name in ("standardissuetypes", "subtaskissuetypes"):
        want = name == "subtaskissuetypes"
        return {t.id for t in world.issue_types.values() if t.subtask == want}
    if name in ("releasedversions", "unreleasedversions"):
        released = name == "releasedversions"
        keys: Iterable[str]
        if fn.args:
            keys = lookups.projects.get(fn.args[0].lower(), set())
            if not keys:
                error(
                    f"Could not resolve the project '{fn.args[0]}' provided to function "
                    f"'{fn.name}'."
                )
        else:
            keys = [k for k in world.projects if k not in lookups.hidden_projects]
        return {
            v.id
            for k in keys
            for v in world.projects[k].versions
            if v.released == released and not v.archived
        }
    if name == "linkedissues":
        return _linked(fn, world, error)
    error(f"Unable to find JQL function '{fn.name}()'.")
    return set()


def _linked(fn: Function, world: World, error: Callable[[str], object]) -> set[str]:
    key = fn.args[0].upper()
    if key not in world.issues:
        error(f"Issue '{fn.args[0]}' could not be found in function 'linkedIssues'.")
        return set()
    wanted = fn.args[1].lower() if len(fn.args) > 1 else None
    found: set[str] = set()
    for link in world.links.values():
        if wanted is not None:
            kind = world.link_types.get(link.type_id)
            names = (
                {kind.name.lower(), kind.inward.lower(), kind.outward.lower()} if kind else set()
            )
            if wanted not in names:
                continue
        if link.outward_key == key:
            found.add(link.inward_key)
        elif link.inward_key == key:
            found.add(link.outward_key)
    return found
