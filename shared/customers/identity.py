"""Find or create the one customer behind a phone number, email address or social handle.

Each handle is a document `customer_handles/<kind>:<normalised value>` pointing at its
customer, created in the same transaction as the customer, so two concurrent first
contacts from one number cannot create two customers.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

import phonenumbers
from pydantic import BaseModel, Field

from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import ValidationFailed
from shared.platform.ids import new_id

CUSTOMERS = "customers"
HANDLES = "customer_handles"

HandleKind = Literal["phone", "email", "whatsapp", "messenger", "instagram"]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class Customer(BaseModel):
    id: str
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    created_at: datetime
    merged_into: str | None = None
    referral_code: str | None = Field(default=None, description="Given after a first event")
    loyalty_points: int = Field(default=0, description="Earned by completed events")


def normalise_phone(raw: str, field: str = "phone", region: str = "US") -> str:
    """E.164, or a 422 naming the field."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationFailed.single(field, f"not a phone number: {exc}") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationFailed.single(field, "not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str, field: str = "email") -> str:
    email = raw.strip().lower()
    if not _EMAIL.match(email):
        raise ValidationFailed.single(field, "not a valid email address")
    return email


def handle_id(kind: HandleKind, value: str) -> str:
    return f"{kind}:{value}"


def resolve_in(
    tx: Transaction,
    handles: list[tuple[HandleKind, str]],
    *,
    now: datetime,
    name: str | None = None,
) -> str:
    """Inside a transaction: the customer id for these (normalised) handles, created if new.

    The first handle already known wins; the others are attached to that customer.
    """
    if not handles:
        raise ValidationFailed.single("contact", "give a phone number or an email address")
    known = [tx.get(HANDLES, handle_id(kind, value)) for kind, value in handles]
    existing = next((h["customer_id"] for h in known if h is not None), None)
    customer_id = existing or new_id("cus")
    customer = tx.get(CUSTOMERS, customer_id) if existing else None
    updates: dict[str, Any] = {}
    for (kind, value), record in zip(handles, known, strict=True):
        if record is None:
            tx.create(HANDLES, handle_id(kind, value), {"customer_id": customer_id, "kind": kind})
        if kind in ("phone", "email") and (customer is None or not customer.get(kind)):
            updates[kind] = value
    if customer is None:
        tx.create(
            CUSTOMERS,
            customer_id,
            {"name": name, "phone": None, "email": None, "created_at": now, "merged_into": None}
            | updates,
        )
    else:
        if name and not customer.get("name"):
            updates["name"] = name
        if updates:
            tx.update(CUSTOMERS, customer_id, updates)
    return customer_id


def find(store: DocumentStore, handles: list[tuple[HandleKind, str]]) -> str | None:
    """The customer already behind one of these handles, without creating one."""
    for kind, value in handles:
        known = store.get(HANDLES, handle_id(kind, value))
        if known is not None:
            return str(known["customer_id"])
    return None


def resolve(
    store: DocumentStore,
    handles: list[tuple[HandleKind, str]],
    *,
    now: datetime,
    name: str | None = None,
) -> str:
    return store.run_transaction(lambda tx: resolve_in(tx, handles, now=now, name=name))


def get(store: DocumentStore, customer_id: str) -> Customer | None:
    data = store.get(CUSTOMERS, customer_id)
    return None if data is None else Customer(id=customer_id, **data)
