"""The booking flow with payments_provider=stripe, the real SDK pointed at a loopback Stripe:
the deposit session a hold opens, refunds on cancellation, the balance link."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from functions._app.seeding import seed_if_empty
from shared.booking.records import BOOKINGS
from shared.payments.port import WEBHOOK_SECRET
from shared.platform.services import Platform
from tests.integration.test_booking_api import hold, token_header
from tests.support.fake_stripe import SERVER_ERROR, FakeStripe, post_event, session_completed
from tests.support.platform import local_platform

KEY = "sk_test_integration"


@pytest.fixture
def stripe() -> Iterator[FakeStripe]:
    with FakeStripe().running() as fake:
        yield fake


@pytest.fixture
def platform(  # type: ignore[no-untyped-def]
    tmp_path: Path, stripe: FakeStripe, monkeypatch
) -> Iterator[Platform]:
    monkeypatch.setenv("STRIPE_SECRET_KEY", KEY)
    with local_platform(
        tmp_path,
        rate_limit_enabled=False,
        payments_provider="stripe",
        stripe_api_base=stripe.base_url,
    ) as p:
        seed_if_empty(p)
        yield p


def confirmed(api: Any, intent: str = "pi_123") -> dict[str, Any]:
    """A hold whose deposit was paid through Stripe Checkout (payment intent `intent`)."""
    status, booking = hold(api)
    assert status == 201, booking
    paid = session_completed(
        f"evt_{intent}",
        booking["id"],
        intent,
        booking["deposit_cents"],
        int(api.platform.clock.now().timestamp()),
    )
    response = post_event(api.client, paid, api.platform.secrets.get(WEBHOOK_SECRET))
    assert response.status_code == 200
    return booking


def cancel(api: Any, booking: dict[str, Any]) -> tuple[int, Any]:
    return api.call(
        "POST", "/cancel-booking", {"booking_id": booking["id"]}, **token_header(booking)
    )


def test_a_hold_opens_a_checkout_session_for_its_deposit(api, platform, stripe) -> None:  # type: ignore[no-untyped-def]
    status, booking = hold(api)
    assert status == 201
    [sent] = stripe.to("/v1/checkout/sessions")
    assert booking["deposit_url"] == "https://checkout.stripe.com/c/pay/cs_test_1"
    stored = platform.store.get(BOOKINGS, booking["id"])
    assert stored["deposit_session_id"] == "cs_test_1"
    assert sent.headers["idempotency-key"] == f"deposit-{booking['id']}"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    form = sent.form
    assert form["line_items[0][price_data][unit_amount]"] == str(booking["deposit_cents"])
    assert form["metadata[booking_id]"] == form["client_reference_id"] == booking["id"]
    assert form["success_url"] == f"http://localhost:3000/bookings/{booking['id']}?paid=1"
    hold_ends = datetime.fromisoformat(booking["hold_expires_at"])
    floor = datetime.now(UTC) + timedelta(minutes=30)
    assert int(form["expires_at"]) >= max(int(hold_ends.timestamp()), int(floor.timestamp()))


def test_cancelling_7_or_more_days_out_refunds_the_whole_deposit_once(  # type: ignore[no-untyped-def]
    api, platform, stripe
) -> None:
    booking = confirmed(api)
    status, cancelled = cancel(api, booking)
    assert status == 200, cancelled
    [refund] = stripe.to("/v1/refunds")
    assert refund.headers["idempotency-key"] == f"refund-{booking['id']}"
    assert refund.form["payment_intent"] == "pi_123"
    assert refund.form["amount"] == str(booking["deposit_cents"])
    assert refund.form["metadata[booking_id]"] == booking["id"]
    record = platform.store.get(BOOKINGS, booking["id"])["cancellation"]
    assert record["refund_cents"] == booking["deposit_cents"] and record["refund_id"] == "re_2"
    assert cancel(api, booking)[0] == 409
    assert len(stripe.to("/v1/refunds")) == 1


def test_cancelling_within_7_days_refunds_nothing(api, platform, stripe) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    platform.clock.advance(timedelta(days=10))  # the party is 4 days away
    status, cancelled = cancel(api, booking)
    assert status == 200 and cancelled["cancellation"]["refund_cents"] == 0
    assert "refund_id" not in cancelled["cancellation"]
    assert stripe.to("/v1/refunds") == []


def test_staff_can_override_the_refund(api, platform, stripe) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    platform.clock.advance(timedelta(days=10))
    status, cancelled = api.admin(
        "POST",
        "/admin-bookings",
        {
            "action": "cancel",
            "booking_id": booking["id"],
            "refund_cents": 2_500,
            "reason": "chef fell ill; half back as goodwill",
        },
        role="manager",
    )
    assert status == 200, cancelled
    assert cancelled["cancellation"]["rule"] == "staff override"
    [refund] = stripe.to("/v1/refunds")
    assert refund.form["amount"] == "2500"


def test_a_failed_refund_leaves_the_booking_as_it_was(api, platform, stripe) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    stripe.fail_next(SERVER_ERROR)
    status, problem = cancel(api, booking)
    assert status == 503 and problem["code"] == "payments_unavailable"
    assert platform.store.get(BOOKINGS, booking["id"])["status"] == "confirmed"
    assert cancel(api, booking)[0] == 200  # trying again refunds, under the same key
    keys = {r.headers["idempotency-key"] for r in stripe.to("/v1/refunds")}
    assert keys == {f"refund-{booking['id']}"}


def test_after_the_party_the_balance_link_is_created_once(api, platform, stripe) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    platform.clock.set(datetime(2026, 12, 6, 18, 0, tzinfo=UTC))  # Dec 6, 10:00 in LA
    status, report = api.admin("POST", "/request-balance", {})
    assert status == 200 and report["completed"] == [booking["id"]]
    [price] = stripe.to("/v1/prices")
    assert price.form["unit_amount"] == str(booking["total_cents"] - booking["deposit_cents"])
    assert price.headers["idempotency-key"] == f"balance-{booking['id']}-price"
    [link] = stripe.to("/v1/payment_links")
    assert link.headers["idempotency-key"] == f"balance-{booking['id']}"
    assert link.form["metadata[purpose]"] == "balance"
    assert link.form["restrictions[completed_sessions][limit]"] == "1"
    stored = platform.store.get(BOOKINGS, booking["id"])
    assert stored["status"] == "completed"
    assert stored["payment"]["balance_url"] == "https://buy.stripe.com/test_3"
    assert api.admin("POST", "/request-balance", {})[1]["requested"] == []
    assert len(stripe.to("/v1/payment_links")) == 1
