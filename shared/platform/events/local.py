"""The embedded event bus: each publish becomes one persisted push delivery per subscriber.

The deliveries are the outbox: written in one commit before `publish` returns, run by the
task runner, marked done, and named by the message id, so a restart neither loses nor
repeats one.

Deliveries carry the exact body a Pub/Sub push subscription sends and ride the local task
runner, so they are retried with backoff and, after the topic's max delivery attempts,
forwarded to the dead-letter topic with the attributes Pub/Sub adds in production.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from shared.platform import deadletters
from shared.platform.clock import Clock
from shared.platform.events.envelope import decode_message, push_body
from shared.platform.tasks.local import LocalTaskQueue
from shared.platform.topology import RetryPolicy

# Pub/Sub's default exponential retry policy for push subscriptions (10 s .. 600 s) is
# shortened locally so a failing handler is visible within a minute.
LOCAL_MIN_BACKOFF_S, LOCAL_MAX_BACKOFF_S, LOCAL_MAX_DOUBLINGS = 1.0, 60.0, 5


class LocalEventBus:
    def __init__(self, queue: LocalTaskQueue, clock: Clock, project: str = "local") -> None:
        self._queue = queue
        self._clock = clock
        self._project = project
        self._topology = queue.topology

    def publish(
        self,
        topic: str,
        payload: Mapping[str, Any],
        attributes: Mapping[str, str] | None = None,
        ordering_key: str | None = None,
    ) -> str:
        max_attempts = self._topology.check_topic(topic)
        attrs = dict(attributes or {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in attrs.items()):
            raise TypeError("Pub/Sub attributes must be str -> str")
        message_id = str(secrets.randbits(53))  # Pub/Sub ids are decimal strings
        policy = RetryPolicy(
            max_attempts=max_attempts,
            min_backoff_s=LOCAL_MIN_BACKOFF_S,
            max_backoff_s=LOCAL_MAX_BACKOFF_S,
            max_doublings=LOCAL_MAX_DOUBLINGS,
        )
        deliveries = []
        for function in self._topology.subscribers.get(topic, ()):
            subscription = deadletters.subscription_name(topic, function)
            source = f"projects/{self._project}/subscriptions/{subscription}"
            body = push_body(
                message_id=message_id,
                payload=dict(payload),
                attributes=attrs,
                subscription=source,
                publish_time=self._clock.now(),
                ordering_key=ordering_key,
            )
            deliveries.append(
                self._queue.task("event", source, function, body, None, message_id, policy)
            )
        # One commit for every subscriber's delivery, before publish returns: a crash leaves
        # all of them (each run once, idempotent by message id) or none, never some.
        self._queue.put_all(deliveries)
        return message_id

    def forward_to_dead_letters(self, delivery: dict[str, Any]) -> bool:
        """What Pub/Sub does after the last failed attempt: republish with source attributes.

        Returns False for the dead-letter topic's own subscribers, which have nowhere to go.
        """
        dead_letters = self._topology.dead_letter_topic
        dead_letter_sub = deadletters.subscription_name(dead_letters, delivery["target"])
        if delivery["source"].endswith(dead_letter_sub):
            return False
        message = decode_message(delivery["body"]["message"])
        self.publish(
            dead_letters,
            message.payload,
            message.attributes
            | {
                deadletters.SOURCE_SUBSCRIPTION_ATTR: delivery["source"],
                deadletters.DELIVERY_COUNT_ATTR: str(delivery["attempts"]),
                "CloudPubSubDeadLetterSourceMessageId": message.message_id,
                "CloudPubSubDeadLetterSourceDeliveryErrorMessage": delivery["last_error"] or "",
            },
        )
        return True
