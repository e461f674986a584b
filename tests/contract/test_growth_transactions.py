"""The lifecycle's transactions on every store: Firestore reads precede writes in each, and
a thank-you credit raced by concurrent holds is spent by exactly one of them."""

from __future__ import annotations

from datetime import date, time, timedelta

from functions._app import container
from functions._app.seeding import seed_if_empty
from shared.booking import lifecycle
from shared.booking.holds import create_hold
from shared.booking.models import BookingView, Contact, CreateBookingRequest
from shared.booking.records import get
from shared.growth import completed, referrals, reviews
from shared.growth.loyalty import LEDGER
from shared.platform.clock import ManualClock
from shared.platform.config import Settings
from tests.contract.conftest import in_threads


def request(phone: str, day: date, at: time, code: str | None = None) -> CreateBookingRequest:
    return CreateBookingRequest(
        adults=20,
        customer_zipcode="90012",
        event_date=day,
        start_time=at,
        contact=Contact(name="Guest", phone=phone),
        address="100 Main St, Los Angeles",
        referral_code=code,
    )


def test_referral_loyalty_and_review_transactions(empty_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = ManualClock()
    platform = container.build_local(
        Settings(env="test", data_dir=tmp_path), clock, store=empty_store
    )
    seed_if_empty(platform)
    day = date(2026, 12, 5)
    referrer = create_hold(platform, request("+12135550001", day, time(12, 0)))
    lifecycle.confirm(platform, referrer.id, actor="t")
    referrer_id = get(empty_store, referrer.id).customer_id
    code = referrals.code_for(empty_store, referrer_id, clock.now())

    friend = create_hold(platform, request("+12135550002", day, time(17, 0), code))
    assert [line.key for line in friend.quote.lines if line.kind == "credit"] == [referrals.WELCOME]
    lifecycle.confirm(platform, friend.id, actor="t")
    lifecycle.complete(platform, friend.id, actor="t")
    done = get(empty_store, friend.id)
    assert completed.reward(platform, done, clock.now()) is True
    assert completed.reward(platform, done, clock.now()) is False
    assert empty_store.get(LEDGER, friend.id) is not None

    clock.set(done.end + timedelta(hours=1))
    assert reviews.ask_due(platform, clock.now()) == [friend.id]
    assert reviews.ask_due(platform, clock.now()) == []

    # Three holds by the referrer at once: one spends the credit, the others are refused.
    later = [(date(2026, 12, 12), time(12, 0)), (date(2026, 12, 12), time(17, 0)),
             (date(2026, 12, 19), time(12, 0))]  # fmt: skip
    results = in_threads(3, lambda i: create_hold(platform, request("+12135550001", *later[i])))
    won = [r for r in results if isinstance(r, BookingView)]
    refused = [r for r in results if isinstance(r, referrals.CreditSpent)]
    assert len(won) + len(refused) == 3, results
    spent = [b for b in won if any(line.kind == "credit" for line in b.quote.lines)]
    assert len(spent) == 1
    assert all(e.status == 409 for e in refused)
