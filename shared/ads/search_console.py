"""Search Console through the Google API client: `searchanalytics.query` by query and by
page. The discovery document is the one shipped in the package (static_discovery), so
building the client never fetches it; credentials are the function's service account
(added as a user of the property) unless given."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from shared.ads.models import LandingPageRow, SearchPerformance, SearchQueryRow

if TYPE_CHECKING:
    from google.auth.credentials import Credentials

SCOPE = "https://www.googleapis.com/auth/webmasters.readonly"
ROW_LIMIT = 100


class GoogleSearchConsole:
    def __init__(
        self, site: str, *, endpoint: str | None = None, credentials: Credentials | None = None
    ) -> None:
        from googleapiclient.discovery import build

        if credentials is None:
            import google.auth

            credentials, _ = google.auth.default(scopes=[SCOPE])
        self.site = site
        self._service = build(
            "searchconsole",
            "v1",
            credentials=credentials,
            static_discovery=True,
            cache_discovery=False,
            client_options={"api_endpoint": endpoint} if endpoint else None,
        )

    def _rows(self, dimension: str, first_day: date, last_day: date) -> list[dict[str, Any]]:
        body = {
            "startDate": first_day.isoformat(),
            "endDate": last_day.isoformat(),
            "dimensions": [dimension],
            "rowLimit": ROW_LIMIT,
        }
        found = self._service.searchanalytics().query(siteUrl=self.site, body=body).execute()
        return list(found.get("rows", []))

    def performance(self, first_day: date, last_day: date) -> SearchPerformance:
        return SearchPerformance(
            site=self.site,
            queries=[
                SearchQueryRow(
                    query=r["keys"][0],
                    clicks=int(r["clicks"]),
                    impressions=int(r["impressions"]),
                    ctr=r["ctr"],
                    position=r["position"],
                )
                for r in self._rows("query", first_day, last_day)
            ],
            pages=[
                LandingPageRow(
                    page=r["keys"][0],
                    clicks=int(r["clicks"]),
                    impressions=int(r["impressions"]),
                    position=r["position"],
                )
                for r in self._rows("page", first_day, last_day)
            ],
        )
