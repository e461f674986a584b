"""Reading and writing debate records and entries (create-if-absent: a redelivered round
finds its entry and neither asks the panelist again nor stores a second one)."""

from __future__ import annotations

from shared.ai.debate.records import DEBATES, ENTRIES, Debate, Entry
from shared.platform.docstore import AlreadyExists, DocumentStore, Filter, Order
from shared.platform.docstore.port import Direction
from shared.platform.errors import NotFoundError


def get(store: DocumentStore, debate_id: str, *, with_entries: bool = False) -> Debate:
    data = store.get(DEBATES, debate_id)
    if data is None:
        raise NotFoundError("unknown_debate", f"no debate {debate_id!r}")
    debate = Debate.model_validate(data | {"id": debate_id})
    if with_entries:
        debate.entries = entries(store, debate_id)
    return debate


def create(store: DocumentStore, debate: Debate) -> bool:
    """False when the debate already exists (the same question, or a redelivery)."""
    try:
        store.create(DEBATES, debate.id, debate.model_dump(exclude={"id", "entries"}))
    except AlreadyExists:
        return False
    return True


def entries(store: DocumentStore, debate_id: str) -> list[Entry]:
    found = store.query(ENTRIES, [Filter.eq("debate_id", debate_id)])
    listed = [Entry.model_validate(d.data | {"id": d.id}) for d in found]
    return sorted(listed, key=lambda e: (e.round, e.at, e.panelist))


def add_entry(store: DocumentStore, entry: Entry) -> bool:
    """False when this (round, panelist) was stored already (a concurrent delivery)."""
    try:
        store.create(ENTRIES, entry.id, entry.model_dump(exclude={"id"}))
    except AlreadyExists:
        return False
    return True


def recent(store: DocumentStore, *, thread_id: str | None, limit: int) -> list[Debate]:
    filters = [Filter.eq("thread_id", thread_id)] if thread_id else []
    found = store.query(DEBATES, filters, [Order("requested_at", Direction.DESC)], limit=limit)
    return [Debate.model_validate(d.data | {"id": d.id}) for d in found]
