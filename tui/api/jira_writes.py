"""Writes to the Jira platform API: one function per change, each returning a `Call`.

Markdown typed by the user becomes ADF on v3 (`markdown_to_adf`) and wiki markup elsewhere
(`markdown_to_wiki`). Writes are never `safe`: the http layer sends them exactly once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tui.api import jira_decode as d
from tui.api import wire as w
from tui.api.call import Call, no_content
from tui.api.jira import LEGACY, JiraApi, decoder
from tui.models import Comment, FieldSpec, Worklog
from tui.store.errors import Unsupported

_comment_dec = decoder(w.WComment)
_worklog_dec = decoder(w.WWorklog)
_created_dec = decoder(w.WCreated)
_ID_FIELDS = frozenset({"resolution", "priority", "issuetype", "security"})


def jira_time(value: datetime) -> str:
    """Jira's timestamp format, `2021-01-17T12:34:00.000+0000` (naive values are UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}" + value.strftime("%z")


def rich_text(api: JiraApi, markdown: str) -> Any:
    """What the server stores for text typed as Markdown: ADF on v3, wiki markup elsewhere."""
    if api.shape == "3":
        from tui.render.markdown_adf import markdown_to_adf

        return markdown_to_adf(markdown)
    from tui.render.markdown_wiki import markdown_to_wiki

    return markdown_to_wiki(markdown)


def _modern(api: JiraApi, what: str) -> None:
    if api.shape == LEGACY:
        raise Unsupported(f"This Jira (REST API 2.0.alpha1) cannot {what}.")


def user_ref(api: JiraApi, account_id: str | None) -> dict[str, Any]:
    return {"accountId": account_id} if api.shape == "3" else {"name": account_id}


def field_value(api: JiraApi, field: str, value: str, spec: FieldSpec | None) -> Any:
    """A transition or edit field's JSON from the text or id a form collected."""
    if api.shape == LEGACY:
        return value
    if field == "assignee":
        return user_ref(api, value or None)
    if spec is not None and spec.allowed_values:
        for allowed in spec.allowed_values:
            if value in (allowed.id, allowed.name):
                return {"id": allowed.id}
    if field in _ID_FIELDS or (spec is not None and spec.schema_type in {"priority", "resolution", "option"}):
        return {"id": value} if value.isdigit() else {"name": value}
    if spec is not None and spec.schema_type == "array":
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def transition(
    api: JiraApi, key: str, transition_id: str, fields: Mapping[str, str],
    specs: Mapping[str, FieldSpec], comment: str | None,
) -> Call[None]:
    path = f"{api.api}/issue/{key}/transitions"
    values = {fid: field_value(api, fid, v, specs.get(fid)) for fid, v in fields.items()}
    if api.shape == LEGACY:
        body: dict[str, Any] = {"transition": transition_id, "fields": values}
        if comment:
            body["comment"] = rich_text(api, comment)
        return Call("POST", path, no_content, json=body)
    body = {"transition": {"id": transition_id}}
    if values:
        body["fields"] = values
    if comment:
        body["update"] = {"comment": [{"add": {"body": rich_text(api, comment)}}]}
    return Call("POST", path, no_content, json=body)


def assign(api: JiraApi, key: str, account_id: str | None) -> Call[None]:
    _modern(api, "assign an issue on its own (use a transition)")
    return Call("PUT", f"{api.api}/issue/{key}/assignee", no_content, json=user_ref(api, account_id))


def _comment(api: JiraApi, raw: bytes) -> Comment:
    return d.comment(_comment_dec(raw), "3" if api.shape == "3" else "2")


def add_comment(api: JiraApi, key: str, markdown: str) -> Call[Comment]:
    _modern(api, "add comments")
    return Call("POST", f"{api.api}/issue/{key}/comment", lambda b: _comment(api, b),
                json={"body": rich_text(api, markdown)})


def edit_comment(api: JiraApi, key: str, comment_id: str, markdown: str) -> Call[Comment]:
    _modern(api, "edit comments")
    return Call("PUT", f"{api.api}/issue/{key}/comment/{comment_id}", lambda b: _comment(api, b),
                json={"body": rich_text(api, markdown)})


def delete_comment(api: JiraApi, key: str, comment_id: str) -> Call[None]:
    _modern(api, "delete comments")
    return Call("DELETE", f"{api.api}/issue/{key}/comment/{comment_id}", no_content)


def add_worklog(api: JiraApi, key: str, seconds: int, started: datetime, markdown: str) -> Call[Worklog]:
    _modern(api, "log work")
    body: dict[str, Any] = {"timeSpentSeconds": seconds, "started": jira_time(started)}
    if markdown.strip():
        body["comment"] = rich_text(api, markdown)
    flavour: d.Flavour = "3" if api.shape == "3" else "2"
    return Call("POST", f"{api.api}/issue/{key}/worklog",
                lambda b: d.worklog(_worklog_dec(b), flavour), json=body)


def watch(api: JiraApi, key: str, me: str, on: bool) -> Call[None]:
    path = f"{api.api}/issue/{key}/watchers"
    if on:
        return Call("POST", path, no_content, json=me)
    param = "accountId" if api.shape == "3" else "username"
    return Call("DELETE", path, no_content, params=((param, me),))


def vote(api: JiraApi, key: str, on: bool) -> Call[None]:
    return Call("POST" if on else "DELETE", f"{api.api}/issue/{key}/votes", no_content)


def link(api: JiraApi, link_type: str, outward_side: str, inward_side: str) -> Call[None]:
    """`outward_side` <outward phrase> `inward_side`, e.g. A blocks B.

    Jira's request names the issues the other way round: `inwardIssue` is the one whose
    outward phrase applies (the v3 reference example: HSP-1 "duplicates" MKY-1).
    """
    if api.shape == LEGACY:
        body: dict[str, Any] = {"linkType": link_type, "fromIssueKey": outward_side, "toIssueKey": inward_side}
    else:
        body = {"type": {"name": link_type}, "inwardIssue": {"key": outward_side}, "outwardIssue": {"key": inward_side}}
    return Call("POST", f"{api.api}/issueLink", no_content, json=body)


def delete_link(api: JiraApi, link_id: str) -> Call[None]:
    _modern(api, "remove links")
    return Call("DELETE", f"{api.api}/issueLink/{link_id}", no_content)


def edit_fields(
    api: JiraApi, key: str, *, summary: str | None, priority_id: str | None,
    labels: tuple[str, ...] | None, add_labels: tuple[str, ...],
) -> Call[None]:
    _modern(api, "edit fields")
    fields: dict[str, Any] = {}
    update: dict[str, Any] = {}
    if summary is not None:
        fields["summary"] = summary
    if priority_id is not None:
        fields["priority"] = {"id": priority_id}
    if labels is not None:
        fields["labels"] = list(labels)
    elif add_labels:
        update["labels"] = [{"add": label} for label in add_labels]
    body: dict[str, Any] = {"fields": fields}
    if update:
        body["update"] = update
    return Call("PUT", f"{api.api}/issue/{key}", no_content, json=body)


def create_issue(
    api: JiraApi, *, project_key: str, issuetype_id: str, summary: str, description: str,
    parent_key: str | None,
) -> Call[str]:
    _modern(api, "create issues")
    fields: dict[str, Any] = {
        "project": {"key": project_key},
        "issuetype": {"id": issuetype_id},
        "summary": summary,
    }
    if description.strip():
        fields["description"] = rich_text(api, description)
    if parent_key:
        fields["parent"] = {"key": parent_key}
    return Call("POST", f"{api.api}/issue", lambda b: _created_dec(b).key, json={"fields": fields})
