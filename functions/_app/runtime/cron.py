"""Local Cloud Scheduler: keeps the next run of every scheduled function queued.

Each next run is a named task in the persisted local queue, so a restart neither loses
nor doubles it; the task runner fires it when due.
"""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from croniter import croniter

from functions._app.jobs import QUEUE
from functions.manifest import FUNCTIONS, Function, ScheduleTrigger
from shared.platform.clock import Clock
from shared.platform.log import get_logger
from shared.platform.tasks.port import TaskQueue

log = get_logger(__name__)


def next_run(trigger: ScheduleTrigger, after: datetime) -> datetime:
    local = after.astimezone(ZoneInfo(trigger.timezone))
    fire: datetime = croniter(trigger.cron, local).get_next(datetime)
    return fire


class CronScheduler:
    def __init__(self, tasks: TaskQueue, clock: Clock, interval_s: float = 30.0) -> None:
        self._tasks = tasks
        self._clock = clock
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def jobs() -> list[Function]:
        return [f for f in FUNCTIONS if isinstance(f.trigger, ScheduleTrigger)]

    def ensure_next(self) -> list[tuple[str, datetime]]:
        """Queue the next occurrence of every job (idempotent by task name)."""
        queued = []
        for job in self.jobs():
            assert isinstance(job.trigger, ScheduleTrigger)
            fire = next_run(job.trigger, self._clock.now())
            self._tasks.enqueue(
                QUEUE,
                job.name,
                {"scheduled_for": fire.isoformat(), "requested_by": "cron"},
                run_at=fire,
                dedup_name=f"cron-{job.name}-{fire:%Y%m%dT%H%M%z}",
            )
            queued.append((job.name, fire))
        return queued

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.ensure_next()
            except Exception:
                log.exception("could not queue scheduled jobs")

    def start(self) -> list[tuple[str, datetime]]:
        queued = self.ensure_next()
        self._thread = threading.Thread(target=self._loop, name="local-cron", daemon=True)
        self._thread.start()
        return queued

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
