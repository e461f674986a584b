"""Travel fee boundaries and market choice, with a scripted distance provider."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from shared.pricing import Market, OutsideServiceArea, QuoteRequest, default_price_book, quote
from shared.pricing.distance import NoRoute, UnknownZip
from shared.pricing.travel import Route, in_service_area, measured, nearest_route, travel_line

POLICY = default_price_book().travel
CUSTOMER = "94000"


def market(id: str, base_zip: str) -> Market:
    return Market(id=id, name=id.title(), base_zip=base_zip, timezone="America/Los_Angeles")


NORTH, SOUTH, EAST = market("north", "95814"), market("south", "90012"), market("east", "33130")


class ScriptedDistance:
    """Miles per base zip (to any customer); None means no road."""

    def __init__(self, miles: dict[str, float | None]) -> None:
        self.miles = miles
        self.calls: list[tuple[str, str]] = []

    def road_miles(self, from_zip: str, to_zip: str) -> float:
        self.calls.append((from_zip, to_zip))
        miles = self.miles[from_zip]
        if miles is None:
            raise NoRoute(f"{from_zip} -> {to_zip}")
        return miles


def route(miles: float) -> Route:
    return Route(SOUTH, measured(miles))


@pytest.mark.parametrize(
    ("miles", "billable"),
    [
        (0.0, 0),
        (12.3, 0),
        (29.99, 0),
        (30.0, 0),
        (30.04, 0),  # measured as 30.0
        (30.000000001, 0),  # float noise
        (30.05, 1),  # measured as 30.1
        (30.1, 1),
        (31.0, 1),
        (31.01, 1),  # measured as 31.0
        (31.05, 2),  # measured as 31.1
        (60.0, 30),
        (119.96, 90),
        (120.0, 90),
    ],
)
def test_miles_beyond_thirty_are_billed_whole_and_rounded_up(miles: float, billable: int) -> None:
    line = travel_line(route(miles), POLICY)
    assert (line.quantity, line.unit_cents, line.amount_cents) == (billable, 200, billable * 200)
    assert line.kind == "travel"


def test_the_line_shows_the_measured_miles() -> None:
    assert (
        travel_line(route(45.26), POLICY).label
        == "Travel: 45.3 road miles from South, first 30 free"
    )


@pytest.mark.parametrize(("miles", "inside"), [(120.0, True), (120.04, True), (120.1, False)])
def test_the_service_area_ends_at_120_miles(miles: float, inside: bool) -> None:
    assert in_service_area(route(miles), POLICY) is inside


def test_the_nearest_base_wins_and_every_base_is_asked() -> None:
    distance = ScriptedDistance({"95814": 80.0, "90012": 25.5, "33130": 2_700.0})
    found = nearest_route(CUSTOMER, [NORTH, SOUTH, EAST], distance)
    assert found == Route(SOUTH, Decimal("25.5"))
    assert distance.calls == [("95814", CUSTOMER), ("90012", CUSTOMER), ("33130", CUSTOMER)]


def test_a_tie_goes_to_the_market_listed_first() -> None:
    distance = ScriptedDistance({"95814": 40.0, "90012": 40.0, "33130": 40.0})
    assert nearest_route(CUSTOMER, [SOUTH, NORTH, EAST], distance) == Route(SOUTH, Decimal("40.0"))


def test_bases_without_a_road_are_skipped() -> None:
    distance = ScriptedDistance({"95814": None, "90012": 70.0, "33130": None})
    assert nearest_route(CUSTOMER, [NORTH, SOUTH, EAST], distance) == Route(SOUTH, Decimal("70.0"))
    assert nearest_route(CUSTOMER, [NORTH, EAST], distance) is None


def price(miles: float | None) -> Any:
    request = QuoteRequest(adults=20, customer_zipcode=CUSTOMER, event_date=date(2026, 12, 5))
    return quote(request, default_price_book(), [SOUTH], ScriptedDistance({"90012": miles}))


@pytest.mark.parametrize(
    ("miles", "travel_cents"), [(30.0, 0), (30.1, 200), (60.0, 6_000), (120.0, 18_000)]
)
def test_the_engine_adds_the_travel_fee(miles: float, travel_cents: int) -> None:
    q = price(miles)
    assert q.travel_cents == travel_cents
    assert q.total_cents == 110_000 + travel_cents
    assert q.road_miles == miles


@pytest.mark.parametrize("miles", [120.1, 500.0, None])
def test_the_engine_refuses_beyond_the_service_area(miles: float | None) -> None:
    with pytest.raises(OutsideServiceArea) as caught:
        price(miles)
    assert caught.value.extra["nearest_market"] == ("south" if miles else None)
    assert caught.value.extra["max_miles"] == 120


class UnplacedBase(ScriptedDistance):
    def road_miles(self, from_zip: str, to_zip: str) -> float:
        raise UnknownZip(from_zip)


def test_a_base_zip_that_does_not_place_is_a_bug_not_a_customer_error() -> None:
    request = QuoteRequest(adults=20, customer_zipcode=CUSTOMER, event_date=date(2026, 12, 5))
    with pytest.raises(UnknownZip) as caught:
        quote(request, default_price_book(), [SOUTH], UnplacedBase({}))
    assert caught.value.zipcode == "90012"
