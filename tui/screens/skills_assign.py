"""Skill-aware assignment: the assign picker's suggested people, ranked by their skills.

A `CandidateSource` for `tui.screens.actions.assign` (registered there). For the issue (or the
first few of several) it ranks everyone's Skills for Jira skills against the labels, components,
issue type and summary words (`rank_assignees`), takes the best few, finds them in Jira (one
bulk user lookup, cached) and counts their open issues with ONE search (`assignee in (...) AND
statusCategory != Done`), then ranks again with that load. Each candidate's reason names the
matched skills with their levels and the load. Requests: everyone's skills (cached after the
first), the people (cached), the search — and on a site read as Data Center, the issue's
assignable users the picker asks for anyway, to match people by e-mail.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.models import User
from tui.models.skill_grid import describe_name
from tui.models.skill_match import IssueTerms, Suggestion, rank_assignees, terms_of_issue
from tui.store.skills_people import jira_users, open_issue_counts, people

if TYPE_CHECKING:
    from tui.screens.actions.assign import Candidate
    from tui.store.store import Store

__all__ = ["POOL", "SHOWN", "merged_terms", "reason", "skill_candidates"]

POOL = 8  # ranked on skills alone, then looked up and weighed by their load
SHOWN = 5
MAX_ISSUES = 5  # several issues assigned at once: the terms of the first few


def merged_terms(terms: Sequence[IssueTerms]) -> IssueTerms:
    return IssueTerms(
        labels=tuple(dict.fromkeys(t for it in terms for t in it.labels)),
        components=tuple(dict.fromkeys(c for it in terms for c in it.components)),
        issue_type=terms[0].issue_type if terms else "",
        summary=" ".join(it.summary for it in terms),
    )


def reason(suggestion: Suggestion) -> str:
    """`3 open · Tech Debt (Expert) for label tech-debt; API for component API` (the load first:
    a narrow picker cuts the end of the line)."""
    parts = []
    for match in suggestion.matches[:3]:
        skill = describe_name(match.skill)
        parts.append(f"{skill} in summary" if match.via == "summary" else f"{skill} for {match.via} {match.term}")
    return f"{suggestion.open_issues} open · " + "; ".join(parts)


def _wanted(user: User, query: str) -> bool:
    hay = f"{user.display_name} {user.email or ''}".lower()
    return all(word in hay for word in query.lower().split())


async def skill_candidates(store: Store, keys: Sequence[str], query: str) -> Sequence[Candidate]:
    from tui.screens.actions.assign import Candidate

    skills = store.skills
    if skills is None or not keys:
        return []
    issues = await asyncio.gather(*(store.issue(k) for k in keys[:MAX_ISSUES]))
    terms = merged_terms([terms_of_issue(i) for i in issues])
    everyone = await skills.all_skills()
    first = rank_assignees(terms, everyone, limit=POOL)
    if not first:
        return []
    persons = await people(store, [s.account_id for s in first])
    pool = None
    if store.server is not None and store.server.api_shape != "3":
        pool = await store.assignable_users(keys[0], "")
    jira = await jira_users(store, [persons[s.account_id] for s in first if s.account_id in persons], pool)
    by_jira = await open_issue_counts(store, list(jira.values()))
    load = {account_id: by_jira.get(user.account_id, 0) for account_id, user in jira.items()}
    ranked = rank_assignees(terms, everyone, load, candidates=list(jira), limit=SHOWN)
    return [
        Candidate(jira[s.account_id], reason=reason(s), score=s.score)
        for s in ranked
        if not query or _wanted(jira[s.account_id], query)
    ]
