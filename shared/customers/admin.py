"""Staff tools for customers: search by phone, email or name, and merge duplicates."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.customers import consent
from shared.customers.identity import (
    CUSTOMERS,
    HANDLES,
    Customer,
    handle_id,
    normalise_email,
    normalise_phone,
)
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Op, Transaction
from shared.platform.errors import Conflict, NotFoundError

BOOKINGS = "bookings"


class CustomerSearch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str = Field(min_length=2, max_length=120, description="Phone, email, or name prefix")
    limit: int = Field(default=20, ge=1, le=100)


class CustomerList(BaseModel):
    customers: list[Customer]


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source_id: str = Field(description="The duplicate; it is folded into the target")
    target_id: str

    @model_validator(mode="after")
    def _different(self) -> MergeRequest:
        if self.source_id == self.target_id:
            raise ValueError("source_id and target_id must differ")
        return self


def _by_handle(store: DocumentStore, handle: str) -> list[Customer]:
    record = store.get(HANDLES, handle)
    if record is None:
        return []
    data = store.get(CUSTOMERS, record["customer_id"])
    return [] if data is None else [Customer(id=record["customer_id"], **data)]


def search(store: DocumentStore, query: CustomerSearch) -> CustomerList:
    q = query.q.strip()
    if "@" in q:
        return CustomerList(
            customers=_by_handle(store, handle_id("email", normalise_email(q, "q")))
        )
    if sum(ch.isdigit() for ch in q) >= 7:
        return CustomerList(
            customers=_by_handle(store, handle_id("phone", normalise_phone(q, "q")))
        )
    docs = store.query(
        CUSTOMERS,
        [Filter("name", Op.GE, q), Filter("name", Op.LT, q + "\uf8ff")],
        limit=query.limit,
    )
    return CustomerList(customers=[Customer(id=d.id, **d.data) for d in docs])


def merge(store: DocumentStore, request: MergeRequest, *, actor: str, now: datetime) -> Customer:
    """Repoint the source's handles and bookings to the target; the source keeps a pointer."""
    handle_ids = [d.id for d in store.query(HANDLES, [Filter.eq("customer_id", request.source_id)])]
    booking_ids = [
        d.id for d in store.query(BOOKINGS, [Filter.eq("customer_id", request.source_id)])
    ]

    def attempt(tx: Transaction) -> Customer:
        source = tx.get(CUSTOMERS, request.source_id)
        target = tx.get(CUSTOMERS, request.target_id)
        for name, found in (("source_id", source), ("target_id", target)):
            if found is None:
                raise NotFoundError("unknown_customer", f"{name}: no such customer")
        assert source is not None and target is not None
        if source.get("merged_into") or target.get("merged_into"):
            raise Conflict("already_merged", "one of these customers was already merged")
        handles = [h for h in handle_ids if tx.get(HANDLES, h) is not None]
        bookings = [b for b in booking_ids if tx.get(BOOKINGS, b) is not None]
        consents = consent.merge_plan(tx, request.source_id, request.target_id, now)
        fill = {
            k: source[k]
            for k in ("name", "phone", "email", "referral_code")
            if source.get(k) and not target.get(k)
        }
        if source.get("loyalty_points"):  # points follow the customer (the ledger keeps who)
            points = int(source["loyalty_points"]) + int(target.get("loyalty_points") or 0)
            fill["loyalty_points"] = points
        for h in handles:
            tx.update(HANDLES, h, {"customer_id": request.target_id})
        for b in bookings:
            tx.update(BOOKINGS, b, {"customer_id": request.target_id})
        if fill:
            tx.update(CUSTOMERS, request.target_id, fill)
        tx.update(CUSTOMERS, request.source_id, {"merged_into": request.target_id})
        if consents is not None:
            tx.set(consent.CONSENTS, request.target_id, consents)
        audit.record(
            tx,
            actor=actor,
            action="customer.merge",
            entity="customer",
            entity_id=request.target_id,
            now=now,
            before={"source": request.source_id},
            after={"handles": handles, "bookings": bookings, "filled": sorted(fill)},
        )
        return Customer(id=request.target_id, **(target | fill))

    merged: Customer = store.run_transaction(attempt)
    return merged
