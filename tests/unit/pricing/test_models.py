"""Input validation names the field; the price book and a quote refuse to be inconsistent."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest
from pydantic import ValidationError

from shared.platform.errors import ValidationFailed
from shared.platform.http import parse
from shared.pricing import (
    Market,
    PriceBook,
    Quote,
    QuoteRequest,
    ZipCentroidDistance,
    default_markets,
    default_price_book,
    quote,
)
from shared.pricing.models import normalise_name

VALID: dict[str, Any] = {
    "adults": 10,
    "customer_zipcode": "90012",
    "event_date": "2026-12-05",
}


def bad_fields(**changes: Any) -> dict[str, str]:
    """Field -> pydantic error type, as the HTTP layer reports them (one 422, each field)."""
    with pytest.raises(ValidationFailed) as caught:
        parse(QuoteRequest, {**VALID, **changes})
    return {e.field: e.type for e in caught.value.errors}


def test_a_valid_request_takes_defaults() -> None:
    request = QuoteRequest.model_validate(VALID)
    assert (request.children, request.toddlers, request.third_protein_portions) == (0, 0, 0)
    assert request.protein_selections == {} and request.addons == ()
    assert request.guests == 10


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"adults": 0}, {"adults": "greater_than_equal"}),
        ({"adults": 0, "children": 5}, {"adults": "greater_than_equal"}),
        ({"children": -1}, {"children": "greater_than_equal"}),
        ({"toddlers": -2}, {"toddlers": "greater_than_equal"}),
        ({"third_protein_portions": -1}, {"third_protein_portions": "greater_than_equal"}),
        (
            {"protein_selections": {"salmon": -1}},
            {"protein_selections.salmon": "greater_than_equal"},
        ),
        ({"protein_selections": {"  ": 1}}, {"protein_selections": "value_error"}),
        ({"adults": True}, {"adults": "int_type"}),
        ({"adults": "10"}, {"adults": "int_type"}),
        ({"customer_zipcode": "9001"}, {"customer_zipcode": "string_pattern_mismatch"}),
        ({"customer_zipcode": "90012-1234"}, {"customer_zipcode": "string_pattern_mismatch"}),
        ({"customer_zipcode": "abcde"}, {"customer_zipcode": "string_pattern_mismatch"}),
        ({"customer_zipcode": 90012}, {"customer_zipcode": "string_type"}),
        ({"event_date": "12/05/2026"}, {"event_date": "date_from_datetime_parsing"}),
        ({"kids": 2}, {"kids": "extra_forbidden"}),
    ],
)
def test_bad_fields_are_named(changes: dict[str, Any], expected: dict[str, str]) -> None:
    assert bad_fields(**changes) == expected


def test_missing_fields_are_named() -> None:
    with pytest.raises(ValidationError) as caught:
        QuoteRequest.model_validate({})
    assert {e["loc"] for e in caught.value.errors()} == {
        ("adults",),
        ("customer_zipcode",),
        ("event_date",),
    }


def test_names_are_compared_without_case_spacing_or_separators() -> None:
    assert normalise_name("  New-York_strip  ") == "new york strip"


# --- the shipped price book -------------------------------------------------------------


def test_the_shipped_price_book_has_the_published_prices() -> None:
    book = default_price_book()
    assert book.version == "2026-11-01"
    assert (book.guests.adult_cents, book.guests.child_cents, book.guests.toddler_cents) == (
        5_500,
        3_000,
        0,
    )
    upgrades = {key: p.upgrade_cents for key, p in book.proteins.items() if p.upgrade_cents}
    assert upgrades == {"filet_mignon": 500, "salmon": 500, "scallops": 500, "lobster_tail": 1_500}
    assert {key for key, p in book.proteins.items() if not p.upgrade_cents} == {
        "chicken",
        "ny_strip",
        "shrimp",
        "tofu",
        "vegetables",
    }
    assert {key: a.cents for key, a in book.addons.items()} == {
        "sake_service": 2_500,
        "extended_performance": 5_000,
        "custom_menu": 3_500,
    }
    assert (book.third_protein_cents, book.party_minimum_cents, book.max_guests) == (
        1_000,
        55_000,
        60,
    )
    assert book.peak.surcharge_bps == 1_000
    assert (book.travel.free_miles, book.travel.cents_per_mile, book.travel.max_miles) == (
        30,
        200,
        120,
    )
    assert (book.deposit.cents, book.deposit.refundable_days_before) == (10_000, 7)
    assert (book.gratuity.customary_min_pct, book.gratuity.customary_max_pct) == (20, 35)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("filet", "filet_mignon"),
        ("Filet Mignon", "filet_mignon"),
        ("lobster", "lobster_tail"),
        ("lobster tail", "lobster_tail"),
        ("NY strip", "ny_strip"),
        ("new york strip", "ny_strip"),
        ("ny_strip", "ny_strip"),
        ("veggies", "vegetables"),
    ],
)
def test_protein_aliases(name: str, key: str) -> None:
    assert default_price_book().protein_key(name) == key


@pytest.mark.parametrize("name", ["steak", "wagyu", "lobsters", "filets", ""])
def test_protein_names_are_never_guessed(name: str) -> None:
    assert default_price_book().protein_key(name) is None


def test_steak_is_ambiguous_between_ny_strip_and_filet() -> None:
    book = default_price_book()
    assert book.protein_choices("STEAK") == ("ny_strip", "filet_mignon")
    assert book.protein_choices("chicken") == ()


@pytest.mark.parametrize(
    ("name", "key"),
    [("sake", "sake_service"), ("premium sake", "sake_service"), ("custom menu", "custom_menu")],
)
def test_addon_aliases(name: str, key: str) -> None:
    assert default_price_book().addon_key(name) == key


def book_data() -> dict[str, Any]:
    raw = files("shared.pricing").joinpath("data/price_book.json").read_text()
    data: dict[str, Any] = json.loads(raw)
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["proteins"]["salmon"].update(aliases=["filet"]), "means both"),
        (lambda d: d["ambiguous_proteins"].update(chicken=["ny_strip", "tofu"]), "also a protein"),
        (
            lambda d: d["ambiguous_proteins"].update(fish=["salmon", "cod"]),
            r"needs 2\+ known proteins",
        ),
        (lambda d: d["deposit"].update(cents=60_000), "deposit.cents cannot exceed"),
        (lambda d: d["travel"].update(free_miles=200), "free_miles cannot exceed"),
        (lambda d: d["peak"]["dates"].append({"name": "x", "month": 2, "day": 30}), "no day 30"),
        (
            lambda d: d["peak"]["dates"].append(
                {"name": "x", "month": 5, "weekday": "sunday", "nth": 5}
            ),
            "less than or equal to 4",
        ),
        (lambda d: d["guests"].update(adult_cents=55.0), "valid integer"),
        (lambda d: d.update(currency="EUR"), "'USD'"),
    ],
)
def test_an_inconsistent_price_book_is_refused(edit: Any, message: str) -> None:
    data = book_data()
    edit(data)
    with pytest.raises(ValidationError, match=message):
        PriceBook.model_validate(data)


def test_the_seeded_markets() -> None:
    markets = {m.id: (m.base_zip, m.timezone, m.tax_bps) for m in default_markets()}
    assert markets == {
        "sacramento": ("95814", "America/Los_Angeles", 0),
        "la": ("90012", "America/Los_Angeles", 0),
        "miami": ("33130", "America/New_York", 0),
    }


def test_a_market_needs_a_real_timezone() -> None:
    with pytest.raises(ValidationError, match="unknown timezone"):
        Market(id="x", name="X", base_zip="90012", timezone="America/Atlantis")


# --- a quote cannot be built with wrong arithmetic --------------------------------------


def test_a_quote_with_inconsistent_amounts_is_refused() -> None:
    request = QuoteRequest.model_validate({**VALID, "adults": 20})
    computed = quote(request, default_price_book(), default_markets(), ZipCentroidDistance())
    good = computed.model_dump()
    assert good["total_cents"] == 110_000
    for field, value in [
        ("total_cents", 110_001),
        ("balance_due_cents", 99_999),
        ("minimum_applied", True),
        ("food_cents", 109_000),
    ]:
        with pytest.raises(ValidationError, match="inconsistent quote"):
            Quote.model_validate({**good, field: value})
    line = {**good["lines"][0], "amount_cents": 1}
    with pytest.raises(ValidationError, match="is not amount"):
        Quote.model_validate({**good, "lines": [line]})
