"""What the booking lifecycle asks of payments: a deposit link per hold, a refund on
cancellation. Both are idempotent per booking at the provider."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.booking.models import ACTIVE, Booking
from shared.payments.models import CheckoutLink, CheckoutRequest
from shared.payments.port import PAYMENTS
from shared.platform.services import Platform


def deposit_link(
    platform: Platform,
    booking_id: str,
    deposit_cents: int,
    hold_expires_at: datetime,
    email: str | None,
) -> CheckoutLink:
    return platform.adapter(PAYMENTS).deposit_checkout(
        CheckoutRequest(
            booking_id=booking_id,
            purpose="deposit",
            amount_cents=deposit_cents,
            label="Deposit",
            email=email,
            expires_at=hold_expires_at,
        )
    )


def refund_deposit(platform: Platform, booking: Booking, refund_cents: int) -> dict[str, Any]:
    """Refund a cancelled booking's card deposit; the fields to add to its cancellation."""
    if refund_cents <= 0 or booking.status not in ACTIVE:
        return {}
    intent = booking.payment.deposit_payment_intent_id
    if intent is None:  # confirmed by staff, or paid by Zelle/Venmo: nothing to refund by card
        return {"refund_id": None, "refund_note": "no card payment on file: refund it by hand"}
    return {"refund_id": platform.adapter(PAYMENTS).refund(booking.id, intent, refund_cents)}
