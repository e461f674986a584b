"""POST /reschedule-booking: move to a new date/time; the old one is kept if that fails."""

from shared.booking.customer import CustomerReschedule, authorised
from shared.booking.models import BookingView
from shared.booking.records import view
from shared.booking.reschedule import reschedule
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> BookingView:
    request = call.body(CustomerReschedule)
    booking = authorised(call, request.booking_id)
    moved = reschedule(
        call.platform,
        booking.id,
        request.event_date,
        request.start_time,
        actor=f"customer:{booking.customer_id}",
    )
    return view(moved)
