"""Stripe's webhook: verify the signature on the raw body, apply each event once.

Stripe delivers at least once, in any order. Each event's effect and its dedup key
(`stripe_events/<event id>`) commit in one transaction, and every effect is written to
converge whatever the order: a payment confirms a hold once, amounts keep their maximum,
a late failure is judged by event time, not arrival time. Customer notices are staged
in that transaction and queued after it (see `notices`); staff escalations likewise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from shared.booking import analytics as booking_analytics
from shared.booking.lifecycle import confirm
from shared.booking.models import ACTIVE, Booking, BookingStatus
from shared.booking.policy import HOLD_FOR
from shared.booking.records import BOOKINGS, from_record
from shared.payments import messages, notices, staff
from shared.payments.port import PAYMENTS, WEBHOOK_SECRET, secret
from shared.payments.stripe_events import Fact, FactKind, fact_of
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.errors import BadRequest
from shared.platform.idempotency import run_once
from shared.platform.log import get_logger
from shared.platform.services import Platform

TOLERANCE_S = 300
ACTOR = "system:stripe"
log = get_logger(__name__)


class InvalidSignature(BadRequest):
    default_code = "invalid_signature"
    title = "The Stripe-Signature header does not verify"


class WebhookAck(BaseModel):
    received: bool = True
    event_id: str
    type: str
    handled: bool = Field(description="False for event types this endpoint ignores")
    duplicate: bool = Field(default=False, description="Already processed: nothing done again")


def verify(platform: Platform, payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event, if Stripe signed exactly these bytes within 5 minutes of now, either way.

    The SDK checks the signature and refuses timestamps too far in the past; a timestamp
    too far in the future (a forged or skewed clock, or an event replayed later) is refused
    here against the same clock the SDK uses.
    """
    import stripe

    key = secret(platform, WEBHOOK_SECRET)
    try:
        event = stripe.Webhook.construct_event(payload, signature, key, tolerance=TOLERANCE_S)
        _not_from_the_future(signature or "")
    except (stripe.SignatureVerificationError, ValueError) as exc:  # incl. bad UTF-8 / JSON
        log.warning("rejected a Stripe webhook: %s", type(exc).__name__)
        raise InvalidSignature(detail="signature, timestamp or body did not verify") from exc
    data: dict[str, Any] = event.to_dict()
    if not data.get("id") or not data.get("type"):
        raise BadRequest("invalid_event", "the event has no id or type")
    return data


def _not_from_the_future(signature: str) -> None:
    """Raise unless the (already verified) header's timestamp is at most TOLERANCE_S ahead."""
    import time

    import stripe

    signed_at = next(
        int(value)
        for name, _, value in (p.partition("=") for p in signature.split(","))
        if name == "t"
    )
    if signed_at > time.time() + TOLERANCE_S:
        raise stripe.SignatureVerificationError(
            f"Timestamp {signed_at} is more than {TOLERANCE_S} s in the future", signature
        )


def receive(platform: Platform, payload: bytes, signature: str | None) -> WebhookAck:
    event = verify(platform, payload, signature)
    ack = WebhookAck(event_id=event["id"], type=event["type"], handled=False)
    fact = fact_of(event)
    if fact is None:
        return ack
    booking_id = fact.booking_id
    if booking_id is None and fact.payment_intent_id:
        booking_id = platform.adapter(PAYMENTS).booking_for_payment_intent(fact.payment_intent_id)
    now = platform.clock.now()
    outcome = run_once(
        platform.store,
        f"stripe_events/{event['id']}",
        lambda tx: _apply(tx, platform, fact, booking_id, now),
        now=now,
    )
    if outcome.result is not None:
        staff.escalate(platform, outcome.result)
    if booking_id is not None:
        notices.flush(platform, booking_id)  # also retries any left pending by a crash
        booking_analytics.publish(platform, booking_id)
    return ack.model_copy(update={"handled": True, "duplicate": not outcome.applied})


@dataclass(frozen=True)
class _Change:
    tx: Transaction
    platform: Platform
    booking: Booking
    thread: dict[str, Any] | None
    fact: Fact
    now: datetime

    def update(self, fields: dict[str, Any]) -> None:
        self.tx.update(BOOKINGS, self.booking.id, fields)

    def audit(self, action: str, after: dict[str, Any], reason: str | None = None) -> None:
        audit.record(
            self.tx,
            actor=ACTOR,
            action=action,
            entity="booking",
            entity_id=self.booking.id,
            now=self.now,
            after=after | {"stripe_object": self.fact.ref},
            reason=reason,
        )


