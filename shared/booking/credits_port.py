"""What booking needs from growth (referrals, credits), owned here so booking never imports it.

Growth implements `BookingCredits` and the app shell registers it under `BOOKING_CREDITS`.
`held` runs before the quote (reads only); `claim` runs inside the hold's transaction, so a
credit is spent exactly when the hold that shows it is written, and at most once.
"""

from __future__ import annotations

from typing import Protocol

from shared.platform.docstore import Transaction
from shared.platform.services import Port
from shared.pricing.models import Quote


class BookingCredits(Protocol):
    def held(self, customer_id: str | None, referral_code: str | None) -> list[str]:
        """The price-book credit keys this customer may use on a new booking now."""
        ...

    def claim(
        self,
        tx: Transaction,
        *,
        booking_id: str,
        customer_id: str,
        referral_code: str | None,
        quote: Quote,
    ) -> None:
        """Spend the credits `quote` shows and record the referral; a Conflict if one was
        spent meanwhile (the caller's transaction then writes nothing)."""
        ...


BOOKING_CREDITS: Port[BookingCredits] = Port("booking-credits")
