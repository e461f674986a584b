"""The embedded task queue: tasks persisted in the document store, run by a local runner.

`LocalTaskQueue.enqueue` only writes a `_tasks` document, so a scheduled reminder survives
a restart. `LocalTaskRunner` POSTs due tasks to their function (through a `Deliverer`),
retries failures with exponential backoff from the queue's settings, and records tasks
that exhaust their attempts as dead letters. Pub/Sub deliveries ride the same machinery
(kind "event"), which gives local events persistence, retries and dead-lettering too.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from shared.platform import deadletters
from shared.platform.clock import Clock
from shared.platform.docstore import (
    AlreadyExists,
    Direction,
    Document,
    DocumentStore,
    Filter,
    Op,
    Order,
    Transaction,
)
from shared.platform.ids import new_id, stable_id
from shared.platform.log import get_logger
from shared.platform.tasks.port import EnqueuedTask
from shared.platform.topology import RetryPolicy, Topology

COLLECTION = "_tasks"
LEASE = timedelta(minutes=10)
EARLIEST = datetime.min.replace(tzinfo=UTC)
log = get_logger(__name__)


class Deliverer(Protocol):
    def __call__(self, target: str, body: bytes, headers: dict[str, str]) -> int:
        """POST `body` to function `target`; return the HTTP status."""
        ...


class Wake(Protocol):
    def set(self) -> None:
        """Tell the runner new tasks are in, wherever it runs."""
        ...


class LocalTaskQueue:
    def __init__(self, store: DocumentStore, clock: Clock, topology: Topology) -> None:
        self._store = store
        self._clock = clock
        self.topology = topology
        # Set on every enqueue so the runner looks at once; the dev runtime, whose runner is
        # another process, puts its own wake here.
        self.wake: Wake = threading.Event()

    def enqueue(
        self,
        queue: str,
        target: str,
        payload: Mapping[str, Any],
        run_at: datetime | None = None,
        dedup_name: str | None = None,
    ) -> EnqueuedTask:
        policy = self.topology.check_queue(queue)
        return self.put(
            kind="task",
            source=queue,
            target=target,
            body=dict(payload),
            run_at=run_at,
            name=dedup_name,
            policy=policy,
        )

    def put(
        self,
        *,
        kind: str,
        source: str,
        target: str,
        body: dict[str, Any],
        run_at: datetime | None,
        name: str | None,
        policy: RetryPolicy,
    ) -> EnqueuedTask:
        task = self.task(kind, source, target, body, run_at, name, policy)
        try:
            self._store.create(COLLECTION, task.doc_id, task.data)
        except AlreadyExists:
            return EnqueuedTask(queue=source, name=task.name, created=False)
        self.wake.set()
        return EnqueuedTask(queue=source, name=task.name, created=True)

    def put_all(self, tasks: Sequence[NewTask]) -> None:
        """Persist several new tasks in one commit: all of them or, on a crash, none."""
        if not tasks:  # a topic nobody subscribes to: no write, and no runner pass
            return
        batch = self._store.batch()
        for task in tasks:
            batch.create(COLLECTION, task.doc_id, task.data)
        batch.commit()
        self.wake.set()

    def task(
        self,
        kind: str,
        source: str,
        target: str,
        body: dict[str, Any],
        run_at: datetime | None,
        name: str | None,
        policy: RetryPolicy,
    ) -> NewTask:
        self.topology.check_target(target)
        if run_at is not None and run_at.tzinfo is None:
            raise ValueError("run_at must be timezone-aware")
        now = self._clock.now()
        task_name = name or new_id("task")
        due = run_at or now
        data = {
            "name": task_name,
            "kind": kind,
            "source": source,
            "target": target,
            "body": body,
            "state": "pending",
            "attempts": 0,
            "run_at": due,
            "next_attempt_at": due,
            "created_at": now,
            "policy": vars(policy),
            "last_error": None,
        }
        return NewTask(stable_id(source, task_name), task_name, data)


@dataclass(frozen=True)
class NewTask:
    doc_id: str
    name: str
    data: dict[str, Any]


class LocalTaskRunner:
    def __init__(
        self,
        store: DocumentStore,
        clock: Clock,
        deliver: Deliverer,
        *,
        on_event_exhausted: Callable[[dict[str, Any]], bool] | None = None,
        wake: threading.Event | None = None,
        max_idle_s: float = 1.0,
    ) -> None:
        self._store = store
        self._clock = clock
        self._deliver = deliver
        self._on_event_exhausted = on_event_exhausted
        self._wake = wake or threading.Event()
        self._max_idle_s = max_idle_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one pass ---------------------------------------------------------------------

    def run_due(self, limit: int = 50) -> int:
        """Run every task due now (up to `limit`); returns how many were attempted."""
        now = self._clock.now()
        due = self._store.query(
            COLLECTION,
            [Filter.eq("state", "pending"), Filter("next_attempt_at", Op.LE, now)],
            order_by=[Order("next_attempt_at")],
            limit=limit,
        )
        attempted = 0
        for doc in due:
            if self._stop.is_set():
                break  # not claimed: still pending, run after the restart
            if self._claim(doc.id):
                self._attempt(doc)
                attempted += 1
        return attempted

    def recover(self) -> int:
        """Put tasks left running by a crashed process back in line; returns the count."""
        stale = self._store.query(COLLECTION, [Filter.eq("state", "running")])
        for doc in stale:
            self._store.update(COLLECTION, doc.id, {"state": "pending"})
        return len(stale)

    def _claim(self, doc_id: str) -> bool:
        now = self._clock.now()

        def claim(tx: Transaction) -> bool:
            task = tx.get(COLLECTION, doc_id)
            if task is None or task["state"] != "pending" or task["next_attempt_at"] > now:
                return False
            tx.update(COLLECTION, doc_id, {"state": "running", "lease_until": now + LEASE})
            return True

        return self._store.run_transaction(claim)

    def _attempt(self, doc: Document) -> None:
        task = doc.data
        attempts = int(task["attempts"]) + 1
        body, headers = self._request(task, attempts)
        try:
            status = self._deliver(task["target"], body, headers)
            error = None if 200 <= status < 300 else f"HTTP {status}"
        except Exception as exc:  # a crashing handler must not stop the runner
            error = f"{type(exc).__name__}: {exc}"
        now = self._clock.now()
        if error is None:
            self._store.update(
                COLLECTION, doc.id, {"state": "done", "attempts": attempts, "finished_at": now}
            )
            return
        policy = RetryPolicy(**task["policy"])
        if attempts < policy.max_attempts:
            self._store.update(
                COLLECTION,
                doc.id,
                {
                    "state": "pending",
                    "attempts": attempts,
                    "last_error": error,
                    "next_attempt_at": now + policy.backoff(attempts),
                },
            )
            log.warning("task %s failed (%s); retry %d", task["name"], error, attempts)
            return
        self._store.update(
            COLLECTION,
            doc.id,
            {"state": "dead", "attempts": attempts, "last_error": error, "finished_at": now},
        )
        log.error("task %s dead after %d attempts: %s", task["name"], attempts, error)
        self._dead_letter(task, attempts, error)

    def _request(self, task: dict[str, Any], attempt: int) -> tuple[bytes, dict[str, str]]:
        headers = {"Content-Type": "application/json"}
        body = dict(task["body"])
        if task["kind"] == "event":
            body["deliveryAttempt"] = attempt
        else:
            headers |= {
                "X-CloudTasks-QueueName": task["source"],
                "X-CloudTasks-TaskName": task["name"],
                "X-CloudTasks-TaskRetryCount": str(attempt - 1),
                "X-CloudTasks-TaskExecutionCount": str(attempt - 1),
                "X-CloudTasks-TaskETA": str(task["run_at"].timestamp()),
            }
        return json.dumps(body, default=str).encode(), headers

    def _dead_letter(self, task: dict[str, Any], attempts: int, error: str) -> None:
        if (
            task["kind"] == "event"
            and self._on_event_exhausted is not None
            and self._on_event_exhausted(task | {"attempts": attempts, "last_error": error})
        ):
            return
        deadletters.record(
            self._store,
            deadletters.DeadLetter(
                kind="task" if task["kind"] == "task" else "event",
                source=task["source"],
                target=task["target"],
                key=task["name"],
                payload=task["body"],
                attempts=attempts,
                last_error=error,
            ),
            now=self._clock.now(),
        )

    # -- background loop ----------------------------------------------------------------

    def _seconds_until_next(self) -> float:
        nxt = self._store.query(
            COLLECTION,
            # The range says every time is a datetime, so the store reads one row off an index.
            [Filter.eq("state", "pending"), Filter("next_attempt_at", Op.GE, EARLIEST)],
            order_by=[Order("next_attempt_at", Direction.ASC)],
            limit=1,
        )
        if not nxt:
            return self._max_idle_s
        wait = (nxt[0].data["next_attempt_at"] - self._clock.now()).total_seconds()
        return min(max(wait, 0.0), self._max_idle_s)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self.run_due():
                    continue
                wait = self._seconds_until_next()
            except Exception:
                log.exception("task runner pass failed")
                wait = self._max_idle_s
            self._wake.wait(wait)
            self._wake.clear()

    def start(self) -> None:
        self.recover()
        self._thread = threading.Thread(target=self._loop, name="local-task-runner", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
