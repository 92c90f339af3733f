"""An issue's parts in each shape: comments, worklogs, links, attachments, votes and watchers.

Also owns how a stored ADF body leaves the sandbox (`rich_text`: ADF on v3, wiki markup on v2
and legacy, with mentions as `[~username]` where the shape knows usernames).
"""

from __future__ import annotations

from typing import Any

from tui.sandbox.adf_html import adf_to_html
from tui.sandbox.adf_wiki import adf_to_wiki
from tui.sandbox.shapes.common import (
    Out,
    format_duration,
    issuetype_json,
    jira_time,
    priority_json,
    status_json,
)
from tui.sandbox.world import (
    LinkTypeDef,
    SandboxAttachment,
    SandboxComment,
    SandboxIssue,
    SandboxLink,
    SandboxWorklog,
)


def rich_text(out: Out, adf: dict[str, Any] | None) -> Any:
    """A stored body as the shape carries it: the ADF itself (v3) or wiki markup; None stays None."""
    if adf is None:
        return None
    if out.v3:
        return adf
    users = out.world.users

    def mention(node: dict[str, Any]) -> str:
        account = str((node.get("attrs") or {}).get("id", ""))
        found = users.get(account)
        return f"[~{found.name}]" if found is not None else f"[~accountid:{account}]"

    return adf_to_wiki(adf, mention=mention)


def rendered_html(adf: dict[str, Any] | None) -> str | None:
    return adf_to_html(adf) if adf is not None else None


def comment_json(out: Out, issue: SandboxIssue, comment: SandboxComment, *, rendered: bool = False) -> dict[str, Any]:
    if out.legacy:
        return {
            "self": f"{out.api}/comment/{comment.id}",
            "author": out.user(comment.author),
            "body": rendered_html(comment.body) if rendered else rich_text(out, comment.body),
            "updateAuthor": out.user(comment.author),
            "created": jira_time(comment.created),
            "updated": jira_time(comment.updated),
        }
    body: dict[str, Any] = {
        "self": f"{out.api}/issue/{issue.id}/comment/{comment.id}",
        "id": comment.id,
        "author": out.user(comment.author),
        "body": rich_text(out, comment.body),
        "updateAuthor": out.user(comment.author),
        "created": jira_time(comment.created),
        "updated": jira_time(comment.updated),
    }
    if out.v3:
        body["jsdPublic"] = True
    if rendered:
        body["renderedBody"] = rendered_html(comment.body) or ""
    return body


def comments_page(out: Out, issue: SandboxIssue, start_at: int = 0, max_results: int = 5000,
                  *, rendered: bool = False) -> dict[str, Any]:  # fmt: skip
    page = issue.comments[start_at : start_at + max_results]
    return {
        "comments": [comment_json(out, issue, comment, rendered=rendered) for comment in page],
        "self": f"{out.api}/issue/{issue.id}/comment",
        "maxResults": max_results,
        "total": len(issue.comments),
        "startAt": start_at,
    }


def worklog_json(out: Out, issue: SandboxIssue, worklog: SandboxWorklog, *, rendered: bool = False) -> dict[str, Any]:
    if out.legacy:
        return {
            "self": f"{out.api}/worklog/{worklog.id}",
            "author": out.user(worklog.author),
            "updateAuthor": out.user(worklog.author),
            "comment": (rendered_html(worklog.comment) if rendered else rich_text(out, worklog.comment)) or "",
            "started": jira_time(worklog.started),
            "minutesSpent": worklog.time_spent_seconds // 60,
        }
    body: dict[str, Any] = {
        "self": f"{out.api}/issue/{issue.id}/worklog/{worklog.id}",
        "author": out.user(worklog.author),
        "updateAuthor": out.user(worklog.author),
        "created": jira_time(worklog.created),
        "updated": jira_time(worklog.updated),
        "started": jira_time(worklog.started),
        "timeSpent": format_duration(worklog.time_spent_seconds),
        "timeSpentSeconds": worklog.time_spent_seconds,
        "id": worklog.id,
        "issueId": issue.id,
    }
    if worklog.comment is not None:
        body["comment"] = rendered_html(worklog.comment) if rendered else rich_text(out, worklog.comment)
    return body


def worklogs_page(out: Out, issue: SandboxIssue, start_at: int = 0, max_results: int = 5000,
                  *, rendered: bool = False) -> dict[str, Any]:  # fmt: skip
    page = issue.worklogs[start_at : start_at + max_results]
    return {
        "startAt": start_at,
        "maxResults": max_results,
        "total": len(issue.worklogs),
        "worklogs": [worklog_json(out, issue, worklog, rendered=rendered) for worklog in page],
    }