def _apply(
    tx: Transaction, platform: Platform, fact: Fact, booking_id: str | None, now: datetime
) -> staff.Escalation | None:
    data = tx.get(BOOKINGS, booking_id) if booking_id else None
    if booking_id is None or data is None:
        if fact.kind in ("paid", "disputed"):  # money moved that no booking explains
            reason = (
                f"Stripe reports {fact.kind} {messages.usd(fact.amount_cents)} ({fact.ref}) "
                f"for no known booking ({booking_id or 'none given'})"
            )
            staff.open_task(
                tx,
                f"unmatched-{fact.ref}",
                kind=f"unmatched_{fact.kind}",
                booking_id=booking_id,
                reason=reason,
                now=now,
            )
        return None
    booking = from_record(booking_id, data)
    change = _Change(tx, platform, booking, notices.origin_thread(tx, booking), fact, now)
    return _HANDLERS[fact.kind](change)


def _paid(c: _Change) -> staff.Escalation | None:
    payment, fact = c.booking.payment, c.fact
    if fact.purpose == "balance":
        paid = max(payment.balance_paid_cents, fact.amount_cents)
        c.update({"payment.balance_paid_cents": paid})
        c.audit("booking.balance_paid", {"balance_paid_cents": paid})
        return None
    earliest = min(payment.deposit_event_created or fact.created, fact.created)
    changes = {
        "payment.method": "stripe",
        "payment.deposit_payment_intent_id": payment.deposit_payment_intent_id
        or fact.payment_intent_id,
        "payment.deposit_paid_cents": max(payment.deposit_paid_cents, fact.amount_cents),
        "payment.deposit_event_created": earliest,
    }
    status = c.booking.status
    if status is BookingStatus.HELD:
        confirm(
            c.platform,
            c.booking.id,
            actor=ACTOR,
            reason=f"Stripe {fact.ref}",
            changes=changes,
            tx=c.tx,
        )
        notices.stage(c.tx, c.booking, c.thread, "confirm", messages.confirmation(c.booking), c.now)
        return None
    if status in (BookingStatus.CONFIRMED, BookingStatus.COMPLETED):
        c.update(changes)  # the other event of the same payment, or staff confirmed first
        return None
    # Expired or cancelled: the customer paid for a slot that is no longer theirs.
    first_report = payment.deposit_paid_cents == 0
    c.update(changes | {"deposit_paid": True, "payment.paid_after_expiry": True})
    reason = (
        f"Deposit of {messages.usd(fact.amount_cents)} paid by card after booking "
        f"{c.booking.id} was {status.value}: money taken, no slot held. Re-book or refund."
    )
    staff.open_task(
        c.tx,
        f"late-payment-{c.booking.id}",
        kind="payment_after_expiry",
        booking_id=c.booking.id,
        reason=reason,
        now=c.now,
    )
    c.audit("booking.paid_after_expiry", {"deposit_paid": True}, reason)
    return staff.Escalation(reason, c.booking.origin_thread_id) if first_report else None


def _failed(c: _Change) -> staff.Escalation | None:
    booking, fact = c.booking, c.fact
    if fact.purpose != "deposit" or booking.status not in ACTIVE:
        return None
    paid_at = booking.payment.deposit_event_created
    if booking.status is BookingStatus.CONFIRMED and (paid_at is None or paid_at <= fact.created):
        return None  # paid before this failure: the customer needs no warning
    notice = notices.notice_id("payment-failed", booking.id)
    if c.tx.get(notices.NOTICES, notice) is not None:
        return None
    until = (booking.created_at + HOLD_FOR).astimezone(ZoneInfo(booking.timezone))
    text = messages.payment_failed(booking, until.strftime("%I:%M %p").lstrip("0"))
    notices.stage(c.tx, booking, c.thread, "payment-failed", text, c.now)
    return None


def _refunded(c: _Change) -> staff.Escalation | None:
    payment = c.booking.payment
    refunded = max(payment.refunded_cents, c.fact.amount_cents)
    ids = sorted(set(payment.refund_ids) | set(c.fact.refund_ids))
    c.update({"payment.refunded_cents": refunded, "payment.refund_ids": ids})
    c.audit("booking.refund_recorded", {"refunded_cents": refunded, "refund_ids": ids})
    return None


def _disputed(c: _Change) -> staff.Escalation | None:
    payment, fact = c.booking.payment, c.fact
    first_report = fact.ref not in payment.dispute_ids
    c.update(
        {"payment.disputed": True, "payment.dispute_ids": sorted({*payment.dispute_ids, fact.ref})}
    )
    reason = (
        f"Card dispute {fact.ref} opened on booking {c.booking.id}: "
        f"{messages.usd(fact.amount_cents)}, reason {fact.reason or 'not given'}. "
        "Answer it in the Stripe dashboard before its deadline."
    )
    staff.open_task(
        c.tx,
        f"dispute-{fact.ref}",
        kind="dispute",
        booking_id=c.booking.id,
        reason=reason,
        now=c.now,
    )
    c.audit("booking.disputed", {"disputed": True}, reason)
    return staff.Escalation(reason, c.booking.origin_thread_id) if first_report else None


_HANDLERS: dict[FactKind, Callable[[_Change], staff.Escalation | None]] = {
    "paid": _paid,
    "failed": _failed,
    "refunded": _refunded,
    "disputed": _disputed,
}
