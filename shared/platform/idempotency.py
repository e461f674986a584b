"""Exactly-once effects for at-least-once deliveries.

The processed key (Pub/Sub message id, task name, provider event id) is recorded in the
same transaction as the effect's writes, so a redelivery finds it and does nothing, and a
crash before commit leaves neither the effect nor the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.ids import stable_id

T = TypeVar("T")

COLLECTION = "_processed"
DEFAULT_RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    applied: bool  # False: the key was already processed, the effect did not run again
    result: T | None = None


def run_once(
    store: DocumentStore,
    key: str,
    effect: Callable[[Transaction], T],
    *,
    now: datetime,
    retention: timedelta = DEFAULT_RETENTION,
) -> Outcome[T]:
    """Run `effect` inside a transaction unless `key` was processed before.

    `effect` must do its reads before its writes (the store's transaction rule) and must
    not call out to other systems: send messages by enqueueing named tasks instead.
    """
    doc_id = stable_id(key)

    def attempt(tx: Transaction) -> Outcome[T]:
        if tx.get(COLLECTION, doc_id) is not None:
            return Outcome(applied=False)
        result = effect(tx)
        tx.create(
            COLLECTION, doc_id, {"key": key, "processed_at": now, "expires_at": now + retention}
        )
        return Outcome(applied=True, result=result)

    return store.run_transaction(attempt)
