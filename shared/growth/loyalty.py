"""Loyalty points: a completed event earns the price book's points per dollar of its food
(after credits), once per booking (`loyalty_ledger/<booking>`), added to the customer."""

from __future__ import annotations

from datetime import datetime

from shared.booking.models import Booking
from shared.customers.identity import CUSTOMERS
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.pricing.models import PriceBook, Quote

LEDGER = "loyalty_ledger"
ACTOR = "system:loyalty"


def points_for(quote: Quote, book: PriceBook) -> int:
    return (quote.food_cents - quote.credit_cents) // 100 * book.loyalty.points_per_dollar


def accrue(tx: Transaction, booking: Booking, book: PriceBook, now: datetime) -> int | None:
    """Credit the booking's points (reads first, then writes); None if already credited."""
    if tx.get(LEDGER, booking.id) is not None:
        return None
    customer = tx.get(CUSTOMERS, booking.customer_id) or {}
    points = points_for(Quote.model_validate(booking.quote), book)
    balance = int(customer.get("loyalty_points") or 0) + points
    tx.create(
        LEDGER,
        booking.id,
        {
            "customer_id": booking.customer_id,
            "points": points,
            "price_book_version": book.version,
            "at": now,
        },
    )
    tx.update(CUSTOMERS, booking.customer_id, {"loyalty_points": balance})
    audit.record(
        tx,
        actor=ACTOR,
        action="loyalty.accrue",
        entity="customer",
        entity_id=booking.customer_id,
        now=now,
        before={"loyalty_points": balance - points},
        after={"loyalty_points": balance, "booking_id": booking.id},
    )
    return points
