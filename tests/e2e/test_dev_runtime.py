"""`make dev` as a user runs it: a real process on a free port, its SQLite file, restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from functions._app.topology import TOPOLOGY
from functions.manifest import FUNCTIONS
from scripts.export_schemas import ROOT
from scripts.mint_token import local_token
from shared.platform import deadletters
from shared.platform.clock import SystemClock
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.events.local import LocalEventBus
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskQueue
from tests.support.ports import free_port, wait_for_port
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow


@dataclass
class DevServer:
    url: str
    data_dir: Path
    output: list[str]


@contextmanager
def dev_server(data_dir: Path, **extra_env: str) -> Iterator[DevServer]:
    port = free_port()
    env = os.environ | {
        "HIBACHI_ENV": "local",
        "HIBACHI_DATA_DIR": str(data_dir),
        "PORT": str(port),
        **extra_env,
    }
    log_path = data_dir / f"dev-{port}.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scripts.dev"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = DevServer(f"http://127.0.0.1:{port}", data_dir, [])
        try:
            wait_for_port(port, timeout_s=60, proc_alive=lambda: proc.poll() is None)
            yield server
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0, log_path.read_text()
            server.output.extend(log_path.read_text().splitlines())


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def task_state(store: SqliteDocumentStore, name: str) -> dict[str, Any] | None:
    docs = [d.data for d in store.query(TASKS) if d.data["name"] == name]
    return docs[0] if docs else None


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[DevServer]:  # type: ignore[no-untyped-def]
    with dev_server(tmp_path_factory.mktemp("dev")) as s:
        yield s


@pytest.fixture
def store(server: DevServer) -> Iterator[SqliteDocumentStore]:
    s = SqliteDocumentStore(server.data_dir / "hibachi.db")
    yield s
    s.close()


def test_serves_healthz_and_lists_every_function(server: DevServer) -> None:
    status, health = get(f"{server.url}/healthz")
    assert status == 200 and health["status"] == "ok" and health["env"] == "local"
    status, index = get(server.url + "/")
    assert {f["name"] for f in index["functions"]} == {f.name for f in FUNCTIONS}
    assert all(f["url"] == f"{server.url}/{f['name']}" for f in index["functions"])


def test_task_scheduled_two_seconds_ahead_runs_no_earlier(server, store) -> None:  # type: ignore[no-untyped-def]
    clock = SystemClock()
    run_at = clock.now() + timedelta(seconds=2)
    LocalTaskQueue(store, clock, TOPOLOGY).enqueue(
        "jobs", "housekeeping", {"requested_by": "test"}, run_at=run_at, dedup_name="two-seconds"
    )
    done = wait_until(
        lambda: (t := task_state(store, "two-seconds")) and t["state"] == "done" and t
    )
    assert done["finished_at"] >= run_at
    assert done["attempts"] == 1


def test_admin_can_run_a_job_now(server, store) -> None:  # type: ignore[no-untyped-def]
    request = urllib.request.Request(
        f"{server.url}/run-job",
        data=json.dumps({"job": "housekeeping"}).encode(),
        headers={
            "Authorization": f"Bearer {local_token(['owner'])}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        name = json.loads(response.read())["task"]
    assert wait_until(lambda: (t := task_state(store, name)) and t["state"] == "done")


def test_published_event_reaches_its_subscriber(server, store) -> None:  # type: ignore[no-untyped-def]
    clock = SystemClock()
    bus = LocalEventBus(LocalTaskQueue(store, clock, TOPOLOGY), clock)
    bus.publish(
        "dead-letters",
        {"booking": "b1"},
        {deadletters.SOURCE_SUBSCRIPTION_ATTR: "projects/local/subscriptions/bookings--notify"},
    )
    letters = wait_until(lambda: store.query(deadletters.COLLECTION))
    assert letters[0].data["payload"] == {"booking": "b1"}
    assert letters[0].data["target"] == "notify"


def test_scheduled_task_survives_a_restart(tmp_path: Path) -> None:
    clock = SystemClock()
    with dev_server(tmp_path) as first:
        store = SqliteDocumentStore(tmp_path / "hibachi.db")
        LocalTaskQueue(store, clock, TOPOLOGY).enqueue(
            "jobs",
            "housekeeping",
            {},
            run_at=clock.now() + timedelta(seconds=3),
            dedup_name="reminder",
        )
    assert task_state(store, "reminder")["state"] == "pending"  # type: ignore[index]
    assert any("seeded demo data" in line for line in first.output)
    assert any(f"{first.url}/healthz" in line for line in first.output)
    with dev_server(tmp_path) as second:
        assert wait_until(lambda: task_state(store, "reminder")["state"] == "done")  # type: ignore[index]
    assert not any("seeded demo data" in line for line in second.output)  # seeded once only
    store.close()
