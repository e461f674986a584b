"""What the payment provider told us about a booking's money, kept on the booking.

Every field converges whatever order events arrive in: amounts keep their maximum (Stripe
reports running totals), id lists are sets, and the deposit's event time keeps its minimum.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class PaymentState(BaseModel):
    """Stored on the booking under `payment`; amounts are integer cents."""

    method: str | None = Field(default=None, description="stripe, zelle, venmo, ...")
    deposit_payment_intent_id: str | None = None
    deposit_paid_cents: int = 0
    deposit_event_created: int | None = Field(
        default=None, description="Epoch seconds of the earliest event that paid the deposit"
    )
    paid_after_expiry: bool = Field(
        default=False, description="Money taken for a hold that had already expired"
    )
    refunded_cents: int = 0
    refund_ids: list[str] = Field(default_factory=list)
    disputed: bool = False
    dispute_ids: list[str] = Field(default_factory=list)
    balance_session_id: str | None = None
    balance_url: str | None = None
    balance_requested_at: datetime | None = None
    balance_paid_cents: int = 0
