"""The embedded task queue: due times, retries with backoff, dead letters, persistence."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import pytest

from functions._app.topology import TOPOLOGY
from shared.platform import deadletters
from shared.platform.clock import ManualClock
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.tasks.local import COLLECTION, LocalTaskQueue, LocalTaskRunner


class Recorder:
    """A deliverer that records calls and answers with a scripted status."""

    def __init__(self, clock: ManualClock, status: int = 200) -> None:
        self.clock = clock
        self.status = status
        self.calls: list[tuple[str, dict[str, str], object]] = []

    def __call__(self, target: str, body: bytes, headers: dict[str, str]) -> int:
        self.calls.append((target, headers, self.clock.now()))
        return self.status


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = SqliteDocumentStore(tmp_path / "tasks.db")
    yield s
    s.close()


def test_task_runs_when_due_and_not_before(store, clock) -> None:  # type: ignore[no-untyped-def]
    queue, deliver = LocalTaskQueue(store, clock, TOPOLOGY), Recorder(clock)
    runner = LocalTaskRunner(store, clock, deliver)
    due = clock.now() + timedelta(seconds=2)
    queue.enqueue("jobs", "housekeeping", {"n": 1}, run_at=due)
    clock.advance(timedelta(milliseconds=1999))
    assert runner.run_due() == 0 and deliver.calls == []
    clock.advance(timedelta(milliseconds=1))
    assert runner.run_due() == 1
    target, headers, ran_at = deliver.calls[0]
    assert target == "housekeeping" and ran_at >= due
    assert headers["X-CloudTasks-QueueName"] == "jobs"
    assert headers["X-CloudTasks-TaskRetryCount"] == "0"
    assert runner.run_due() == 0  # done tasks do not run again


def test_failing_task_backs_off_then_is_dead_lettered(store, clock) -> None:  # type: ignore[no-untyped-def]
    queue, deliver = LocalTaskQueue(store, clock, TOPOLOGY), Recorder(clock, status=500)
    runner = LocalTaskRunner(store, clock, deliver)
    queue.enqueue("jobs", "housekeeping", {"n": 1}, dedup_name="always-fails")
    start = clock.now()
    for _ in range(20):  # far more passes than attempts: the runner must stop by itself
        runner.run_due()
        clock.advance(timedelta(milliseconds=250))
    attempts = [ran_at - start for _, _, ran_at in deliver.calls]
    assert len(attempts) == 3  # the jobs queue allows 3 attempts
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert gaps[0] >= timedelta(seconds=1) and gaps[1] >= timedelta(seconds=2)  # 1 s, then 2 s
    assert [h["X-CloudTasks-TaskRetryCount"] for _, h, _ in deliver.calls] == ["0", "1", "2"]
    letters = store.query(deadletters.COLLECTION)
    assert len(letters) == 1
    assert letters[0].data["key"] == "always-fails" and letters[0].data["attempts"] == 3
    assert letters[0].data["last_error"] == "HTTP 500"


def test_named_task_is_deduplicated(store, clock) -> None:  # type: ignore[no-untyped-def]
    queue = LocalTaskQueue(store, clock, TOPOLOGY)
    first = queue.enqueue("jobs", "housekeeping", {}, dedup_name="nightly-1")
    again = queue.enqueue("jobs", "housekeeping", {}, dedup_name="nightly-1")
    assert first.created and not again.created and again.name == "nightly-1"
    assert len(store.query(COLLECTION)) == 1


def test_unknown_queue_target_and_naive_time_fail_loudly(store, clock) -> None:  # type: ignore[no-untyped-def]
    queue = LocalTaskQueue(store, clock, TOPOLOGY)
    with pytest.raises(ValueError, match="queue"):
        queue.enqueue("nope", "housekeeping", {})
    with pytest.raises(ValueError, match="function"):
        queue.enqueue("jobs", "nope", {})
    with pytest.raises(ValueError, match="timezone"):
        queue.enqueue("jobs", "housekeeping", {}, run_at=clock.now().replace(tzinfo=None))


def test_scheduled_task_survives_a_restart(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "restart.db"
    first = SqliteDocumentStore(path)
    LocalTaskQueue(first, clock, TOPOLOGY).enqueue(
        "jobs", "housekeeping", {"remind": True}, run_at=clock.now() + timedelta(hours=1)
    )
    first.close()

    second = SqliteDocumentStore(path)
    deliver = Recorder(clock)
    runner = LocalTaskRunner(second, clock, deliver)
    assert runner.run_due() == 0
    clock.advance(timedelta(hours=1))
    assert runner.run_due() == 1 and deliver.calls[0][0] == "housekeeping"
    second.close()


def test_tasks_left_running_by_a_crash_are_recovered(store, clock) -> None:  # type: ignore[no-untyped-def]
    LocalTaskQueue(store, clock, TOPOLOGY).enqueue("jobs", "housekeeping", {}, dedup_name="crashed")
    [doc] = store.query(COLLECTION)
    store.update(COLLECTION, doc.id, {"state": "running"})
    runner = LocalTaskRunner(store, clock, Recorder(clock))
    assert runner.run_due() == 0
    assert runner.recover() == 1
    assert runner.run_due() == 1
