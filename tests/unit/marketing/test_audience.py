"""Segments over a customer's bookings, and who may be messaged (consent rules), pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from shared.customers.consent import Consent, ConsentRecord, refusal
from shared.marketing.audience import BookingFacts, Contact, Segment, matches

TODAY = date(2026, 12, 2)
AT = datetime(2026, 6, 1, tzinfo=UTC)
PHONE = "+13055550123"


def booking(days_ago: int, status: str = "completed", **kw: str) -> BookingFacts:
    fields = {"market": "miami", "zipcode": "33130", "occasion": None} | kw
    return BookingFacts(status, TODAY - timedelta(days=days_ago), **fields)  # type: ignore[arg-type]


def contact(*bookings: BookingFacts) -> Contact:
    return Contact("cus_1", "Dana", PHONE, None, bookings, ConsentRecord(customer_id="cus_1"))


def test_segments() -> None:
    fresh, old = booking(30), booking(400, market="la")
    assert matches(Segment(), contact(), TODAY)
    assert not matches(Segment(kind="returning"), contact(), TODAY)
    assert not matches(Segment(kind="returning"), contact(booking(10, "cancelled")), TODAY)
    assert matches(Segment(kind="returning"), contact(fresh), TODAY)
    assert matches(Segment(kind="win_back", months=6), contact(old), TODAY)
    assert not matches(Segment(kind="win_back", months=6), contact(old, fresh), TODAY)
    upcoming = booking(-20, "confirmed")
    assert not matches(Segment(kind="win_back", months=6), contact(old, upcoming), TODAY)
    assert matches(Segment(kind="market", market="la"), contact(old), TODAY)
    assert not matches(Segment(kind="market", market="la"), contact(old, fresh), TODAY)
    wedding = booking(100, occasion="wedding")
    assert matches(Segment(kind="occasion", occasion="wedding"), contact(fresh, wedding), TODAY)
    assert not matches(Segment(kind="occasion", occasion="birthday"), contact(wedding), TODAY)


def test_a_market_or_occasion_segment_names_its_value() -> None:
    with pytest.raises(ValueError):
        Segment(kind="market")
    with pytest.raises(ValueError):
        Segment(kind="occasion")


def _consent(at: datetime, handle: str = PHONE) -> Consent:
    return Consent(handle=handle, source="web form", text="Yes, text me offers", at=at)


def test_only_a_recorded_consent_for_this_handle_that_postdates_any_opt_out_counts() -> None:
    assert refusal(ConsentRecord(customer_id="c"), "sms", PHONE) == "no_consent"
    given = ConsentRecord(customer_id="c", channels={"sms": _consent(AT)})
    assert refusal(given, "sms", PHONE) is None
    assert refusal(given, "email", "d@example.com") == "no_consent"
    assert refusal(given, "sms", "+13055550999") == "consent_for_another_handle"
    out = given.model_copy(update={"opted_out_at": AT + timedelta(days=1)})
    assert refusal(out, "sms", PHONE) == "opted_out"
    again = out.model_copy(update={"channels": {"sms": _consent(AT + timedelta(days=2))}})
    assert refusal(again, "sms", PHONE) is None


def test_consent_needs_its_source_and_text() -> None:
    with pytest.raises(ValueError):
        Consent(handle=PHONE, source="", text="yes", at=AT)
    with pytest.raises(ValueError):
        Consent(handle=PHONE, source="web", text="", at=AT)
