"""Deterministic devinfo data: six repositories whose commits, branches and pull requests carry
the sandbox's issue keys, plus the credentials that open the API.

Each repository follows one project (cycling over the world's projects) and mentions its issue
keys; people are the world's users (authors, reviewers). Pull requests are OPEN, MERGED and
DECLINED, with reviewers APPROVED or UNAPPROVED. One repository is a fork of another. Times lie
before `SEED_EPOCH`, and every `updateSequenceId` is the entity's time in epoch milliseconds, so
the same seed gives the same data. Credentials: the OAuth client and Connect app the profile
publishes (all scopes), a READ-only OAuth client, and a Connect app without the
jiraDevelopmentTool module (403), all derived from the seed.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tui.sandbox.devinfo.state import ConnectApp, DevinfoState, OAuthClient, StoreOp
from tui.sandbox.seed_catalog import SEED_EPOCH

if TYPE_CHECKING:
    from tui.sandbox.app import SandboxConfig
    from tui.sandbox.world import SandboxUser, World

GIT_HOST = "https://git.example.com/jiradash"
ALL_SCOPES = frozenset({"READ", "WRITE", "DELETE"})
APP_KEY = "com.example.jiradash.devinfo"
NO_MODULE_APP_KEY = "com.example.jiradash.no-devtool"
# (repository id, description, the project whose keys it mentions, when the world has it).
REPOSITORIES: tuple[tuple[str, str, str], ...] = (
    ("web-app", "The customer-facing web application.", "DASH"),
    ("core-services", "Back-end services and the public API.", "CORE"),
    ("mobile-client", "iOS and Android clients.", "MOB"),
    ("marketing-site", "Static marketing site and campaign pages.", "MKT"),
    ("helpdesk-bot", "Chat bot that files and triages help requests.", "HELP"),
    ("web-app-experiments", "A fork of web-app for UI experiments.", "DASH"),
)
FORK_OF = {"web-app-experiments": "web-app"}
VERBS = ("Fix", "Add", "Refactor", "Document", "Test", "Speed up", "Clean up", "Handle")
THINGS = ("login flow", "search paging", "export to CSV", "error banner", "retry on 429",
          "date parsing", "keyboard shortcuts", "settings page", "cache eviction", "webhooks")
FILES = ("src/app.py", "src/api/client.py", "src/views/list.py", "src/views/detail.py",
         "src/util/dates.py", "tests/test_client.py", "tests/test_views.py", "README.md",
         "docs/usage.md", "src/settings.py", "src/search/query.py", "src/export/csv.py")


def secret_of(seed: int, name: str, length: int = 40) -> str:
    return hashlib.sha256(f"devinfo:{seed}:{name}".encode()).hexdigest()[:length]


def millis(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def credentials(seed: int) -> DevinfoState:
    full = OAuthClient(secret_of(seed, "client-id", 32), secret_of(seed, "client-secret", 48), ALL_SCOPES)
    read_only = OAuthClient(secret_of(seed, "read-client-id", 32), secret_of(seed, "read-client-secret", 48),
                            frozenset({"READ"}))
    app = ConnectApp(APP_KEY, secret_of(seed, "shared-secret", 64), ALL_SCOPES, development_tool=True)
    no_module = ConnectApp(NO_MODULE_APP_KEY, secret_of(seed, "no-module-secret", 64), ALL_SCOPES,
                           development_tool=False)
    return DevinfoState(clients={c.client_id: c for c in (full, read_only)},
                        apps={a.key: a for a in (app, no_module)})


def _person(user: SandboxUser) -> dict[str, Any]:
    return {"name": user.display_name, "email": user.email, "username": user.name}


class _RepoMaker:
    def __init__(self, rng: random.Random, keys: list[str], people: list[SandboxUser], repo_id: str) -> None:
        self.rng, self.keys, self.people, self.repo_id = rng, keys, people, repo_id
        self.url = f"{GIT_HOST}/{repo_id}"

    def commit(self, when: datetime) -> dict[str, Any]:
        rng = self.rng
        sha = hashlib.sha1(f"{self.repo_id}:{when.isoformat()}:{rng.random()}".encode()).hexdigest()
        keys = rng.sample(self.keys, k=min(len(self.keys), rng.choice((1, 1, 1, 2))))
        message = f"{rng.choice(VERBS)} {rng.choice(THINGS)} ({', '.join(keys)})"
        changed = sorted(rng.sample(FILES, k=rng.randint(1, 4)))
        files = [{
            "path": path, "url": f"{self.url}/src/{sha}/{path}",
            "changeType": rng.choice(("MODIFIED", "MODIFIED", "MODIFIED", "ADDED", "DELETED", "MOVED")),
            "linesAdded": rng.randint(0, 120), "linesRemoved": rng.randint(0, 60),
        } for path in changed]
        merge = rng.random() < 0.08
        body: dict[str, Any] = {
            "id": sha, "issueKeys": keys, "updateSequenceId": millis(when), "displayId": sha[:7],
            "message": message, "author": _person(rng.choice(self.people)), "authorTimestamp": iso(when),
            "fileCount": len(files), "url": f"{self.url}/commits/{sha}", "files": files,
        }
        if merge:
            body["flags"] = ["MERGE_COMMIT"]
        return body

    def branch(self, name: str, last: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": name.replace("/", "~"), "issueKeys": list(last["issueKeys"]), "name": name,
            "updateSequenceId": last["updateSequenceId"], "lastCommit": last,
            "url": f"{self.url}/branch/{name}", "createPullRequestUrl": f"{self.url}/pull-requests/new?source={name}",
        }

    def pull_request(self, number: int, branch: dict[str, Any], status: str, when: datetime) -> dict[str, Any]:
        rng = self.rng
        author, *others = rng.sample(self.people, k=min(len(self.people), 4))
        reviewers = [{"name": p.display_name, "email": p.email,
                      "approvalStatus": "APPROVED" if rng.random() < 0.5 else "UNAPPROVED"}
                     for p in others[: rng.randint(1, 3)]]
        return {
            "id": str(number), "issueKeys": list(branch["issueKeys"]), "updateSequenceId": millis(when),
            "status": status, "title": branch["lastCommit"]["message"].split(" (")[0],
            "author": _person(author), "commentCount": rng.randint(0, 14), "sourceBranch": branch["name"],
            "sourceBranchUrl": branch["url"], "destinationBranch": "main",
            "destinationBranchUrl": f"{self.url}/branch/main", "lastUpdate": iso(when), "reviewers": reviewers,
            "url": f"{self.url}/pull-requests/{number}", "displayId": f"#{number}",
        }


def _repository(world: World, rng: random.Random, index: int, people: list[SandboxUser]) -> dict[str, Any]:
    repo_id, description, project = REPOSITORIES[index]
    name = repo_id
    if project not in world.projects:
        projects = sorted(world.projects)
        project = projects[index % len(projects)] if projects else ""
    keys = [k for k, issue in world.issues.items() if issue.project_key == project][:40] or ["DASH-1"]
    maker = _RepoMaker(rng, keys, people, repo_id)
    start = SEED_EPOCH - timedelta(days=60 - index * 3)
    commits = [maker.commit(start + timedelta(hours=7 * n + rng.random())) for n in range(18 + 4 * index)]
    branches = [maker.branch("main", commits[-1])]
    pulls = []
    for n, status in enumerate(("OPEN", "MERGED", "DECLINED", "OPEN", "MERGED")[: 3 + index % 3]):
        tip = commits[-2 - 3 * n]
        branch = maker.branch(f"feature/{tip['issueKeys'][0]}-{THINGS[n].replace(' ', '-')}", tip)
        branch["issueKeys"] = [tip["issueKeys"][0]]
        branches.append(branch)
        pulls.append(maker.pull_request(n + 1, branch, status, start + timedelta(days=50, hours=n)))
    repo: dict[str, Any] = {
        "id": repo_id, "name": name, "description": description, "url": maker.url,
        "avatar": f"{maker.url}/avatar/32", "avatarDescription": f"{name} avatar",
        "updateSequenceId": millis(start), "commits": commits, "branches": branches, "pullRequests": pulls,
    }
    if repo_id in FORK_OF:
        repo["forkOf"] = FORK_OF[repo_id]
    return repo


def seed_state(world: World, config: SandboxConfig) -> DevinfoState:
    state = credentials(config.seed)
    rng = random.Random(f"devinfo:{config.seed}")
    people = [u for u in world.users.values() if u.active][:12]
    if not people or not world.issues:
        return state
    repos = [_repository(world, rng, i, people) for i in range(len(REPOSITORIES))]
    state.apply(StoreOp(repos, {"source": "sandbox-seed"}))
    return state
