"""GET /booking-status?booking_id=: the customer's booking (X-Booking-Token)."""

from shared.booking.customer import BookingRef, authorised
from shared.booking.models import BookingView
from shared.booking.records import view
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> BookingView:
    return view(authorised(call, call.query(BookingRef).booking_id))
