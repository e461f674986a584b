"""After the party: complete the booking and ask for the balance, once per booking.

The daily job finds confirmed bookings whose event ended before today (the market's local
date), creates a payment link for what is still owed and, in one transaction, completes
the booking, records the link and stages the message. A second run finds nothing to do;
a run that crashed part way is finished by the next (the link is idempotent at Stripe).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from shared.booking import analytics as booking_analytics
from shared.booking.lifecycle import complete
from shared.booking.models import Booking, BookingStatus
from shared.booking.records import BOOKINGS, from_record
from shared.payments import messages, notices
from shared.payments.models import CheckoutLink, CheckoutRequest
from shared.payments.port import PAYMENTS
from shared.platform.docstore import Filter, Op, Order, Transaction
from shared.platform.services import Platform

ACTOR = "system:balance"
# Bookings staff completed by hand are still asked for their balance if this recent.
COMPLETED_LOOKBACK = timedelta(days=14)


class BalanceReport(BaseModel):
    completed: list[str]
    requested: list[str]
    notices_queued: int


def due_cents(booking: Booking) -> int:
    owed = booking.total_cents - booking.deposit_cents - booking.payment.balance_paid_cents
    return max(0, owed)


def _ended_before_today(booking: Booking, now: datetime) -> bool:
    zone = ZoneInfo(booking.timezone)
    return booking.end.astimezone(zone).date() < now.astimezone(zone).date()


def _candidates(platform: Platform, now: datetime) -> list[Booking]:
    # No market's local date is past UTC's tomorrow: the exact test is per booking below.
    upper = Filter("event_date", Op.LT, (now + timedelta(days=1)).date().isoformat())
    lower = Filter("event_date", Op.GE, (now - COMPLETED_LOOKBACK).date().isoformat())
    by_date = [Order("event_date"), Order("start")]
    docs = [
        *platform.store.query(
            BOOKINGS, [Filter.eq("status", "confirmed"), upper], order_by=by_date
        ),
        *platform.store.query(
            BOOKINGS, [Filter.eq("status", "completed"), lower, upper], order_by=by_date
        ),
    ]
    bookings = [from_record(d.id, d.data) for d in docs]
    return [
        b
        for b in bookings
        if b.payment.balance_requested_at is None and _ended_before_today(b, now)
    ]


def _link(platform: Platform, booking: Booking) -> CheckoutLink | None:
    owed = due_cents(booking)
    if owed == 0:
        return None
    return platform.adapter(PAYMENTS).balance_link(
        CheckoutRequest(
            booking_id=booking.id,
            purpose="balance",
            amount_cents=owed,
            label=f"Balance for booking {booking.id}",
            email=booking.contact.email,
        )
    )


def _request(platform: Platform, booking: Booking, now: datetime) -> bool | None:
    """Complete and ask; True if this completed it, None if another run got there first."""
    link = _link(platform, booking)

    def attempt(tx: Transaction) -> bool | None:
        data = tx.get(BOOKINGS, booking.id)
        current = from_record(booking.id, data or {})
        settled = current.payment.balance_requested_at is not None
        if settled or current.status not in (BookingStatus.CONFIRMED, BookingStatus.COMPLETED):
            return None
        thread = notices.origin_thread(tx, current)
        changes: dict[str, object] = {"payment.balance_requested_at": now}
        if link is not None:
            changes |= {
                "payment.balance_session_id": link.session_id,
                "payment.balance_url": link.url,
            }
        completing = current.status is BookingStatus.CONFIRMED
        if completing:
            complete(platform, booking.id, actor=ACTOR, changes=changes, tx=tx)
        else:
            tx.update(BOOKINGS, booking.id, changes)
        if link is not None:
            text = messages.balance_request(current, due_cents(current), link.url)
            notices.stage(tx, current, thread, "balance", text, now)
        return completing

    result: bool | None = platform.store.run_transaction(attempt)
    if result:
        booking_analytics.publish(platform, booking.id)
    return result


def request_balances(platform: Platform) -> BalanceReport:
    now = platform.clock.now()
    completed: list[str] = []
    requested: list[str] = []
    for booking in _candidates(platform, now):
        outcome = _request(platform, booking, now)
        if outcome is None:
            continue
        requested.append(booking.id)
        if outcome:
            completed.append(booking.id)
    # Queue what was staged, and anything a crashed run left pending.
    queued = notices.flush(platform)
    return BalanceReport(completed=completed, requested=requested, notices_queued=queued)
