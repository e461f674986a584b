"""Per-client token buckets kept in the document store, so every instance shares them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import RateLimited
from shared.platform.ids import stable_id

COLLECTION = "rate_limits"


@dataclass(frozen=True)
class Bucket:
    capacity: int  # burst size
    per_minute: int  # refill rate


def consume(
    store: DocumentStore, *, scope: str, client: str, bucket: Bucket, now: datetime
) -> None:
    """Take one token for `client` in `scope`, or raise RateLimited with the wait in seconds."""
    doc_id = stable_id(scope, client)
    refill_per_s = bucket.per_minute / 60.0

    def take(tx: Transaction) -> float:
        state = tx.get(COLLECTION, doc_id)
        tokens = float(bucket.capacity)
        if state is not None:
            elapsed = max(0.0, (now - state["updated_at"]).total_seconds())
            tokens = min(float(bucket.capacity), state["tokens"] + elapsed * refill_per_s)
        if tokens < 1.0:
            return (1.0 - tokens) / refill_per_s
        tx.set(
            COLLECTION,
            doc_id,
            {
                "scope": scope,
                "tokens": tokens - 1.0,
                "updated_at": now,
                "expires_at": now + timedelta(seconds=bucket.capacity / refill_per_s),
            },
        )
        return 0.0

    wait_s = store.run_transaction(take)
    if wait_s > 0:
        raise RateLimited(retry_after_s=max(1, math.ceil(wait_s)))
