"""Payments' side of the booking lifecycle: booking's `BookingPayments`, over the provider.

The app shell registers `ProviderBookingPayments` under `BOOKING_PAYMENTS`; the provider
adapter is looked up on each call, so a payments outage fails the call, not the build.
"""

from __future__ import annotations

from datetime import datetime

from shared.booking.payments_port import BookingPayments
from shared.payments.models import CheckoutLink, CheckoutRequest
from shared.payments.port import PAYMENTS
from shared.platform.services import Platform


class ProviderBookingPayments(BookingPayments):
    """Deposit checkouts and deposit refunds through the configured payments provider."""

    def __init__(self, platform: Platform) -> None:
        self._platform = platform

    def deposit_link(
        self, booking_id: str, deposit_cents: int, expires_at: datetime, email: str | None
    ) -> CheckoutLink:
        return self._platform.adapter(PAYMENTS).deposit_checkout(
            CheckoutRequest(
                booking_id=booking_id,
                purpose="deposit",
                amount_cents=deposit_cents,
                label="Deposit",
                email=email,
                expires_at=expires_at,
            )
        )

    def refund(self, booking_id: str, payment_intent_id: str, amount_cents: int) -> str:
        return self._platform.adapter(PAYMENTS).refund(booking_id, payment_intent_id, amount_cents)
