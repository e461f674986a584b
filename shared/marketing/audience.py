"""Who a campaign is for (segments) and who of them may be messaged (consent, opt-outs).

A segment is a rule over a customer's bookings (pure, `matches`); eligibility is a rule
over their consent record and the channel's own opt-out list (`refusal`). The audience is
read from the store in full (customers, bookings, consents): a business of this size has
thousands of customers, not millions, and a campaign is built a few times a month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.booking.models import BookingStatus
from shared.booking.records import BOOKINGS
from shared.channels.sms import compliance
from shared.customers import consent
from shared.customers.consent import ConsentRecord, MarketingChannel
from shared.customers.identity import CUSTOMERS
from shared.platform.analytics import Occasion
from shared.platform.docstore import Filter
from shared.platform.services import Platform

SegmentKind = Literal["all", "returning", "win_back", "market", "occasion"]
COUNTED = (BookingStatus.CONFIRMED.value, BookingStatus.COMPLETED.value)


class Segment(BaseModel):
    """`all` opted-in customers; `returning`: at least one event held with us; `win_back`:
    had an event, none in the last `months` and none booked ahead; `market`: their latest
    booking was in `market`; `occasion`: a booking of theirs was for `occasion`."""

    model_config = ConfigDict(extra="forbid")

    kind: SegmentKind = "all"
    months: int = Field(default=6, ge=1, le=60, description="win_back: months without one")
    market: str | None = None
    occasion: Occasion | None = None

    @model_validator(mode="after")
    def _needs_its_parameter(self) -> Self:
        if self.kind == "market" and not self.market:
            raise ValueError("a market segment names its market")
        if self.kind == "occasion" and not self.occasion:
            raise ValueError("an occasion segment names its occasion")
        return self


@dataclass(frozen=True)
class BookingFacts:
    status: str
    event_date: date
    market: str
    zipcode: str
    occasion: str | None


@dataclass(frozen=True)
class Contact:
    customer_id: str
    name: str | None
    phone: str | None
    email: str | None
    bookings: tuple[BookingFacts, ...]  # oldest event first
    consent: ConsentRecord

    def handle(self, channel: MarketingChannel) -> str | None:
        return self.phone if channel == "sms" else self.email

    @property
    def zipcode(self) -> str | None:
        return self.bookings[-1].zipcode if self.bookings else None


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, 28))


def matches(segment: Segment, contact: Contact, today: date) -> bool:
    held = [b for b in contact.bookings if b.status in COUNTED]
    past = [b for b in held if b.event_date < today]
    if segment.kind == "all":
        return True
    if segment.kind == "returning":
        return bool(past)
    if segment.kind == "win_back":
        cutoff = _months_before(today, segment.months)
        return bool(past) and all(b.event_date < cutoff for b in held)
    if segment.kind == "market":
        return bool(contact.bookings) and contact.bookings[-1].market == segment.market
    return any(b.occasion == segment.occasion for b in contact.bookings)


def refusal(platform: Platform, contact: Contact, channel: MarketingChannel) -> str | None:
    """Why this contact may not get marketing on `channel` now, or None when they may."""
    handle = contact.handle(channel)
    if handle is None:
        return "no_handle"
    reason = consent.refusal(contact.consent, channel, handle)
    if reason is None and channel == "sms" and compliance.is_opted_out(platform, handle):
        return "sms_opted_out"
    return reason


def _facts(data: dict[str, object]) -> BookingFacts:
    return BookingFacts(
        status=str(data.get("status")),
        event_date=date.fromisoformat(str(data.get("event_date"))),
        market=str(data.get("market")),
        zipcode=str(data.get("customer_zipcode")),
        occasion=data.get("occasion") if isinstance(data.get("occasion"), str) else None,  # type: ignore[arg-type]
    )


def contacts(platform: Platform) -> list[Contact]:
    """Every customer not merged into another, with their bookings and consent."""
    store = platform.store
    bookings: dict[str, list[BookingFacts]] = defaultdict(list)
    for doc in store.query(BOOKINGS):
        bookings[str(doc.data.get("customer_id"))].append(_facts(doc.data))
    consents = {d.id: consent.parse(d.data, d.id) for d in store.query(consent.CONSENTS)}
    return [
        Contact(
            customer_id=doc.id,
            name=doc.data.get("name"),
            phone=doc.data.get("phone"),
            email=doc.data.get("email"),
            bookings=tuple(sorted(bookings[doc.id], key=lambda b: b.event_date)),
            consent=consents.get(doc.id) or ConsentRecord(customer_id=doc.id),
        )
        for doc in store.query(CUSTOMERS)
        if not doc.data.get("merged_into")
    ]


def contact(platform: Platform, customer_id: str) -> Contact | None:
    """One contact, read fresh (a send re-checks consent at the moment it goes out)."""
    store = platform.store
    data = store.get(CUSTOMERS, customer_id)
    if data is None or data.get("merged_into"):
        return None
    facts = [_facts(d.data) for d in store.query(BOOKINGS, [Filter.eq("customer_id", customer_id)])]
    return Contact(
        customer_id=customer_id,
        name=data.get("name"),
        phone=data.get("phone"),
        email=data.get("email"),
        bookings=tuple(sorted(facts, key=lambda b: b.event_date)),
        consent=consent.get(store, customer_id),
    )
