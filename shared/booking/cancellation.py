"""Cancelling a booking: free its window and refund the deposit as the policy (or staff) says.

The card refund goes through `BOOKING_PAYMENTS` (idempotent per booking at the provider)
before the status changes.
"""

from __future__ import annotations

from typing import Any

from shared.booking.lifecycle import transition
from shared.booking.models import ACTIVE, Booking, BookingStatus
from shared.booking.payments_port import BOOKING_PAYMENTS
from shared.booking.records import get
from shared.booking.refund_policy import overridden, refund_decision
from shared.platform.services import Platform
from shared.pricing import store as price_books


def _refund(platform: Platform, booking: Booking, refund_cents: int) -> dict[str, Any]:
    """Refund the card deposit of a booking being cancelled; the fields its cancellation adds."""
    if refund_cents <= 0 or booking.status not in ACTIVE:
        return {}
    intent = booking.payment.deposit_payment_intent_id
    if intent is None:  # confirmed by staff, or paid by Zelle/Venmo: nothing to refund by card
        return {"refund_id": None, "refund_note": "no card payment on file: refund it by hand"}
    payments = platform.adapter(BOOKING_PAYMENTS)
    return {"refund_id": payments.refund(booking.id, intent, refund_cents)}


def cancel(
    platform: Platform,
    booking_id: str,
    *,
    actor: str,
    reason: str | None = None,
    refund_override_cents: int | None = None,
) -> Booking:
    """Cancel and free the window; the refund follows the policy unless staff override it."""
    booking = get(platform.store, booking_id)
    book = price_books.get(platform.store, booking.price_book_version)
    decision = refund_decision(booking, platform.clock.now(), book.deposit.refundable_days_before)
    if refund_override_cents is not None:
        decision = overridden(decision, refund_override_cents, booking.deposit_cents)
    refund = _refund(platform, booking, decision["refund_cents"])
    cancelled = transition(
        platform,
        booking_id,
        allowed_from=ACTIVE,
        to=BookingStatus.CANCELLED,
        actor=actor,
        changes={
            "cancellation": decision | refund | {"reason": reason, "by": actor},
            "hold_expires_at": None,
        },
        release_claims=True,
        reason=reason,
    )
    assert cancelled is not None
    return cancelled
