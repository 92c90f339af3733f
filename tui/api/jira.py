"""The Jira platform REST client: `JiraApi` builds `Call`s for one API shape and decodes answers.

Shapes: "3" (Cloud: ADF, accountIds, `/search/jql` with `nextPageToken`), "2" (Server/DC: wiki
strings, usernames, `/search` with `startAt`/`total`) and "2.0.alpha1" (seed 001: wrapped fields).
`detect_shape` reads `serverInfo`. Writes live in `jira_writes.py`; decoders in `jira_decode*.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import msgspec

from tui.api import jira_decode as d
from tui.api import wire as w
from tui.api.call import Call, read
from tui.models import (
    Filter,
    Issue,
    IssueLinkType,
    Priority,
    Project,
    SearchPage,
    ServerInfo,
    Transition,
    User,
)

if TYPE_CHECKING:  # the 2.0.alpha1 decoders load only when a legacy server answers
    from tui.api.jira_decode_legacy import LegacyLookups

Shape = Literal["3", "2", "2.0.alpha1"]
LEGACY: Shape = "2.0.alpha1"
API_PATHS: dict[str, str] = {"3": "/rest/api/3", "2": "/rest/api/2", LEGACY: "/rest/api/2.0.alpha1"}
SEARCH_FIELDS: tuple[str, ...] = (
    "summary", "issuetype", "status", "priority", "assignee", "reporter",
    "created", "updated", "duedate", "labels", "resolution", "project",
)
# `transitions.fields` too, so a transition that asks for fields needs no second request
ISSUE_EXPAND = "renderedFields,names,transitions,transitions.fields,changelog"
DEFAULT_PAGE_SIZE = 100

S = TypeVar("S")


def decoder(kind: type[S]) -> Callable[[bytes], S]:
    dec = msgspec.json.Decoder(kind)
    return dec.decode


_server_info = decoder(w.WServerInfo)


def server_info_call(api_path: str = "/rest/api/2") -> Call[w.WServerInfo]:
    return read(f"{api_path}/serverInfo", _server_info)


def detect_shape(info: w.WServerInfo) -> Shape:
    """Cloud speaks v3; Jira before 5.0 only had 2.0.alpha1; everything else speaks v2."""
    if info.deployment_type.lower() == "cloud":
        return "3"
    major = info.version_numbers[0] if info.version_numbers else _major(info.version)
    if major is not None and major < 5:
        return LEGACY
    return "2"


def _major(version: str) -> int | None:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


class JiraApi:
    """Requests and decoders for one shape of one site. Holds no connection and no secret."""

    def __init__(self, base_url: str, shape: Shape, *, lookups: LegacyLookups | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.shape: Shape = shape
        self.api = API_PATHS[shape]
        self.lookups = lookups  # what legacy issues omit (the Store fills it on connect)
        self._legacy = shape == LEGACY
        self._flavour: d.Flavour = "3" if shape == "3" else "2"
        self._issue_dec: Callable[[bytes], object]
        self._offset_dec: Callable[[bytes], object]
        if self._legacy:
            from tui.api import wire_legacy as lw

            self._issue_dec, self._offset_dec = decoder(lw.LIssue), decoder(lw.LSearch)
        else:
            self._issue_dec, self._offset_dec = decoder(w.WIssue), decoder(w.WSearchOffset)
        self._token_dec = decoder(w.WSearchToken)
        self._user_dec = decoder(w.WUser)
        self._users_dec = decoder(list[w.WUser])

    def _legacy_lookups(self) -> LegacyLookups:
        from tui.api.jira_decode_legacy import LegacyLookups

        if self.lookups is None:
            self.lookups = LegacyLookups()
        return self.lookups

    @property
    def token_search(self) -> bool:
        """Cloud pages by `nextPageToken`, one after another; the others by `startAt`."""
        return self.shape == "3"

    def browse_url(self, key: str) -> str:
        return f"{self.base_url}/browse/{key}"

    # --- reads --------------------------------------------------------------------------

    def server_info(self) -> Call[ServerInfo]:
        shape = self.shape
        return read(f"{self.api}/serverInfo", lambda b: d.server_info(_server_info(b), shape))

    def myself(self) -> Call[User]:
        """Who we are: `myself`, or on 2.0.alpha1 (which has none) the auth session resource."""

        def decode(raw: bytes) -> User:
            found = d.user(self._user_dec(raw))
            assert found is not None
            return found

        if self._legacy:
            return read("/rest/auth/1/session", decode)
        return read(f"{self.api}/myself", decode)

    def search_offset(
        self, jql: str, start_at: int, max_results: int = DEFAULT_PAGE_SIZE, fields: Sequence[str] = SEARCH_FIELDS
    ) -> Call[SearchPage]:
        body: dict[str, Any] = {"jql": jql, "startAt": start_at, "maxResults": max_results}
        if not self._legacy:
            body["fields"] = list(fields)
        return Call("POST", f"{self.api}/search", self._decode_offset, json=body, safe=True, jql=jql)

    def _decode_offset(self, raw: bytes) -> SearchPage:
        if self._legacy:
            from tui.api import jira_decode_legacy as ld
            from tui.api import wire_legacy as lw

            lpage = self._offset_dec(raw)
            assert isinstance(lpage, lw.LSearch)
            lookups = self._legacy_lookups()
            issues = tuple(ld.summary(i, lookups) for i in lpage.issues)
            start, total = lpage.start_at, lpage.total
        else:
            page = self._offset_dec(raw)
            assert isinstance(page, w.WSearchOffset)
            issues = tuple(d.summary(i) for i in page.issues)
            start, total = page.start_at, page.total
        last = total is None or start + len(issues) >= total or not issues
        return SearchPage(issues=issues, start_at=start, total=total, is_last=last)

    def search_token(
        self, jql: str, token: str | None, start_at: int, max_results: int = DEFAULT_PAGE_SIZE,
        fields: Sequence[str] = SEARCH_FIELDS,
    ) -> Call[SearchPage]:
        body: dict[str, Any] = {"jql": jql, "maxResults": max_results, "fields": list(fields)}
        if token:
            body["nextPageToken"] = token

        def decode(raw: bytes) -> SearchPage:
            page = self._token_dec(raw)
            issues = tuple(d.summary(i) for i in page.issues)
            last = page.is_last or not page.next_page_token
            return SearchPage(issues=issues, start_at=start_at, total=None,
                              next_page_token=page.next_page_token, is_last=last)

        return Call("POST", f"{self.api}/search/jql", decode, json=body, safe=True, jql=jql)

    def issue(self, key: str) -> Call[Issue]:
        expand = "html,transitions" if self._legacy else ISSUE_EXPAND
        return read(f"{self.api}/issue/{key}", self._decode_issue, params=(("expand", expand),))

    def _decode_issue(self, raw: bytes) -> Issue:
        if self._legacy:
            from tui.api import jira_decode_legacy as ld
            from tui.api import wire_legacy as lw

            legacy = self._issue_dec(raw)
            assert isinstance(legacy, lw.LIssue)
            return ld.issue(legacy, self._legacy_lookups(), self.base_url)
        bean = self._issue_dec(raw)
        assert isinstance(bean, w.WIssue)
        return d.issue(bean, self._flavour, self.base_url)

    def transitions(self, key: str) -> Call[list[Transition]]:
        if self._legacy:
            from tui.api import jira_decode_legacy as ld
            from tui.api import wire_legacy as lw

            dec_map = decoder(dict[str, lw.LTransition])
            return read(f"{self.api}/issue/{key}/transitions",
                        lambda b: list(ld.transitions(dec_map(b), self._legacy_lookups())))
        dec = decoder(w.WTransitions)
        return read(f"{self.api}/issue/{key}/transitions",
                    lambda b: [d.transition(t) for t in dec(b).transitions],
                    params=(("expand", "transitions.fields"),))

    def _user_list(self, path: str, params: tuple[tuple[str, str], ...]) -> Call[list[User]]:
        return read(path, lambda b: [u for u in (d.user(x) for x in self._users_dec(b)) if u is not None],
                    params=params)

    def assignable_users(self, key: str, query: str = "") -> Call[list[User]]:
        name = "query" if self.shape == "3" else "username"
        return self._user_list(f"{self.api}/user/assignable/search", (("issueKey", key), (name, query)))

    def users(self, query: str) -> Call[list[User]]:
        name = "query" if self.shape == "3" else "username"
        return self._user_list(f"{self.api}/user/search", ((name, query),))

    def priorities(self) -> Call[list[Priority]]:
        dec = decoder(list[w.WNamed])
        return read(f"{self.api}/priority", lambda b: [Priority(id=p.id, name=p.name) for p in dec(b)])

    def link_types(self) -> Call[list[IssueLinkType]]:
        dec = decoder(w.WLinkTypes)
        return read(f"{self.api}/issueLinkType", lambda b: [d.link_type(t) for t in dec(b).issue_link_types])

    def projects_for_create(self) -> Call[list[Project]]:
        dec = decoder(w.WCreateMeta)
        return read(f"{self.api}/issue/createmeta", lambda b: [d.create_project(p) for p in dec(b).projects])

    def favourite_filters(self) -> Call[list[Filter]]:
        dec = decoder(list[w.WFilter])
        return read(f"{self.api}/filter/favourite", lambda b: [d.filter_(f) for f in dec(b)])

    def jql_autocomplete(self) -> Call[dict[str, Any]]:
        dec = decoder(dict[str, Any])
        return read(f"{self.api}/jql/autocompletedata", dec)

    def jql_suggestions(self, field: str, prefix: str) -> Call[list[str]]:
        dec = decoder(w.WSuggestions)
        return read(f"{self.api}/jql/autocompletedata/suggestions", lambda b: [s.value for s in dec(b).results],
                    params=(("fieldName", field), ("fieldValue", prefix)))
