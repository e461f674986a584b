"""What staff see of outbound messages: sent, recorded locally, or suppressed."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.channels.outbound import OUTBOX
from shared.platform.docstore import Direction, DocumentStore, Filter, Order


class OutboxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thread_id: str | None = None
    channel: str | None = None
    to: str | None = Field(default=None, description="Recipient handle")
    limit: int = Field(default=50, ge=1, le=200)


class OutboxEntry(BaseModel):
    message_id: str
    channel: str
    to: str
    text: str
    parts: list[str]
    status: str
    reason: str | None = None
    thread_id: str
    at: datetime


class OutboxPage(BaseModel):
    messages: list[OutboxEntry]


def read(store: DocumentStore, query: OutboxQuery) -> OutboxPage:
    filters = [
        Filter.eq(name, value)
        for name, value in (
            ("thread_id", query.thread_id),
            ("channel", query.channel),
            ("to", query.to),
        )
        if value is not None
    ]
    docs = store.query(OUTBOX, filters, order_by=[Order("at", Direction.DESC)], limit=query.limit)
    return OutboxPage(
        messages=[OutboxEntry.model_validate(d.data | {"message_id": d.id}) for d in docs]
    )
