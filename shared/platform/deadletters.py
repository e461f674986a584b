"""Messages and tasks that failed every attempt, kept for staff to inspect and replay."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.platform.docstore import AlreadyExists, Direction, DocumentStore, Filter, Order
from shared.platform.errors import Conflict, NotFoundError
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


class DeadLetterQuery(BaseModel):
    kind: Literal["event", "task"] | None = None
    target: str | None = None
    include_replayed: bool = False
    limit: int = Field(default=50, ge=1, le=200)


class StoredDeadLetter(DeadLetter):
    id: str
    recorded_at: datetime
    replayed_at: datetime | None = None


class DeadLetterPage(BaseModel):
    dead_letters: list[StoredDeadLetter]


class ReplayRequest(BaseModel):
    id: str = Field(description="The dead letter to run again")


class ReplayResult(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    replayed: str = Field(description="The dead letter's id")
    as_: str = Field(alias="as", description="The new message or task it was sent again as")


def read(store: DocumentStore, query: DeadLetterQuery) -> DeadLetterPage:
    filters = [
        Filter.eq(name, value)
        for name, value in (("kind", query.kind), ("target", query.target))
        if value is not None
    ]
    docs = store.query(
        COLLECTION, filters, order_by=[Order("recorded_at", Direction.DESC)], limit=query.limit
    )
    letters = [StoredDeadLetter.model_validate(d.data | {"id": d.id}) for d in docs]
    return DeadLetterPage(
        dead_letters=[d for d in letters if query.include_replayed or d.replayed_at is None]
    )


def replay(store: DocumentStore, bus: Any, tasks: Any, letter_id: str, *, now: datetime) -> str:
    """Run dead work again: a task goes back on its queue, an event back on its topic."""
    data = store.get(COLLECTION, letter_id)
    if data is None:
        raise NotFoundError("unknown_dead_letter", f"no dead letter {letter_id!r}")
    letter = StoredDeadLetter.model_validate(data | {"id": letter_id})
    if letter.replayed_at is not None:
        raise Conflict("already_replayed", "this dead letter was replayed already")
    if letter.kind == "task":
        task = tasks.enqueue(
            letter.source, letter.target, letter.payload, dedup_name=f"replay-{letter_id}"
        )
        ref = str(task.name)
    else:
        topic = letter.source.rsplit("/", 1)[-1].split(SUBSCRIPTION_SEPARATOR, 1)[0]
        attributes = {
            k: v for k, v in letter.attributes.items() if not k.startswith("CloudPubSubDeadLetter")
        }
        ref = str(bus.publish(topic, letter.payload, attributes))
    store.update(COLLECTION, letter_id, {"replayed_at": now, "replay_ref": ref})
    return ref
