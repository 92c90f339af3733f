"""Records shared by every API: users, rich-text bodies, and what the server said about itself."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

BodyKind = Literal["adf", "wiki", "html", "text"]


class User(msgspec.Struct, frozen=True, kw_only=True):
    """A Jira user. `account_id` on Cloud; on Server/DC it holds the username (the user key)."""

    account_id: str
    display_name: str
    email: str | None = None
    active: bool = True
    avatar_url: str | None = None
    time_zone: str | None = None


class Body(msgspec.Struct, frozen=True, kw_only=True):
    """Rich text as the server sent it: an ADF document (v3), wiki markup (v2), or HTML / plain."""

    kind: BodyKind
    text: str = ""
    adf: Any = None

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.adf


class ServerInfo(msgspec.Struct, frozen=True, kw_only=True):
    base_url: str
    version: str
    deployment_type: str  # "Cloud", "Server" or "DataCenter"
    server_title: str = ""
    api_shape: Literal["3", "2", "2.0.alpha1"] = "3"
