"""Quoting with the stored price book, the stored markets and the configured distance port."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from shared.platform.log import get_logger
from shared.platform.secrets import SecretNotFound
from shared.platform.services import Platform
from shared.pricing import store as price_books
from shared.pricing.distance import DistanceProvider, GoogleMapsDistance, ZipCentroidDistance
from shared.pricing.engine import quote
from shared.pricing.markets import markets
from shared.pricing.models import Quote, QuoteRequest

MAPS_KEY_SECRET = "google-maps-api-key"
log = get_logger(__name__)


@functools.cache
def _centroids() -> ZipCentroidDistance:
    return ZipCentroidDistance()


def distance_for(platform: Platform) -> DistanceProvider:
    """Google road miles in production when a Maps key is configured, else zip centroids."""
    if platform.settings.is_prod:
        try:
            return GoogleMapsDistance(api_key=platform.secrets.get(MAPS_KEY_SECRET))
        except SecretNotFound:
            log.warning("no %s secret: travel uses zip-centroid distances", MAPS_KEY_SECRET)
    return _centroids()


def price(platform: Platform, request: QuoteRequest, credits: Sequence[str] = ()) -> Quote:
    return quote(
        request,
        price_books.current(platform.store),
        markets(platform.store),
        distance_for(platform),
        credits,
    )
