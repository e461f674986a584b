"""Production task queue: Cloud Tasks HTTP tasks that POST JSON to a task function.

Each task carries an OIDC token for the invoker service account with the function URL as
audience, so the function can stay private. The SDK is imported on first use (cold start).

Dedup names become Cloud Tasks task ids, which allow only `[A-Za-z0-9_-]`, at most 500
characters. A name that already fits is used unchanged; any other name maps to
`{readable prefix}-{sha256 hex of the full name}`, where the prefix is the name with each
run of disallowed characters replaced by `-`, cut to fit. The mapping is deterministic, so
re-enqueueing the same dedup name always hits the same task and Cloud Tasks de-duplicates.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from shared.platform.errors import Unavailable
from shared.platform.tasks.port import EnqueuedTask
from shared.platform.topology import Topology

MAX_TASK_ID = 500
_VALID_TASK_ID = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_TASK_ID}}}")
_DISALLOWED_RUN = re.compile(r"[^A-Za-z0-9_-]+")


class EnqueueFailed(Unavailable):
    """Cloud Tasks did not accept a task; a 503 so the caller retries."""

    default_code = "enqueue_failed"

    def __init__(self, queue: str, cause: BaseException) -> None:
        self.queue = queue
        super().__init__(detail=f"enqueueing on {queue!r} failed: {cause!r}")


def task_id(dedup_name: str) -> str:
    """The Cloud Tasks task id for a dedup name (see the module docstring)."""
    if _VALID_TASK_ID.fullmatch(dedup_name):
        return dedup_name
    digest = hashlib.sha256(dedup_name.encode()).hexdigest()
    readable = _DISALLOWED_RUN.sub("-", dedup_name)[: MAX_TASK_ID - len(digest) - 1]
    return f"{readable}-{digest}"


def _already_exists(exc: Exception) -> bool:
    """gRPC raises `AlreadyExists`; REST raises a bare `Conflict` for every 409 (ABORTED too),
    so there the JSON error's `status` decides."""
    from google.api_core import exceptions

    if isinstance(exc, exceptions.AlreadyExists):
        return True
    if type(exc) is not exceptions.Conflict or exc.response is None:
        return False
    try:
        return bool(exc.response.json()["error"]["status"] == "ALREADY_EXISTS")
    except (ValueError, KeyError, TypeError):
        return False


class CloudTasksQueue:
    """`TaskQueue` over Cloud Tasks; validates queue and target against the topology."""

    def __init__(
        self,
        project: str,
        location: str,
        function_base_url: str,
        invoker_service_account: str,
        topology: Topology,
        client: Any = None,
    ) -> None:
        self._topology = topology
        self._project = project
        self._location = location
        self._base_url = function_base_url.rstrip("/")
        self._invoker = invoker_service_account
        self._client = client
        self._lock = threading.Lock()

    def enqueue(
        self,
        queue: str,
        target: str,
        payload: Mapping[str, Any],
        run_at: datetime | None = None,
        dedup_name: str | None = None,
    ) -> EnqueuedTask:
        self._topology.check_queue(queue)
        self._topology.check_target(target)
        if run_at is not None and run_at.utcoffset() is None:
            raise ValueError("run_at must be timezone-aware")
        parent = f"projects/{self._project}/locations/{self._location}/queues/{queue}"
        url = f"{self._base_url}/{target}"
        task: dict[str, Any] = {
            "http_request": {
                "http_method": "POST",
                "url": url,
                "headers": {"Content-Type": "application/json"},
                "body": json.dumps(dict(payload), separators=(",", ":")).encode(),
                "oidc_token": {"service_account_email": self._invoker, "audience": url},
            }
        }
        if run_at is not None:
            task["schedule_time"] = run_at
        if dedup_name is not None:
            task["name"] = f"{parent}/tasks/{task_id(dedup_name)}"
        return self._create(queue, parent, task)

    def _create(self, queue: str, parent: str, task: dict[str, Any]) -> EnqueuedTask:
        from google.api_core import exceptions

        try:
            created = self._tasks_client().create_task(request={"parent": parent, "task": task})
        except exceptions.GoogleAPIError as exc:
            if "name" in task and _already_exists(exc):
                return EnqueuedTask(queue=queue, name=task["name"], created=False)
            raise EnqueueFailed(queue, exc) from exc
        return EnqueuedTask(queue=queue, name=created.name, created=True)

    def _tasks_client(self) -> Any:
        with self._lock:
            if self._client is None:
                from google.cloud import tasks_v2

                self._client = tasks_v2.CloudTasksClient()
            return self._client
