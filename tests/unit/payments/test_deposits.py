"""Booking's payments port as the shell serves it: payments' implementation over the provider."""

from __future__ import annotations

from pathlib import Path

from shared.booking.payments_port import BOOKING_PAYMENTS
from shared.booking.policy import HOLD_FOR
from shared.payments.deposits import ProviderBookingPayments
from shared.payments.local import CHECKOUTS, REFUNDS
from tests.support.platform import local_platform


def test_the_deposit_link_is_a_deposit_checkout_expiring_with_the_hold(tmp_path: Path) -> None:
    with local_platform(tmp_path) as platform:
        payments = platform.adapter(BOOKING_PAYMENTS)
        assert isinstance(payments, ProviderBookingPayments)
        expires = platform.clock.now() + HOLD_FOR
        link = payments.deposit_link("bk_1", 10_000, expires, "jo@example.com")
        checkout = platform.store.get(CHECKOUTS, link.session_id)
        assert checkout is not None and link.url.endswith(link.session_id)
        assert checkout.pop("payment_intent_id").startswith("pi_")
        assert checkout == {
            "booking_id": "bk_1",
            "purpose": "deposit",
            "amount_cents": 10_000,
            "label": "Deposit",
            "email": "jo@example.com",
            "url": link.url,
            "expires_at": expires,
        }
        # Asked again (a retried hold), the provider gives the same checkout.
        assert payments.deposit_link("bk_1", 10_000, expires, None).session_id == link.session_id


def test_a_refund_goes_to_the_provider_once_per_booking(tmp_path: Path) -> None:
    with local_platform(tmp_path) as platform:
        payments = platform.adapter(BOOKING_PAYMENTS)
        refund_id = payments.refund("bk_1", "pi_1", 4_000)
        assert payments.refund("bk_1", "pi_1", 4_000) == refund_id
        assert platform.store.get(REFUNDS, refund_id) == {
            "booking_id": "bk_1",
            "payment_intent_id": "pi_1",
            "amount_cents": 4_000,
        }
