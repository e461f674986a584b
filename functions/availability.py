"""GET /availability?date=&guests=&customer_zipcode= (or market=): free start times."""

from shared.booking.models import AvailabilityRequest, AvailabilityResponse
from shared.booking.slots import availability
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> AvailabilityResponse:
    return availability(call.platform, call.query(AvailabilityRequest))
