"""Task `holds`: expire an unpaid hold and free its chef window (idempotent)."""

from functions._app.entry import InternalCall
from shared.booking.customer import BookingRef
from shared.booking.lifecycle import release_hold
from shared.platform.http import parse


def handle(call: InternalCall) -> dict[str, bool]:
    booking_id = parse(BookingRef, call.payload).booking_id
    return {"released": release_hold(call.platform, booking_id)}
