"""Nightly purge of records whose purpose has expired, by a table of retention rules.

The platform owns the mechanism and its own collections' rules; the app shell adds the
domains' rules (functions/_app/retention.py), since this package imports no domain. A rule names
the time field that ages a document and, where only some documents may go, the states
that may (a pending task or a live booking is never purged by age).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from shared.platform import deadletters, health, idempotency
from shared.platform.docstore import DocumentStore, Filter, Op
from shared.platform.services import Platform
from shared.platform.tasks import local as local_tasks

BATCH = 400


@dataclass(frozen=True)
class Retention:
    collection: str
    aged_by: str  # a datetime field of every document in the collection
    keep: timedelta  # purged once aged_by is older than this (0: aged_by is an expiry)
    why: str
    only: tuple[str, tuple[str, ...]] | None = None  # (field, values) that may be purged

    def filters(self, now: datetime) -> list[list[Filter]]:
        """One query per purgeable state (Firestore needs no composite index for each)."""
        older = Filter(self.aged_by, Op.LT, now - self.keep)
        if self.only is None:
            return [[older]]
        field, values = self.only
        return [[Filter.eq(field, value), older] for value in values]


PLATFORM_RULES: tuple[Retention, ...] = (
    Retention(
        idempotency.COLLECTION,
        "expires_at",
        timedelta(0),
        "processed delivery keys; each carries its expiry (30 days by default)",
    ),
    Retention(
        local_tasks.COLLECTION,
        "finished_at",
        timedelta(days=7),
        "finished local tasks and event deliveries; pending and running ones stay",
        only=("state", ("done", "dead")),
    ),
    Retention(
        deadletters.COLLECTION,
        "recorded_at",
        timedelta(days=90),
        "dead letters, after 90 days in the admin view",
    ),
    Retention(health.COLLECTION, "checked_at", timedelta(days=1), "health probes of old instances"),
)


class HousekeepingReport(BaseModel):
    purged: dict[str, int] = Field(description="Documents removed, by collection")


def purge(store: DocumentStore, rule: Retention, now: datetime) -> int:
    removed = 0
    for filters in rule.filters(now):
        while docs := store.query(rule.collection, filters, limit=BATCH):
            batch = store.batch()
            for doc in docs:
                batch.delete(rule.collection, doc.id)
            batch.commit()
            removed += len(docs)
    return removed


def run(platform: Platform, rules: Sequence[Retention] = PLATFORM_RULES) -> HousekeepingReport:
    now = platform.clock.now()
    return HousekeepingReport(
        purged={rule.collection: purge(platform.store, rule, now) for rule in rules}
    )
