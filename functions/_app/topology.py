"""The manifest's queues, topics and functions as the `Topology` the adapters route by."""

from __future__ import annotations

from functions.manifest import DEAD_LETTER_TOPIC, FUNCTIONS, QUEUES, TOPICS, subscribers
from shared.platform.topology import RetryPolicy, Topology

TOPOLOGY = Topology(
    queues={
        q.name: RetryPolicy(q.max_attempts, q.min_backoff_s, q.max_backoff_s, q.max_doublings)
        for q in QUEUES
    },
    topic_attempts={t.name: t.max_delivery_attempts for t in TOPICS},
    subscribers={t.name: tuple(f.name for f in subscribers(t.name)) for t in TOPICS},
    functions=frozenset(f.name for f in FUNCTIONS),
    dead_letter_topic=DEAD_LETTER_TOPIC,
)
