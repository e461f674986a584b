"""Moving a booking to a new start: the claim moves atomically and the quote is redone
with the booking's own price book version."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from shared.booking import claims
from shared.booking.availability import blocked_cells
from shared.booking.lifecycle import InvalidTransition
from shared.booking.models import ACTIVE, Booking
from shared.booking.records import BOOKINGS, from_record, get
from shared.booking.slots import requested_slot, slot_taken
from shared.platform import audit
from shared.platform.docstore import Transaction
from shared.platform.services import Platform
from shared.pricing import markets
from shared.pricing import service as pricing
from shared.pricing import store as price_books
from shared.pricing.engine import quote as price_with


def reschedule(
    platform: Platform, booking_id: str, new_date: date, new_time: time, *, actor: str
) -> Booking:
    """Move the claim atomically: the old window is freed only if the new one is won."""
    store, now = platform.store, platform.clock.now()
    booking = get(store, booking_id)
    if booking.status not in ACTIVE:
        raise InvalidTransition(detail=f"booking is {booking.status.value}; cannot reschedule")
    slot = requested_slot(
        platform, booking.market, new_date, new_time, booking.guests, exclude=booking_id
    )
    book = price_books.get(store, booking.price_book_version)
    quote = price_with(
        booking.quote_request(new_date),
        book,
        markets.markets(store),
        pricing.distance_for(platform),
        booking.credit_keys,
    )
    start, end = slot.start.astimezone(ZoneInfo("UTC")), slot.end.astimezone(ZoneInfo("UTC"))
    # Prefer the chefs the customer already has, then anyone free.
    candidates = [
        *booking.chef_ids,
        *(c for c in slot.available_chef_ids if c not in booking.chef_ids),
    ]

    def attempt(tx: Transaction) -> Booking | None:
        current = from_record(booking_id, tx.get(BOOKINGS, booking_id) or {})
        if current.status not in ACTIVE:
            raise InvalidTransition(detail=f"booking is {current.status.value}; cannot reschedule")
        old = claims.owned(tx, current.chef_ids, current.start, current.end, booking_id)
        chosen = claims.pick_chefs(tx, candidates, start, end, len(current.chef_ids), booking_id)
        if chosen is None:
            return None
        new_ids = {claims.claim_id(c, cell) for c in chosen for cell in blocked_cells(start, end)}
        claims.release(tx, [i for i in old if i not in new_ids])
        claims.write(tx, chosen, start, end, booking_id)
        update = {
            "event_date": new_date.isoformat(),
            "start": start,
            "end": end,
            "chef_ids": chosen,
            "quote": quote.model_dump(mode="json"),
            "total_cents": quote.total_cents,
            "updated_at": now,
        }
        tx.update(BOOKINGS, booking_id, update)
        audit.record(
            tx,
            actor=actor,
            action="booking.reschedule",
            entity="booking",
            entity_id=booking_id,
            now=now,
            before={"start": current.start.isoformat(), "chef_ids": current.chef_ids},
            after={
                "start": start.isoformat(),
                "chef_ids": chosen,
                "total_cents": quote.total_cents,
            },
        )
        return current.model_copy(update=update | {"event_date": new_date})

    moved = store.run_transaction(attempt)
    if moved is None:
        raise slot_taken(platform, booking.market, slot.start, booking.guests)
    return moved
