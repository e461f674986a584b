"""Loyalty points: a completed event earns the price book's points per dollar of its food
(after credits), once per booking (`loyalty_ledger/<booking>`), added to the customer's
earned total. With enough available, a new hold carries the book's loyalty reward credit
and spends its points (`loyalty_redemptions/<booking>`); points spent on a hold that
expires or a booking that is cancelled are available again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from shared.booking.models import Booking
from shared.customers.identity import CUSTOMERS
from shared.growth.spending import CreditSpent, live
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.pricing.models import PriceBook, Quote

LEDGER = "loyalty_ledger"
REDEMPTIONS = "loyalty_redemptions"
ACTOR = "system:loyalty"


def available(store: DocumentStore, customer_id: str) -> int:
    """Earned points less those spent on bookings that stand."""
    earned = int((store.get(CUSTOMERS, customer_id) or {}).get("loyalty_points") or 0)
    spent = store.query(REDEMPTIONS, [Filter.eq("customer_id", customer_id)])
    return earned - sum(int(d.data["points"]) for d in spent if live(store, d.id))


def held_keys(store: DocumentStore, book: PriceBook, customer_id: str | None) -> list[str]:
    reward = book.loyalty.reward
    if reward is None or customer_id is None or available(store, customer_id) < reward.points:
        return []
    return [reward.credit]


def plan_claim(
    tx: Transaction,
    store: DocumentStore,
    book: PriceBook,
    *,
    booking_id: str,
    customer_id: str,
    used: set[str],
    now: datetime,
) -> Callable[[], None]:
    """Reads only: that the points are still there. The customer document is read and
    written, so concurrent holds by one customer serialise (a retry sees the other's
    redemption). Returns the writes, run after every read of the transaction."""
    reward = book.loyalty.reward
    if reward is None or reward.credit not in used:
        return lambda: None
    tx.get(CUSTOMERS, customer_id)
    if available(store, customer_id) < reward.points:
        raise CreditSpent(detail="the loyalty points were spent by another booking")

    def write() -> None:
        record = {"customer_id": customer_id, "points": reward.points, "at": now}
        tx.set(REDEMPTIONS, booking_id, record)
        tx.update(CUSTOMERS, customer_id, {"loyalty_redeemed_at": now})
        audit.record(
            tx,
            actor=ACTOR,
            action="loyalty.redeem",
            entity="customer",
            entity_id=customer_id,
            now=now,
            after={"points": reward.points, "booking_id": booking_id},
        )

    return write


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
