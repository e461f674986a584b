"""Quote throughput for `make bench`: a realistic request mix, parsed and priced end to end."""

from __future__ import annotations

import time
from typing import Any

from shared.pricing.distance import ZipCentroidDistance
from shared.pricing.engine import quote
from shared.pricing.models import QuoteRequest
from shared.pricing.price_book import default_markets, default_price_book

MIX: tuple[dict[str, Any], ...] = (
    {"adults": 20, "customer_zipcode": "90012", "event_date": "2026-12-05"},
    {"adults": 6, "children": 2, "customer_zipcode": "90210", "event_date": "2026-08-15"},
    {
        "adults": 15,
        "children": 4,
        "toddlers": 2,
        "protein_selections": {"chicken": 12, "filet": 8, "shrimp": 10},
        "customer_zipcode": "92501",
        "event_date": "2026-07-04",
    },
    {
        "adults": 10,
        "protein_selections": {"lobster tail": 4, "salmon": 3},
        "third_protein_portions": 3,
        "addons": ["sake", "extended performance"],
        "customer_zipcode": "94519",
        "event_date": "2026-12-25",
    },
    {
        "adults": 30,
        "children": 8,
        "protein_selections": {"scallops": 10, "ny strip": 20},
        "addons": ["custom menu"],
        "customer_zipcode": "33139",
        "event_date": "2027-05-09",
    },
    {"adults": 8, "customer_zipcode": "95630", "event_date": "2026-11-26"},
)


def bench_quotes(budget_s: float = 2.0) -> None:
    """Print quotes per second over `budget_s` (parse + price, warm caches)."""
    book, markets, distance = default_price_book(), default_markets(), ZipCentroidDistance()
    for fields in MIX:  # warm-up: loads the zip table and the centroid cache
        quote(QuoteRequest.model_validate(fields), book, markets, distance)
    count = 0
    start = time.perf_counter()
    deadline = start + budget_s
    while (now := time.perf_counter()) < deadline:
        for fields in MIX:
            quote(QuoteRequest.model_validate(fields), book, markets, distance)
        count += len(MIX)
    elapsed = now - start
    print(
        f"pricing: {count / elapsed:,.0f} quotes/s "
        f"({count:,} quotes of a {len(MIX)}-request mix in {elapsed:.2f} s, zip-centroid distance)"
    )


if __name__ == "__main__":
    bench_quotes()
