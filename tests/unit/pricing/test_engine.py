"""The quote engine against the shipped price book, markets and zip-centroid distances."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.platform.errors import ValidationFailed
from shared.pricing import (
    AmbiguousProtein,
    CustomEvent,
    Market,
    OutsideServiceArea,
    Quote,
    QuoteRequest,
    ZipCentroidDistance,
    default_markets,
    default_price_book,
    quote,
)
from shared.pricing.engine import bps_of, percent, usd

LA_BASE = "90012"
RIVERSIDE = "92501"  # 59.95 centroid road miles from the LA base: measured as 60.0
CONCORD = "94519"  # nearest to the Sacramento base
MIAMI_BEACH = "33139"
BILLINGS_MT = "59101"  # ~994 road miles from Sacramento, the nearest base


def price(markets: tuple[Market, ...] | None = None, **fields: Any) -> Quote:
    fields.setdefault("customer_zipcode", LA_BASE)
    fields.setdefault("event_date", "2026-12-05")
    request = QuoteRequest.model_validate(fields)
    return quote(request, default_price_book(), markets or default_markets(), ZipCentroidDistance())


def amounts(q: Quote, kind: str) -> list[int]:
    return [line.amount_cents for line in q.lines if line.kind == kind]


# --- the worked examples ----------------------------------------------------------------


def test_twenty_adults_in_la() -> None:
    q = price(adults=20)
    assert (q.total_cents, q.deposit_cents, q.travel_cents) == (110_000, 10_000, 0)
    assert q.balance_due_cents == 100_000
    assert q.market_id == "la"
    assert not q.minimum_applied
    assert q.peak_day is None


def test_five_adults_are_raised_to_the_party_minimum() -> None:
    q = price(adults=5)
    assert q.food_subtotal_cents == 27_500
    assert q.food_cents == q.total_cents == 55_000
    assert q.minimum_applied
    assert amounts(q, "minimum") == [27_500]


def test_children_are_half_price_and_toddlers_free() -> None:
    q = price(adults=15, children=4, toddlers=2)
    assert q.total_cents == 94_500
    assert [(line.quantity, line.unit_cents) for line in q.lines if line.kind == "guests"] == [
        (15, 5_500),
        (4, 3_000),
        (2, 0),
    ]
    assert q.guests == 21


def test_lobster_on_christmas_day_carries_the_peak_surcharge() -> None:
    q = price(adults=10, protein_selections={"lobster tail": 2}, event_date="2026-12-25")
    assert (q.food_cents, q.surcharge_cents, q.total_cents) == (58_000, 5_800, 63_800)
    assert q.peak_day == "Christmas Day"
    assert amounts(q, "upgrade") == [3_000]


def test_filet_for_everyone_and_sake() -> None:
    q = price(adults=10, protein_selections={"filet mignon": 10}, addons=["sake"])
    assert q.total_cents == 62_500
    assert amounts(q, "upgrade") == [5_000]
    assert amounts(q, "addon") == [2_500]


def test_upgrades_and_third_proteins_below_the_minimum() -> None:
    q = price(adults=8, children=2, protein_selections={"salmon": 3}, third_protein_portions=2)
    assert amounts(q, "guests") == [44_000, 6_000]
    assert amounts(q, "upgrade") == [1_500]
    assert amounts(q, "third_protein") == [2_000]
    assert q.food_subtotal_cents == 53_500
    assert q.food_cents == q.total_cents == 55_000
    assert q.minimum_applied


# --- the rest of the order of operations ------------------------------------------------


def test_lines_are_itemised_and_sum_to_the_total() -> None:
    q = price(
        adults=12,
        children=3,
        protein_selections={"chicken": 10, "scallops": 4, "lobster": 2},
        third_protein_portions=3,
        addons=["extended performance", "custom_menu"],
        customer_zipcode=RIVERSIDE,
        event_date="2026-11-26",
    )
    labels = [line.label for line in q.lines]
    assert labels == [
        "Adults (13+)",
        "Children (6-12)",
        "Scallops upgrade",
        "Lobster tail upgrade",
        "Third protein",
        "Extended performance",
        "Custom menu",
        "Peak-date surcharge: Thanksgiving (10%)",
        "Travel: 60.0 road miles from Los Angeles, first 30 free",
    ]
    food = 12 * 5_500 + 3 * 3_000 + 4 * 500 + 2 * 1_500 + 3 * 1_000 + 5_000 + 3_500
    assert q.food_cents == food
    assert q.total_cents == food + bps_of(food, 1_000) + 6_000
    assert sum(line.amount_cents for line in q.lines) == q.total_cents


def test_included_proteins_cost_nothing() -> None:
    q = price(adults=10, protein_selections={"chicken": 10, "NY strip": 5, "tofu": 5})
    assert q.total_cents == 55_000
    assert amounts(q, "upgrade") == []


def test_aliases_of_one_protein_add_up() -> None:
    q = price(adults=10, protein_selections={"filet": 3, "Filet-Mignon": 2})
    assert [(line.quantity, line.amount_cents) for line in q.lines if line.kind == "upgrade"] == [
        (5, 2_500)
    ]


def test_the_surcharge_is_on_the_minimum_adjusted_food() -> None:
    q = price(adults=4, event_date="2027-02-14")
    assert (q.food_cents, q.surcharge_cents, q.total_cents) == (55_000, 5_500, 60_500)
    assert q.peak_day == "Valentine's Day"


def test_tax_applies_to_food_and_surcharge_but_not_travel() -> None:
    taxed_la = Market(
        id="la",
        name="Los Angeles",
        base_zip=LA_BASE,
        timezone="America/Los_Angeles",
        tax_bps=825,
    )
    q = price(markets=(taxed_la,), adults=10, customer_zipcode=RIVERSIDE, event_date="2026-12-25")
    assert (q.food_cents, q.surcharge_cents, q.travel_cents) == (55_000, 5_500, 6_000)
    assert q.tax_cents == 4_991  # 60,500 x 8.25% = 4,991.25
    assert q.total_cents == 55_000 + 5_500 + 6_000 + 4_991
    assert [line.label for line in q.lines if line.kind == "tax"] == [
        "Tax (8.25% of food and surcharge)"
    ]


def test_rates_round_half_up_in_integer_cents() -> None:
    assert bps_of(55, 1_000) == 6  # 5.5
    assert bps_of(54, 1_000) == 5  # 5.4
    assert bps_of(58_000, 1_000) == 5_800
    assert bps_of(3, 825) == 0  # 0.2475


def test_money_and_rate_formatting() -> None:
    assert usd(123_456_789) == "$1,234,567.89"
    assert usd(5) == "$0.05"
    assert percent(1_000) == "10%"
    assert percent(825) == "8.25%"


def test_the_quote_carries_deposit_and_gratuity_notes() -> None:
    q = price(adults=20)
    assert q.price_book_version == "2026-11-01"
    assert any("Gratuity is not included; 20-35%" in note for note in q.notes)
    assert any("$100.00 deposit" in note and "at least 7 days" in note for note in q.notes)


def test_equal_requests_give_equal_quotes() -> None:
    fields: dict[str, Any] = {"adults": 9, "addons": ["sake"]}
    first = price(**fields, protein_selections={"salmon": 2, "scallops": 1})
    again = price(**fields, protein_selections={"scallops": 1, "salmon": 2})
    assert first == again
    assert [line.label for line in first.lines][1:3] == ["Salmon upgrade", "Scallops upgrade"]


# --- travel and markets -----------------------------------------------------------------


def test_a_zip_sixty_road_miles_out_pays_for_thirty_miles() -> None:
    q = price(adults=20, customer_zipcode=RIVERSIDE)
    assert q.market_id == "la"
    assert q.road_miles == 60.0
    (travel,) = [line for line in q.lines if line.kind == "travel"]
    assert (travel.quantity, travel.unit_cents, travel.amount_cents) == (30, 200, 6_000)
    assert "60.0 road miles" in travel.label
    assert q.total_cents == 110_000 + 6_000


@pytest.mark.parametrize(
    ("zipcode", "market"), [(CONCORD, "sacramento"), (MIAMI_BEACH, "miami"), (LA_BASE, "la")]
)
def test_the_nearest_base_serves_the_event(zipcode: str, market: str) -> None:
    assert price(adults=20, customer_zipcode=zipcode).market_id == market


def test_a_zip_far_from_every_base_is_outside_the_service_area() -> None:
    with pytest.raises(OutsideServiceArea) as caught:
        price(adults=20, customer_zipcode=BILLINGS_MT)
    err = caught.value
    assert (err.code, err.status) == ("outside_service_area", 422)
    assert err.extra["nearest_market"] == "sacramento"
    assert err.extra["road_miles"] > 120


# --- errors the AI must turn into a question or a hand-off ------------------------------


def test_plain_steak_is_ambiguous_and_names_the_choices() -> None:
    with pytest.raises(AmbiguousProtein) as caught:
        price(adults=10, protein_selections={"Steak": 4})
    err = caught.value
    assert (err.code, err.status) == ("ambiguous_protein", 422)
    assert err.extra["field"] == "protein_selections.Steak"
    assert [c["key"] for c in err.extra["choices"]] == ["ny_strip", "filet_mignon"]
    assert "NY strip steak (included)" in err.detail
    assert "Filet mignon (+$5.00)" in err.detail


@pytest.mark.parametrize(("adults", "children", "toddlers"), [(61, 0, 0), (40, 15, 6)])
def test_over_sixty_guests_is_a_custom_event(adults: int, children: int, toddlers: int) -> None:
    with pytest.raises(CustomEvent) as caught:
        price(adults=adults, children=children, toddlers=toddlers)
    assert (caught.value.code, caught.value.status) == ("custom_event", 422)
    assert caught.value.extra == {"guests": 61, "max_guests": 60}


def test_sixty_guests_are_still_quoted() -> None:
    assert price(adults=60).total_cents == 60 * 5_500


def test_a_custom_event_is_reported_before_field_errors() -> None:
    with pytest.raises(CustomEvent):
        price(adults=80, protein_selections={"wagyu": 1})


# --- field errors -----------------------------------------------------------------------


def field_errors(**fields: Any) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        price(**fields)
    assert caught.value.status == 422
    return {e.field: e.type for e in caught.value.errors}


def test_unknown_names_are_field_errors_all_at_once() -> None:
    assert field_errors(
        adults=10, protein_selections={"wagyu": 2, "chicken": 2}, addons=["sake", "karaoke"]
    ) == {"protein_selections.wagyu": "unknown_protein", "addons.1": "unknown_addon"}


def test_an_unknown_name_is_reported_before_an_ambiguous_one() -> None:
    assert field_errors(adults=10, protein_selections={"steak": 2, "wagyu": 2}) == {
        "protein_selections.wagyu": "unknown_protein"
    }


def test_an_add_on_listed_twice_under_two_names() -> None:
    assert field_errors(adults=10, addons=["sake", "Premium Sake Service"]) == {
        "addons.1": "duplicate"
    }


def test_portions_are_capped_at_two_per_guest_plus_third_proteins() -> None:
    # 3 adults + 1 toddler eat 8 portions, plus 1 third protein.
    ok = price(adults=3, toddlers=1, protein_selections={"filet": 9}, third_protein_portions=1)
    assert amounts(ok, "upgrade") == [4_500]
    assert field_errors(
        adults=3,
        toddlers=1,
        protein_selections={"filet": 5, "chicken": 5},
        third_protein_portions=1,
    ) == {"protein_selections": "too_many_portions"}


def test_third_proteins_are_capped_at_one_per_guest() -> None:
    assert field_errors(adults=2, children=1, third_protein_portions=4) == {
        "third_protein_portions": "too_many_portions"
    }


def test_a_zip_that_does_not_exist_is_a_field_error() -> None:
    assert field_errors(adults=10, customer_zipcode="00000") == {"customer_zipcode": "unknown_zip"}


def test_the_date_only_matters_for_the_surcharge() -> None:
    past = price(adults=20, event_date="2001-12-05")
    assert past.total_cents == 110_000
    assert past.event_date == date(2001, 12, 5)
