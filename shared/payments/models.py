"""What payments asks its provider for: a checkout for a booking, and the link it returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Purpose = Literal["deposit", "balance"]


@dataclass(frozen=True)
class CheckoutRequest:
    """A payment to collect for a booking."""

    booking_id: str
    purpose: Purpose
    amount_cents: int
    label: str
    email: str | None = None
    expires_at: datetime | None = None

    @property
    def idempotency_key(self) -> str:
        return f"{self.purpose}-{self.booking_id}"

    @property
    def metadata(self) -> dict[str, str]:
        return {"booking_id": self.booking_id, "purpose": self.purpose}


@dataclass(frozen=True)
class CheckoutLink:
    """Where the customer pays: a Checkout Session or Payment Link (or the local pay page)."""

    session_id: str
    url: str
