"""Google Business Profile's reviews API (v4 `accounts.locations.reviews`) over REST.

No maintained PyPI client covers the reviews endpoints (they are absent from the newer
per-feature discovery documents), so this speaks the documented REST calls through
google-auth's `AuthorizedSession`, which refreshes the OAuth token itself. Imported lazily:
only a production call or a contract test loads google-auth.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shared.growth.google_reviews import GoogleReview
from shared.platform.errors import Unavailable

if TYPE_CHECKING:
    import requests

SCOPE = "https://www.googleapis.com/auth/business.manage"
_STARS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}
TIMEOUT_S = 20


def authorized_session(credentials_json: str) -> requests.Session:
    """A session for the profile's owner or manager (authorized-user JSON: client id,
    client secret, refresh token; see the README for making one)."""
    from google.auth.transport.requests import AuthorizedSession
    from google.oauth2.credentials import Credentials

    info = json.loads(credentials_json)
    return AuthorizedSession(Credentials.from_authorized_user_info(info, scopes=[SCOPE]))


class GoogleBusinessProfileReviews:
    def __init__(
        self, session: requests.Session, account_id: str, location_id: str, api_base: str
    ) -> None:
        self._session = session
        self._parent = f"accounts/{account_id}/locations/{location_id}"
        self._base = api_base.rstrip("/")

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        import requests

        try:
            response = self._session.request(
                method, f"{self._base}/v4/{path}", timeout=TIMEOUT_S, **kwargs
            )
        except requests.RequestException as exc:
            raise Unavailable("google_reviews_unavailable", f"Google: {exc}") from exc
        if response.status_code >= 400:
            raise Unavailable(
                "google_reviews_unavailable",
                f"Google answered {response.status_code} to {method} reviews",
            )
        body: dict[str, Any] = response.json() if response.content else {}
        return body

    def list_reviews(self) -> list[GoogleReview]:
        found: list[GoogleReview] = []
        token: str | None = None
        while True:
            params = {"pageSize": 50, "orderBy": "updateTime desc"}
            if token:
                params["pageToken"] = token
            page = self._call("GET", f"{self._parent}/reviews", params=params)
            found += [_review(r) for r in page.get("reviews", [])]
            token = page.get("nextPageToken")
            if not token:
                return found

    def reply(self, review_id: str, text: str) -> None:
        self._call("PUT", f"{review_id}/reply", json={"comment": text})


def _review(raw: dict[str, Any]) -> GoogleReview:
    reply = raw.get("reviewReply") or {}
    return GoogleReview(
        review_id=raw["name"],
        reviewer=(raw.get("reviewer") or {}).get("displayName") or "A Google user",
        stars=_STARS.get(raw.get("starRating", ""), 1),
        comment=raw.get("comment"),
        created_at=datetime.fromisoformat(raw["createTime"].replace("Z", "+00:00")),
        reply=reply.get("comment"),
    )
