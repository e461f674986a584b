"""The payments port: the few provider operations the business needs.

The app shell serves it with `StripePayments` in production and `LocalPayments` (no
network, pay page on the dev runtime) in local and test runs unless
`HIBACHI_PAYMENTS_PROVIDER=stripe`.
"""

from __future__ import annotations

from typing import Protocol

from shared.payments.models import CheckoutLink, CheckoutRequest
from shared.platform.errors import Unavailable
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform, Port

SECRET_KEY = "stripe-secret-key"
WEBHOOK_SECRET = "stripe-webhook-secret"


class Payments(Protocol):
    def deposit_checkout(self, request: CheckoutRequest) -> CheckoutLink:
        """A one-off checkout for the deposit, expiring with the hold where possible."""
        ...

    def balance_link(self, request: CheckoutRequest) -> CheckoutLink:
        """A link the customer can pay the balance with later (payable once)."""
        ...

    def refund(self, booking_id: str, payment_intent_id: str, amount_cents: int) -> str:
        """Refund part or all of a payment, once per booking; returns the refund id."""
        ...

    def booking_for_payment_intent(self, payment_intent_id: str) -> str | None:
        """The booking a payment belongs to, for events that do not carry it."""
        ...


# Served by the app shell: Stripe in production, the local pay page otherwise.
PAYMENTS: Port[Payments] = Port("payments")


def secret(platform: Platform, name: str) -> str:
    """A Stripe credential; unset is our configuration's fault: 503, so Stripe retries."""
    try:
        return platform.secrets.get(name)
    except SecretNotFound:
        raise Unavailable("payments_not_configured", f"secret {name} is not set") from None
