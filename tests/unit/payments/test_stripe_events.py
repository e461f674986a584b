"""Stripe events reduced to facts; customer texts; payer-name matching (all pure)."""

from __future__ import annotations

import pytest

from shared.payments.alternative.proposals import names_match
from shared.payments.messages import usd
from shared.payments.stripe_events import fact_of
from tests.support.fake_stripe import (
    charge_refunded,
    dispute_created,
    event,
    intent_event,
    session_completed,
)


def test_a_paid_checkout_session_is_a_deposit_payment() -> None:
    fact = fact_of(session_completed("evt_1", "bk_1", "pi_1", 10_000, 1_700_000_000))
    assert fact is not None
    assert (fact.kind, fact.purpose, fact.booking_id) == ("paid", "deposit", "bk_1")
    assert (fact.payment_intent_id, fact.amount_cents, fact.created) == (
        "pi_1",
        10_000,
        1_700_000_000,
    )


def test_an_unpaid_session_waits_for_its_async_outcome() -> None:
    evt = session_completed("evt_1", "bk_1", "pi_1", 10_000, 1)
    evt["data"]["object"]["payment_status"] = "unpaid"
    assert fact_of(evt) is None
    evt["type"] = "checkout.session.async_payment_succeeded"
    assert fact_of(evt).kind == "paid"  # type: ignore[union-attr]
    evt["type"] = "checkout.session.async_payment_failed"
    assert fact_of(evt).kind == "failed"  # type: ignore[union-attr]


def test_an_expanded_payment_intent_gives_its_id() -> None:
    evt = session_completed("evt_1", "bk_1", "pi_1", 10_000, 1, purpose="balance")
    evt["data"]["object"]["payment_intent"] = {"id": "pi_9", "object": "payment_intent"}
    fact = fact_of(evt)
    assert fact is not None and fact.payment_intent_id == "pi_9" and fact.purpose == "balance"


def test_a_session_from_a_payment_link_is_a_balance_payment() -> None:
    evt = session_completed("evt_1", "bk_1", "pi_1", 100_000, 1)
    evt["data"]["object"] |= {"metadata": {}, "payment_link": "plink_1"}
    fact = fact_of(evt)
    assert fact is not None and fact.purpose == "balance" and fact.booking_id == "bk_1"


def test_intents_charges_and_disputes() -> None:
    failed = fact_of(intent_event("e", "payment_intent.payment_failed", "bk_1", "pi_1", 500, 2))
    assert failed is not None and failed.kind == "failed" and failed.reason == "declined"
    refunded = fact_of(charge_refunded("e", "pi_1", 300, ["re_1", "re_2"], 3))
    assert refunded is not None and refunded.booking_id is None
    assert (refunded.amount_cents, refunded.refund_ids) == (300, ("re_1", "re_2"))
    disputed = fact_of(dispute_created("e", "pi_1", 500, 4))
    assert disputed is not None and disputed.ref == "dp_pi_1" and disputed.reason == "fraudulent"


@pytest.mark.parametrize("kind", ["customer.created", "invoice.paid", ""])
def test_other_events_are_not_facts(kind: str) -> None:
    assert fact_of(event("e", kind, {"id": "x"}, 1)) is None


def test_dollars_from_cents_without_floats() -> None:
    assert [usd(c) for c in (0, 5, 10_000, 123_456_789)] == [
        "$0.00",
        "$0.05",
        "$100.00",
        "$1,234,567.89",
    ]


@pytest.mark.parametrize(
    ("payer", "contact", "same"),
    [
        ("JO HOST", "Jo Host", True),
        ("Jo", "Jo Host", True),
        ("Jo A. Host", "Jo Host", True),
        ("Jo Hostess", "Jo Host", False),
        ("", "Jo Host", False),
        (None, "Jo Host", False),
    ],
)
def test_payer_names(payer: str | None, contact: str, same: bool) -> None:
    assert names_match(payer, contact) is same
