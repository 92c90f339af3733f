"""The sandbox's JQL engine: parse, check against a `World`, filter and sort issues.

    query = compile_jql('project = ABC AND text ~ "login" ORDER BY updated DESC',
                        world, current_user=account_id, now=datetime.now(UTC))
    page = query.filter_sorted(world.issues.values())[start:start + size]

`compile_jql` raises `JqlError` (with every message in `.messages`) for anything Jira's search
would refuse with a 400, including values that do not exist. `analyse_jql` reports errors and
warnings separately, as `POST /rest/api/3/jql/parse` needs. Issues of archived projects and of
projects in the trash never match. Without ORDER BY, results come `created DESC` (ties newest first);
ties under an explicit ORDER BY keep creation order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui.sandbox.jql.errors import JqlError
from tui.sandbox.jql.evaluate import Compiler
from tui.sandbox.jql.fields import field_named
from tui.sandbox.jql.lookups import Lookups
from tui.sandbox.jql.nodes import Query
from tui.sandbox.jql.order import DEFAULT_DESC, SortKey, apply_order, sort_key
from tui.sandbox.jql.parser import parse
from tui.sandbox.jql.predicates import Predicate
from tui.sandbox.jql.structure import query_structure
from tui.sandbox.jql.text import warm
from tui.sandbox.world import SandboxIssue, World

__all__ = [
    "Analysis",
    "CompiledQuery",
    "JqlError",
    "analyse_jql",
    "compile_jql",
    "parse_jql",
    "warm_text_cache",
]

parse_jql = parse
warm_text_cache = warm


@dataclass
class CompiledQuery:
    text: str
    query: Query
    predicate: Predicate
    sorters: list[tuple[SortKey, bool]]
    order: list[tuple[str, str]]  # (field, "asc"/"desc") as applied
    newest_ties: bool  # ties newest first (the default order) rather than in creation order
    time_dependent: bool  # the result depends on `now` (relative dates, date functions)

    def matches(self, issue: SandboxIssue) -> bool:
        return self.predicate(issue)

    def filter_sorted(self, issues: Iterable[SandboxIssue]) -> list[SandboxIssue]:
        predicate = self.predicate
        found = [issue for issue in issues if predicate(issue)]
        apply_order(found, self.sorters, self.newest_ties)
        return found

    def structure(self) -> dict[str, Any]:
        return query_structure(self.query)


@dataclass
class Analysis:
    text: str
    query: Query | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    compiled: CompiledQuery | None = None
    syntax_error: JqlError | None = None  # the parser's error, position included


def analyse_jql(text: str, world: World, *, current_user: str | None, now: datetime) -> Analysis:
    """Parse and check `text`; never raises for bad JQL."""
    try:
        query = parse(text)
    except JqlError as exc:
        return Analysis(text, None, errors=list(exc.messages), syntax_error=exc)
    lookups = Lookups(world)
    compiler = Compiler(world, lookups, current_user, now)
    predicate = compiler.clause(query.where) if query.where is not None else _everything
    hidden = lookups.hidden_projects
    if hidden:
        inner = predicate
        predicate = lambda issue: issue.project_key not in hidden and inner(issue)  # noqa: E731
    sorters: list[tuple[SortKey, bool]] = []
    order: list[tuple[str, str]] = []
    if query.order_by is None:
        sorters = [(sort_key(_field("created"), lookups), True)]
        order = [("created", "desc")]
    else:
        for item in query.order_by:
            definition = field_named(item.field)
            if definition is None:
                compiler.errors.append(
                    f"Field '{item.field}' does not exist or you do not have permission to view it."
                )
                continue
            if not definition.orderable:
                compiler.errors.append(f"Not able to sort using field '{item.field}'.")
                continue
            descending = (
                item.direction == "desc" if item.direction else definition.name in DEFAULT_DESC
            )
            sorters.append((sort_key(definition, lookups), descending))
            order.append((definition.name, "desc" if descending else "asc"))
    analysis = Analysis(text, query, compiler.errors, compiler.warnings)
    analysis.compiled = CompiledQuery(
        text,
        query,
        predicate,
        sorters,
        order,
        newest_ties=query.order_by is None,
        time_dependent=compiler.time_dependent,
    )
    return analysis


def compile_jql(
    text: str, world: World, *, current_user: str | None, now: datetime
) -> CompiledQuery:
    """Compile `text` for `world`; raises `JqlError` for anything Jira's search would refuse."""
    analysis = analyse_jql(text, world, current_user=current_user, now=now)
    if analysis.syntax_error is not None:
        raise analysis.syntax_error
    problems = analysis.errors + analysis.warnings
    if problems or analysis.compiled is None:
        raise JqlError(problems[0], None, problems)
    return analysis.compiled


def _everything(_issue: SandboxIssue) -> bool:
    return True


def _field(name: str) -> Any:
    definition = field_named(name)
    assert definition is not None
    return definition
