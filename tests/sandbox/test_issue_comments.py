"""Comments: paging, adding (ADF on v3, wiki on v2), editing and deleting with permissions."""

from __future__ import annotations

from typing import Any

import pytest
from issue_support import Env, api, check_adf, env, error_body

from tui.sandbox.adf_wiki import adf_text

__all__ = ["env"]


def body_of(shape: str, text: str) -> Any:
    if shape == "3":
        return {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]}
    return text


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_list_comments_in_pages(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: len(i.comments) >= 3)
    url = f"{api(shape)}/issue/{issue.key}/comment"
    first = env.check(await env.alice.get(url, params={"maxResults": 2})).json()
    assert first["total"] == len(issue.comments) and first["startAt"] == 0 and len(first["comments"]) == 2
    rest = env.check(await env.alice.get(url, params={"startAt": 2})).json()
    ids = [c["id"] for c in first["comments"] + rest["comments"]]
    assert ids == [c.id for c in issue.comments]
    newest_first = (await env.alice.get(url, params={"orderBy": "-created"})).json()["comments"]
    assert [c["id"] for c in newest_first] == list(reversed(ids))
    if shape == "3":
        for comment in first["comments"]:
            check_adf(comment["body"])


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_add_a_comment(env: Env, shape: str) -> None:
    issue = env.issue()
    before = issue.updated
    response = await env.alice.post(f"{api(shape)}/issue/{issue.key}/comment?expand=renderedBody",
                                    json={"body": body_of(shape, "Looks fixed <b>now</b>")})  # fmt: skip
    assert response.status_code == 201, response.text
    env.check(response)
    created = response.json()
    assert created["author"]["displayName"] == "Alice Admin"
    assert created["renderedBody"] == "<p>Looks fixed &lt;b&gt;now&lt;/b&gt;</p>"
    stored = issue.comments[-1]
    assert stored.id == created["id"] and adf_text(stored.body) == "Looks fixed <b>now</b>"
    assert issue.updated > before
    fetched = env.check(await env.alice.get(f"{api(shape)}/issue/{issue.key}/comment/{stored.id}")).json()
    assert fetched["body"] == created["body"]


async def test_v2_wiki_comment_mentions_become_adf_mentions(env: Env) -> None:
    issue = env.issue()
    await env.alice.post(f"/rest/api/2/issue/{issue.key}/comment", json={"body": "[~bob] please check *this*"})
    doc = issue.comments[-1].body
    check_adf(doc)
    mention = doc["content"][0]["content"][0]
    assert mention == {"type": "mention", "attrs": {"id": env.account("bob"), "text": "@Bob User"}}
    v3 = (await env.alice.get(f"/rest/api/3/issue/{issue.key}/comment/{issue.comments[-1].id}")).json()
    assert v3["body"] == doc
    v2 = (await env.alice.get(f"/rest/api/2/issue/{issue.key}/comment/{issue.comments[-1].id}")).json()
    assert v2["body"] == "[~bob] please check *this*"


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_empty_or_malformed_comments_are_refused(env: Env, shape: str) -> None:
    issue = env.issue()
    count = len(issue.comments)
    url = f"{api(shape)}/issue/{issue.key}/comment"
    empty = await env.alice.post(url, json={"body": body_of(shape, "")} if shape == "2" else {"body": {"type": "doc", "version": 1, "content": []}})
    assert empty.status_code == 400 and error_body(empty)["errors"] == {"comment": "Comment body can not be empty!"}
    env.check(empty)
    if shape == "3":
        wiki_on_v3 = await env.alice.post(url, json={"body": "plain string"})
        assert wiki_on_v3.status_code == 400 and "comment" in error_body(wiki_on_v3)["errors"]
    assert len(issue.comments) == count


async def test_edit_own_comment_and_admins_edit_any(env: Env) -> None:
    issue = env.issue()
    added = (await env.bob.post(f"/rest/api/2/issue/{issue.key}/comment", json={"body": "first"})).json()
    url = f"/rest/api/2/issue/{issue.key}/comment/{added['id']}"
    edited = env.check(await env.bob.put(url, json={"body": "second"}))
    assert edited.status_code == 200 and edited.json()["body"] == "second"
    by_admin = await env.alice.put(url.replace("/api/2/", "/api/3/"), json={"body": body_of("3", "third")})
    assert by_admin.status_code == 200
    env.check(by_admin)
    assert adf_text(issue.comments[-1].body) == "third"


async def test_bob_cannot_change_or_delete_others_comments(env: Env) -> None:
    bob = env.account("bob")
    issue = env.issue(lambda i: any(c.author != bob for c in i.comments))
    theirs = next(c for c in issue.comments if c.author != env.account("bob"))
    url = f"/rest/api/3/issue/{issue.key}/comment/{theirs.id}"
    denied = await env.bob.delete(url)
    assert denied.status_code == 403
    assert error_body(denied)["errorMessages"] == ["You do not have the permission to delete this comment."]
    assert (await env.bob.put(url, json={"body": body_of("3", "mine now")})).status_code == 403
    assert theirs in issue.comments


@pytest.mark.parametrize("shape", ["3", "2"])
async def test_delete_a_comment(env: Env, shape: str) -> None:
    issue = env.issue(lambda i: bool(i.comments))
    target = issue.comments[0]
    response = await env.alice.delete(f"{api(shape)}/issue/{issue.key}/comment/{target.id}")
    assert response.status_code == 204
    env.check(response)
    assert target not in issue.comments
    gone = await env.alice.get(f"{api(shape)}/issue/{issue.key}/comment/{target.id}")
    assert gone.status_code == 404
    env.check(gone)


async def test_legacy_comment_resource_renders_by_default(env: Env) -> None:
    issue = env.issue(lambda i: bool(i.comments))
    comment = issue.comments[0]
    rendered = (await env.alice.get(f"/rest/api/2.0.alpha1/comment/{comment.id}")).json()
    assert rendered["self"].endswith(f"/rest/api/2.0.alpha1/comment/{comment.id}")
    assert rendered["body"].startswith("<p>")
    raw = (await env.alice.get(f"/rest/api/2.0.alpha1/comment/{comment.id}?render=false")).json()
    assert adf_text(comment.body) in raw["body"].replace("\\", "")
    assert set(raw["author"]) == {"self", "name", "displayName", "active"}
    assert (await env.alice.get("/rest/api/2.0.alpha1/comment/1")).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": ""}]}]},
        {"type": "doc", "version": 1, "content": [{"content": []}]},
        {"type": "doc", "version": 1, "content": "text"},
        {"type": "paragraph", "content": []},
    ],
)
async def test_v3_refuses_bodies_that_are_not_adf(env: Env, body: Any) -> None:
    issue = env.issue()
    count = len(issue.comments)
    response = await env.alice.post(f"/rest/api/3/issue/{issue.key}/comment", json={"body": body})
    assert response.status_code == 400 and "comment" in error_body(response)["errors"]
    assert len(issue.comments) == count
