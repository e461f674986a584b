"""Stripe adapter of the payments port, on the official SDK (imported on first use).

Every create call carries an idempotency key derived from the booking, so a retried request
(ours or the SDK's) never makes a second session, link or refund.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from shared.payments.models import CheckoutLink, CheckoutRequest
from shared.platform.errors import Unavailable

if TYPE_CHECKING:
    import stripe

T = TypeVar("T")

CURRENCY = "usd"
# Stripe accepts a Checkout Session expiry 30 minutes to 24 hours ahead; the margin covers
# the time the request takes to reach Stripe.
SESSION_MIN_LIFE = timedelta(minutes=30, seconds=60)
SESSION_MAX_LIFE = timedelta(hours=24)


def session_expiry(wanted: datetime | None, now: datetime) -> int | None:
    """The hold's expiry as epoch seconds, moved into the window Stripe allows."""
    if wanted is None:
        return None
    clamped = min(max(wanted, now + SESSION_MIN_LIFE), now + SESSION_MAX_LIFE)
    return int(clamped.timestamp())


class StripePayments:
    def __init__(
        self,
        api_key: str,
        *,
        api_base: str | None = None,
        success_url: str,
        cancel_url: str,
        max_network_retries: int = 2,
    ) -> None:
        import stripe

        self._stripe = stripe
        self._client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base} if api_base else None,
            max_network_retries=max_network_retries,
        )
        self._success_url = success_url
        self._cancel_url = cancel_url

    def _call(self, what: str, request: Callable[[], T]) -> T:
        try:
            return request()
        except self._stripe.StripeError as exc:
            # The SDK's message names the failing parameter, never the key or card data.
            raise Unavailable("payments_unavailable", f"Stripe {what} failed: {exc}") from exc

    @staticmethod
    def _line_item(request: CheckoutRequest) -> dict[str, Any]:
        return {
            "quantity": 1,
            "price_data": {
                "currency": CURRENCY,
                "unit_amount": request.amount_cents,
                "product_data": {"name": request.label},
            },
        }

    def deposit_checkout(self, request: CheckoutRequest) -> CheckoutLink:
        params: dict[str, Any] = {
            "mode": "payment",
            "line_items": [self._line_item(request)],
            "metadata": request.metadata,
            "payment_intent_data": {"metadata": request.metadata},
            "client_reference_id": request.booking_id,
            "success_url": self._success_url.format(booking_id=request.booking_id),
            "cancel_url": self._cancel_url.format(booking_id=request.booking_id),
        }
        expires_at = session_expiry(request.expires_at, datetime.now(UTC))
        if expires_at is not None:
            params["expires_at"] = expires_at
        if request.email:
            params["customer_email"] = request.email
        session: stripe.checkout.Session = self._call(
            "checkout session",
            lambda: self._client.v1.checkout.sessions.create(
                params,  # type: ignore[arg-type]  # a plain dict, not the SDK TypedDict
                {"idempotency_key": request.idempotency_key},
            ),
        )
        return CheckoutLink(session_id=session.id, url=session.url or "")

    def balance_link(self, request: CheckoutRequest) -> CheckoutLink:
        """A Payment Link (it does not expire, unlike a Checkout Session), payable once."""
        price: stripe.Price = self._call(
            "balance price",
            lambda: self._client.v1.prices.create(
                {
                    "currency": CURRENCY,
                    "unit_amount": request.amount_cents,
                    "product_data": {"name": request.label},
                },
                {"idempotency_key": f"{request.idempotency_key}-price"},
            ),
        )
        link: stripe.PaymentLink = self._call(
            "payment link",
            lambda: self._client.v1.payment_links.create(
                {
                    "line_items": [{"price": price.id, "quantity": 1}],
                    "metadata": request.metadata,
                    "payment_intent_data": {"metadata": request.metadata},
                    "restrictions": {"completed_sessions": {"limit": 1}},
                },
                {"idempotency_key": request.idempotency_key},
            ),
        )
        return CheckoutLink(session_id=link.id, url=link.url)

    def refund(self, booking_id: str, payment_intent_id: str, amount_cents: int) -> str:
        refund: stripe.Refund = self._call(
            "refund",
            lambda: self._client.v1.refunds.create(
                {
                    "payment_intent": payment_intent_id,
                    "amount": amount_cents,
                    "reason": "requested_by_customer",
                    "metadata": {"booking_id": booking_id},
                },
                {"idempotency_key": f"refund-{booking_id}"},
            ),
        )
        return refund.id

    def booking_for_payment_intent(self, payment_intent_id: str) -> str | None:
        intent: stripe.PaymentIntent = self._call(
            "payment intent lookup",
            lambda: self._client.v1.payment_intents.retrieve(payment_intent_id),
        )
        booking_id = (intent.to_dict().get("metadata") or {}).get("booking_id")
        return str(booking_id) if booking_id else None
