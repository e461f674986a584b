"""The Stripe adapter through the real SDK against a loopback Stripe: what each call sends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from shared.payments.models import CheckoutRequest
from shared.payments.stripe_adapter import StripePayments, session_expiry
from shared.platform.errors import Unavailable
from tests.support.fake_stripe import CARD_DECLINED, SERVER_ERROR, Failure, FakeStripe

KEY = "sk_test_unit_key_123"
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def fake() -> Iterator[FakeStripe]:
    with FakeStripe().running() as server:
        yield server


@pytest.fixture
def stripe(fake: FakeStripe) -> StripePayments:
    return StripePayments(
        KEY,
        api_base=fake.base_url,
        success_url="https://myhibachi.example/bookings/{booking_id}?paid=1",
        cancel_url="https://myhibachi.example/bookings/{booking_id}",
    )


def deposit(expires_at: datetime | None = None, email: str | None = None) -> CheckoutRequest:
    return CheckoutRequest(
        booking_id="bk_1",
        purpose="deposit",
        amount_cents=10_000,
        label="Deposit",
        email=email,
        expires_at=expires_at,
    )


def test_deposit_checkout_session_sends_one_deposit_line_with_the_booking(
    fake: FakeStripe, stripe: StripePayments
) -> None:
    expires = datetime.now(UTC) + timedelta(hours=1)
    link = stripe.deposit_checkout(deposit(expires, email="jo@example.com"))
    assert link.session_id == "cs_test_1"
    assert link.url == "https://checkout.stripe.com/c/pay/cs_test_1"
    [sent] = fake.to("/v1/checkout/sessions")
    assert sent.method == "POST"
    assert sent.headers["idempotency-key"] == "deposit-bk_1"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.form == {
        "mode": "payment",
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "usd",
        "line_items[0][price_data][unit_amount]": "10000",
        "line_items[0][price_data][product_data][name]": "Deposit",
        "metadata[booking_id]": "bk_1",
        "metadata[purpose]": "deposit",
        "payment_intent_data[metadata][booking_id]": "bk_1",
        "payment_intent_data[metadata][purpose]": "deposit",
        "client_reference_id": "bk_1",
        "success_url": "https://myhibachi.example/bookings/bk_1?paid=1",
        "cancel_url": "https://myhibachi.example/bookings/bk_1",
        "expires_at": str(int(expires.timestamp())),
        "customer_email": "jo@example.com",
    }


def test_the_same_deposit_twice_is_the_same_session(
    fake: FakeStripe, stripe: StripePayments
) -> None:
    first, again = stripe.deposit_checkout(deposit()), stripe.deposit_checkout(deposit())
    assert first == again
    keys = [r.headers["idempotency-key"] for r in fake.to("/v1/checkout/sessions")]
    assert keys == ["deposit-bk_1", "deposit-bk_1"]
    assert "expires_at" not in fake.requests[0].form


def test_session_expiry_follows_the_hold_inside_stripes_window() -> None:
    hold = NOW + timedelta(minutes=45)
    assert session_expiry(hold, NOW) == int(hold.timestamp())
    # A 30-minute hold is just under Stripe's minimum by the time it arrives: 31 minutes.
    short = NOW + timedelta(minutes=30)
    assert session_expiry(short, NOW) == int((NOW + timedelta(minutes=31)).timestamp())
    assert session_expiry(NOW + timedelta(days=3), NOW) == int(
        (NOW + timedelta(days=1)).timestamp()
    )
    assert session_expiry(None, NOW) is None


def test_balance_is_a_payment_link_payable_once(fake: FakeStripe, stripe: StripePayments) -> None:
    link = stripe.balance_link(
        CheckoutRequest(
            booking_id="bk_1", purpose="balance", amount_cents=100_000, label="Balance for bk_1"
        )
    )
    assert link.session_id == "plink_2" and link.url == "https://buy.stripe.com/test_2"
    [price] = fake.to("/v1/prices")
    assert price.headers["idempotency-key"] == "balance-bk_1-price"
    assert price.form == {
        "currency": "usd",
        "unit_amount": "100000",
        "product_data[name]": "Balance for bk_1",
    }
    [created] = fake.to("/v1/payment_links")
    assert created.headers["idempotency-key"] == "balance-bk_1"
    assert created.form == {
        "line_items[0][price]": "price_1",
        "line_items[0][quantity]": "1",
        "metadata[booking_id]": "bk_1",
        "metadata[purpose]": "balance",
        "payment_intent_data[metadata][booking_id]": "bk_1",
        "payment_intent_data[metadata][purpose]": "balance",
        "restrictions[completed_sessions][limit]": "1",
    }


def test_refund_names_the_payment_amount_and_booking(
    fake: FakeStripe, stripe: StripePayments
) -> None:
    assert stripe.refund("bk_1", "pi_9", 7_500) == "re_1"
    assert stripe.refund("bk_1", "pi_9", 7_500) == "re_1"  # a retry refunds nothing more
    sent = fake.to("/v1/refunds")
    assert [r.headers["idempotency-key"] for r in sent] == ["refund-bk_1"] * 2
    assert sent[0].form == {
        "payment_intent": "pi_9",
        "amount": "7500",
        "reason": "requested_by_customer",
        "metadata[booking_id]": "bk_1",
    }


def test_a_payment_intent_leads_to_its_booking(fake: FakeStripe, stripe: StripePayments) -> None:
    fake.payment_intents["pi_7"] = {
        "id": "pi_7",
        "object": "payment_intent",
        "metadata": {"booking_id": "bk_7"},
    }
    fake.payment_intents["pi_8"] = {"id": "pi_8", "object": "payment_intent", "metadata": {}}
    assert stripe.booking_for_payment_intent("pi_7") == "bk_7"
    assert stripe.booking_for_payment_intent("pi_8") is None
    assert fake.requests[0].method == "GET" and fake.requests[0].path == "/v1/payment_intents/pi_7"


@pytest.mark.parametrize("failure", [CARD_DECLINED, SERVER_ERROR])
def test_stripe_errors_are_503s_that_never_show_the_key(
    fake: FakeStripe, stripe: StripePayments, failure: Failure
) -> None:
    fake.fail_next(failure)
    with pytest.raises(Unavailable) as raised:
        stripe.refund("bk_1", "pi_9", 100)
    assert raised.value.status == 503 and raised.value.code == "payments_unavailable"
    assert KEY not in str(raised.value) and "unit_key" not in raised.value.detail
