"""What we remember about a customer between conversations, read into every prompt.

Only facts the customer told us or that a booking proves: usual party size, favourite
proteins (and the top ones by portions booked), dietary needs, zip code and important
dates (birthdays, anniversaries). Updated after turns and from bookings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from shared.customers.identity import CUSTOMERS
from shared.platform.docstore import DocumentStore, Transaction

MAX_ITEMS = 10
DATED_OCCASIONS = ("birthday", "anniversary")  # dates worth a "book again?" a year on


class Memory(BaseModel):
    usual_party_size: int | None = None
    proteins: list[str] = Field(default_factory=list)
    top_proteins: list[str] = Field(
        default_factory=list, description="Most portions ordered across bookings, first"
    )
    dietary: list[str] = Field(default_factory=list)
    zipcode: str | None = None
    important_dates: dict[str, date] = Field(default_factory=dict)
    bookings: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        """One line for the prompt; empty when nothing is known."""
        parts = []
        if self.usual_party_size:
            parts.append(f"usual party size {self.usual_party_size}")
        if self.top_proteins:
            parts.append(f"usually orders {', '.join(self.top_proteins)}")
        if self.proteins:
            parts.append(f"likes {', '.join(self.proteins)}")
        if self.dietary:
            parts.append(f"dietary needs: {', '.join(self.dietary)}")
        if self.zipcode:
            parts.append(f"zip {self.zipcode}")
        for label, day in self.important_dates.items():
            parts.append(f"{label} on {day.isoformat()}")
        if self.bookings:
            parts.append(f"{len(self.bookings)} past booking(s)")
        return "; ".join(parts)


def read(store: DocumentStore, customer_id: str | None) -> Memory:
    if not customer_id:
        return Memory()
    data = store.get(CUSTOMERS, customer_id) or {}
    return Memory.model_validate(data.get("memory") or {})


def _merge_list(old: list[Any], new: list[Any]) -> list[Any]:
    merged = list(old)
    for item in new:
        if item not in merged:
            merged.append(item)
    return merged[-MAX_ITEMS:]


def remember(store: DocumentStore, customer_id: str, learned: Memory) -> Memory:
    """Fold newly learned facts into the customer's memory (lists are unions)."""

    def attempt(tx: Transaction) -> Memory:
        data = tx.get(CUSTOMERS, customer_id)
        if data is None:
            return learned
        current = Memory.model_validate(data.get("memory") or {})
        merged = Memory(
            usual_party_size=learned.usual_party_size or current.usual_party_size,
            proteins=_merge_list(current.proteins, learned.proteins),
            top_proteins=learned.top_proteins or current.top_proteins,
            dietary=_merge_list(current.dietary, learned.dietary),
            zipcode=learned.zipcode or current.zipcode,
            important_dates=current.important_dates | learned.important_dates,
            bookings=_merge_list(current.bookings, learned.bookings),
        )
        tx.update(CUSTOMERS, customer_id, {"memory": merged.model_dump(mode="json")})
        return merged

    result: Memory = store.run_transaction(attempt)
    return result
