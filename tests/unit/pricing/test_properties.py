"""Properties of every quote: integer cents, the minimum holds, more never costs less,
and the same request always gets the same answer."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.pricing import Market, Quote, QuoteRequest, default_price_book, quote
from shared.pricing.engine import bps_of

BOOK = default_price_book()
UPGRADES = [key for key, protein in BOOK.proteins.items() if protein.upgrade_cents]
MARKETS = (
    Market(id="taxed", name="Taxed", base_zip="90012", timezone="America/Los_Angeles", tax_bps=925),
)


class FixedDistance:
    def __init__(self, miles: float) -> None:
        self.miles = miles

    def road_miles(self, from_zip: str, to_zip: str) -> float:
        return self.miles


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    """Valid requests with room for one more guest, upgrade portion and third protein."""
    adults = draw(st.integers(1, 40))
    children = draw(st.integers(0, 10))
    toddlers = draw(st.integers(0, 8))
    guests = adults + children + toddlers
    third = draw(st.integers(0, guests - 1))
    budget = 2 * guests + third - 1
    picked = draw(st.lists(st.sampled_from(UPGRADES), unique=True, max_size=len(UPGRADES)))
    selections: dict[str, int] = {}
    for key in picked:
        count = draw(st.integers(0, budget))
        budget -= count
        selections[key] = count
    return {
        "adults": adults,
        "children": children,
        "toddlers": toddlers,
        "protein_selections": selections,
        "third_protein_portions": third,
        "addons": draw(st.lists(st.sampled_from(list(BOOK.addons)), unique=True)),
        "customer_zipcode": "90210",
        "event_date": draw(st.dates()).isoformat(),
    }


MILES = st.floats(0, 120, allow_nan=False)


def price(fields: dict[str, Any], miles: float) -> Quote:
    return quote(QuoteRequest.model_validate(fields), BOOK, MARKETS, FixedDistance(miles))


@given(requests(), MILES)
def test_every_amount_is_integer_cents_and_the_lines_add_up(
    fields: dict[str, Any], miles: float
) -> None:
    q = price(fields, miles)
    cents = [v for k, v in q.model_dump().items() if k.endswith("_cents")]
    cents += [line.amount_cents for line in q.lines] + [line.unit_cents for line in q.lines]
    assert all(type(v) is int and v >= 0 for v in cents)
    assert sum(line.amount_cents for line in q.lines) == q.total_cents
    assert q.deposit_cents + q.balance_due_cents == q.total_cents


@given(requests(), MILES)
def test_never_below_the_minimum(fields: dict[str, Any], miles: float) -> None:
    q = price(fields, miles)
    assert q.food_cents >= BOOK.party_minimum_cents
    assert q.total_cents >= BOOK.party_minimum_cents
    assert q.minimum_applied == (q.food_subtotal_cents < BOOK.party_minimum_cents)


@given(requests(), MILES)
def test_surcharge_and_tax_follow_the_rates(fields: dict[str, Any], miles: float) -> None:
    q = price(fields, miles)
    expected = bps_of(q.food_cents, BOOK.peak.surcharge_bps) if q.peak_day else 0
    assert q.surcharge_cents == expected
    assert q.tax_cents == bps_of(q.food_cents + q.surcharge_cents, 925)


def more(fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    bigger = dict(fields)
    for key, value in changes.items():
        bigger[key] = bigger[key] + value
    return bigger


@given(requests(), MILES, st.sampled_from(["adults", "children", "toddlers"]))
def test_another_guest_never_lowers_the_total(
    fields: dict[str, Any], miles: float, who: str
) -> None:
    assert price(more(fields, **{who: 1}), miles).total_cents >= price(fields, miles).total_cents


@given(requests(), MILES, st.sampled_from(UPGRADES))
def test_another_upgrade_never_lowers_the_total(
    fields: dict[str, Any], miles: float, upgrade: str
) -> None:
    selections = dict(fields["protein_selections"])
    selections[upgrade] = selections.get(upgrade, 0) + 1
    bigger = {**fields, "protein_selections": selections}
    assert price(bigger, miles).total_cents >= price(fields, miles).total_cents


@given(requests(), MILES)
def test_a_third_protein_never_lowers_the_total(fields: dict[str, Any], miles: float) -> None:
    bigger = more(fields, third_protein_portions=1)
    assert price(bigger, miles).total_cents >= price(fields, miles).total_cents


@given(requests(), MILES, MILES)
def test_a_longer_drive_never_costs_less(fields: dict[str, Any], a: float, b: float) -> None:
    near, far = sorted((a, b))
    assert price(fields, far).total_cents >= price(fields, near).total_cents


@settings(max_examples=50)
@given(requests(), MILES)
def test_identical_requests_get_identical_quotes(fields: dict[str, Any], miles: float) -> None:
    first = price(fields, miles)
    again = price({**fields, "protein_selections": dict(fields["protein_selections"])}, miles)
    assert again == first
    assert again.model_dump_json() == first.model_dump_json()
