"""Chef-time claims: one document per (chef, 30-minute cell) a booking blocks.

Claim ids are deterministic, so two transactions that want the same chef time touch the
same documents and the store lets exactly one of them commit. Reads happen before writes
(the store's transaction rule): callers first `pick_chefs`, then `write`/`release`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shared.booking.availability import blocked_cells
from shared.platform.docstore import Transaction

COLLECTION = "chef_claims"


def claim_id(chef_id: str, cell: datetime) -> str:
    return f"{chef_id}@{cell:%Y%m%dT%H%MZ}"


def pick_chefs(
    tx: Transaction,
    candidates: Sequence[str],
    start: datetime,
    end: datetime,
    needed: int,
    owner: str,
) -> list[str] | None:
    """The first `needed` candidates whose cells are all free (or already `owner`'s)."""
    cells = blocked_cells(start, end)
    chosen: list[str] = []
    for chef_id in candidates:
        holders = (tx.get(COLLECTION, claim_id(chef_id, cell)) for cell in cells)
        if all(h is None or h["booking_id"] == owner for h in holders):
            chosen.append(chef_id)
            if len(chosen) == needed:
                return chosen
    return None


def owned(
    tx: Transaction, chef_ids: Sequence[str], start: datetime, end: datetime, owner: str
) -> list[str]:
    """Ids of the claims `owner` holds for this window (read before `release`)."""
    ids = [claim_id(c, cell) for c in chef_ids for cell in blocked_cells(start, end)]
    return [i for i in ids if (tx.get(COLLECTION, i) or {}).get("booking_id") == owner]


def write(
    tx: Transaction, chef_ids: Sequence[str], start: datetime, end: datetime, owner: str
) -> None:
    for chef_id in chef_ids:
        for cell in blocked_cells(start, end):
            tx.set(
                COLLECTION,
                claim_id(chef_id, cell),
                {"booking_id": owner, "chef_id": chef_id, "cell": cell},
            )


def release(tx: Transaction, claim_ids: Sequence[str]) -> None:
    for doc_id in claim_ids:
        tx.delete(COLLECTION, doc_id)
