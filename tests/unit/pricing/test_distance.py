"""Both distance adapters: zip centroids offline, and Distance Matrix against a local server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from shared.platform.errors import ValidationFailed
from shared.pricing import (
    DistanceUnavailable,
    GoogleMapsDistance,
    QuoteRequest,
    ZipCentroidDistance,
    default_markets,
    default_price_book,
    quote,
)
from shared.pricing.distance import METERS_PER_MILE, NoRoute, UnknownZip
from tests.support.loopback import JSON_CONTENT, QuietHandler, serving
from tests.support.ports import free_port

KEY = "test-key-123"
REPO_ROOT = Path(__file__).resolve().parents[3]


# --- zip centroids ----------------------------------------------------------------------


def test_centroid_distance_is_great_circle_times_the_road_factor() -> None:
    distance = ZipCentroidDistance()
    assert distance.road_miles("90012", "90012") == 0.0
    la_to_sacramento = distance.road_miles("90012", "95814")
    assert la_to_sacramento == pytest.approx(360.65 * 1.2, abs=0.05)
    assert distance.road_miles("95814", "90012") == la_to_sacramento
    assert ZipCentroidDistance(road_factor=1.0).road_miles("90012", "95814") == pytest.approx(
        360.65, abs=0.05
    )


@pytest.mark.parametrize("zipcode", ["00000", "99999", "1234", "abcde"])
def test_an_unknown_zip_names_itself(zipcode: str) -> None:
    with pytest.raises(UnknownZip) as caught:
        ZipCentroidDistance().road_miles("90012", zipcode)
    assert caught.value.zipcode == zipcode


# --- Distance Matrix --------------------------------------------------------------------


class MatrixServer:
    """Answers every GET with the reply a test sets, recording each request's query."""

    def __init__(self) -> None:
        self.status = 200
        self.body: bytes = b"{}"
        self.queries: list[dict[str, list[str]]] = []
        self.paths: list[str] = []

    def reply(self, payload: Any, status: int = 200) -> None:
        self.status = status
        self.body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()

    def handler(self) -> type[QuietHandler]:
        server = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                server.paths.append(url.path)
                server.queries.append(parse_qs(url.query))
                self.send_body(server.status, server.body, JSON_CONTENT)

        return Handler


@pytest.fixture
def matrix() -> Iterator[tuple[MatrixServer, GoogleMapsDistance]]:
    fake = MatrixServer()
    with serving(fake.handler()) as httpd:
        yield fake, GoogleMapsDistance(KEY, base_url=f"{httpd.url}/", timeout_s=5)


def answer(
    element: dict[str, Any],
    origin: str = "Los Angeles, CA 90012, USA",
    destination: str = "Riverside, CA 92501, USA",
) -> dict[str, Any]:
    return {
        "destination_addresses": [destination],
        "origin_addresses": [origin],
        "rows": [{"elements": [element]}],
        "status": "OK",
    }


def ok(meters: int) -> dict[str, Any]:
    return answer(
        {
            "distance": {"text": "60.0 mi", "value": meters},
            "duration": {"text": "1 hour 5 mins", "value": 3900},
            "status": "OK",
        }
    )


def test_a_route_is_asked_for_in_imperial_and_read_in_meters(
    matrix: tuple[MatrixServer, GoogleMapsDistance],
) -> None:
    fake, distance = matrix
    fake.reply(ok(96_561))
    assert distance.road_miles("90012", "92501") == pytest.approx(96_561 / METERS_PER_MILE)
    assert distance.road_miles("90012", "92501") == pytest.approx(60.0, abs=0.001)
    assert fake.paths[0] == "/maps/api/distancematrix/json"
    assert fake.queries[0] == {
        "origins": ["90012, USA"],
        "destinations": ["92501, USA"],
        "units": ["imperial"],
        "key": [KEY],
    }


@pytest.mark.parametrize(
    ("origin", "destination", "unknown"),
    [("Los Angeles, CA 90012, USA", "", "00000"), ("", "Riverside, CA 92501, USA", "90012")],
)
def test_not_found_names_the_zip_that_did_not_geocode(
    matrix: tuple[MatrixServer, GoogleMapsDistance], origin: str, destination: str, unknown: str
) -> None:
    fake, distance = matrix
    fake.reply(answer({"status": "NOT_FOUND"}, origin=origin, destination=destination))
    with pytest.raises(UnknownZip) as caught:
        distance.road_miles("90012", "00000")
    assert caught.value.zipcode == unknown


