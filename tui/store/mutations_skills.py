"""Skills for Jira mutations: add, remove, and the bulk update that replaces whole skill sets.

Each names the cache keys it invalidates: `skills` (the matrix: every user's skills and the
tree's experts) and `skills:ACCOUNT` for each user it touches. All three are idempotent (sets
in, sets out), so the store may retry them. `BulkUpdateSkills` always carries each named user's
COMPLETE new set — the API replaces a named user's whole set, so a partial list would silently
drop skills — together with the set the user saw when staging (`base`), from which the expected
`changes` follow and against which the store checks that nobody changed those users meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from tui.models.skills import UserChange, diff_sets
from tui.store.mutations import Mutation


class SkillsMutation(Mutation, frozen=True, kw_only=True):
    idempotent: ClassVar[bool] = True

    def accounts(self) -> tuple[str, ...]:
        raise NotImplementedError

    def invalidates(self) -> frozenset[str]:
        return frozenset({"skills", *(f"skills:{a}" for a in self.accounts())})


class AddSkills(SkillsMutation, frozen=True, kw_only=True):
    account_id: str
    skills: tuple[str, ...]
    display_name: str = ""

    def accounts(self) -> tuple[str, ...]:
        return (self.account_id,)

    def describe(self) -> str:
        return f"{self.display_name or self.account_id}: added {', '.join(self.skills)}"


class RemoveSkills(SkillsMutation, frozen=True, kw_only=True):
    account_id: str
    skills: tuple[str, ...]
    display_name: str = ""

    def accounts(self) -> tuple[str, ...]:
        return (self.account_id,)

    def describe(self) -> str:
        return f"{self.display_name or self.account_id}: removed {', '.join(self.skills)}"


class BulkUpdateSkills(SkillsMutation, frozen=True, kw_only=True):
    """Replace the skill sets of the users in `skills_by_account`; every other user is untouched."""

    skills_by_account: Mapping[str, tuple[str, ...]]  # each user's complete new set
    base: Mapping[str, tuple[str, ...]]  # each user's set as it was when the edit was staged

    def __post_init__(self) -> None:
        missing = [a for a in self.skills_by_account if a not in self.base]
        if missing:
            raise ValueError(f"BulkUpdateSkills needs the staged-from set of {missing}")

    @classmethod
    def from_staged(
        cls, current: Mapping[str, Iterable[str]], staged: Mapping[str, Iterable[str]]
    ) -> BulkUpdateSkills:
        """From everyone's current sets and the staged complete sets: only users who change."""
        new = {a: tuple(dict.fromkeys(s)) for a, s in staged.items()}
        old = {a: tuple(current.get(a, ())) for a in new}
        changed = diff_sets(old, new)
        return cls(
            skills_by_account={a: new[a] for a in new if a in changed},
            base={a: old[a] for a in new if a in changed},
        )

    def expected(self) -> dict[str, UserChange]:
        """The `changes` the server should answer: the staged diff."""
        return diff_sets(self.base, self.skills_by_account)

    def accounts(self) -> tuple[str, ...]:
        return tuple(self.skills_by_account)

    def describe(self) -> str:
        n = len(self.skills_by_account)
        return f"skills of {n} user{'s' if n != 1 else ''} updated"
