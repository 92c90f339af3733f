"""`GET /rest/api/3/user/bulk`: many people by Atlassian account id, in one request per page.

Skills for Jira names people by Cloud account ids, so their display names come from Jira
Cloud's bulk user lookup, always on the v3 path (whatever shape the rest of the site is read
in): a user there carries its `accountId`, so every answer maps back to the id asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from tui.api import jira_decode as d
from tui.api import wire as w
from tui.api.call import Call, read
from tui.models import User

PATH = "/rest/api/3/user/bulk"
MAX_IDS = 100  # account ids per request: keeps the URL short (each id is up to 128 characters)


class _UserPage(msgspec.Struct, kw_only=True):
    values: list[w.WUser] = []


_decode_page = msgspec.json.Decoder(_UserPage).decode


def _users(body: bytes) -> list[User]:
    out = []
    for raw in _decode_page(body).values:
        found = d.user(raw)
        if found is not None and raw.account_id:
            out.append(found)
    return out


def users_bulk(account_ids: Sequence[str]) -> Call[list[User]]:
    """One page of at most `MAX_IDS` people; ids Jira does not know are simply absent."""
    ids = list(dict.fromkeys(account_ids))[:MAX_IDS]
    params = (*(("accountId", a) for a in ids), ("maxResults", str(len(ids))))
    return read(PATH, _users, params=params)
