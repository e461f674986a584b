"""POST /create-booking: quote, claim a chef window and hold it."""

from shared.booking.holds import create_hold
from shared.booking.models import CreateBookingRequest
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> Reply:
    return Reply(create_hold(call.platform, call.body(CreateBookingRequest)), status=201)
