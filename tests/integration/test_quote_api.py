"""The quote function: the worked examples, travel, and 422s that name the field."""

from __future__ import annotations

import pytest

EXAMPLES = [
    # (request fields, expected total cents, extra expectations)
    (
        {"adults": 20, "event_date": "2026-12-05"},
        110_000,
        {"deposit_cents": 10_000, "travel_cents": 0},
    ),
    ({"adults": 5}, 55_000, {"food_subtotal_cents": 27_500, "minimum_applied": True}),
    ({"adults": 15, "children": 4, "toddlers": 2}, 94_500, {}),
    (
        {"adults": 10, "protein_selections": {"lobster tail": 2}, "event_date": "2026-12-25"},
        63_800,
        {"food_cents": 58_000, "surcharge_cents": 5_800},
    ),
    (
        {
            "adults": 10,
            "protein_selections": {"filet mignon": 10},
            "addons": ["premium sake service"],
        },
        62_500,
        {},
    ),
    (
        {
            "adults": 8,
            "children": 2,
            "protein_selections": {"salmon": 3},
            "third_protein_portions": 2,
        },
        55_000,
        {"food_subtotal_cents": 53_500, "minimum_applied": True},
    ),
]


@pytest.mark.parametrize(("fields", "total", "extra"), EXAMPLES)
def test_worked_examples_through_http(api, fields, total, extra) -> None:  # type: ignore[no-untyped-def]
    body = {"customer_zipcode": "90012", "event_date": "2026-12-05"} | fields
    status, quote = api.call("POST", "/quote", body)
    assert status == 200, quote
    assert quote["total_cents"] == total
    assert quote["market_id"] == "la"
    for key, value in extra.items():
        assert quote[key] == value, key
    assert sum(line["amount_cents"] for line in quote["lines"]) == total
    assert quote["price_book_version"] == "2026-11-01"


def test_sixty_mile_zip_pays_travel_with_the_miles_shown(api) -> None:  # type: ignore[no-untyped-def]
    status, quote = api.call(
        "POST", "/quote", {"adults": 20, "customer_zipcode": "92501", "event_date": "2026-12-05"}
    )
    assert status == 200
    miles = quote["road_miles"]
    assert 55 <= miles <= 65
    import math

    assert quote["travel_cents"] == (math.ceil(miles) - 30) * 200
    travel = [line for line in quote["lines"] if line["kind"] == "travel"]
    assert f"{miles}" in travel[0]["label"]


def test_far_zip_is_outside_the_service_area(api) -> None:  # type: ignore[no-untyped-def]
    status, problem = api.call(
        "POST", "/quote", {"adults": 20, "customer_zipcode": "59101", "event_date": "2026-12-05"}
    )
    assert status == 422 and problem["code"] == "outside_service_area"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"adults": 0}, "adults"),
        ({"children": -1}, "children"),
        ({"protein_selections": {"unicorn": 2}}, "protein_selections.unicorn"),
        ({"customer_zipcode": "9001"}, "customer_zipcode"),
        ({"customer_zipcode": "00000"}, "customer_zipcode"),
        ({"event_date": "12/05/2026"}, "event_date"),
    ],
)
def test_bad_input_is_422_naming_the_field(api, fields, field) -> None:  # type: ignore[no-untyped-def]
    body = {"adults": 10, "customer_zipcode": "90012", "event_date": "2026-12-05"} | fields
    status, problem = api.call("POST", "/quote", body)
    assert status == 422, problem
    assert field in [e["field"] for e in problem["errors"]]


def test_steak_is_ambiguous(api) -> None:  # type: ignore[no-untyped-def]
    body = {
        "adults": 10,
        "protein_selections": {"steak": 4},
        "customer_zipcode": "90012",
        "event_date": "2026-12-05",
    }
    status, problem = api.call("POST", "/quote", body)
    assert status == 422 and problem["code"] == "ambiguous_protein"


def test_published_price_book_is_used_without_a_deploy(api) -> None:  # type: ignore[no-untyped-def]
    status, state = api.admin("GET", "/admin-price-book")
    assert status == 200 and state["current"]["version"] == "2026-11-01"
    book = state["current"] | {"version": "2027-01-01"}
    book["guests"] = book["guests"] | {"adult_cents": 6_000}
    assert api.admin("POST", "/admin-price-book", {"book": book}, role="manager")[0] == 403
    status, state = api.admin("POST", "/admin-price-book", {"book": book})
    assert status == 201 and [v["current"] for v in state["versions"]] == [True, False]
    _, quote = api.call(
        "POST", "/quote", {"adults": 20, "customer_zipcode": "90012", "event_date": "2026-12-05"}
    )
    assert quote["total_cents"] == 120_000 and quote["price_book_version"] == "2027-01-01"
    again = api.admin("POST", "/admin-price-book", {"book": book})
    assert again[0] == 409 and again[1]["code"] == "price_book_version_exists"
    status, log = api.admin("GET", "/admin-audit-log", {"entity": "price_book"})
    assert [e["entity_id"] for e in log["entries"]] == ["2027-01-01", "2026-11-01"]
