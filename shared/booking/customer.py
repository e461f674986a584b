"""Customer self-service: requests carry the booking id and the booking's access token."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shared.booking import access
from shared.booking.models import Booking, CancelRequest, RescheduleRequest
from shared.booking.records import get
from shared.platform.http import HttpCall


class BookingRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    booking_id: str = Field(min_length=1, max_length=64)


class CustomerCancel(CancelRequest, BookingRef):
    pass


class CustomerReschedule(RescheduleRequest, BookingRef):
    pass


def authorised(call: HttpCall, booking_id: str) -> Booking:
    """The booking, once the request's token proves it is the customer's own."""
    key = call.platform.secrets.get(access.SECRET)
    access.verify(call.request.headers.get(access.HEADER), booking_id, key=key)
    return get(call.platform.store, booking_id)
