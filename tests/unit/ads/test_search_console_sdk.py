"""The Search Console adapter through the Google API client (its shipped discovery
document, request building and auth) against a local fake of searchanalytics.query."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import date

import pytest

from shared.ads.search_console import GoogleSearchConsole
from tests.support.fake_google_rest import FakeGoogleRest, RecordedRequest, Reply
from tests.support.fake_vertex import bearer

SITE = "sc-domain:myhibachi.example"
_ROWS = {
    "query": [
        {
            "keys": ["hibachi at home"],
            "clicks": 420.0,
            "impressions": 9000.0,
            "ctr": 0.0467,
            "position": 3.2,
        }
    ],
    "page": [
        {
            "keys": ["https://myhibachi.example/"],
            "clicks": 600.0,
            "impressions": 20000.0,
            "ctr": 0.03,
            "position": 4.0,
        }
    ],
}


def _query(request: RecordedRequest, _: re.Match[str]) -> Reply:
    if request.headers.get("authorization") != "Bearer sc-token":
        return 401, {"error": {"code": 401, "status": "UNAUTHENTICATED", "message": "no token"}}
    (dimension,) = request.json()["dimensions"]
    return 200, {"rows": _ROWS[dimension], "responseAggregationType": "byProperty"}


@pytest.fixture
def google() -> Iterator[FakeGoogleRest]:
    fake = FakeGoogleRest()
    fake.route("POST", r"/webmasters/v3/sites/(?P<site>[^/]+)/searchAnalytics/query", _query)
    with fake.running():
        yield fake


def test_queries_and_pages_come_from_searchanalytics_query(
    google: FakeGoogleRest, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookup = socket.getaddrinfo

    def loopback_only(host: str, *args: object, **kwargs: object) -> object:
        assert host == "127.0.0.1", f"the client reached for {host} (a discovery document?)"
        return lookup(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    console = GoogleSearchConsole(
        SITE, endpoint=google.endpoint + "/", credentials=bearer("sc-token")
    )
    found = console.performance(date(2026, 11, 1), date(2026, 11, 30))
    assert [(q.query, q.clicks, q.position) for q in found.queries] == [
        ("hibachi at home", 420, 3.2)
    ]
    assert [(p.page, p.impressions) for p in found.pages] == [("https://myhibachi.example/", 20000)]
    bodies = [r.json() for r in google.requests]
    assert [b["dimensions"] for b in bodies] == [["query"], ["page"]]
    assert {(b["startDate"], b["endDate"]) for b in bodies} == {("2026-11-01", "2026-11-30")}
    assert {r.path for r in google.requests} == {
        f"/webmasters/v3/sites/{SITE}/searchAnalytics/query"
    }
