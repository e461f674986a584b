"""The markets the business serves, as stored documents: pricing owns them.

Each `markets/<id>` document holds the `Market` fields plus `blackouts` (ISO dates the
whole market is closed). An empty store reads as the shipped defaults.
"""

from __future__ import annotations

from datetime import date, datetime

from shared.platform.docstore import DocumentStore
from shared.platform.errors import ValidationFailed
from shared.pricing.models import Market
from shared.pricing.price_book import default_markets

MARKETS = "markets"


def markets(store: DocumentStore) -> tuple[Market, ...]:
    docs = store.query(MARKETS)
    if not docs:
        return default_markets()
    fields = set(Market.model_fields)
    return tuple(
        Market.model_validate({k: v for k, v in d.data.items() if k in fields} | {"id": d.id})
        for d in docs
    )


def market(store: DocumentStore, market_id: str) -> Market:
    """The market, or a 422 naming the known ones."""
    found = markets(store)
    for m in found:
        if m.id == market_id:
            return m
    known = ", ".join(m.id for m in found)
    raise ValidationFailed.single("market", f"unknown market; choose one of {known}")


def market_blackouts(store: DocumentStore, market_id: str) -> frozenset[date]:
    data = store.get(MARKETS, market_id) or {}
    return frozenset(date.fromisoformat(d) for d in data.get("blackouts", []))


def seed(store: DocumentStore, now: datetime) -> str:
    batch = store.batch()
    for m in default_markets():
        batch.set(MARKETS, m.id, m.model_dump(mode="json", exclude={"id"}) | {"blackouts": []})
    batch.commit()
    return f"{len(default_markets())} markets"
