"""A booking's record implies its analytics facts; re-reading it gives the same ids."""

from __future__ import annotations

from datetime import timedelta

from shared.booking.analytics import facts
from shared.booking.models import BookingStatus
from shared.booking.payment_state import PaymentState
from shared.platform import analytics as a
from tests.unit.booking.test_refund_policy import START, booking

NOW = START - timedelta(days=2)


def _kinds(rows: list[a.AnalyticsRow]) -> list[str]:
    return [r.kind for r in rows]


def test_a_hold_is_one_fact_with_the_conversation_it_came_from() -> None:
    held = booking(deposit_paid=False).model_copy(
        update={"origin_thread_id": "th_1", "origin_channel": "sms", "occasion": "wedding"}
    )
    [hold] = facts(held, NOW)
    assert hold.kind == "hold" and hold.event_id == a.event_id("hold", "bk_1")
    assert (hold.thread_id, hold.channel, hold.market) == ("th_1", "sms", "la")
    assert hold.occurred_at == held.created_at and hold.amount_cents == 110_000
    assert hold.occasion == "wedding"  # given with the booking (the web form asks)


def test_each_status_adds_its_fact_and_keeps_the_earlier_ones() -> None:
    paid = booking()
    assert _kinds(facts(paid, NOW)) == ["hold", "deposit_paid"]
    done = paid.model_copy(update={"status": BookingStatus.COMPLETED})
    assert _kinds(facts(done, NOW)) == ["hold", "deposit_paid", "event_completed"]
    refunded = paid.model_copy(
        update={
            "status": BookingStatus.CANCELLED,
            "cancellation": {"refund_cents": 10_000, "refund_id": "re_1"},
        }
    )
    rows = facts(refunded, NOW)
    assert _kinds(rows) == ["hold", "deposit_paid", "cancellation", "refund"]
    assert rows[-1].amount_cents == 10_000


def test_the_larger_of_the_providers_and_the_cancellations_refund_counts() -> None:
    by_provider = booking().model_copy(update={"payment": PaymentState(refunded_cents=7_500)})
    assert facts(by_provider, NOW)[-1].amount_cents == 7_500
    by_hand = booking().model_copy(
        update={"cancellation": {"refund_cents": 10_000, "refund_id": None}}
    )
    assert "refund" not in _kinds(facts(by_hand, NOW))  # staff refund it outside the card


def test_the_same_record_read_again_gives_the_same_event_ids() -> None:
    first = [r.event_id for r in facts(booking(), NOW)]
    again = [r.event_id for r in facts(booking(), NOW + timedelta(hours=5))]
    assert first == again and len(set(first)) == len(first)


def _line(kind: str, amount: int) -> dict[str, object]:
    return {
        "label": kind,
        "quantity": 1,
        "unit_cents": amount,
        "amount_cents": amount,
        "kind": kind,
    }


def test_the_hold_and_the_completed_event_carry_the_revenue_by_line() -> None:
    lines = [
        _line("guests", 60_000),
        _line("minimum", 5_000),
        _line("surcharge", 2_000),
        _line("upgrade", 9_000),
        _line("third_protein", 1_000),
        _line("addon", 12_000),
        _line("travel", 16_000),
        _line("tax", 5_000),
    ]
    done = booking().model_copy(
        update={"status": BookingStatus.COMPLETED, "quote": {"lines": lines}}
    )
    rows = facts(done, NOW)
    hold, completed = rows[0], rows[-1]
    assert completed.kind == "event_completed"
    for row in (hold, completed):
        assert (row.base_cents, row.upgrades_cents, row.addons_cents) == (67_000, 10_000, 12_000)
        assert (row.travel_fee_cents, row.tax_cents, row.total_cents) == (16_000, 5_000, 110_000)
        assert row.guests == done.guests and row.customer_id == done.customer_id
    parts = (hold.base_cents, hold.upgrades_cents, hold.addons_cents, hold.travel_fee_cents)
    assert sum(p or 0 for p in parts) + (hold.tax_cents or 0) == hold.total_cents
