"""Messages and tasks that failed every attempt, kept for staff to inspect and replay."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.platform.docstore import AlreadyExists, DocumentStore
from shared.platform.events.envelope import ReceivedEvent
from shared.platform.ids import stable_id

COLLECTION = "dead_letters"

# Attributes Pub/Sub adds when it forwards a message to a dead-letter topic.
SOURCE_SUBSCRIPTION_ATTR = "CloudPubSubDeadLetterSourceSubscription"
DELIVERY_COUNT_ATTR = "CloudPubSubDeadLetterSourceDeliveryCount"
SUBSCRIPTION_SEPARATOR = "--"  # subscriptions are named <topic>--<function>


class DeadLetter(BaseModel):
    kind: Literal["event", "task"]
    source: str = Field(description="Subscription or queue the work came from")
    target: str = Field(description="Function that failed to handle it")
    key: str = Field(description="Message id or task name")
    payload: dict[str, Any]
    attributes: dict[str, str] = Field(default_factory=dict)
    attempts: int
    last_error: str | None = None


def subscription_name(topic: str, function: str) -> str:
    return f"{topic}{SUBSCRIPTION_SEPARATOR}{function}"


def target_of(subscription: str) -> str:
    """The function a `<topic>--<function>` subscription pushed to ("" if unknown)."""
    short = subscription.rsplit("/", 1)[-1]
    return short.split(SUBSCRIPTION_SEPARATOR, 1)[1] if SUBSCRIPTION_SEPARATOR in short else ""


def record(store: DocumentStore, letter: DeadLetter, *, now: datetime) -> bool:
    """Store once per (kind, source, target, key); False when it was already recorded."""
    doc_id = stable_id(letter.kind, letter.source, letter.target, letter.key)
    try:
        store.create(COLLECTION, doc_id, letter.model_dump() | {"recorded_at": now})
    except AlreadyExists:
        return False
    return True


def record_forwarded(store: DocumentStore, event: ReceivedEvent, *, now: datetime) -> bool:
    """Record a message Pub/Sub (or the local bus) forwarded to the dead-letter topic."""
    source = event.attributes.get(SOURCE_SUBSCRIPTION_ATTR, "unknown")
    return record(
        store,
        DeadLetter(
            kind="event",
            source=source,
            target=target_of(source),
            key=event.attributes.get("CloudPubSubDeadLetterSourceMessageId", event.message_id),
            payload=event.payload,
            attributes=event.attributes,
            attempts=int(event.attributes.get(DELIVERY_COUNT_ATTR, "0") or 0),
            last_error=event.attributes.get("CloudPubSubDeadLetterSourceDeliveryErrorMessage"),
        ),
        now=now,
    )
