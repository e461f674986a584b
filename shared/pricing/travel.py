"""Which market serves a zip and what the drive costs: pure rules over the distance port.

Road miles are measured to a tenth of a mile (no provider is more precise, and it keeps
float noise such as 30.000000001 from billing a mile) and billed in whole miles, rounded
up, beyond the free radius: 30.0 miles cost nothing, 30.1 bill 31 - 30 = 1 mile.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shared.pricing.distance import DistanceProvider, NoRoute
from shared.pricing.models import Market, QuoteLine, TravelPolicy

MILE_STEP = Decimal("0.1")


@dataclass(frozen=True)
class Route:
    market: Market
    road_miles: Decimal


def measured(miles: float) -> Decimal:
    """Miles to a tenth, half up, from the float's shortest decimal form."""
    return Decimal(repr(miles)).quantize(MILE_STEP, rounding=ROUND_HALF_UP)


def nearest_route(
    customer_zip: str, markets: Sequence[Market], distance: DistanceProvider
) -> Route | None:
    """The shortest drive from any market base, or None when no base has a road there.

    Ties go to the market listed first, so the choice is deterministic.
    """
    routes: list[Route] = []
    for market in markets:
        try:
            miles = distance.road_miles(market.base_zip, customer_zip)
        except NoRoute:
            continue
        routes.append(Route(market, measured(miles)))
    return min(routes, key=lambda route: route.road_miles, default=None)


def in_service_area(route: Route, policy: TravelPolicy) -> bool:
    return route.road_miles <= policy.max_miles


def travel_line(route: Route, policy: TravelPolicy) -> QuoteLine:
    """The travel fee as a quote line; present (possibly at $0) so the miles are shown."""
    billable = max(0, math.ceil(route.road_miles) - policy.free_miles)
    return QuoteLine(
        label=(
            f"Travel: {route.road_miles} road miles from {route.market.name}, "
            f"first {policy.free_miles} free"
        ),
        quantity=billable,
        unit_cents=policy.cents_per_mile,
        amount_cents=billable * policy.cents_per_mile,
        kind="travel",
    )