@pytest.mark.parametrize("status", ["ZERO_RESULTS", "MAX_ROUTE_LENGTH_EXCEEDED"])
def test_no_road_is_no_route(matrix: tuple[MatrixServer, GoogleMapsDistance], status: str) -> None:
    fake, distance = matrix
    fake.reply(answer({"status": status}))
    with pytest.raises(NoRoute):
        distance.road_miles("90012", "96813")


@pytest.mark.parametrize(
    "status", ["REQUEST_DENIED", "OVER_QUERY_LIMIT", "OVER_DAILY_LIMIT", "INVALID_REQUEST"]
)
def test_a_refused_request_is_unavailable_without_leaking_the_key(
    matrix: tuple[MatrixServer, GoogleMapsDistance], status: str
) -> None:
    fake, distance = matrix
    fake.reply({"status": status, "error_message": "The provided API key is invalid.", "rows": []})
    with pytest.raises(DistanceUnavailable) as caught:
        distance.road_miles("90012", "92501")
    err = caught.value
    assert (err.status, err.code, err.extra) == (
        503,
        "distance_unavailable",
        {"provider_status": status},
    )
    assert status in err.detail
    assert KEY not in str(err)


@pytest.mark.parametrize(
    ("status", "payload"),
    [
        (500, {"error": "boom"}),
        (403, {"error": "forbidden"}),
        (200, b"<html>not json</html>"),
        (200, {"status": "OK", "rows": []}),
        (200, {"status": "OK", "rows": [{"elements": [{"status": "OK"}]}]}),
        (200, answer({"status": "SOMETHING_NEW"})),
    ],
)
def test_failures_and_odd_answers_are_unavailable(
    matrix: tuple[MatrixServer, GoogleMapsDistance], status: int, payload: Any
) -> None:
    fake, distance = matrix
    fake.reply(payload, status=status)
    with pytest.raises(DistanceUnavailable) as caught:
        distance.road_miles("90012", "92501")
    assert KEY not in str(caught.value)


def test_nothing_listening_is_unavailable() -> None:
    distance = GoogleMapsDistance(KEY, base_url=f"http://127.0.0.1:{free_port()}", timeout_s=5)
    with pytest.raises(DistanceUnavailable) as caught:
        distance.road_miles("90012", "92501")
    assert KEY not in str(caught.value)


def test_the_engine_prices_travel_from_distance_matrix(
    matrix: tuple[MatrixServer, GoogleMapsDistance],
) -> None:
    fake, distance = matrix
    fake.reply(ok(96_561))  # every base answers 60.0 miles: the first listed wins
    request = QuoteRequest.model_validate(
        {"adults": 20, "customer_zipcode": "92501", "event_date": "2026-12-05"}
    )
    q = quote(request, default_price_book(), default_markets(), distance)
    assert (q.market_id, q.road_miles, q.travel_cents, q.total_cents) == (
        "sacramento",
        60.0,
        6_000,
        116_000,
    )
    assert [query["origins"] for query in fake.queries] == [
        ["95814, USA"],
        ["90012, USA"],
        ["33130, USA"],
    ]


def test_an_unknown_customer_zip_from_distance_matrix_is_a_field_error(
    matrix: tuple[MatrixServer, GoogleMapsDistance],
) -> None:
    fake, distance = matrix
    fake.reply(answer({"status": "NOT_FOUND"}, destination=""))
    request = QuoteRequest.model_validate(
        {"adults": 20, "customer_zipcode": "00001", "event_date": "2026-12-05"}
    )
    with pytest.raises(ValidationFailed) as caught:
        quote(request, default_price_book(), default_markets(), distance)
    assert [e.field for e in caught.value.errors] == ["customer_zipcode"]


def test_importing_pricing_loads_no_http_client() -> None:
    code = (
        "import sys, shared.pricing\n"
        "print(sorted(m for m in ('urllib.request', 'http.client', 'httpx') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
