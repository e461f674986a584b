"""What the task and event adapters route between, handed to them by the app shell.

The platform knows no function by name: the shell builds a `Topology` from the manifest
and the adapters check queues, topics and targets against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    min_backoff_s: float
    max_backoff_s: float
    max_doublings: int

    def backoff(self, attempts: int) -> timedelta:
        """Delay after the `attempts`-th failure: doubling, capped, like Cloud Tasks."""
        exponent = min(max(attempts - 1, 0), self.max_doublings)
        return timedelta(seconds=min(self.max_backoff_s, self.min_backoff_s * 2**exponent))


@dataclass(frozen=True)
class Topology:
    queues: Mapping[str, RetryPolicy]
    topic_attempts: Mapping[str, int]  # max delivery attempts per topic
    subscribers: Mapping[str, tuple[str, ...]]  # topic -> the functions pushed to
    functions: frozenset[str]
    dead_letter_topic: str

    def check_queue(self, queue: str) -> RetryPolicy:
        if queue not in self.queues:
            raise ValueError(f"unknown queue {queue!r}; add it to functions/manifest.py")
        return self.queues[queue]

    def check_target(self, target: str) -> None:
        if target not in self.functions:
            raise ValueError(f"unknown target function {target!r}; not in functions/manifest.py")

    def check_topic(self, topic: str) -> int:
        if topic not in self.topic_attempts:
            raise ValueError(f"unknown topic {topic!r}; add it to functions/manifest.py")
        return self.topic_attempts[topic]
