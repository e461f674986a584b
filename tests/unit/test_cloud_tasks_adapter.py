"""CloudTasksQueue through the real google-cloud-tasks client against a fake REST server.

There is no Cloud Tasks emulator, so a loopback server speaks the v2 REST API
(`tasks.create` and Google's JSON errors) and records what the SDK sent.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from functions._app.topology import TOPOLOGY
from shared.platform.tasks.cloud_tasks import (
    MAX_TASK_ID,
    CloudTasksQueue,
    EnqueueFailed,
    task_id,
)
from tests.support.fake_google_rest import (
    FakeGoogleRest,
    RecordedRequest,
    Reply,
    google_cloud_modules_after_import,
    google_error,
)

PROJECT, LOCATION = "hibachi-test", "us-west1"
PARENT = f"projects/{PROJECT}/locations/{LOCATION}/queues/jobs"
BASE_URL = "https://us-west1-hibachi-test.cloudfunctions.net"
INVOKER = "tasks-invoker@hibachi-test.iam.gserviceaccount.com"
PAYLOAD = {"job": "housekeeping", "requested_by": "owner@example.com", "note": "señor 🍤"}


@dataclass
class FakeCloudTasks:
    """`projects.locations.queues.tasks.create`, with named-task de-duplication."""

    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_with: Reply | None = None

    def create(self, request: RecordedRequest, match: re.Match[str]) -> Reply:
        if self.fail_with:
            return self.fail_with
        task = dict(request.json()["task"])
        name = task.setdefault("name", f"{match[1]}/tasks/{len(self.tasks) + 1:019d}")
        if name in self.tasks:
            return google_error(409, "ALREADY_EXISTS", "Requested entity already exists")
        self.tasks[name] = task
        return 200, task


@pytest.fixture
def cloud_tasks() -> FakeCloudTasks:
    return FakeCloudTasks()


@pytest.fixture
def server(cloud_tasks: FakeCloudTasks) -> Iterator[FakeGoogleRest]:
    fake = FakeGoogleRest()
    fake.route(
        "POST", r"/v2/(projects/[^/]+/locations/[^/]+/queues/[^/]+)/tasks", cloud_tasks.create
    )
    with fake.running():
        yield fake


@pytest.fixture
def queue(server: FakeGoogleRest) -> CloudTasksQueue:
    from google.cloud import tasks_v2

    client = tasks_v2.CloudTasksClient(**server.client_kwargs())
    return CloudTasksQueue(PROJECT, LOCATION, BASE_URL + "/", INVOKER, TOPOLOGY, client=client)


def test_enqueue_creates_an_oidc_http_task(server: FakeGoogleRest, queue: CloudTasksQueue) -> None:
    pacific = timezone(timedelta(hours=-8))
    result = queue.enqueue(
        "jobs", "housekeeping", PAYLOAD, run_at=datetime(2030, 1, 1, 19, 4, 5, tzinfo=pacific)
    )

    [request] = server.requests
    assert (request.method, request.path) == ("POST", f"/v2/{PARENT}/tasks")
    task = request.json()["task"]
    http = task["httpRequest"]
    url = f"{BASE_URL}/housekeeping"
    assert http["url"] == url
    assert http["httpMethod"] == 1  # HttpMethod.POST (the SDK sends enums as ints)
    assert http["headers"] == {"Content-Type": "application/json"}
    assert base64.b64decode(http["body"]) == json.dumps(PAYLOAD, separators=(",", ":")).encode()
    assert http["oidcToken"] == {"serviceAccountEmail": INVOKER, "audience": url}
    assert task["scheduleTime"] == "2030-01-02T03:04:05Z"
    assert "name" not in task
    assert result.created and result.queue == "jobs"
    assert result.name == f"{PARENT}/tasks/{1:019d}"


def test_without_run_at_the_task_runs_now(server: FakeGoogleRest, queue: CloudTasksQueue) -> None:
    queue.enqueue("jobs", "housekeeping", PAYLOAD)
    assert "scheduleTime" not in server.requests[0].json()["task"]


def test_dedup_name_names_the_task_and_a_repeat_is_not_created(
    server: FakeGoogleRest, queue: CloudTasksQueue, cloud_tasks: FakeCloudTasks
) -> None:
    first = queue.enqueue("jobs", "housekeeping", PAYLOAD, dedup_name="housekeeping-2030-01-02")
    again = queue.enqueue("jobs", "housekeeping", PAYLOAD, dedup_name="housekeeping-2030-01-02")

    name = f"{PARENT}/tasks/housekeeping-2030-01-02"
    assert [r.json()["task"]["name"] for r in server.requests] == [name, name]
    assert (first.name, first.created) == (name, True)
    assert (again.name, again.created) == (name, False)
    assert list(cloud_tasks.tasks) == [name]


def test_dedup_names_outside_the_task_id_alphabet_map_deterministically(
    queue: CloudTasksQueue, cloud_tasks: FakeCloudTasks
) -> None:
    dedup = "run-job:housekeeping/2030-01-02 03:00"
    first = queue.enqueue("jobs", "housekeeping", PAYLOAD, dedup_name=dedup)
    again = queue.enqueue("jobs", "housekeeping", PAYLOAD, dedup_name=dedup)

    assert first.name == again.name == f"{PARENT}/tasks/{task_id(dedup)}"
    assert (first.created, again.created) == (True, False)
    assert task_id(dedup).startswith("run-job-housekeeping-2030-01-02-03-00-")
    assert len(cloud_tasks.tasks) == 1


@pytest.mark.parametrize(
    "dedup",
    ["a b", "a:b", "é", "x" * (MAX_TASK_ID + 1), "ü" * 2000, "", "a/b" * 300],
)
def test_task_ids_use_only_the_allowed_alphabet_and_length(dedup: str) -> None:
    mapped = task_id(dedup)
    assert re.fullmatch(rf"[A-Za-z0-9_-]{{1,{MAX_TASK_ID}}}", mapped)
    assert mapped == task_id(dedup)


def test_distinct_names_that_sanitise_alike_get_distinct_ids() -> None:
    assert len({task_id("a b"), task_id("a:b"), task_id("a-b"), task_id("a  b")}) == 4


@pytest.mark.parametrize(
    ("queue_name", "target", "run_at", "message"),
    [
        ("jobs", "housekeepin", None, "unknown target"),
        ("job", "housekeeping", None, "unknown queue"),
        ("jobs", "housekeeping", datetime(2030, 1, 2, 3, 4, 5), "timezone-aware"),
    ],
)
def test_mistakes_fail_loudly_before_any_request(
    server: FakeGoogleRest,
    queue: CloudTasksQueue,
    queue_name: str,
    target: str,
    run_at: datetime | None,
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        queue.enqueue(queue_name, target, PAYLOAD, run_at=run_at)
    assert server.requests == []


@pytest.mark.parametrize(
    "failure",
    [
        google_error(503, "UNAVAILABLE", "try again"),
        # REST maps every 409 to Conflict; ABORTED must not be mistaken for a duplicate.
        google_error(409, "ABORTED", "concurrent modification"),
    ],
)
def test_service_errors_raise_enqueue_failed(
    queue: CloudTasksQueue, cloud_tasks: FakeCloudTasks, failure: Reply
) -> None:
    cloud_tasks.fail_with = failure
    with pytest.raises(EnqueueFailed) as caught:
        queue.enqueue("jobs", "housekeeping", PAYLOAD, dedup_name="d", run_at=datetime.now(UTC))
    assert caught.value.queue == "jobs"
    assert caught.value.status == 503


def test_module_import_does_not_load_the_sdk() -> None:
    assert google_cloud_modules_after_import("shared.platform.tasks.cloud_tasks") == []
