"""Recommendations as stored records, and the only path by which a change reaches Google.

A recommendation is proposed `pending`. `approve` first commits `approved` with its
audit entry, then sends the change through the ads port and records `applied` (or
`failed`, with Google's error) in a second audited write. Nothing else calls
`AdsAccount.apply`, so a pending or rejected change is never sent; a decided one cannot
be decided again (409), so an approval is sent once (a failed one may be approved again).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.ads.ports import ADS_ACCOUNT, AdChangeRefused
from shared.ads.recommendations import Recommendation
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.platform.errors import Conflict, NotFoundError
from shared.platform.log import get_logger
from shared.platform.services import Platform

RECOMMENDATIONS = "ad_recommendations"
ENTITY = "ad_recommendation"

Status = Literal["pending", "approved", "applied", "failed", "rejected"]

log = get_logger(__name__)


class StoredRecommendation(Recommendation):
    status: Status
    proposed_at: datetime
    snapshot_id: str = Field(description="The nightly snapshot whose rows justify it")
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None
    applied: list[str] = Field(default_factory=list, description="Resource names changed")
    error: str | None = None


def _load(tx: Transaction, rec_id: str) -> StoredRecommendation:
    data = tx.get(RECOMMENDATIONS, rec_id)
    if data is None:
        raise NotFoundError("unknown_recommendation", f"no recommendation {rec_id!r}")
    return StoredRecommendation.model_validate({"id": rec_id, **data})


def _data(rec: StoredRecommendation) -> dict[str, Any]:
    """The stored fields (json-safe rows and change; real datetimes for ordering)."""
    data = rec.model_dump(mode="json", exclude={"id"})
    return data | {"proposed_at": rec.proposed_at, "decided_at": rec.decided_at}


def propose(
    store: DocumentStore, found: Sequence[Recommendation], snapshot_id: str, now: datetime
) -> int:
    """Store each new recommendation as pending; one already stored (same change) is left
    as it is, whatever staff decided. Returns how many were new."""

    def write(tx: Transaction) -> int:
        fresh = [r for r in found if tx.get(RECOMMENDATIONS, r.id) is None]
        for r in fresh:
            stored = StoredRecommendation(
                **r.model_dump(), status="pending", proposed_at=now, snapshot_id=snapshot_id
            )
            tx.create(RECOMMENDATIONS, r.id, _data(stored))
        return len(fresh)

    return store.run_transaction(write)


def listed(store: DocumentStore, status: Status | None) -> list[StoredRecommendation]:
    docs = store.query(RECOMMENDATIONS, [Filter.eq("status", status)] if status else [])
    found = [StoredRecommendation.model_validate({"id": d.id, **d.data}) for d in docs]
    return sorted(found, key=lambda r: (r.proposed_at, -abs(r.impact.cost_cents)), reverse=True)


def _decide(
    platform: Platform,
    rec_id: str,
    actor: str,
    to: Status,
    note: str | None,
    *,
    expect: tuple[Status, ...],
    **fields: Any,
) -> StoredRecommendation:
    now = platform.clock.now()

    def write(tx: Transaction) -> StoredRecommendation:
        rec = _load(tx, rec_id)
        if rec.status not in expect:
            raise Conflict("already_decided", f"recommendation {rec_id} is {rec.status}")
        after = rec.model_copy(
            update={"status": to, "decided_by": actor, "decided_at": now, "note": note} | fields
        )
        tx.set(RECOMMENDATIONS, rec_id, _data(after))
        audit.record(
            tx,
            actor=actor,
            action=f"ad_recommendation.{to}",
            entity=ENTITY,
            entity_id=rec_id,
            now=now,
            before={"status": rec.status},
            after={"status": to, "change": rec.change.model_dump(mode="json"), **fields},
            reason=note,
        )
        return after

    return platform.store.run_transaction(write)


def reject(platform: Platform, rec_id: str, actor: str, note: str | None) -> StoredRecommendation:
    return _decide(platform, rec_id, actor, "rejected", note, expect=("pending",))


def approve(platform: Platform, rec_id: str, actor: str, note: str | None) -> StoredRecommendation:
    """Approve (audited, committed), then send the change; the outcome is audited too."""
    approved = _decide(platform, rec_id, actor, "approved", note, expect=("pending", "failed"))
    try:
        changed = platform.adapter(ADS_ACCOUNT).apply(approved.change)
    except Exception as exc:  # Google refused or was unreachable: staff see why, may retry
        error = (str(exc) if isinstance(exc, AdChangeRefused) else repr(exc))[:500]
        log.warning("ad change failed", extra={"recommendation": rec_id, "error": error})
        return _decide(platform, rec_id, actor, "failed", note, expect=("approved",), error=error)
    return _decide(
        platform, rec_id, actor, "applied", note, expect=("approved",), applied=changed, error=None
    )
