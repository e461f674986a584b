"""Price grounding by role: an amount must match evidence *for the same thing*.

The evidence is what the real tools return for one party that exercises every line of a quote
(guests, upgrades, a third protein, an add-on, a peak-date surcharge, travel and tax), plus the
shipped price book. Every phrasing is checked twice: with the amount the tools gave for that
role (passes) and with an amount they gave for another role (blocked, though a context-free
check would have let it through).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pytest

from shared.ai import validator
from shared.ai.grounding import Amounts, mentions
from shared.ai.tools.business import _quote_summary
from shared.pricing.distance import ZipCentroidDistance
from shared.pricing.engine import quote
from shared.pricing.models import QuoteRequest
from shared.pricing.price_book import default_markets, default_price_book

PARTY = QuoteRequest(
    adults=20,
    children=4,
    toddlers=1,
    protein_selections={"filet mignon": 6, "lobster tail": 4},
    third_protein_portions=3,
    addons=("sake",),
    customer_zipcode="92501",  # 60 road miles from Los Angeles: $60 travel
    event_date=date(2026, 12, 24),  # Christmas Eve: 10% peak surcharge
)


@cache
def party_quote() -> dict[str, Any]:
    markets = tuple(m.model_copy(update={"tax_bps": 825}) for m in default_markets())
    return _quote_summary(quote(PARTY, default_price_book(), markets, ZipCentroidDistance()))


def book() -> Amounts:
    return validator.price_book_amounts(default_price_book())


def evidence() -> validator.Evidence:
    found = validator.Evidence()
    found.absorb("calculate_party_quote", party_quote())
    return found


def verdict(text: str, found: validator.Evidence | None = None) -> validator.Verdict:
    return validator.check(
        text, evidence=found or evidence(), book_amounts=book(), channel="web", agent="lead"
    )


def test_the_party_has_a_distinct_amount_for_each_role() -> None:
    q = party_quote()
    assert (q["total_cents"], q["balance_due_cents"], q["food_subtotal_cents"]) == (
        168_537,
        158_537,
        136_500,
    )
    assert (q["surcharge_cents"], q["tax_cents"], q["travel_cents"]) == (13_650, 12_387, 6_000)


# (reply, amount the tools gave for that role, an amount they gave for another role)
CASES = [
    # total
    ("Your total is {}.", "$1,685.37", "$1,365"),
    ("That comes to {} all in.", "$1,685.37", "$1,585.37"),
    ("{} total, gratuity not included.", "$1,685.37", "$136.50"),
    ("El total es {}.", "$1,685.37", "$100"),
    ("Son {} en total.", "$1,685.37", "$1,100"),
    # deposit
    ("A {} deposit holds your date.", "$100", "$10"),
    ("The deposit is {} and it counts toward your total.", "$100", "$25"),
    ("Se requiere un depósito de {} para confirmar.", "$100", "$55"),
    # balance
    ("The remaining {} is due after the event.", "$1,585.37", "$1,685.37"),
    ("Balance due: {}", "$1,585.37", "$1,365"),
    ("El saldo de {} se paga después del evento.", "$1,585.37", "$1,685.37"),
    # travel
    ("Travel is {} for your address.", "$60", "$25"),
    ("There's a {} travel fee.", "$60", "$100"),
    ("Mileage is {} per mile past the first 30.", "$2", "$5"),
    ("El viaje cuesta {}.", "$60", "$100"),
    # party minimum
    ("Parties have a {} food minimum.", "$550", "$1,100"),
    ("El mínimo por fiesta es {}.", "$550", "$100"),
    # peak surcharge
    ("Christmas Eve adds a {} peak-date surcharge.", "$136.50", "$123.87"),
    ("Hay un recargo de {} por la fecha.", "$136.50", "$60"),
    # tax
    ("Tax comes to {}.", "$123.87", "$136.50"),
    ("Impuestos: {}", "$123.87", "$100"),
    # per guest: the "$10 a head" family
    ("It's {} a head.", "$55", "$10"),
    ("That works out to {} per person.", "$55", "$10"),
    ("Adults are {}/person.", "$55", "$5"),
    ("Each adult is {}.", "$55", "$15"),
    ("Kids are {} per child.", "$30", "$25"),
    ("Son {} por persona.", "$55", "$10"),
    ("Los niños pagan {} por niño.", "$30", "$15"),
    ("{} per guest", "$55", "$10"),
    # protein upgrades
    ("Filet mignon is an extra {} per portion.", "$5", "$10"),
    ("The lobster upgrade is {}.", "$15", "$10"),
    ("Your upgrades come to {}.", "$60", "$100"),
    ("La langosta cuesta {} por porción.", "$15", "$25"),
    # third protein
    ("A third protein is {} per guest.", "$10", "$5"),
    ("La tercera proteína cuesta {}.", "$10", "$15"),
    # add-ons
    ("Premium sake service is {}.", "$25", "$10"),
    ("The extended performance add-on is {}.", "$50", "$55"),
    ("El complemento de sake cuesta {}.", "$25", "$30"),
    # food subtotal, and a guests line
    ("Your food subtotal is {}.", "$1,365", "$1,685.37"),
    ("Adults come to {}.", "$1,100", "$1,685.37"),
]


@pytest.mark.parametrize(("reply", "right", "wrong"), CASES)
def test_an_amount_must_match_evidence_of_its_role(reply: str, right: str, wrong: str) -> None:
    assert verdict(reply.format(right)).ok, reply.format(right)
    blocked = verdict(reply.format(wrong))
    assert [p.code for p in blocked.problems] == ["ungrounded_price"], reply.format(wrong)
    assert wrong in blocked.problems[0].detail


def test_the_wrong_amounts_are_grounded_for_some_other_role() -> None:
    """Otherwise the cases above would not prove the role matters."""
    grounded = evidence().amounts_cents | book()
    for _, _, wrong in CASES:
        assert validator.money_in(wrong)[0] in grounded, wrong


@pytest.mark.parametrize(
    "lie",
    [
        "It's $10 a head.",
        "Sure! For 20 people it's $10 a head, so $200 total.",
        "$10 per person for everyone.",
        "Only $10/person!",
        "Son $10 por persona.",
        "ten dollars per guest",
        "Adults are $10 each.",
    ],
)
def test_ten_dollars_a_head_is_blocked_though_ten_dollars_is_the_third_protein(lie: str) -> None:
    found = validator.Evidence()
    found.absorb(
        "calculate_protein_costs", {"lines": [], "third_protein_cents": 1_000, "total_cents": 1_000}
    )
    assert 1_000 in found.amounts_cents and 1_000 in book()
    problems = verdict(lie, found).problems
    assert [p.code for p in problems] == ["ungrounded_price"]
    assert "$10.00 as a" in problems[0].detail and "guest price" in problems[0].detail


def test_an_amount_whose_role_cannot_be_read_must_still_be_grounded() -> None:
    assert verdict("For 25 guests that's $1,685.37.").ok
    assert verdict("Happy to help: $1,585.37 it is.").ok
    assert not verdict("For 25 guests that's $1,234.50.").ok
    assert not verdict("Happy to help: 1234 dollars it is.").ok


def test_a_discount_is_never_grounded() -> None:
    for reply in ("PROMO100 gives you $100 off.", "Te damos un descuento de $100."):
        assert not verdict(reply).ok, reply


def test_a_thing_named_as_a_modifier_does_not_set_the_role() -> None:
    assert verdict("Total including travel and tax: $1,685.37").ok
    assert verdict("$100 of the total is due now as a deposit.").ok
    assert verdict("Your total with the sake service is $1,685.37.").ok
    assert not verdict("Total including travel: $60").ok


def test_the_offline_quote_reply_passes_for_the_party() -> None:
    from shared.ai.flows.quoting import quote_sentences

    assert verdict(" ".join(quote_sentences(party_quote(), "en"))).ok


def test_a_small_party_is_raised_to_the_minimum_and_says_so() -> None:
    from shared.ai.flows.quoting import quote_sentences

    small = QuoteRequest(adults=4, customer_zipcode="90012", event_date=date(2026, 12, 5))
    result = _quote_summary(
        quote(small, default_price_book(), default_markets(), ZipCentroidDistance())
    )
    found = validator.Evidence()
    found.absorb("calculate_party_quote", result)
    reply = " ".join(quote_sentences(result, "en"))
    assert "$550" in reply and verdict(reply, found).ok
    assert verdict("The party minimum top-up is $330.", found).ok  # 4 x $55 raised to $550


@pytest.mark.parametrize(
    ("tool", "result", "reply", "ok"),
    [
        ("calculate_travel_fee", {"travel_cents": 4_000}, "Travel is $40.", True),
        ("calculate_travel_fee", {"travel_cents": 4_000}, "Your total is $40.", False),
        ("calculate_travel_fee", {"travel_cents": 0}, "Travel is free for you!", True),
        ("calculate_travel_fee", {"travel_cents": 4_000}, "Travel is free for you!", False),
        (
            "calculate_protein_costs",
            {
                "lines": [{"protein": "Lobster tail", "portions": 4, "upgrade_cents": 6_000}],
                "third_protein_cents": 0,
                "total_cents": 6_000,
            },
            "4 x Lobster tail: $60; upgrades come to $60.",
            True,
        ),
        (
            "calculate_protein_costs",
            {"lines": [], "third_protein_cents": 3_000, "total_cents": 3_000},
            "Your total is $30.",
            False,
        ),
        (
            "create_booking_hold",
            {"booking_id": "bk_0123456789abc", "total_cents": 110_000, "deposit_cents": 10_000},
            "Pay the $100 deposit; the remaining $1,000 is due after the event.",
            True,
        ),
        (
            "cancel_booking",
            {"booking_id": "bk_0123456789abc", "status": "cancelled", "refund_cents": 10_000},
            "A refund of $100 is on its way back to you.",
            True,
        ),
        (
            "cancel_booking",
            {"booking_id": "bk_0123456789abc", "status": "cancelled", "refund_cents": 0},
            "Le devolveremos $100.",
            False,
        ),
        (
            "get_booking_status",
            {"booking_id": "bk_0123456789abc", "total_cents": 110_000, "deposit_cents": 10_000},
            "Your balance is $1,100.",
            False,
        ),
    ],
)
def test_each_tool_tags_its_amounts(
    tool: str, result: dict[str, Any], reply: str, ok: bool
) -> None:
    found = validator.Evidence()
    found.absorb(tool, result)
    assert verdict(reply, found).ok is ok


def test_every_quote_line_is_tagged_as_its_kind() -> None:
    """Lines reach the validator as {label, amount_cents}: the label must say the kind."""
    from shared.ai.grounding import _line_role

    markets = tuple(m.model_copy(update={"tax_bps": 825}) for m in default_markets())
    small = QuoteRequest(adults=4, customer_zipcode="92501", event_date=date(2026, 12, 24))
    kinds = {
        "guests": "guest_line",
        "upgrade": "upgrade",
        "third_protein": "third_protein",
        "addon": "addon",
        "minimum": "minimum",
        "surcharge": "surcharge",
        "travel": "travel",
        "tax": "tax",
    }
    seen = set()
    for request in (PARTY, small):
        for line in quote(request, default_price_book(), markets, ZipCentroidDistance()).lines:
            assert _line_role({"label": line.label, "amount_cents": 1}) == kinds[line.kind]
            seen.add(line.kind)
    assert seen == set(kinds)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("$1,234.50", [(123_450, None)]),
        ("1234 dollars", [(123_400, None)]),
        ("1,234.50 dollars", [(123_450, None)]),
        ("$45/person", [(4_500, "per_guest")]),
        ("USD 1,234.50 total", [(123_450, "total")]),
        ("$100 USD deposit", [(10_000, "deposit")]),
        ("fifty-five dollars a head", [(5_500, "per_guest")]),
        ("a hundred and fifty dollars", [(15_000, None)]),
        ("cincuenta y cinco dólares por persona", [(5_500, "per_guest")]),
        ("cien dólares de depósito", [(10_000, "deposit")]),
        ("$55 per adult and $30 per child", [(5_500, "per_guest"), (3_000, "per_guest")]),
        ("Deposit $100, balance $1,000", [(10_000, "deposit"), (100_000, "balance")]),
        ("20 adults x $55 = $1,100", [(5_500, None), (110_000, None)]),
    ],
)
def test_amounts_and_their_roles_are_read(text: str, read: list[tuple[int, str | None]]) -> None:
    assert [(m.cents, m.reading) for m in mentions(text, book().names)] == read
