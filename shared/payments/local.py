"""Offline adapter of the payments port: checkouts are documents, paid on the dev pay page.

Ids look like Stripe's and are derived from the same idempotency keys, so asking twice
gives the same session, link or refund, as it does with Stripe.
"""

from __future__ import annotations

import contextlib

from shared.payments.models import CheckoutLink, CheckoutRequest
from shared.platform.docstore import AlreadyExists, DocumentStore, Filter
from shared.platform.ids import stable_id

CHECKOUTS = "local_checkouts"
REFUNDS = "local_refunds"
PAY_PATH = "/_dev/pay/"


def local_id(prefix: str, key: str) -> str:
    return f"{prefix}_local_{stable_id(key)[:24]}"


class LocalPayments:
    def __init__(self, store: DocumentStore, base_url: str) -> None:
        self._store = store
        self._base_url = base_url.rstrip("/")

    def _checkout(self, request: CheckoutRequest) -> CheckoutLink:
        session_id = local_id("cs", request.idempotency_key)
        url = f"{self._base_url}{PAY_PATH}{session_id}"
        record = {
            "booking_id": request.booking_id,
            "purpose": request.purpose,
            "amount_cents": request.amount_cents,
            "label": request.label,
            "email": request.email,
            "payment_intent_id": local_id("pi", request.idempotency_key),
            "url": url,
            "expires_at": request.expires_at,
        }
        # The same request again finds the same checkout, as Stripe's idempotency gives.
        with contextlib.suppress(AlreadyExists):
            self._store.create(CHECKOUTS, session_id, record)
        return CheckoutLink(session_id=session_id, url=url)

    def deposit_checkout(self, request: CheckoutRequest) -> CheckoutLink:
        return self._checkout(request)

    def balance_link(self, request: CheckoutRequest) -> CheckoutLink:
        return self._checkout(request)

    def refund(self, booking_id: str, payment_intent_id: str, amount_cents: int) -> str:
        refund_id = local_id("re", f"refund-{booking_id}")
        record = {
            "booking_id": booking_id,
            "payment_intent_id": payment_intent_id,
            "amount_cents": amount_cents,
        }
        with contextlib.suppress(AlreadyExists):
            self._store.create(REFUNDS, refund_id, record)
        return refund_id

    def booking_for_payment_intent(self, payment_intent_id: str) -> str | None:
        found = self._store.query(
            CHECKOUTS, [Filter.eq("payment_intent_id", payment_intent_id)], limit=1
        )
        return str(found[0].data["booking_id"]) if found else None
