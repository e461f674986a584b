"""Booking records and the public request/response shapes around them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from shared.booking.availability import HORIZON_DAYS
from shared.booking.catalog import WallTime
from shared.booking.payment_state import PaymentState
from shared.platform.analytics import Occasion
from shared.pricing.models import Quote, QuoteRequest


class BookingStatus(StrEnum):
    HELD = "held"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


ACTIVE = (BookingStatus.HELD, BookingStatus.CONFIRMED)

StartTime = Annotated[WallTime, Field(description="Local start time HH:MM on the 30-minute grid")]

# Every market's "today" lies between these offsets from UTC (UTC-12 ... UTC+14).
_WESTMOST, _EASTMOST = timedelta(hours=-12), timedelta(hours=14)


def _bookable(day: date, info: ValidationInfo) -> date:
    """A date no market could book is invalid input: past in every zone, or after the
    horizon in every zone. Checked against the request's `now`, which the HTTP entry passes
    as validation context (code that builds a request itself relies on the availability
    rules, which also apply the lead time and the market's own date)."""
    now = (info.context or {}).get("now")
    if now is None:
        return day
    utc = now.astimezone(UTC)
    if day < (utc + _WESTMOST).date():
        raise PydanticCustomError("date_in_past", "the date is in the past")
    last = (utc + _EASTMOST).date() + timedelta(days=HORIZON_DAYS)
    if day > last:
        raise PydanticCustomError(
            "date_beyond_horizon",
            "bookings open {horizon_days} days ahead; the last bookable date is {last}",
            {"horizon_days": HORIZON_DAYS, "last": last.isoformat()},
        )
    return day


BookableDate = Annotated[
    date,
    AfterValidator(_bookable),
    Field(description=f"YYYY-MM-DD, from today up to {HORIZON_DAYS} days ahead"),
]


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not self.phone and not self.email:
            raise ValueError("give a phone number or an email address")
        return self


class EventQuoteRequest(QuoteRequest):
    """A customer's quote for an event: the date must be one that can still be booked."""

    event_date: BookableDate


class CreateBookingRequest(EventQuoteRequest):
    """A quote request plus when, where and who: creates a hold pending the deposit."""

    start_time: StartTime
    contact: Contact
    address: str = Field(min_length=5, max_length=300, description="Street address of the event")
    dietary_notes: str | None = Field(default=None, max_length=1000)
    occasion: Occasion | None = Field(default=None, description="What the party is for")
    gclid: str | None = Field(
        default=None,
        max_length=200,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="The Google Ads click id the web page kept; its deposit is uploaded as"
        " an offline conversion",
    )


class AvailabilityRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: BookableDate
    guests: int = Field(ge=1, le=1000)
    market: str | None = None
    customer_zipcode: str | None = Field(default=None, pattern=r"^\d{5}$")

    @model_validator(mode="after")
    def _where(self) -> AvailabilityRequest:
        if not self.market and not self.customer_zipcode:
            raise ValueError("give a market or a customer_zipcode")
        return self


class StartOption(BaseModel):
    start: datetime = Field(description="Local start with UTC offset")
    end: datetime
    local_time: str
    chefs_free: int


class AvailabilityResponse(BaseModel):
    market: str
    timezone: str
    date: date
    guests: int
    duration_minutes: int
    chefs_needed: int
    starts: list[StartOption]


class Booking(BaseModel):
    """The stored booking (times in UTC; `timezone` is the market's)."""

    id: str
    status: BookingStatus
    customer_id: str
    contact: Contact
    address: str
    customer_zipcode: str
    market: str
    timezone: str
    chef_ids: list[str]
    event_date: date = Field(description="Local date of the event in the market's zone")
    start: datetime
    end: datetime
    adults: int
    children: int
    toddlers: int
    protein_selections: dict[str, int]
    third_protein_portions: int
    addons: list[str]
    dietary_notes: str | None
    quote: dict[str, Any]
    price_book_version: str
    total_cents: int
    deposit_cents: int
    deposit_paid: bool = False
    hold_expires_at: datetime | None
    created_at: datetime
    updated_at: datetime
    cancellation: dict[str, Any] | None = None
    deposit_session_id: str | None = None
    deposit_url: str | None = None
    origin_thread_id: str | None = Field(default=None, description="Conversation it was made in")
    origin_channel: str | None = None
    occasion: Occasion | None = None
    gclid: str | None = None
    payment: PaymentState = Field(default_factory=PaymentState)

    @property
    def guests(self) -> int:
        return self.adults + self.children + self.toddlers

    def quote_request(self, event_date: date) -> QuoteRequest:
        return QuoteRequest(
            adults=self.adults,
            children=self.children,
            toddlers=self.toddlers,
            protein_selections=self.protein_selections,
            third_protein_portions=self.third_protein_portions,
            addons=tuple(self.addons),
            customer_zipcode=self.customer_zipcode,
            event_date=event_date,
        )


class BookingView(BaseModel):
    """What a customer (or the AI) sees of a booking."""

    id: str
    status: BookingStatus
    market: str
    timezone: str
    start: datetime = Field(description="Local start with UTC offset")
    end: datetime
    guests: int
    chefs: int
    address: str
    quote: Quote
    total_cents: int
    deposit_cents: int
    deposit_paid: bool
    hold_expires_at: datetime | None
    cancellation: dict[str, Any] | None = None
    deposit_url: str | None = Field(
        default=None, description="Where to pay the deposit (while held)"
    )
    access_token: str | None = Field(
        default=None, description="Given once, at creation: lets the customer manage it"
    )


class RescheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_date: BookableDate
    start_time: StartTime


class CancelRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=500)
