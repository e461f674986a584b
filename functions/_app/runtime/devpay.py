"""The local pay page, so `make dev` takes deposits with no Stripe account and no keys.

GET /_dev/pay/<session id> shows what a LocalPayments checkout asks for and a pay button.
POST plays Stripe's part: it builds the `checkout.session.completed` event Stripe would
send, signs it with the local `stripe-webhook-secret` exactly as Stripe signs, and POSTs it
to /stripe-webhook, so the real webhook code (verification included) confirms the booking.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

from functions._app import container
from shared.payments.local import CHECKOUTS, local_id
from shared.payments.messages import usd
from shared.payments.port import WEBHOOK_SECRET
from shared.platform import services

MOUNT = "_dev"
_PATH = re.compile(r"/pay/(?P<session>[A-Za-z0-9_]{1,80})/?")


def completed_event(session_id: str, checkout: dict[str, Any], created: int) -> dict[str, Any]:
    """The event Stripe sends when a Checkout Session is paid (the fields the webhook reads)."""
    metadata = {"booking_id": checkout["booking_id"], "purpose": checkout["purpose"]}
    return {
        "id": local_id("evt", session_id),
        "object": "event",
        "created": created,
        "livemode": False,
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": session_id,
                "object": "checkout.session",
                "mode": "payment",
                "status": "complete",
                "payment_status": "paid",
                "amount_total": checkout["amount_cents"],
                "currency": "usd",
                "client_reference_id": checkout["booking_id"],
                "metadata": metadata,
                "payment_intent": checkout["payment_intent_id"],
            }
        },
    }


def _page(title: str, body: str, status: int = 200) -> Response:
    text = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body style='font-family:sans-serif'>"
        f"<h1>{html.escape(title)}</h1>{body}<p><small>Local test payment: no money moves."
        "</small></p></body></html>"
    )
    return Response(text, status=status, mimetype="text/html")


class DevPayApp:
    """WSGI app for /_dev/...; `functions` is the dev runtime's app, to reach the webhook."""

    def __init__(self, functions: Any) -> None:
        self._functions = functions

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self._respond(Request(environ))(environ, start_response)

    def _respond(self, request: Request) -> Response:
        platform = container.current()
        match = _PATH.fullmatch(request.path)
        checkout = platform.store.get(CHECKOUTS, match["session"]) if match else None
        if platform.settings.is_prod or match is None or checkout is None:
            return _page("No such payment", "", status=404)
        session_id = match["session"]
        label = f"{usd(checkout['amount_cents'])} {checkout['purpose']}"
        if request.method == "POST":
            return self._pay(platform, session_id, checkout, label)
        return _page(
            f"Pay {label}",
            f"<p>Booking {html.escape(checkout['booking_id'])}</p>"
            f"<form method='post'><button type='submit'>Pay {label}</button></form>",
        )

    def _pay(
        self, platform: services.Platform, session_id: str, checkout: dict[str, Any], label: str
    ) -> Response:
        import stripe

        created = int(platform.clock.now().timestamp())
        payload = json.dumps(completed_event(session_id, checkout, created))
        signature = stripe.WebhookSignature.generate_signature_header(
            payload, platform.secrets.get(WEBHOOK_SECRET)
        )
        answer = Client(self._functions).post(
            "/stripe-webhook",
            data=payload,
            headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
        )
        if answer.status_code >= 300:
            detail = html.escape(answer.get_data(as_text=True))
            return _page("The webhook refused the payment", f"<pre>{detail}</pre>", status=502)
        booking = html.escape(checkout["booking_id"])
        return _page("Payment received", f"<p>Paid {label} for booking {booking}.</p>")
