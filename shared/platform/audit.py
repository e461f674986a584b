"""Audit log: who changed what, when, with the before and after, written with the change.

Entries are written inside the same transaction (or batch) as the change they describe,
so there is never a change without its entry or an entry without its change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.platform.docstore import (
    Direction,
    Document,
    DocumentStore,
    Filter,
    Order,
    Transaction,
)
from shared.platform.ids import new_id

COLLECTION = "audit_log"


class AuditEntry(BaseModel):
    id: str
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reason: str | None = None


def record(
    tx: Transaction,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> str:
    entry_id = new_id("aud")
    tx.create(
        COLLECTION,
        entry_id,
        {
            "at": now,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": before,
            "after": after,
            "reason": reason,
        },
    )
    return entry_id


class AuditQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entity: str | None = None
    entity_id: str | None = None
    actor: str | None = None
    limit: int = Field(default=50, ge=1, le=200)
    before_id: str | None = Field(default=None, description="Cursor: last id of the previous page")


class AuditPage(BaseModel):
    entries: list[AuditEntry]
    next_before_id: str | None


def read(store: DocumentStore, query: AuditQuery) -> AuditPage:
    """Newest first. Equality filters plus the order need a composite index in Firestore."""
    filters = [
        Filter.eq(name, value)
        for name, value in (
            ("entity", query.entity),
            ("entity_id", query.entity_id),
            ("actor", query.actor),
        )
        if value is not None
    ]
    cursor = None
    if query.before_id is not None:
        data = store.get(COLLECTION, query.before_id)
        cursor = None if data is None else Document(COLLECTION, query.before_id, data)
    docs = store.query(
        COLLECTION,
        filters,
        order_by=[Order("at", Direction.DESC)],
        limit=query.limit,
        start_after=cursor,
    )
    more = len(docs) == query.limit
    return AuditPage(
        entries=[AuditEntry(id=d.id, **d.data) for d in docs],
        next_before_id=docs[-1].id if more else None,
    )
