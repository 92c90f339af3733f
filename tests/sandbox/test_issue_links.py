"""Issue links (create, read, delete; seed 001's legacy body) and attachment metadata."""

from __future__ import annotations

import pytest
from issue_support import Env, api, env, error_body

from tui.sandbox.adf_wiki import adf_text

__all__ = ["env"]


def two_unlinked(env: Env) -> tuple[str, str]:
    linked = {(link.outward_key, link.inward_key) for link in env.world.links.values()}
    keys = list(env.world.issues)
    pair = next((a, b) for a in keys[:20] for b in keys[20:40] if (a, b) not in linked and (b, a) not in linked)
    return pair


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_link_two_issues(env: Env, shape: str) -> None:
    source, target = two_unlinked(env)
    comment = ({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Linked related issue!"}]}]}
               if shape == "3" else "Linked related issue!")  # fmt: skip
    response = await env.alice.post(f"{api(shape)}/issueLink", json={
        "type": {"name": "Blocks"}, "inwardIssue": {"key": source}, "outwardIssue": {"key": target},
        "comment": {"body": comment}})  # fmt: skip
    assert response.status_code == 201, response.text
    env.check(response)
    link_id = response.headers["location"].rsplit("/", 1)[1]
    link = env.world.links[link_id]
    assert (link.outward_key, link.inward_key) == (source, target)
    assert adf_text(env.world.issues[source].comments[-1].body) == "Linked related issue!"

    whole = env.check(await env.alice.get(f"{api(shape)}/issueLink/{link_id}")).json()
    assert whole["type"]["name"] == "Blocks"
    assert whole["inwardIssue"]["key"] == source and whole["outwardIssue"]["key"] == target

    from_source = (await env.alice.get(f"{api(shape)}/issue/{source}?fields=issuelinks")).json()["fields"]["issuelinks"]
    mine = next(entry for entry in from_source if entry["id"] == link_id)
    assert mine["outwardIssue"]["key"] == target and "inwardIssue" not in mine  # "source blocks target"
    from_target = (await env.alice.get(f"{api(shape)}/issue/{target}?fields=issuelinks")).json()["fields"]["issuelinks"]
    theirs = next(entry for entry in from_target if entry["id"] == link_id)
    assert theirs["inwardIssue"]["key"] == source  # "target is blocked by source"

    again = await env.alice.post(f"{api(shape)}/issueLink", json={
        "type": {"name": "Blocks"}, "inwardIssue": {"key": source}, "outwardIssue": {"key": target}})  # fmt: skip
    assert again.status_code == 201
    assert sum(1 for link in env.world.links.values() if (link.outward_key, link.inward_key) == (source, target)) == 1

    deleted = await env.alice.delete(f"{api(shape)}/issueLink/{link_id}")
    assert deleted.status_code == 204
    env.check(deleted)
    assert link_id not in env.world.links
    gone = await env.alice.get(f"{api(shape)}/issueLink/{link_id}")
    assert gone.status_code == 404
    env.check(gone)
    assert {item.field for item in env.world.issues[target].changelog[-1].items} == {"Link"}


async def test_link_errors(env: Env) -> None:
    source, target = two_unlinked(env)
    count = len(env.world.links)
    bad_type = await env.alice.post("/rest/api/3/issueLink", json={
        "type": {"name": "Haunts"}, "inwardIssue": {"key": source}, "outwardIssue": {"key": target}})  # fmt: skip
    assert bad_type.status_code == 404
    env.check(bad_type)
    bad_issue = await env.alice.post("/rest/api/3/issueLink", json={
        "type": {"name": "Relates"}, "inwardIssue": {"key": source}, "outwardIssue": {"key": "NOPE-1"}})  # fmt: skip
    assert bad_issue.status_code == 404
    itself = await env.alice.post("/rest/api/3/issueLink", json={
        "type": {"id": "10003"}, "inwardIssue": {"key": source}, "outwardIssue": {"key": source}})  # fmt: skip
    assert itself.status_code == 400
    env.check(itself)
    assert error_body(itself)["errorMessages"] == ["You cannot link an issue to itself."]
    assert len(env.world.links) == count


async def test_legacy_link_body(env: Env) -> None:
    source, target = two_unlinked(env)
    response = await env.alice.post("/rest/api/2.0.alpha1/issueLink", json={
        "linkType": "Duplicate", "fromIssueKey": source, "toIssueKey": target, "comment": {"body": "Same thing"}})  # fmt: skip
    assert response.status_code == 200
    link = next(link for link in env.world.links.values() if (link.outward_key, link.inward_key) == (source, target))
    assert env.world.link_types[link.type_id].name == "Duplicate"
    links = (await env.alice.get(f"/rest/api/2.0.alpha1/issue/{target}")).json()["fields"]["links"]["value"]
    assert {"issueKey": source, "issue": links[-1]["issue"],
            "type": {"name": "Duplicate", "direction": "INBOUND", "description": "is duplicated by"}} in links  # fmt: skip


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_attachment_metadata(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: bool(i.attachments))
    attachment = issue.attachments[0]
    body = env.check(await env.alice.get(f"{api(shape)}/attachment/{attachment.id}")).json()
    assert body["filename"] == attachment.filename and body["size"] == attachment.size
    assert body["mimeType"] == attachment.mime_type and body["content"].endswith(attachment.filename)
    assert str(body["id"]) == attachment.id
    meta = env.check(await env.alice.get(f"{api(shape)}/attachment/meta")).json()
    assert meta == {"enabled": True, "uploadLimit": 10485760}
    missing = await env.alice.get(f"{api(shape)}/attachment/1")
    assert missing.status_code == 404
    env.check(missing)


async def test_legacy_attachment(env: Env) -> None:
    issue = env.issue(lambda i: bool(i.attachments))
    attachment = issue.attachments[0]
    body = (await env.alice.get(f"/rest/api/2.0.alpha1/attachment/{attachment.id}")).json()
    assert set(body) >= {"self", "filename", "author", "created", "size", "mimeType", "content"}
    assert body["self"].endswith(f"/rest/api/2.0.alpha1/attachment/{attachment.id}")
