"""GET /admin-bookings: list and filter; POST: confirm, complete, cancel or reschedule."""

from shared.booking.admin import (
    BookingActionRequest,
    BookingPage,
    BookingQuery,
    apply,
    list_bookings,
)
from shared.booking.models import Booking
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> BookingPage | Booking:
    if call.method == "GET":
        return list_bookings(call.platform, call.query(BookingQuery))
    return apply(call.platform, call.body(BookingActionRequest).root, call.actor)
