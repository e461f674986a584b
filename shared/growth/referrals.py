"""Referral codes and the credits they earn, as price-book quote lines.

Each customer gets one code. A first booking made with someone else's code carries the
book's `referral_welcome` credit; once that booking is completed, the referrer earns one
`referral_thanks` credit (`customer_credits`, one per referred booking), spent by their
next hold. A credit spent on a hold that expires or a booking that is cancelled can be used
again. Amounts always come from the quote engine: this module only says which credit
keys a customer holds. Every grant and spend is audited in the transaction that makes it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from shared.booking.models import Booking
from shared.booking.records import BOOKINGS
from shared.customers.identity import CUSTOMERS
from shared.growth.spending import LIVE, CreditSpent, live
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction

CODES = "referral_codes"
REDEMPTIONS = "referral_redemptions"  # one per referred customer: the welcome is spent once
CREDITS = "customer_credits"
WELCOME = "referral_welcome"
THANK_YOU = "referral_thanks"
ACTOR = "system:referrals"
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed by hand


def normalise(code: str) -> str:
    return "".join(code.split()).upper()


def code_for(store: DocumentStore, customer_id: str, now: datetime) -> str:
    """The customer's referral code, created on first ask (random, so not guessable)."""

    def attempt(tx: Transaction) -> str:
        customer = tx.get(CUSTOMERS, customer_id) or {}
        if customer.get("referral_code"):
            return str(customer["referral_code"])
        code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
        tx.create(CODES, code, {"customer_id": customer_id, "created_at": now})
        tx.update(CUSTOMERS, customer_id, {"referral_code": code})
        return code

    result: str = store.run_transaction(attempt)
    return result


def referrer_of(store: DocumentStore, code: str | None) -> str | None:
    if not code:
        return None
    found = store.get(CODES, normalise(code))
    if found is None:
        return None
    customer = store.get(CUSTOMERS, found["customer_id"]) or {}
    return str(customer.get("merged_into") or found["customer_id"])  # a merge keeps the code


def _has_bookings(store: DocumentStore, customer_id: str) -> bool:
    docs = store.query(BOOKINGS, [Filter.eq("customer_id", customer_id)])
    return any(d.data["status"] in LIVE for d in docs)


def _spendable(reader: DocumentStore | Transaction, credit: dict[str, Any] | None) -> bool:
    if credit is None:
        return False
    return credit["status"] == "available" or not live(reader, credit.get("used_by"))


def _available(store: DocumentStore, customer_id: str) -> list[str]:
    docs = store.query(CREDITS, [Filter.eq("customer_id", customer_id)])
    return sorted(d.id for d in docs if _spendable(store, d.data))


def _welcome_spent(reader: DocumentStore | Transaction, customer_id: str) -> bool:
    redemption = reader.get(REDEMPTIONS, customer_id)
    return redemption is not None and live(reader, redemption["booking_id"])


def welcome_applies(store: DocumentStore, customer_id: str | None, code: str | None) -> bool:
    """A known code of someone else, on the customer's first booking."""
    referrer = referrer_of(store, code)
    if referrer is None or referrer == customer_id:
        return False
    if customer_id is None:
        return True
    return not _welcome_spent(store, customer_id) and not _has_bookings(store, customer_id)


def held_keys(store: DocumentStore, customer_id: str | None, code: str | None) -> list[str]:
    """The referral credits a new hold by this customer carries."""
    keys = [WELCOME] if welcome_applies(store, customer_id, code) else []
    if customer_id and _available(store, customer_id):
        keys.append(THANK_YOU)
    return keys


def plan_claim(
    tx: Transaction,
    store: DocumentStore,
    *,
    booking_id: str,
    customer_id: str,
    referral_code: str | None,
    used: set[str],
    now: datetime,
) -> Callable[[], None]:
    """Check (reads only) that the credits `used` are still there; returns the writes that
    spend them, run after every read of the transaction (as Firestore requires)."""
    if WELCOME in used and _welcome_spent(tx, customer_id):
        raise CreditSpent(detail="the referral welcome credit was already used")
    spend = _first_available(tx, store, customer_id) if THANK_YOU in used else None

    def write() -> None:
        if WELCOME in used:
            referrer = referrer_of(store, referral_code)
            tx.set(
                REDEMPTIONS,
                customer_id,
                {
                    "booking_id": booking_id,
                    "code": normalise(referral_code or ""),
                    "referrer_id": referrer,
                    "at": now,
                },
            )
            _audit(tx, "referral.welcome", booking_id, now, {"referrer_id": referrer})
        if spend is not None:
            tx.update(CREDITS, spend, {"status": "used", "used_by": booking_id, "used_at": now})
            _audit(tx, "credit.spend", booking_id, now, {"credit_id": spend})

    return write


def _first_available(tx: Transaction, store: DocumentStore, customer_id: str) -> str:
    for credit_id in _available(store, customer_id):
        if _spendable(tx, tx.get(CREDITS, credit_id)):
            return credit_id
    raise CreditSpent(detail="the referral thank-you credit was already used")


def _audit(
    tx: Transaction, action: str, entity_id: str, now: datetime, after: dict[str, Any]
) -> None:
    audit.record(
        tx, actor=ACTOR, action=action, entity="booking", entity_id=entity_id, now=now, after=after
    )


def thank_referrer(tx: Transaction, booking: Booking, now: datetime) -> str | None:
    """On a referred booking's completion: the referrer's credit, once per booking."""
    redemption = tx.get(REDEMPTIONS, booking.customer_id)
    if redemption is None or redemption["booking_id"] != booking.id:
        return None
    credit_id = f"thanks-{booking.id}"
    if tx.get(CREDITS, credit_id) is not None:
        return None
    referrer = str(redemption["referrer_id"])
    tx.create(
        CREDITS,
        credit_id,
        {
            "customer_id": referrer,
            "key": THANK_YOU,
            "status": "available",
            "earned_by": booking.id,
            "created_at": now,
        },
    )
    _audit(tx, "credit.grant", booking.id, now, {"credit_id": credit_id, "customer_id": referrer})
    return credit_id
