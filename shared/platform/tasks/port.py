"""Enqueue side of the task queue.

A task is an HTTP POST of a JSON payload to a task function at or after `run_at`.
A `dedup_name` makes the task named: enqueueing the same name again is a no-op that
reports `created=False` (Cloud Tasks' named-task de-duplication).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class EnqueuedTask:
    queue: str
    name: str
    created: bool


class TaskQueue(Protocol):
    def enqueue(
        self,
        queue: str,
        target: str,
        payload: Mapping[str, Any],
        run_at: datetime | None = None,
        dedup_name: str | None = None,
    ) -> EnqueuedTask:
        """Schedule `target` (a function name from the manifest) to receive `payload`."""
        ...
