"""Per-client token buckets kept in the document store, so every instance shares them.

A client is keyed by the address a trusted proxy saw, never by what the client wrote: each
proxy appends the address it received the request from to X-Forwarded-For, so only the last
`trusted_hops` entries are facts and anything to their left is the client's own text.
"""

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


def client_key(forwarded_for: str | None, peer: str | None, trusted_hops: int) -> str:
    """The address the outermost trusted proxy received the request from.

    With no trusted proxy (local runs) that is the socket peer. With `trusted_hops` proxies
    it is the `trusted_hops`-th entry from the right; when fewer entries arrived, every one
    was written by a trusted proxy, so the leftmost of them is the furthest one seen.
    """
    if trusted_hops > 0:
        hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
        if hops:
            return hops[-min(trusted_hops, len(hops))]
    return peer or "unknown"


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
