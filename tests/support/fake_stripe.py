"""A loopback Stripe: the real `stripe` SDK talks to it over a socket, and tests read back
every request (form-encoded body, idempotency key) it sent.

It answers the few endpoints the payments adapter uses, the way Stripe does: a repeated
idempotency key gets the first answer again, and scripted failures come back as Stripe
error bodies. Also here: Stripe-shaped webhook events and their signature header.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from tests.support.loopback import LoopbackServer, QuietHandler, serving


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    form: dict[str, str]  # flat Stripe keys: "line_items[0][price_data][unit_amount]"


@dataclass(frozen=True)
class Failure:
    status: int
    error: dict[str, Any]


CARD_DECLINED = Failure(402, {"type": "card_error", "code": "card_declined", "message": "no"})
SERVER_ERROR = Failure(500, {"type": "api_error", "message": "fake outage"})


class FakeStripe:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.handler_errors: list[BaseException] = []
        self.payment_intents: dict[str, dict[str, Any]] = {}
        self._replays: dict[str, tuple[int, dict[str, Any]]] = {}
        self._failures: deque[Failure] = deque()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: LoopbackServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

    def fail_next(self, *failures: Failure) -> None:
        with self._lock:
            self._failures.extend(failures)

    def to(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]

    def _create(self, path: str, form: dict[str, str]) -> dict[str, Any]:
        n = next(self._ids)
        if path == "/v1/checkout/sessions":
            return {
                "id": f"cs_test_{n}",
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/cs_test_{n}",
                "status": "open",
            }
        if path == "/v1/prices":
            return {
                "id": f"price_{n}",
                "object": "price",
                "unit_amount": int(form["unit_amount"]),
                "currency": form["currency"],
            }
        if path == "/v1/payment_links":
            return {
                "id": f"plink_{n}",
                "object": "payment_link",
                "url": f"https://buy.stripe.com/test_{n}",
                "active": True,
            }
        if path == "/v1/refunds":
            return {
                "id": f"re_{n}",
                "object": "refund",
                "amount": int(form["amount"]),
                "payment_intent": form["payment_intent"],
                "status": "succeeded",
            }
        raise KeyError(path)

    def _answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Any:
        form = dict(parse_qsl(body.decode(), keep_blank_values=True))
        with self._lock:
            self.requests.append(Recorded(method, path, headers, form))
            if self._failures:
                failure = self._failures.popleft()
                return failure.status, {"error": failure.error}
            if method == "GET" and path.startswith("/v1/payment_intents/"):
                intent = self.payment_intents.get(path.rsplit("/", 1)[1])
                if intent is None:
                    return 404, {"error": {"type": "invalid_request_error", "message": "none"}}
                return 200, intent
            key = headers.get("idempotency-key")
            if key and (method, path, key) in self._replays:
                return self._replays[(method, path, key)]
            try:
                answer = (200, self._create(path, form))
            except KeyError:
                answer = (404, {"error": {"type": "invalid_request_error", "message": path}})
            if key:
                self._replays[(method, path, key)] = answer
            return answer

    @contextmanager
    def running(self) -> Iterator[FakeStripe]:
        fake = self

        class _Handler(QuietHandler):
            def _reply(self) -> None:
                path = self.path.split("?", 1)[0]
                headers, body = self.lowered_headers(), self.read_body()
                status, reply = fake._answer(self.command, path, headers, body)
                self.send_json(status, reply, {"Stripe-Should-Retry": "false"})

            do_GET = do_POST = _reply

        with serving(_Handler, errors=self.handler_errors) as self._server:
            yield self
        assert not self.handler_errors, f"fake_stripe handler failed: {self.handler_errors!r}"


# -- webhook events ---------------------------------------------------------------------


def event(event_id: str, kind: str, obj: dict[str, Any], created: int) -> dict[str, Any]:
    return {
        "id": event_id,
        "object": "event",
        "api_version": "2024-06-20",
        "created": created,
        "livemode": False,
        "type": kind,
        "data": {"object": obj},
    }


def _metadata(booking_id: str, purpose: str = "deposit") -> dict[str, str]:
    return {"booking_id": booking_id, "purpose": purpose}


def session_completed(
    event_id: str,
    booking_id: str,
    intent: str,
    amount: int,
    created: int,
    purpose: str = "deposit",
) -> dict[str, Any]:
    obj = {
        "id": f"cs_{intent}",
        "object": "checkout.session",
        "mode": "payment",
        "status": "complete",
        "payment_status": "paid",
        "amount_total": amount,
        "currency": "usd",
        "client_reference_id": booking_id,
        "payment_intent": intent,
        "metadata": _metadata(booking_id, purpose),
    }
    return event(event_id, "checkout.session.completed", obj, created)


def intent_event(
    event_id: str, kind: str, booking_id: str, intent: str, amount: int, created: int
) -> dict[str, Any]:
    """payment_intent.succeeded or payment_intent.payment_failed."""
    obj: dict[str, Any] = {
        "id": intent,
        "object": "payment_intent",
        "amount": amount,
        "currency": "usd",
        "metadata": _metadata(booking_id),
    }
    if kind == "payment_intent.succeeded":
        obj |= {"amount_received": amount, "status": "succeeded"}
    else:
        obj |= {
            "status": "requires_payment_method",
            "last_payment_error": {"code": "card_declined", "message": "declined"},
        }
    return event(event_id, kind, obj, created)


def charge_refunded(
    event_id: str,
    intent: str,
    refunded: int,
    refund_ids: list[str],
    created: int,
    booking_id: str | None = None,
) -> dict[str, Any]:
    obj = {
        "id": f"ch_{intent}",
        "object": "charge",
        "payment_intent": intent,
        "amount_refunded": refunded,
        "refunded": True,
        "metadata": _metadata(booking_id) if booking_id else {},
        "refunds": {"object": "list", "data": [{"id": r} for r in refund_ids]},
    }
    return event(event_id, "charge.refunded", obj, created)


def dispute_created(event_id: str, intent: str, amount: int, created: int) -> dict[str, Any]:
    obj = {
        "id": f"dp_{intent}",
        "object": "dispute",
        "charge": f"ch_{intent}",
        "payment_intent": intent,
        "amount": amount,
        "reason": "fraudulent",
        "status": "needs_response",
        "metadata": {},
    }
    return event(event_id, "charge.dispute.created", obj, created)


def signed(payload: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers for a webhook POST, signed as Stripe signs (v1 = HMAC-SHA256 of t.payload)."""
    import stripe

    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)
    return {"Stripe-Signature": header, "Content-Type": "application/json"}


def post_event(
    client: Any,
    evt: dict[str, Any],
    secret: str,
    *,
    timestamp: int | None = None,
    body: str | None = None,
) -> Any:
    """POST `evt` to /stripe-webhook signed with `secret` (`body` replaces what is sent)."""
    payload = json.dumps(evt)
    headers = signed(payload, secret, timestamp)
    return client.post("/stripe-webhook", data=body or payload, headers=headers)
