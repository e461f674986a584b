"""Typed analytics events and the one way to publish them (the `analytics-events` topic).

It lives in the platform so every domain can emit from the single place a business fact is
recorded (booking, payments, the AI turn) without importing the analytics domain above
them. Each event is one flat row: the topic's BigQuery subscription writes the JSON as is
into a table whose schema is generated from `AnalyticsRow`, and the local subscriber puts
the same row into DuckDB. The event id is derived from the source record, so publishing a
fact twice (a retried webhook, a redelivered turn) still leaves one row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.platform.events import EventBus
from shared.platform.ids import stable_id

ANALYTICS_TOPIC = "analytics-events"
SCHEMA_VERSION = 1

# What a party is for: read from the conversation, or given with a booking.
Occasion = Literal["birthday", "anniversary", "wedding", "graduation", "corporate", "holiday"]

Kind = Literal[
    "message_in",
    "message_out",
    "quote",
    "hold",
    "deposit_paid",
    "cancellation",
    "refund",
    "event_completed",
    "review",
    "escalation",
    "rating",
]


class AnalyticsRow(BaseModel):
    """Every column of the events table; each kind below says which ones it fills."""

    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(description="stable_id(kind, source id): the dedup key")
    kind: Kind
    schema_version: int = SCHEMA_VERSION
    occurred_at: datetime
    thread_id: str | None = Field(default=None, description="The conversation, when known")
    booking_id: str | None = None
    channel: str | None = None
    agent: str | None = Field(default=None, description="The assistant or staff member")
    market: str | None = None
    occasion: Occasion | None = None
    amount_cents: int | None = None
    rating: int | None = None
    # Profitability, channels and the decision dashboard: one block, every column nullable.
    customer_id: str | None = Field(default=None, description="The customer, across channels")
    guests: int | None = None
    base_cents: int | None = Field(
        default=None, description="The booking's guests, party minimum and peak surcharge"
    )
    upgrades_cents: int | None = Field(default=None, description="Protein upgrades, third proteins")
    travel_fee_cents: int | None = None
    addons_cents: int | None = None
    tax_cents: int | None = None
    total_cents: int | None = Field(
        default=None, description="base + upgrades + travel fee + add-ons + tax"
    )
    ai_cost_microusd: int | None = Field(
        default=None, description="What the turn's model calls cost, in millionths of a dollar"
    )
    llm_used: bool | None = Field(
        default=None, description="An LLM wrote the turn (not the offline tier or the cache)"
    )
    knowledge_failed: bool | None = Field(
        default=None, description="The turn met a question the knowledge base could not answer"
    )
    gclid: str | None = Field(
        default=None, description="The Google Ads click that brought the booking"
    )


class MessageIn(AnalyticsRow):
    kind: Literal["message_in"] = "message_in"
    thread_id: str
    channel: str


class MessageOut(AnalyticsRow):
    kind: Literal["message_out"] = "message_out"
    thread_id: str
    channel: str
    agent: str


class Quote(AnalyticsRow):
    kind: Literal["quote"] = "quote"
    thread_id: str
    amount_cents: int | None = None


class Hold(AnalyticsRow):
    kind: Literal["hold"] = "hold"
    booking_id: str
    market: str
    amount_cents: int


class DepositPaid(AnalyticsRow):
    kind: Literal["deposit_paid"] = "deposit_paid"
    booking_id: str
    market: str


class Cancellation(AnalyticsRow):
    kind: Literal["cancellation"] = "cancellation"
    booking_id: str
    market: str


class Refund(AnalyticsRow):
    kind: Literal["refund"] = "refund"
    booking_id: str
    amount_cents: int


class EventCompleted(AnalyticsRow):
    kind: Literal["event_completed"] = "event_completed"
    booking_id: str
    market: str


class Review(AnalyticsRow):
    kind: Literal["review"] = "review"
    booking_id: str


class Escalation(AnalyticsRow):
    kind: Literal["escalation"] = "escalation"
    thread_id: str


class Rating(AnalyticsRow):
    kind: Literal["rating"] = "rating"
    thread_id: str
    rating: int


AnalyticsEvent = Annotated[
    MessageIn
    | MessageOut
    | Quote
    | Hold
    | DepositPaid
    | Cancellation
    | Refund
    | EventCompleted
    | Review
    | Escalation
    | Rating,
    Field(discriminator="kind"),
]


class AnalyticsPayload(RootModel[AnalyticsEvent]):
    """The topic's payload: one flat event row (what the BigQuery subscription writes)."""


def event_id(kind: Kind, source: str) -> str:
    """The id an event of `kind` about source record `source` always gets."""
    return stable_id("analytics", kind, source)


def emit(bus: EventBus, event: AnalyticsRow) -> str:
    """Publish one analytics event; the row is the payload, the id its ordering-free key."""
    return bus.publish(
        ANALYTICS_TOPIC,
        event.model_dump(mode="json"),
        {"kind": event.kind, "event_id": event.event_id},
    )
