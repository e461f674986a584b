"""The Google Business Profile adapter against a local HTTP fake of the v4 reviews API
(127.0.0.1): paging, field mapping, the reply's PUT, and errors as Unavailable."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from shared.growth.gbp_api import GoogleBusinessProfileReviews
from shared.platform.errors import Unavailable

PARENT = "accounts/111/locations/222"
PAGES = {
    None: {
        "reviews": [
            {
                "name": f"{PARENT}/reviews/a",
                "reviewId": "a",
                "reviewer": {"displayName": "Dana P."},
                "starRating": "FIVE",
                "comment": "Amazing",
                "createTime": "2026-11-20T02:00:00Z",
                "reviewReply": {"comment": "Thank you!", "updateTime": "2026-11-21T00:00:00Z"},
            }
        ],
        "nextPageToken": "p2",
    },
    "p2": {
        "reviews": [
            {
                "name": f"{PARENT}/reviews/b",
                "reviewId": "b",
                "reviewer": {"isAnonymous": True},
                "starRating": "TWO",
                "createTime": "2026-11-10T02:00:00.123456Z",
            }
        ]
    },
}


class FakeGoogle(BaseHTTPRequestHandler):
    calls: list[tuple[str, str, Any]] = []
    fail = False

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        self.calls.append(("GET", url.path, parse_qs(url.query)))
        if self.fail:
            return self._answer(503, {"error": {"status": "UNAVAILABLE"}})
        assert url.path == f"/v4/{PARENT}/reviews"
        token = parse_qs(url.query).get("pageToken", [None])[0]
        self._answer(200, PAGES[token])

    def do_PUT(self) -> None:
        length = int(self.headers["Content-Length"])
        self.calls.append(("PUT", self.path, json.loads(self.rfile.read(length))))
        self._answer(200, {"comment": "ok"})

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def google() -> Iterator[GoogleBusinessProfileReviews]:
    FakeGoogle.calls, FakeGoogle.fail = [], False
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGoogle)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with requests.Session() as session:
        yield GoogleBusinessProfileReviews(session, "111", "222", base)
    server.shutdown()
    server.server_close()


def test_every_page_of_reviews_is_read_and_mapped(google: GoogleBusinessProfileReviews) -> None:
    reviews = google.list_reviews()
    assert [(r.review_id, r.reviewer, r.stars, r.reply) for r in reviews] == [
        (f"{PARENT}/reviews/a", "Dana P.", 5, "Thank you!"),
        (f"{PARENT}/reviews/b", "A Google user", 2, None),
    ]
    assert reviews[1].created_at.tzinfo is not None
    assert [c[2].get("pageToken") for c in FakeGoogle.calls] == [None, ["p2"]]


def test_a_reply_is_one_put_on_the_reviews_reply(google: GoogleBusinessProfileReviews) -> None:
    google.reply(f"{PARENT}/reviews/b", "Sorry, please call us.")
    assert FakeGoogle.calls == [
        ("PUT", f"/v4/{PARENT}/reviews/b/reply", {"comment": "Sorry, please call us."})
    ]


def test_an_error_from_google_is_unavailable(google: GoogleBusinessProfileReviews) -> None:
    FakeGoogle.fail = True
    with pytest.raises(Unavailable):
        google.list_reviews()


def test_the_shell_picks_the_profile_by_config(tmp_path: Path, monkeypatch: Any) -> None:
    from functions._app.container import _google_reviews
    from shared.growth.gbp_local import LocalGoogleReviews
    from shared.growth.google_reviews import NoProfile
    from tests.support.platform import local_platform

    creds = {"client_id": "c", "client_secret": "s", "refresh_token": "r"}
    monkeypatch.setenv("GOOGLE_BUSINESS_PROFILE_OAUTH", json.dumps(creds))
    with local_platform(tmp_path) as platform:
        assert isinstance(_google_reviews(platform), LocalGoogleReviews)
        platform.settings = platform.settings.model_copy(
            update={"gbp_account_id": "111", "gbp_location_id": "222"}
        )
        assert isinstance(_google_reviews(platform), GoogleBusinessProfileReviews)
        platform.settings = platform.settings.model_copy(
            update={"env": "prod", "gbp_account_id": None}
        )
        unconnected = _google_reviews(platform)
        assert isinstance(unconnected, NoProfile) and unconnected.list_reviews() == []
        with pytest.raises(Unavailable):
            unconnected.reply("accounts/1/locations/2/reviews/3", "Thanks")
