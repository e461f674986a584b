"""The analytics facts a booking's record shows, published after each change commits.

Rather than one publish per code path (hold, webhook, staff, balance request, cancel),
the booking is read back after the commit and every fact it shows is emitted; each event
id is (kind, booking id), so facts already published are dropped by the sinks and
re-emitting is always safe. The first emission's time is the one kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from shared.booking.models import Booking, BookingStatus
from shared.booking.records import BOOKINGS, from_record
from shared.platform import analytics as a
from shared.platform.services import Platform


class _Common(TypedDict):
    booking_id: str
    thread_id: str | None
    channel: str | None
    market: str
    customer_id: str
    gclid: str | None


class _Amounts(TypedDict):
    guests: int
    base_cents: int
    upgrades_cents: int
    travel_fee_cents: int
    addons_cents: int
    tax_cents: int
    total_cents: int


# Which revenue column each quote line kind adds to (base: what the guests pay for).
_LINE_COLUMN = {
    "guests": "base_cents",
    "minimum": "base_cents",
    "surcharge": "base_cents",
    "upgrade": "upgrades_cents",
    "third_protein": "upgrades_cents",
    "travel": "travel_fee_cents",
    "addon": "addons_cents",
    "tax": "tax_cents",
}


_DEPOSITED = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)


def _refunded_cents(booking: Booking) -> int:
    cancellation = booking.cancellation or {}
    by_card = cancellation.get("refund_cents", 0) if cancellation.get("refund_id") else 0
    return max(booking.payment.refunded_cents, by_card)


def amounts(booking: Booking) -> _Amounts:
    """The booking's revenue by line, from the quote it was booked at (integer cents)."""
    by_column = dict.fromkeys(_LINE_COLUMN.values(), 0)
    for line in booking.quote.get("lines", ()):
        by_column[_LINE_COLUMN[line["kind"]]] += line["amount_cents"]
    return _Amounts(
        guests=booking.guests,
        base_cents=by_column["base_cents"],
        upgrades_cents=by_column["upgrades_cents"],
        travel_fee_cents=by_column["travel_fee_cents"],
        addons_cents=by_column["addons_cents"],
        tax_cents=by_column["tax_cents"],
        total_cents=booking.total_cents,
    )


def facts(booking: Booking, now: datetime) -> list[a.AnalyticsRow]:
    """Every analytics event the booking's current record implies (pure)."""
    common = _Common(
        booking_id=booking.id,
        thread_id=booking.origin_thread_id,
        channel=booking.origin_channel,
        market=booking.market,
        customer_id=booking.customer_id,
        gclid=booking.gclid,
    )
    lines = amounts(booking)
    found: list[a.AnalyticsRow] = [
        a.Hold(
            event_id=a.event_id("hold", booking.id),
            occurred_at=booking.created_at,
            amount_cents=booking.total_cents,
            occasion=booking.occasion,
            **common,
            **lines,
        )
    ]
    if booking.deposit_paid or booking.status in _DEPOSITED:
        found.append(
            a.DepositPaid(
                event_id=a.event_id("deposit_paid", booking.id),
                occurred_at=now,
                amount_cents=booking.payment.deposit_paid_cents or booking.deposit_cents,
                **common,
            )
        )
    if booking.status is BookingStatus.COMPLETED:
        found.append(
            a.EventCompleted(
                event_id=a.event_id("event_completed", booking.id),
                occurred_at=now,
                **common,
                **lines,
            )
        )
    if booking.status is BookingStatus.CANCELLED:
        found.append(
            a.Cancellation(
                event_id=a.event_id("cancellation", booking.id), occurred_at=now, **common
            )
        )
    refunded = _refunded_cents(booking)
    if refunded > 0:
        found.append(
            a.Refund(
                event_id=a.event_id("refund", booking.id),
                occurred_at=now,
                amount_cents=refunded,
                **common,
            )
        )
    return found


def publish(platform: Platform, booking_id: str) -> None:
    """Emit the booking's facts (none for an unknown id); call after the change commits."""
    data = platform.store.get(BOOKINGS, booking_id)
    if data is None:
        return
    booking = from_record(booking_id, data)
    for row in facts(booking, platform.clock.now()):
        a.emit(platform.bus, row)
