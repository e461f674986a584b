"""Nightly purge of records whose purpose has expired."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel

from shared.platform import idempotency
from shared.platform.docstore import DocumentStore, Filter, Op
from shared.platform.services import Platform
from shared.platform.tasks import local as local_tasks

FINISHED_TASK_RETENTION = timedelta(days=7)
BATCH = 400


class HousekeepingReport(BaseModel):
    processed_keys: int
    rate_limit_buckets: int
    finished_tasks: int


def _purge(store: DocumentStore, collection: str, filters: list[Filter]) -> int:
    removed = 0
    while True:
        docs = store.query(collection, filters, limit=BATCH)
        if not docs:
            return removed
        batch = store.batch()
        for doc in docs:
            batch.delete(collection, doc.id)
        batch.commit()
        removed += len(docs)


def run(platform: Platform) -> HousekeepingReport:
    store, now = platform.store, platform.clock.now()
    finished_before = now - FINISHED_TASK_RETENTION
    return HousekeepingReport(
        processed_keys=_purge(store, idempotency.COLLECTION, [Filter("expires_at", Op.LT, now)]),
        rate_limit_buckets=_purge(store, "rate_limits", [Filter("expires_at", Op.LT, now)]),
        finished_tasks=sum(
            _purge(
                store,
                local_tasks.COLLECTION,
                [Filter.eq("state", state), Filter("finished_at", Op.LT, finished_before)],
            )
            for state in ("done", "dead")
        ),
    )
