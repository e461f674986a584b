"""What booking needs from payments, owned here so booking never imports payments.

Payments implements `BookingPayments` and the app shell registers it under
`BOOKING_PAYMENTS`; booking asks `platform.adapter(BOOKING_PAYMENTS)`. Both operations are
idempotent per booking at the provider.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from shared.platform.services import Port


class DepositLink(Protocol):
    """Where the customer pays the deposit."""

    @property
    def session_id(self) -> str: ...

    @property
    def url(self) -> str: ...


class BookingPayments(Protocol):
    def deposit_link(
        self, booking_id: str, deposit_cents: int, expires_at: datetime, email: str | None
    ) -> DepositLink:
        """A checkout for the hold's deposit, expiring with the hold where possible."""
        ...

    def refund(self, booking_id: str, payment_intent_id: str, amount_cents: int) -> str:
        """Refund part or all of the deposit's card payment, once; returns the refund id."""
        ...


BOOKING_PAYMENTS: Port[BookingPayments] = Port("booking-payments")
