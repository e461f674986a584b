"""Audit log: who changed what, when, with the before and after, written with the change.

Entries are written inside the same transaction (or batch) as the change they describe,
so there is never a change without its entry or an entry without its change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

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


def read(
    store: DocumentStore,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    actor: str | None = None,
    limit: int = 50,
    before_id: str | None = None,
) -> list[AuditEntry]:
    """Newest first; page with `before_id` (the last id of the previous page)."""
    filters = [
        Filter.eq(name, value)
        for name, value in (("entity", entity), ("entity_id", entity_id), ("actor", actor))
        if value is not None
    ]
    cursor = None
    if before_id is not None:
        data = store.get(COLLECTION, before_id)
        cursor = None if data is None else Document(COLLECTION, before_id, data)
    docs = store.query(
        COLLECTION, filters, order_by=[Order("at", Direction.DESC)], limit=limit, start_after=cursor
    )
    return [AuditEntry(id=d.id, **d.data) for d in docs]

