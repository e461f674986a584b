"""Pricing: the price book, the deterministic quote engine and the travel fee.

Every price the AI states comes from `quote`; money is integer cents throughout.
"""

from shared.pricing.distance import (
    DistanceProvider,
    DistanceUnavailable,
    GoogleMapsDistance,
    ZipCentroidDistance,
)
from shared.pricing.engine import (
    AmbiguousProtein,
    CustomEvent,
    OutsideServiceArea,
    QuoteError,
    quote,
)
from shared.pricing.models import Market, PriceBook, Quote, QuoteLine, QuoteRequest
from shared.pricing.price_book import default_markets, default_price_book

__all__ = [
    "AmbiguousProtein",
    "CustomEvent",
    "DistanceProvider",
    "DistanceUnavailable",
    "GoogleMapsDistance",
    "Market",
    "OutsideServiceArea",
    "PriceBook",
    "Quote",
    "QuoteError",
    "QuoteLine",
    "QuoteRequest",
    "ZipCentroidDistance",
    "default_markets",
    "default_price_book",
    "quote",
]
