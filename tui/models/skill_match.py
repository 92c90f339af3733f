"""Skill-aware assignment: rank people for an issue by how well their skills fit it. Pure.

An issue offers terms — its labels, component names, issue type and the words of its summary —
and each person's skills (with levels, `"Python - Expert"`) are matched against them. A skill
matches a term exactly when both read the same once case and punctuation go (`tech-debt` and
`Tech Debt`), partly when one's words contain the other's. Each matched skill scores its kind's
weight times its level's factor; a person's score is the sum over skills (one per skill, at
the best kind and the highest level held), divided by a load factor so that someone already
holding many open issues ranks below an equally skilled person with few.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

import msgspec

from tui.models.issue import Issue
from tui.models.skills import level_rank, split_level

MatchKind = Literal["label", "component", "issue type", "summary"]

# Exact-match weight per kind; a partial match counts half. Labels are the strongest signal.
WEIGHTS: dict[MatchKind, float] = {"label": 4.0, "component": 2.0, "issue type": 1.0, "summary": 0.75}
PARTIAL = 0.5
SUMMARY_CAP = 1.5  # summary words are noisy: together they add at most this much
LOAD_PER_ISSUE = 0.05  # each open issue divides the score by a further 5 %
_STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "in",
     "into", "is", "it", "its", "not", "of", "on", "or", "the", "to", "when", "with", "without",
     "should", "does", "doesnt", "dont", "after", "before", "new", "add", "fix", "use", "via"}
)
_TOKEN = re.compile(r"[0-9a-z+#]+")


def norm(text: str) -> str:
    """Case and punctuation removed: the form in which labels and skill names are compared."""
    return "".join(_TOKEN.findall(text.casefold()))


def words(text: str) -> frozenset[str]:
    """Significant words, lightly stemmed (`tests` -> `test`)."""
    out: set[str] = set()
    for word in _TOKEN.findall(text.casefold()):
        if word in _STOPWORDS:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return frozenset(out)


class IssueTerms(msgspec.Struct, frozen=True, kw_only=True):
    labels: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    issue_type: str = ""
    summary: str = ""


def terms_of_issue(issue: Issue) -> IssueTerms:
    return IssueTerms(
        labels=issue.labels,
        components=tuple(c.name for c in issue.components),
        issue_type=issue.issuetype.name if issue.issuetype else "",
        summary=issue.summary,
    )


class SkillMatch(msgspec.Struct, frozen=True, kw_only=True):
    skill: str  # the name as held, e.g. "Python - Expert"
    via: MatchKind
    term: str  # the issue's label, component, type or summary word that matched
    exact: bool
    score: float

    @property
    def level(self) -> str | None:
        return split_level(self.skill)[1]


class Suggestion(msgspec.Struct, frozen=True, kw_only=True):
    account_id: str
    score: float
    matches: tuple[SkillMatch, ...]
    open_issues: int = 0


def level_factor(level: str | None) -> float:
    """Plain skills 1.0; Beginner 0.95 up to Master 1.25."""
    rank = level_rank(level)
    return 1.0 if rank == 0 else 0.85 + 0.1 * rank


def _term_match(base: str, term: str) -> bool | None:
    """True for an exact match, False for a partial one, None for none."""
    if norm(base) == norm(term):
        return True
    bw, tw = words(base), words(term)
    if bw and tw and (bw <= tw or tw <= bw):
        return False
    return None


def _best_match(base: str, level: str | None, name: str, issue: IssueTerms,
                summary_words: frozenset[str]) -> SkillMatch | None:
    best: SkillMatch | None = None
    factor = level_factor(level)
    terms: list[tuple[MatchKind, str]] = [("label", t) for t in issue.labels]
    terms += [("component", t) for t in issue.components]
    if issue.issue_type:
        terms.append(("issue type", issue.issue_type))
    for kind, term in terms:
        exact = _term_match(base, term)
        if exact is None:
            continue
        score = WEIGHTS[kind] * (1.0 if exact else PARTIAL) * factor
        if best is None or score > best.score:
            best = SkillMatch(skill=name, via=kind, term=term, exact=exact, score=score)
    skill_words = words(base)
    # A one-word skill must be a real word to count from a summary ("Go" would match "go").
    if skill_words and skill_words <= summary_words and (len(skill_words) > 1 or len(base) >= 3):
        score = WEIGHTS["summary"] * factor
        if best is None or score > best.score:
            best = SkillMatch(skill=name, via="summary", term=" ".join(sorted(skill_words)),
                              exact=True, score=score)
    return best


def match_skills(issue: IssueTerms, held: Iterable[str]) -> tuple[tuple[SkillMatch, ...], float]:
    """The skills of one person that fit `issue` (best first) and their summed score."""
    summary_words = words(issue.summary)
    by_base: dict[str, SkillMatch] = {}
    for name in held:
        base, level = split_level(name)
        found = _best_match(base, level, name, issue, summary_words)
        if found is None:
            continue
        key = norm(base)
        if key not in by_base or found.score > by_base[key].score:
            by_base[key] = found
    matches = sorted(by_base.values(), key=lambda m: (-m.score, m.skill))
    summary = min(sum(m.score for m in matches if m.via == "summary"), SUMMARY_CAP)
    return tuple(matches), summary + sum(m.score for m in matches if m.via != "summary")


def rank_assignees(
    issue: IssueTerms,
    skills_by_account: Mapping[str, Iterable[str]],
    open_issues: Mapping[str, int] | None = None,
    *,
    candidates: Iterable[str] | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """People whose skills fit `issue`, best first; `candidates` limits who may be suggested
    (the issue's assignable users). Ties go to the lighter load, then the account id."""
    load = open_issues or {}
    pool = list(candidates) if candidates is not None else list(skills_by_account)
    out: list[Suggestion] = []
    for account_id in dict.fromkeys(pool):
        matches, raw = match_skills(issue, skills_by_account.get(account_id, ()))
        if not matches:
            continue
        n = load.get(account_id, 0)
        out.append(Suggestion(account_id=account_id, score=raw / (1.0 + LOAD_PER_ISSUE * n),
                              matches=matches, open_issues=n))
    out.sort(key=lambda s: (-s.score, s.open_issues, s.account_id))
    return out[:limit] if limit is not None else out
