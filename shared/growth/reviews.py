"""After every event, the same review request to every customer, and what they answer.

The lifecycle sweep (every 15 minutes) asks each customer whose event ended between
`ASK_AFTER` and `WINDOW` ago, on their own channel (the booking's conversation, else SMS,
else email): one request per customer and event day (`review_requests`, created in the
transaction that stages the message, so a rerun or an overlapping run sends nothing more).
Nobody is chosen or skipped by sentiment and the text is the same for everyone
(`messages.review_request`). The private feedback form (`review-feedback`) stands beside
the Google link, never in place of it: whatever the rating, the answer links to Google too.
A rating at or under `LOW_RATING` opens a care handoff on the customer's thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import jwt
from pydantic import BaseModel, Field

from shared.booking.access import SECRET as SIGNING_KEY
from shared.booking.models import Booking, BookingStatus
from shared.booking.records import BOOKINGS, BY_DATE, from_record
from shared.conversation import handoff
from shared.conversation import store as threads
from shared.growth import messages
from shared.payments import notices
from shared.platform import analytics, audit
from shared.platform.docstore import Filter, Op, Transaction
from shared.platform.errors import NotFoundError, Unauthorized
from shared.platform.ids import stable_id
from shared.platform.services import Platform

REQUESTS = "review_requests"
FEEDBACK = "review_feedback"
ASK_AFTER = timedelta(minutes=30)  # guests are gone, the evening is still fresh
WINDOW = timedelta(hours=2)  # the promise: within 2 hours of the event's end
LOW_RATING = 3  # of 5: a care handoff
AUDIENCE = "myhibachi-feedback"
_ASKED = (BookingStatus.CONFIRMED.value, BookingStatus.COMPLETED.value)


def feedback_token(platform: Platform, booking_id: str) -> str:
    """Names one booking for the feedback form only (not the booking's manage token)."""
    key = platform.secrets.get(SIGNING_KEY)
    return jwt.encode({"sub": booking_id, "aud": AUDIENCE}, key, algorithm="HS256")


def _verify(platform: Platform, booking_id: str, token: str) -> None:
    try:
        claims = jwt.decode(
            token, platform.secrets.get(SIGNING_KEY), algorithms=["HS256"], audience=AUDIENCE
        )
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("invalid_feedback_token", "the feedback link is not valid") from exc
    if claims.get("sub") != booking_id:
        raise Unauthorized("invalid_feedback_token", "the feedback link is for another booking")


def request_text(platform: Platform, booking_id: str) -> tuple[str, str]:
    url = platform.settings.feedback_url.format(
        booking_id=booking_id, token=feedback_token(platform, booking_id)
    )
    return messages.review_request(url, platform.settings.google_review_url)


def request_id(booking: Booking) -> str:
    """One request per customer and local event day, however many bookings that day."""
    local_day = booking.end.astimezone(ZoneInfo(booking.timezone)).date()
    return stable_id("review", booking.customer_id, local_day.isoformat())


def _ended_in_window(platform: Platform, now: datetime) -> list[Booking]:
    # Event dates are local; every market's date lies within a day of UTC's.
    since = (now - WINDOW - timedelta(days=1)).date().isoformat()
    upto = (now + timedelta(days=1)).date().isoformat()
    found = []
    for status in _ASKED:
        docs = platform.store.query(
            BOOKINGS,
            [Filter.eq("status", status), Filter("event_date", Op.GE, since),
             Filter("event_date", Op.LE, upto)],
            order_by=BY_DATE,  # the (status, event_date, start) index
        )  # fmt: skip
        found += [from_record(d.id, d.data) for d in docs]
    return [b for b in found if b.end + ASK_AFTER <= now <= b.end + WINDOW]


def ask(platform: Platform, booking: Booking, now: datetime) -> bool:
    """Stage the request with its record; False when this customer was already asked."""
    text = request_text(platform, booking.id)
    doc_id = request_id(booking)

    def attempt(tx: Transaction) -> bool:
        if tx.get(REQUESTS, doc_id) is not None:
            return False
        thread = notices.origin_thread(tx, booking)
        to = notices.recipient(booking, thread)
        tx.create(
            REQUESTS,
            doc_id,
            {
                "booking_id": booking.id,
                "customer_id": booking.customer_id,
                "channel": to.channel if to else None,
                "thread_id": to.thread_id if to else None,
                "at": now,
            },
        )
        notices.stage(tx, booking, thread, "review", text, now)
        return True

    asked: bool = platform.store.run_transaction(attempt)
    return asked


def ask_due(platform: Platform, now: datetime) -> list[str]:
    """Every booking this run asked about (the caller flushes the staged notices)."""
    return [b.id for b in _ended_in_window(platform, now) if ask(platform, b, now)]


class FeedbackRequest(BaseModel):
    booking_id: str = Field(max_length=64)
    token: str = Field(max_length=2000, description="From the review request's link")
    rating: int = Field(ge=1, le=5, description="Stars, 1 to 5")
    comment: str | None = Field(default=None, max_length=4000)


class FeedbackAck(BaseModel):
    booking_id: str
    rating: int
    care_handoff: bool = Field(description="A low rating: a person will be in touch")
    google_review_url: str | None = Field(
        description="Offered whatever the rating: the form never replaces a public review"
    )


def record_feedback(platform: Platform, request: FeedbackRequest) -> FeedbackAck:
    """Store (or replace) the booking's private feedback; a low rating opens a handoff."""
    _verify(platform, request.booking_id, request.token)
    now = platform.clock.now()
    data = platform.store.get(BOOKINGS, request.booking_id)
    if data is None:
        raise NotFoundError("unknown_booking", f"no booking {request.booking_id!r}")
    booking = from_record(request.booking_id, data)

    def attempt(tx: Transaction) -> None:
        before = tx.get(FEEDBACK, booking.id)
        tx.set(
            FEEDBACK,
            booking.id,
            {
                "customer_id": booking.customer_id,
                "rating": request.rating,
                "comment": request.comment,
                "at": now,
                "first_at": before["first_at"] if before else now,
            },
        )
        audit.record(
            tx,
            actor=f"customer:{booking.customer_id}",
            action="review.feedback",
            entity="booking",
            entity_id=booking.id,
            now=now,
            before={"rating": before["rating"]} if before else None,
            after={"rating": request.rating},
        )

    platform.store.run_transaction(attempt)
    analytics.emit(
        platform.bus,
        analytics.Review(
            event_id=analytics.event_id("review", booking.id),
            occurred_at=now,
            booking_id=booking.id,
            customer_id=booking.customer_id,
            market=booking.market,
            rating=request.rating,
        ),
    )  # the funnel's review stage; a replaced rating keeps its id
    low = request.rating <= LOW_RATING
    if low:
        _care_handoff(platform, booking, request, now)
    return FeedbackAck(
        booking_id=booking.id,
        rating=request.rating,
        care_handoff=low,
        google_review_url=platform.settings.google_review_url,
    )


def _care_handoff(
    platform: Platform, booking: Booking, request: FeedbackRequest, now: datetime
) -> None:
    """On the thread the request went to (opened if the customer never wrote back)."""
    asked = platform.store.get(REQUESTS, request_id(booking)) or {}
    to = notices.recipient(booking, _thread(platform, booking))
    channel = asked.get("channel") or (to.channel if to else "web")
    thread = threads.open_thread(
        platform.store,
        channel=channel,
        handle=to.to if to else None,
        customer_id=booking.customer_id,
        now=now,
        thread_id=asked.get("thread_id") or (to.thread_id if to else None),
    )
    comment = f": {request.comment[:200]}" if request.comment else ""
    handoff.escalate(
        platform.store,
        thread.id,
        reason=f"complaint: rated booking {booking.id} {request.rating}/5{comment}",
        priority="high",
        now=now,
    )


def _thread(platform: Platform, booking: Booking) -> dict[str, Any] | None:
    if not booking.origin_thread_id:
        return None
    return platform.store.get(threads.THREADS, booking.origin_thread_id)
