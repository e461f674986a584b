"""Stored bookings: the collection, reading one back, and what a customer sees of it."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from shared.booking.models import Booking, BookingStatus, BookingView
from shared.platform.docstore import DocumentStore, Order
from shared.platform.errors import NotFoundError
from shared.pricing.models import Quote

BOOKINGS = "bookings"
# A status's bookings by event date: the order the (status, event_date, start) index serves.
BY_DATE = (Order("event_date"), Order("start"))


def from_record(doc_id: str, data: dict[str, Any]) -> Booking:
    return Booking.model_validate(data | {"id": doc_id})


def get(store: DocumentStore, booking_id: str) -> Booking:
    data = store.get(BOOKINGS, booking_id)
    if data is None:
        raise NotFoundError("unknown_booking", f"no booking {booking_id!r}")
    return from_record(booking_id, data)


def view(booking: Booking, access_token: str | None = None) -> BookingView:
    zone = ZoneInfo(booking.timezone)
    return BookingView(
        id=booking.id,
        status=booking.status,
        market=booking.market,
        timezone=booking.timezone,
        start=booking.start.astimezone(zone),
        end=booking.end.astimezone(zone),
        guests=booking.guests,
        chefs=len(booking.chef_ids),
        address=booking.address,
        quote=Quote.model_validate(booking.quote),
        total_cents=booking.total_cents,
        deposit_cents=booking.deposit_cents,
        deposit_paid=booking.deposit_paid,
        hold_expires_at=booking.hold_expires_at,
        cancellation=booking.cancellation,
        deposit_url=booking.deposit_url if booking.status is BookingStatus.HELD else None,
        access_token=access_token,
    )


def record(booking: Booking) -> dict[str, Any]:
    """The document a booking is stored as: its fields in the store's value types (aware
    datetimes stay datetimes; the local date is ISO text, the status its value). `payment`
    is left out: the provider's events write it field by field."""
    data = booking.model_dump(exclude={"id", "payment"})
    return data | {"status": booking.status.value, "event_date": booking.event_date.isoformat()}
