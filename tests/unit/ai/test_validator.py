"""The reply validator on its own: money parsing and each rule."""

from __future__ import annotations

import pytest

from shared.ai import validator
from shared.ai.validator import Evidence, check, money_in
from shared.pricing.price_book import default_price_book


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("$1,100", [110_000]),
        ("$55.00 per adult", [5_500]),
        ("$1.5k", [150_000]),
        ("only 10 dollars", [1_000]),
        ("twenty bucks", [2_000]),
        ("USD 250", [25_000]),
        ("$1,234.50 or 1234 dollars", [123_450, 123_400]),
        ("$45/person", [4_500]),
        ("$100 USD", [10_000]),  # one amount, not two
        ("fifty five dollars", [5_500]),  # not "five dollars"
        ("cien dólares", [10_000]),
        ("20 guests on Dec 5 at 6pm in 90012", []),
    ],
)
def test_money_in(text: str, cents: list[int]) -> None:
    assert money_in(text) == cents


def _check(text: str, evidence: Evidence | None = None, channel: str = "web", agent: str = "lead"):  # type: ignore[no-untyped-def]
    return check(
        text,
        evidence=evidence or Evidence(),
        book_amounts=validator.price_book_amounts(default_price_book()),
        channel=channel,
        agent=agent,
    )


def test_grounded_amounts_pass_and_others_are_blocked() -> None:
    evidence = Evidence()
    evidence.absorb("calculate_party_quote", {"total_cents": 110_000, "lines": []})
    assert _check("Your total is $1,100 with a $100 deposit.", evidence).ok  # price-book deposit
    verdict = _check("Your total is $1,000.", evidence)
    assert [p.code for p in verdict.problems] == ["ungrounded_price"]


def test_an_untagged_set_of_amounts_grounds_only_amounts_of_unknown_role() -> None:
    """Callers that pass plain cents prove an amount, never what it is."""
    plain = {10_000}
    assert check(
        "That's $100.", evidence=Evidence(), book_amounts=plain, channel="web", agent=""
    ).ok
    assert not check(
        "A $100 deposit.", evidence=Evidence(), book_amounts=plain, channel="web", agent=""
    ).ok


def test_failed_tool_results_ground_nothing() -> None:
    evidence = Evidence()
    evidence.absorb("calculate_party_quote", {"error": {"code": "x"}, "total_cents": 99_900})
    assert not _check("That's $999.", evidence).ok


def test_booking_claims_need_the_matching_tool_result() -> None:
    assert not _check("Your booking is confirmed!").ok
    assert not _check("I've booked you in for Saturday.").ok
    evidence = Evidence()
    evidence.absorb("create_booking_hold", {"booking_id": "bk_0123456789abc", "status": "held"})
    assert _check("Done! I've held Saturday for you.", evidence).ok
    assert not _check("Your booking is confirmed!", evidence).ok  # held is not confirmed
    evidence.absorb("get_booking_status", {"booking_id": "bk_0123456789abc", "status": "confirmed"})
    assert _check("Your booking is confirmed!", evidence).ok
    assert _check("Once the deposit is paid, your date is locked in.").ok  # policy, not a claim


def test_allergen_replies_get_the_cross_contact_disclaimer() -> None:
    verdict = _check("We can leave out the sauce for a guest with a nut allergy.", agent="allergen")
    assert verdict.ok and verdict.text.endswith(validator.ALLERGEN_DISCLAIMER)


def test_other_customers_data_is_blocked() -> None:
    evidence = Evidence(own_contacts={"+12135550100"})
    assert not _check("Booking bk_zzzzzzzzzzzzz is on Friday.", evidence).ok
    assert not _check("Call Maria at 916-555-0199.", evidence).ok
    assert _check("We'll text you at 213-555-0100.", evidence).ok


def test_sms_replies_must_fit() -> None:
    verdict = _check("x" * 400, channel="sms")
    assert [p.code for p in verdict.problems] == ["too_long"]
