"""The three marketing sources, each behind a small port the shell fills.

Production: the google-ads SDK (GAQL over `GoogleAdsService.search_stream`, mutates,
click-conversion uploads), Search Console's `searchanalytics.query` through the Google
API client, GA4's Data API `runReport`. `make dev` and tests: the seeded fakes in
`shared.ads.fakes`. functions/_app/container.py decides which.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from shared.ads.changes import AdChange
from shared.ads.models import (
    AdsPerformance,
    ClickConversion,
    SearchPerformance,
    WebTraffic,
)
from shared.platform.services import Port


class AdChangeRefused(Exception):
    """Google refused a change (policy, bad resource, limits): its messages, for staff."""


class AdsAccount(Protocol):
    def performance(self, first_day: date, last_day: date) -> AdsPerformance:
        """Every report over the days (inclusive), plus Google's open suggestions."""
        ...

    def upload_conversions(self, conversions: Sequence[ClickConversion]) -> int:
        """Upload paid deposits as offline click conversions; returns how many Google took."""
        ...

    def apply(self, change: AdChange) -> list[str]:
        """Send one approved change; returns the resource names it changed. Raises
        AdChangeRefused with Google's reasons when the API turns it down."""
        ...


class SearchConsole(Protocol):
    def performance(self, first_day: date, last_day: date) -> SearchPerformance: ...


class WebAnalytics(Protocol):
    def traffic(self, first_day: date, last_day: date) -> WebTraffic: ...


ADS_ACCOUNT: Port[AdsAccount] = Port("ads-account")
SEARCH_CONSOLE: Port[SearchConsole] = Port("search-console")
WEB_ANALYTICS: Port[WebAnalytics] = Port("web-analytics")
