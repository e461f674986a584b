"""Stripe events reduced to the few facts the business acts on (pure: no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from shared.payments.models import Purpose

FactKind = Literal["paid", "failed", "refunded", "disputed"]

_PAID_SESSION = ("paid", "no_payment_required")


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    purpose: Purpose
    booking_id: str | None
    payment_intent_id: str | None
    amount_cents: int
    created: int  # the event's `created`, epoch seconds
    ref: str  # the Stripe object's id
    reason: str | None = None
    refund_ids: tuple[str, ...] = ()


def _id(value: Any) -> str | None:
    """An id field that may arrive expanded into its object."""
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if value else None


def _purpose(obj: dict[str, Any]) -> Purpose:
    """Balances are paid through Payment Links, deposits through plain Checkout Sessions."""
    balance = (obj.get("metadata") or {}).get("purpose") == "balance" or obj.get("payment_link")
    return "balance" if balance else "deposit"


def _fact(kind: FactKind, obj: dict[str, Any], created: int, **fields: Any) -> Fact:
    metadata = obj.get("metadata") or {}
    return Fact(
        kind=kind,
        purpose=_purpose(obj),
        booking_id=metadata.get("booking_id") or obj.get("client_reference_id"),
        created=created,
        ref=str(obj.get("id", "")),
        **fields,
    )


_SESSION_FACTS: dict[str, FactKind] = {
    "checkout.session.completed": "paid",
    "checkout.session.async_payment_succeeded": "paid",
    "checkout.session.async_payment_failed": "failed",
}


def fact_of(event: dict[str, Any]) -> Fact | None:
    """The fact an event reports, or None for events (and session states) we ignore."""
    kind = event.get("type", "")
    obj: dict[str, Any] = (event.get("data") or {}).get("object") or {}
    created = int(event.get("created") or 0)
    if kind == "checkout.session.completed" and obj.get("payment_status") not in _PAID_SESSION:
        return None  # a delayed method (bank debit): async_payment_succeeded follows
    if kind in _SESSION_FACTS:
        return _fact(
            _SESSION_FACTS[kind],
            obj,
            created,
            payment_intent_id=_id(obj.get("payment_intent")),
            amount_cents=int(obj.get("amount_total") or 0),
        )
    if kind == "payment_intent.succeeded":
        return _fact(
            "paid",
            obj,
            created,
            payment_intent_id=_id(obj.get("id")),
            amount_cents=int(obj.get("amount_received") or obj.get("amount") or 0),
        )
    if kind == "payment_intent.payment_failed":
        error = obj.get("last_payment_error") or {}
        return _fact(
            "failed",
            obj,
            created,
            payment_intent_id=_id(obj.get("id")),
            amount_cents=int(obj.get("amount") or 0),
            reason=error.get("message"),
        )
    if kind == "charge.refunded":
        refunds = (obj.get("refunds") or {}).get("data") or []
        return _fact(
            "refunded",
            obj,
            created,
            payment_intent_id=_id(obj.get("payment_intent")),
            amount_cents=int(obj.get("amount_refunded") or 0),
            refund_ids=tuple(str(r["id"]) for r in refunds if r.get("id")),
        )
    if kind == "charge.dispute.created":
        return _fact(
            "disputed",
            obj,
            created,
            payment_intent_id=_id(obj.get("payment_intent")),
            amount_cents=int(obj.get("amount") or 0),
            reason=obj.get("reason"),
        )
    return None