def issue_ref_json(out: Out, other: SandboxIssue) -> dict[str, Any]:
    """Another issue as a link, parent or sub-task carries it: key and four small fields."""
    world = out.world
    fields: dict[str, Any] = {"summary": other.summary}
    status = world.statuses.get(other.status_id)
    if status is not None:
        fields["status"] = out.ref("status", status.id, lambda: status_json(status, out.shape, base_url=out.root))
    priority = world.priorities.get(other.priority_id)
    if priority is not None:
        fields["priority"] = out.ref("priority", priority.id, lambda: priority_json(priority, out.shape, base_url=out.root))
    issuetype = world.issue_types.get(other.issuetype_id)
    if issuetype is not None:
        fields["issuetype"] = out.ref("issuetype", issuetype.id,
                                      lambda: issuetype_json(issuetype, out.shape, base_url=out.root))  # fmt: skip
    return {"id": other.id, "key": other.key, "self": f"{out.api}/issue/{other.id}", "fields": fields}


def link_type_json(out: Out, link_type: LinkTypeDef) -> dict[str, Any]:
    return {
        "id": link_type.id,
        "name": link_type.name,
        "inward": link_type.inward,
        "outward": link_type.outward,
        "self": f"{out.api}/issueLinkType/{link_type.id}",
    }


def issue_link_json(out: Out, link: SandboxLink, *, seen_from: str | None) -> dict[str, Any] | None:
    """A link as the issue `seen_from` shows it (only the other side), or whole (None)."""
    link_type = out.world.link_types.get(link.type_id)
    outward = out.world.issues.get(link.outward_key)
    inward = out.world.issues.get(link.inward_key)
    if link_type is None or outward is None or inward is None:
        return None
    body: dict[str, Any] = {"id": link.id, "self": f"{out.api}/issueLink/{link.id}", "type": link_type_json(out, link_type)}
    # `outward_key` is the link's source ("A blocks B": A). Seen from A the other side is the
    # outwardIssue (label it `outward`); seen from B it is the inwardIssue; the link resource
    # itself names the source inwardIssue, as a POST /issueLink does.
    if seen_from is None:
        body["inwardIssue"] = issue_ref_json(out, outward)
        body["outwardIssue"] = issue_ref_json(out, inward)
    elif seen_from == link.outward_key:
        body["outwardIssue"] = issue_ref_json(out, inward)
    else:
        body["inwardIssue"] = issue_ref_json(out, outward)
    return body


def legacy_link_json(out: Out, link: SandboxLink, seen_from: str) -> dict[str, Any] | None:
    """Seed 001's `links` item: the other issue's key and URL, the type with its direction."""
    link_type = out.world.link_types.get(link.type_id)
    if link_type is None:
        return None
    outbound = seen_from == link.outward_key
    other = link.inward_key if outbound else link.outward_key
    return {
        "issueKey": other,
        "issue": f"{out.api}/issue/{other}",
        "type": {
            "name": link_type.name,
            "direction": "OUTBOUND" if outbound else "INBOUND",
            "description": link_type.outward if outbound else link_type.inward,
        },
    }


def attachment_json(out: Out, attachment: SandboxAttachment, *, meta: bool = False) -> dict[str, Any]:
    """Attachment metadata; `meta` for GET /attachment/{id}, where Cloud's id is a number."""
    body: dict[str, Any] = {
        "self": f"{out.api}/attachment/{attachment.id}",
        "filename": attachment.filename,
        "author": out.user(attachment.author),
        "created": jira_time(attachment.created),
        "size": attachment.size,
        "mimeType": attachment.mime_type,
        "content": f"{out.root}/secure/attachment/{attachment.id}/{attachment.filename}",
    }
    if not out.legacy:
        numeric = meta and out.v3 and attachment.id.isdigit()
        body["id"] = int(attachment.id) if numeric else attachment.id
    if attachment.mime_type.startswith("image/"):
        body["thumbnail"] = f"{out.root}/secure/thumbnail/{attachment.id}/{attachment.filename}"
    return body


def votes_json(out: Out, issue: SandboxIssue, *, with_voters: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": f"{out.api}/issue/{issue.key}/votes",
        "votes": len(issue.voters),
        "hasVoted": out.viewer.account_id in issue.voters,
    }
    if with_voters:
        body["voters"] = [user for user in (out.user(voter) for voter in issue.voters) if user is not None]
    return body


def watchers_json(out: Out, issue: SandboxIssue, *, with_watchers: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": f"{out.api}/issue/{issue.key}/watchers",
        "isWatching": out.viewer.account_id in issue.watchers,
        "watchCount": len(issue.watchers),
    }
    if with_watchers:
        body["watchers"] = [user for user in (out.user(watcher) for watcher in issue.watchers) if user is not None]
    return body
