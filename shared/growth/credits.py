"""Growth's side of booking's `BookingCredits` port: the referral and loyalty credits a new
hold carries, spent in the hold's transaction (every check reads first, then every write)."""

from __future__ import annotations

from shared.growth import loyalty, referrals
from shared.platform.docstore import Transaction
from shared.platform.services import Platform
from shared.pricing import store as price_books
from shared.pricing.models import Quote


class GrowthCredits:
    def __init__(self, platform: Platform) -> None:
        self._platform = platform

    def held(self, customer_id: str | None, referral_code: str | None) -> list[str]:
        store = self._platform.store
        book = price_books.current(store)
        return [
            *referrals.held_keys(store, customer_id, referral_code),
            *loyalty.held_keys(store, book, customer_id),
        ]

    def claim(
        self,
        tx: Transaction,
        *,
        booking_id: str,
        customer_id: str,
        referral_code: str | None,
        quote: Quote,
    ) -> None:
        store, now = self._platform.store, self._platform.clock.now()
        used = {line.key for line in quote.lines if line.kind == "credit" and line.key}
        book = price_books.get(store, quote.price_book_version)
        writes = [
            referrals.plan_claim(
                tx, store, booking_id=booking_id, customer_id=customer_id,
                referral_code=referral_code, used=used, now=now,
            ),
            loyalty.plan_claim(
                tx, store, book, booking_id=booking_id, customer_id=customer_id, used=used, now=now
            ),
        ]  # fmt: skip
        for write in writes:
            write()
