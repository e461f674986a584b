"""What spending a credit or points depends on: whether the booking it went to stands."""

from __future__ import annotations

from shared.booking.models import BookingStatus
from shared.booking.records import BOOKINGS
from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import Conflict

LIVE = (BookingStatus.HELD.value, BookingStatus.CONFIRMED.value, BookingStatus.COMPLETED.value)


class CreditSpent(Conflict):
    default_code = "credit_already_used"
    title = "A credit on this quote was used by another booking meanwhile; quote again"


def live(reader: DocumentStore | Transaction, booking_id: str | None) -> bool:
    """Whether a booking still stands: what was spent on a hold that expired or a booking
    that was cancelled is the customer's again."""
    data = reader.get(BOOKINGS, booking_id) if booking_id else None
    return data is not None and data["status"] in LIVE
