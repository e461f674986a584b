"""The distance port: road miles between two US zip codes, and its two adapters.

`ZipCentroidDistance` is the embedded default (offline, deterministic, free);
`GoogleMapsDistance` asks the Distance Matrix API for real driving distance in production.
Both raise the same typed errors, so the engine cannot tell them apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urlencode

import zipcodes

from shared.platform.errors import Unavailable

METERS_PER_MILE = 1609.344

HttpGet = Callable[[str, float], bytes]
"""(url, timeout in seconds) -> response body; raises OSError when the call fails."""


class DistanceProvider(Protocol):
    def road_miles(self, from_zip: str, to_zip: str) -> float:
        """Driving miles from `from_zip` to `to_zip`.

        Raises `UnknownZip` naming a zip that does not exist, `NoRoute` when no road joins
        them, `DistanceUnavailable` when the provider cannot answer now.
        """
        ...


class UnknownZip(Exception):
    """A zip code the provider cannot place: the caller decides whose mistake it is."""

    def __init__(self, zipcode: str) -> None:
        self.zipcode = zipcode
        super().__init__(f"unknown zip code {zipcode!r}")


class NoRoute(Exception):
    """Both zips exist but no road joins them (Honolulu from Los Angeles)."""


class DistanceUnavailable(Unavailable):
    default_code = "distance_unavailable"
    title = "Road distance is temporarily unavailable"


class ZipCentroidDistance:
    """Great-circle miles between zip centroids times a road factor (roads wind ~20%)."""

    def __init__(self, road_factor: float = 1.2) -> None:
        self.road_factor = road_factor

    def road_miles(self, from_zip: str, to_zip: str) -> float:
        (lat1, lon1), (lat2, lon2) = _centroid(from_zip), _centroid(to_zip)
        return float(zipcodes.haversine(lon1, lat1, lon2, lat2)) * self.road_factor


@lru_cache(maxsize=4096)
def _centroid(zipcode: str) -> tuple[float, float]:
    """(latitude, longitude) of a zip; cached because the lookup scans the whole table."""
    try:
        found = zipcodes.matching(zipcode)
    except (TypeError, ValueError):  # malformed: not "#####"
        found = []
    if not found:
        raise UnknownZip(zipcode)
    return float(found[0]["lat"]), float(found[0]["long"])


class GoogleMapsDistance:
    """Driving distance from the Distance Matrix API, one origin and one destination a call.

    `http` is injectable for tests; the default uses urllib, imported on first use so
    functions that never price travel do not pay for it at cold start. The API key is
    only ever put in the request URL, never in an error.
    """

    PATH = "/maps/api/distancematrix/json"

    def __init__(
        self,
        api_key: str,
        base_url: str = "https://maps.googleapis.com",
        http: HttpGet | None = None,
        timeout_s: float = 5.0,
    ) -> None:
        self._api_key = api_key
        self._base_url = base_url.rstrip("/")
        self._http = http or _urllib_get
        self._timeout_s = timeout_s

    def road_miles(self, from_zip: str, to_zip: str) -> float:
        query = urlencode(
            {
                # The country keeps a bare 5-digit number from geocoding somewhere abroad.
                "origins": f"{from_zip}, USA",
                "destinations": f"{to_zip}, USA",
                "units": "imperial",
                "key": self._api_key,
            }
        )
        try:
            body = self._http(f"{self._base_url}{self.PATH}?{query}", self._timeout_s)
            payload = json.loads(body)
        except OSError as exc:
            raise DistanceUnavailable(detail=f"Distance Matrix call failed: {exc}") from None
        except ValueError:
            raise DistanceUnavailable(detail="Distance Matrix answered with invalid JSON") from None
        return _miles_from(payload, from_zip, to_zip)


def _urllib_get(url: str, timeout_s: float) -> bytes:
    from urllib.request import urlopen

    with urlopen(url, timeout=timeout_s) as response:
        body: bytes = response.read()
        return body


def _miles_from(payload: Any, from_zip: str, to_zip: str) -> float:
    """Miles out of a Distance Matrix answer for one origin and one destination."""
    status = payload.get("status") if isinstance(payload, dict) else None
    if status != "OK":
        message = payload.get("error_message", "") if isinstance(payload, dict) else ""
        raise DistanceUnavailable(
            detail=f"Distance Matrix answered {status}: {message}".rstrip(": "),
            extra={"provider_status": status},
        )
    try:
        element = payload["rows"][0]["elements"][0]
        element_status = element["status"]
        if element_status == "OK":
            return float(element["distance"]["value"]) / METERS_PER_MILE
        if element_status == "NOT_FOUND":  # the address of a zip that did not geocode is ""
            raise UnknownZip(to_zip if payload["origin_addresses"][0] else from_zip)
    except (KeyError, IndexError, TypeError, ValueError):
        raise DistanceUnavailable(detail="Distance Matrix answer is malformed") from None
    if element_status in ("ZERO_RESULTS", "MAX_ROUTE_LENGTH_EXCEEDED"):
        raise NoRoute(f"no road route from {from_zip} to {to_zip}")
    raise DistanceUnavailable(
        detail=f"Distance Matrix element status {element_status}",
        extra={"provider_status": element_status},
    )
