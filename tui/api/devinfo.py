"""The devinfo 0.10 client: the six operations as `httpx.Request`s, their decoders, and errors.

`DevinfoApi(root)` builds requests against `root` (the site's `/rest/devinfo/0.10`, or another
root a profile names); the credentials are the client's `httpx.Auth`
(`tui.api.devinfo_auth`), never Jira's. The store (`tui.store.devinfo`) sends, retries and
caches. Refusals come back as the API's ErrorMessages (`{"errorMessages": [{"message": ...}]}`);
`devinfo_error` turns them into the store's typed errors with the server's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import httpx
import msgspec

from tui.api.errors import error_for, looks_like_html, undecodable
from tui.models.devinfo import DevInformation, EntityType, Repository, StoreResult
from tui.store.errors import AuthError, Forbidden, NotFound, StoreError, ValidationError

ROOT_PATH = "/rest/devinfo/0.10"
ENV_CLIENT_ID = "JIRA_DEVINFO_CLIENT_ID"
ENV_CLIENT_SECRET = "JIRA_DEVINFO_CLIENT_SECRET"
ENV_TOKEN_URL = "JIRA_DEVINFO_TOKEN_URL"
ENV_APP_KEY = "JIRA_DEVINFO_APP_KEY"
ENV_SHARED_SECRET = "JIRA_DEVINFO_SHARED_SECRET"


class _Message(msgspec.Struct):
    message: str = ""


class _ErrorMessages(msgspec.Struct, rename="camel"):
    error_messages: list[_Message | str] = []


class _Exists(msgspec.Struct, rename="camel"):
    has_data_matching_properties: bool


def _segment(value: str) -> str:
    return quote(value, safe="")


def _bound(update_sequence_id: int | None) -> dict[str, str]:
    return {} if update_sequence_id is None else {"_updateSequenceId": str(update_sequence_id)}


class DevinfoApi:
    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/")

    def _request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                 body: DevInformation | None = None) -> httpx.Request:
        headers = {"Accept": "application/json"}
        content = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            content = msgspec.json.encode(body)
        return httpx.Request(method, self.root + path, params=dict(params or {}), headers=headers,
                             content=content)

    def store(self, body: DevInformation) -> httpx.Request:
        return self._request("POST", "/bulk", body=body)

    def repository(self, repository_id: str) -> httpx.Request:
        return self._request("GET", f"/repository/{_segment(repository_id)}")

    def delete_repository(self, repository_id: str, update_sequence_id: int | None = None) -> httpx.Request:
        return self._request("DELETE", f"/repository/{_segment(repository_id)}", params=_bound(update_sequence_id))

    def delete_entity(self, repository_id: str, entity_type: EntityType, entity_id: str,
                      update_sequence_id: int | None = None) -> httpx.Request:
        path = f"/repository/{_segment(repository_id)}/{entity_type}/{_segment(entity_id)}"
        return self._request("DELETE", path, params=_bound(update_sequence_id))

    def delete_by_properties(self, properties: Mapping[str, str],
                             update_sequence_id: int | None = None) -> httpx.Request:
        return self._request("DELETE", "/bulkByProperties", params={**properties, **_bound(update_sequence_id)})

    def exists_by_properties(self, properties: Mapping[str, str],
                             update_sequence_id: int | None = None) -> httpx.Request:
        return self._request("GET", "/existsByProperties", params={**properties, **_bound(update_sequence_id)})


def decode_store_result(body: bytes) -> StoreResult:
    return msgspec.json.decode(body, type=StoreResult)


def decode_repository(body: bytes) -> Repository:
    return msgspec.json.decode(body, type=Repository)


def decode_exists(body: bytes) -> bool:
    return msgspec.json.decode(body, type=_Exists).has_data_matching_properties


def decode_nothing(_body: bytes) -> None:
    return None


def server_messages(body: bytes) -> list[str]:
    """The messages of an ErrorMessages body (the platform's plain strings are taken too)."""
    try:
        found = msgspec.json.decode(body, type=_ErrorMessages)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return []
    return [m.message if isinstance(m, _Message) else m for m in found.error_messages if m]


def devinfo_error(status: int, headers: Mapping[str, str], body: bytes) -> StoreError:
    """The typed error for a refused devinfo request, in the server's words where it gave some."""
    if looks_like_html(headers.get("content-type", ""), body) and status < 500:
        return undecodable(status, headers, body)
    said = "; ".join(server_messages(body))
    if status == 400:
        return ValidationError(said or "Jira refused the development information as invalid.")
    if status == 413:
        return StoreError(said or "Too much development information in one request.", status=413)
    if status == 401:
        return AuthError(f"Jira refused the devinfo credentials. {said}".strip(), status=401)
    if status == 403:
        return Forbidden(said or "These devinfo credentials may not do that (missing scope or module).",
                         status=403)
    if status == 404:
        return NotFound(said or "No development information is stored under that repository ID.", status=404)
    return error_for(status, headers, body)
