"""Command palette (`ctrl+p`) providers: screens, actions here, recent issues, filters, profiles.

The providers reach the app through a small protocol (this module cannot import `tui.app`,
which imports it). Server text (issue summaries, filter names) is shown as plain `Text` after
`safe_line`: the fuzzy matcher's own highlighter parses markup, so it never sees server text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import Any, Protocol, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.models import Filter
from tui.modes import MODE_KEYS, MODE_TITLES
from tui.render.safe import safe_line
from tui.session import Session
from tui.store.errors import StoreError

__all__ = ["PROVIDERS"]


class _Jiradash(Protocol):
    """What the providers use of `tui.app.JiradashApp`."""

    session: Session
    store: Any
    recent_issues: list[str]

    def mode_available(self, mode: str) -> bool: ...
    def action_switch_screen_key(self, key: str) -> Awaitable[None]: ...
    def open_issue(self, key: str) -> None: ...
    def search_jql(self, jql: str) -> Awaitable[None]: ...
    def switch_profile(self, name: str) -> None: ...


Command = Callable[[], Any]


class _ListProvider(Provider):
    """A provider over a fixed list of (label, help, command), matched fuzzily on the label."""

    def items(self) -> Iterator[tuple[str, str, Command]]:
        raise NotImplementedError

    @property
    def jiradash(self) -> _Jiradash:
        return cast(_Jiradash, self.app)

    async def discover(self) -> Hits:
        for label, help_text, command in self.items():
            yield DiscoveryHit(Text(label), command, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, command in self.items():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, Text(label), command, text=label, help=help_text)


class ScreensProvider(_ListProvider):
    def items(self) -> Iterator[tuple[str, str, Command]]:
        for key, mode in MODE_KEYS.items():
            if self.jiradash.mode_available(mode):
                yield (
                    f"Go to {MODE_TITLES[mode]}",
                    f"screen {key}",
                    partial(self.jiradash.action_switch_screen_key, key),
                )


class ActionsProvider(_ListProvider):
    """Every action the screen underneath offers (on the current issue or the selected ones)."""

    def items(self) -> Iterator[tuple[str, str, Command]]:
        seen: set[tuple[int, str]] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if active.node is self.app or binding.system or not binding.description:
                continue
            if not active.enabled or (id(active.node), binding.action) in seen:
                continue
            seen.add((id(active.node), binding.action))
            shown = self.app.get_key_display(binding)
            run = partial(self.app.run_action, binding.action, active.node)
            yield binding.description, f"key {shown}", run


class RecentIssuesProvider(_ListProvider):
    def items(self) -> Iterator[tuple[str, str, Command]]:
        store = self.jiradash.store
        for key in self.jiradash.recent_issues:
            issue = store.cached_issue(key)
            label = f"{key} {safe_line(issue.summary)}" if issue is not None else key
            yield label, "recent issue", partial(self.jiradash.open_issue, key)


class FiltersProvider(_ListProvider):
    """Favourite filters, fetched once per palette opening (the store caches them)."""

    filters: tuple[Filter, ...] = ()

    async def startup(self) -> None:
        try:
            self.filters = tuple(await self.jiradash.store.favourite_filters())
        except StoreError:
            self.filters = ()

    def items(self) -> Iterator[tuple[str, str, Command]]:
        for found in self.filters:
            yield (
                f"Filter: {safe_line(found.name)}",
                safe_line(found.jql),
                partial(self.jiradash.search_jql, found.jql),
            )


class ProfilesProvider(_ListProvider):
    def items(self) -> Iterator[tuple[str, str, Command]]:
        current = self.jiradash.session.profile
        for name in self.jiradash.session.profiles:
            if name != current:
                yield (
                    f"Switch to profile {name}",
                    "restarts the dashboard",
                    partial(self.jiradash.switch_profile, name),
                )


PROVIDERS: tuple[type[Provider], ...] = (
    ScreensProvider,
    ActionsProvider,
    RecentIssuesProvider,
    FiltersProvider,
    ProfilesProvider,
)
