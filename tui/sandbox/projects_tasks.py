"""Asynchronous project deletion: the task behind `POST /project/{k}/delete` and `GET /task/{id}`.

A task is plain JSON under `world.extra["projects"]["tasks"]`. It is ENQUEUED when submitted;
each look at it (`GET /task/{id}`) moves it on by a quarter, and so does every
`SECONDS_PER_QUARTER` of wall time, whichever is further: RUNNING at 25, 50 and 75, then
COMPLETE at 100, when the project and its issues are removed. Polling four times always
finishes it, so tests need no clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tui.sandbox.projects_state import extra, purge
from tui.sandbox.world import SandboxProject, World

STEP = 25
SECONDS_PER_QUARTER = 0.5


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def user_number(world: World, account_id: str) -> int:
    """Jira's `submittedBy` is a numeric user id; the sandbox numbers users by their order."""
    for number, key in enumerate(world.users, start=10000):
        if key == account_id:
            return number
    return 0


def submit_delete(world: World, project: SandboxProject, by: str, now: datetime) -> dict[str, Any]:
    task_id = world.new_id()
    task: dict[str, Any] = {
        "id": task_id,
        "description": f"Deleting project {project.key}",
        "project_key": project.key,
        "project_id": project.id,
        "submitted_by_account": by,
        "submittedBy": user_number(world, by),
        "submitted": _ms(now),
        "lastUpdate": _ms(now),
        "progress": 0,
        "status": "ENQUEUED",
        "message": "Waiting to start",
        "polls": 0,
    }
    extra(world)["tasks"][task_id] = task
    return task


def get_task(world: World, task_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = extra(world)["tasks"].get(task_id)
    return found


def advance(world: World, task: dict[str, Any], now: datetime) -> bool:
    """Move a task on after someone looked at it; True if the world changed (project gone)."""
    if task["status"] in ("COMPLETE", "FAILED"):
        return False
    task["polls"] += 1
    elapsed = max(0, _ms(now) - task["submitted"]) / 1000
    by_time = int(elapsed / SECONDS_PER_QUARTER) * STEP
    progress = min(100, max(task["polls"] * STEP, by_time))
    task.setdefault("started", _ms(now))
    task["progress"] = progress
    task["lastUpdate"] = _ms(now)
    if progress < 100:
        task["status"] = "RUNNING"
        task["message"] = f"Deleting issues of {task['project_key']}"
        return False
    task["finished"] = _ms(now)
    project = world.projects.get(task["project_key"])
    if project is None or project.id != task["project_id"]:
        task["status"] = "FAILED"
        task["message"] = f"The project '{task['project_key']}' no longer exists."
        return False
    purge(world, project)
    task["status"] = "COMPLETE"
    task["message"] = f"The project '{task['project_key']}' has been deleted."
    return True


def task_json(task: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The `TaskProgressBeanObject` of a task."""
    body: dict[str, Any] = {
        "self": f"{base_url.rstrip('/')}/rest/api/3/task/{task['id']}",
        "id": task["id"],
        "description": task["description"],
        "status": task["status"],
        "message": task["message"],
        "progress": task["progress"],
        "submitted": task["submitted"],
        "submittedBy": task["submittedBy"],
        "lastUpdate": task["lastUpdate"],
        "elapsedRuntime": max(0, task["lastUpdate"] - task.get("started", task["submitted"])),
    }
    for optional in ("started", "finished"):
        if optional in task:
            body[optional] = task[optional]
    return body
