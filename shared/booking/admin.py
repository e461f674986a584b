"""Staff operations on bookings: list and filter, and the actions the admin UI offers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.booking.cancellation import cancel
from shared.booking.lifecycle import complete, confirm
from shared.booking.models import BookableDate, Booking, BookingStatus, StartTime
from shared.booking.records import BOOKINGS, from_record
from shared.booking.reschedule import reschedule
from shared.platform.docstore import Direction, Document, Filter, Op, Order
from shared.platform.errors import ValidationFailed
from shared.platform.services import Platform


class BookingQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    market: str | None = None
    status: BookingStatus | None = None
    date_from: date | None = Field(default=None, description="Local event date on or after")
    date_to: date | None = Field(default=None, description="Local event date on or before")
    limit: int = Field(default=50, ge=1, le=200)
    after: str | None = Field(default=None, description="Cursor: the last id of the previous page")


class BookingPage(BaseModel):
    bookings: list[Booking]
    next_after: str | None


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    booking_id: str
    reason: str | None = Field(default=None, max_length=500)


class ConfirmAction(_Action):
    action: Literal["confirm"]


class CompleteAction(_Action):
    action: Literal["complete"]


class CancelAction(_Action):
    action: Literal["cancel"]
    refund_cents: int | None = Field(
        default=None, description="Override the policy's refund (needs a reason)"
    )


class RescheduleAction(_Action):
    action: Literal["reschedule"]
    event_date: BookableDate
    start_time: StartTime


BookingAction = Annotated[
    ConfirmAction | CompleteAction | CancelAction | RescheduleAction,
    Field(discriminator="action"),
]


class BookingActionRequest(RootModel[BookingAction]):
    """One of the actions, chosen by its `action` field."""


def list_bookings(platform: Platform, query: BookingQuery) -> BookingPage:
    store = platform.store
    filters = [
        Filter.eq(name, value)
        for name, value in (
            ("market", query.market),
            ("status", query.status.value if query.status else None),
        )
        if value is not None
    ]
    if query.date_from:
        filters.append(Filter("event_date", Op.GE, query.date_from.isoformat()))
    if query.date_to:
        filters.append(Filter("event_date", Op.LE, query.date_to.isoformat()))
    cursor = None
    if query.after and (data := store.get(BOOKINGS, query.after)) is not None:
        cursor = Document(BOOKINGS, query.after, data)
    docs = store.query(
        BOOKINGS,
        filters,
        order_by=[Order("event_date", Direction.ASC), Order("start", Direction.ASC)],
        limit=query.limit,
        start_after=cursor,
    )
    bookings = [from_record(d.id, d.data) for d in docs]
    more = len(docs) == query.limit
    return BookingPage(bookings=bookings, next_after=docs[-1].id if more else None)


def apply(platform: Platform, change: BookingAction, actor: str) -> Booking:
    if isinstance(change, ConfirmAction):
        return confirm(platform, change.booking_id, actor=actor, reason=change.reason)
    if isinstance(change, CompleteAction):
        return complete(platform, change.booking_id, actor=actor)
    if isinstance(change, CancelAction):
        if change.refund_cents is not None and not change.reason:
            raise ValidationFailed.single("reason", "a refund override needs a reason")
        return cancel(
            platform,
            change.booking_id,
            actor=actor,
            reason=change.reason,
            refund_override_cents=change.refund_cents,
        )
    return reschedule(
        platform, change.booking_id, change.event_date, change.start_time, actor=actor
    )
