"""The deposit refund rule as a pure function: the day boundary, unpaid deposits, overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from shared.booking.models import Booking, BookingStatus, Contact
from shared.booking.refund_policy import overridden, refund_decision
from shared.platform.errors import ValidationFailed

START = datetime(2026, 12, 12, 1, 0, tzinfo=UTC)
DEPOSIT = 10_000
DAYS = 7


def booking(*, deposit_paid: bool = True) -> Booking:
    return Booking(
        id="bk_1",
        status=BookingStatus.CONFIRMED if deposit_paid else BookingStatus.HELD,
        customer_id="cus_1",
        contact=Contact(name="Jo", phone="+12135550100"),
        address="1 Main St, Los Angeles",
        customer_zipcode="90012",
        market="la",
        timezone="America/Los_Angeles",
        chef_ids=["la-chef-1"],
        event_date=date(2026, 12, 11),
        start=START,
        end=START + timedelta(hours=2),
        adults=20,
        children=0,
        toddlers=0,
        protein_selections={},
        third_protein_portions=0,
        addons=[],
        dietary_notes=None,
        quote={},
        price_book_version="2026-11-01",
        total_cents=110_000,
        deposit_cents=DEPOSIT,
        deposit_paid=deposit_paid,
        hold_expires_at=None,
        created_at=START - timedelta(days=30),
        updated_at=START - timedelta(days=30),
    )


@pytest.mark.parametrize(
    ("before_start", "refund"),
    [
        (timedelta(days=30), DEPOSIT),
        (timedelta(days=DAYS), DEPOSIT),  # exactly N days before still refunds in full
        (timedelta(days=DAYS) - timedelta(seconds=1), 0),
        (timedelta(hours=1), 0),
        (-timedelta(hours=1), 0),  # after the start
    ],
)
def test_full_refund_from_n_days_before_none_after(before_start: timedelta, refund: int) -> None:
    decision = refund_decision(booking(), START - before_start, DAYS)
    assert decision["refund_cents"] == refund
    assert decision["rule"] == (
        f">= {DAYS} days before" if refund else f"< {DAYS} days before: deposit kept"
    )


def test_an_unpaid_deposit_refunds_nothing_however_early() -> None:
    decision = refund_decision(booking(deposit_paid=False), START - timedelta(days=60), DAYS)
    assert decision == {"refund_cents": 0, "rule": "no deposit paid"}


@pytest.mark.parametrize("cents", [0, 1, DEPOSIT // 2, DEPOSIT])
def test_staff_override_replaces_the_amount_and_keeps_the_policy(cents: int) -> None:
    policy: dict[str, Any] = {"refund_cents": 0, "rule": "< 7 days before: deposit kept"}
    assert overridden(policy, cents, DEPOSIT) == {
        "refund_cents": cents,
        "rule": "staff override",
        "policy": policy,
    }


@pytest.mark.parametrize("cents", [-1, DEPOSIT + 1])
def test_staff_override_stays_within_the_deposit(cents: int) -> None:
    with pytest.raises(ValidationFailed):
        overridden({"refund_cents": 0, "rule": "no deposit paid"}, cents, DEPOSIT)
