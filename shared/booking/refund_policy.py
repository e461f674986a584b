"""The deposit refund rule, as pure functions of the booking and the clock.

Full refund at least N days (the price book's `refundable_days_before`) before the event,
none after; staff may override the amount within the deposit. Each decision records its
`rule`, so the cancellation says why.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from shared.booking.models import Booking
from shared.platform.errors import ValidationFailed


def refund_decision(booking: Booking, now: datetime, book_refund_days: int) -> dict[str, Any]:
    """What the policy refunds if the booking is cancelled at `now`."""
    if not booking.deposit_paid:
        return {"refund_cents": 0, "rule": "no deposit paid"}
    if booking.start - now >= timedelta(days=book_refund_days):
        return {"refund_cents": booking.deposit_cents, "rule": f">= {book_refund_days} days before"}
    return {"refund_cents": 0, "rule": f"< {book_refund_days} days before: deposit kept"}


def overridden(policy: dict[str, Any], refund_cents: int, deposit_cents: int) -> dict[str, Any]:
    """Staff's amount instead of the policy's (kept alongside); 0 up to the whole deposit."""
    if not 0 <= refund_cents <= deposit_cents:
        raise ValidationFailed.single("refund_cents", "must be between 0 and the deposit")
    return {"refund_cents": refund_cents, "rule": "staff override", "policy": policy}
