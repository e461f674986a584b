"""POST /cancel-booking: the customer cancels; the deposit policy decides the refund."""

from shared.booking.cancellation import cancel
from shared.booking.customer import CustomerCancel, authorised
from shared.booking.models import BookingView
from shared.booking.records import view
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> BookingView:
    request = call.body(CustomerCancel)
    booking = authorised(call, request.booking_id)
    return view(
        cancel(
            call.platform,
            booking.id,
            actor=f"customer:{booking.customer_id}",
            reason=request.reason,
        )
    )
