"""Seeded stand-ins for Google Ads, Search Console and GA4 (`make dev` and tests).

The figures are per day and scale with the period asked for, so any period reads like a
real small account: three market campaigns (Miami with the best ROAS), one keyword whose
CPA is 270% above the account average, search terms that waste money, dead night hours
and two of Google's own suggestions. The ads fake records what it is sent, and applies
it to its own state, so the staff console shows the effect of an approved change.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from shared.ads.changes import (
    AdChange,
    AddNegativeKeywords,
    ApplyGoogleSuggestion,
    BidDownHours,
    PauseKeyword,
    SetDailyBudget,
)
from shared.ads.models import (
    AdsPerformance,
    CampaignRow,
    ClickConversion,
    DeviceRow,
    GoogleSuggestion,
    HourRow,
    KeywordRow,
    LandingPageRow,
    LocationRow,
    SearchPerformance,
    SearchQueryRow,
    SearchTermRow,
    TrafficRow,
    WebTraffic,
)

CUSTOMER_ID = "1234567890"
# Per day: impressions, clicks, cost cents, conversions, conversion value cents.
_Day = tuple[float, float, float, float, float]

_CAMPAIGNS: tuple[tuple[str, str, str, int, _Day], ...] = (
    (
        "111",
        "sacramento | Search | Hibachi at home",
        "sacramento",
        10_000,
        (1500, 60, 9000, 1.0, 110_000),
    ),
    ("222", "la | Search | Hibachi at home", "la", 16_000, (3000, 100, 15_000, 1.5, 150_000)),
    ("333", "miami | Search | Hibachi at home", "miami", 7_000, (1000, 40, 6000, 1.5, 180_000)),
)
_KEYWORDS: tuple[tuple[str, str, str, str, str, _Day], ...] = (
    ("222", "2201", "9001", "private chef la", "broad", (600, 20, 3000, 0.1081, 10_000)),
    ("222", "2201", "9002", "hibachi catering los angeles", "phrase", (900, 35, 5000, 0.8, 80_000)),
    ("111", "1101", "9003", "hibachi at home sacramento", "exact", (700, 30, 4500, 0.6, 66_000)),
    ("111", "1101", "9004", "teppanyaki party", "broad", (200, 5, 600, 0.0, 0)),
    ("333", "3301", "9005", "hibachi chef miami", "exact", (500, 25, 3500, 1.0, 120_000)),
)
_TERMS: tuple[tuple[str, str, str, _Day], ...] = (
    ("222", "2201", "hibachi grill for sale", (40, 0.3, 150, 0.0, 0)),
    ("111", "1101", "benihana coupons", (30, 0.2, 120, 0.0, 0)),
    ("222", "2201", "hibachi chef at home los angeles", (80, 6, 900, 0.5, 50_000)),
    ("333", "3301", "miami hibachi birthday party", (60, 5, 700, 0.6, 72_000)),
)
_LOCATIONS = (
    ("111", "geoTargetConstants/1014208"),
    ("222", "geoTargetConstants/1013962"),
    ("333", "geoTargetConstants/1015116"),
)
_DEVICES: tuple[tuple[str, float], ...] = (("mobile", 0.68), ("desktop", 0.27), ("tablet", 0.05))
_DEAD_HOURS = range(1, 6)


def _metrics(day: _Day, days: int, share: float = 1.0) -> dict[str, Any]:
    impressions, clicks, cost, conversions, value = day
    return {
        "impressions": round(impressions * days * share),
        "clicks": round(clicks * days * share),
        "cost_cents": round(cost * days * share),
        "conversions": round(conversions * days * share, 4),
        "conversion_value_cents": round(value * days * share),
    }


def _account_day() -> _Day:
    sums = [sum(c[4][i] for c in _CAMPAIGNS) for i in range(5)]
    return (sums[0], sums[1], sums[2], sums[3], sums[4])


def _hours(days: int) -> list[HourRow]:
    """Dead hours take a trickle of clicks and no bookings; the rest share the day."""
    impressions, clicks, cost, conversions, value = _account_day()
    dead: _Day = (20, 0.5, 300, 0.0, 0)
    live = [h for h in range(24) if h not in _DEAD_HOURS]
    left: _Day = (
        impressions - dead[0] * len(_DEAD_HOURS),
        clicks - dead[1] * len(_DEAD_HOURS),
        cost - dead[2] * len(_DEAD_HOURS),
        conversions,
        value,
    )
    return [
        HourRow(
            hour=h,
            **(_metrics(dead, days) if h in _DEAD_HOURS else _metrics(left, days, 1 / len(live))),
        )
        for h in range(24)
    ]


class FakeAdsAccount:
    def __init__(self, customer_id: str = CUSTOMER_ID) -> None:
        self.customer_id = customer_id
        self.sent: list[AdChange] = []
        self.uploaded: list[ClickConversion] = []
        self._paused: set[str] = set()
        self._budgets = {c[0]: c[3] for c in _CAMPAIGNS}
        self._lock = threading.Lock()

    def performance(self, first_day: date, last_day: date) -> AdsPerformance:
        days = (last_day - first_day).days + 1
        with self._lock:
            paused, budgets = set(self._paused), dict(self._budgets)
        return AdsPerformance(
            customer_id=self.customer_id,
            first_day=first_day,
            last_day=last_day,
            campaigns=[
                CampaignRow(
                    campaign_id=cid,
                    name=name,
                    status="enabled",
                    budget=f"customers/{self.customer_id}/campaignBudgets/{cid}",
                    daily_budget_cents=budgets[cid],
                    market=market,
                    **_metrics(day, days),
                )
                for cid, name, market, _, day in _CAMPAIGNS
            ],
            keywords=[
                KeywordRow(
                    campaign_id=cid,
                    ad_group_id=gid,
                    criterion_id=kid,
                    text=text,
                    match_type=match,  # type: ignore[arg-type]
                    status="paused" if kid in paused else "enabled",
                    **_metrics(day, days),
                )
                for cid, gid, kid, text, match, day in _KEYWORDS
            ],
            search_terms=[
                SearchTermRow(campaign_id=cid, ad_group_id=gid, term=term, **_metrics(day, days))
                for cid, gid, term, day in _TERMS
            ],
            locations=[
                LocationRow(campaign_id=cid, location=loc, **_metrics(c[4], days))
                for (cid, loc), c in zip(_LOCATIONS, _CAMPAIGNS, strict=True)
            ],
            devices=[
                DeviceRow(device=d, **_metrics(_account_day(), days, share))  # type: ignore[arg-type]
                for d, share in _DEVICES
            ],
            hours=_hours(days),
            suggestions=[
                GoogleSuggestion(
                    resource_name=f"customers/{self.customer_id}/recommendations/{n}",
                    type=kind,
                    campaign_id=cid,
                    extra_conversions=conv,
                    extra_cost_cents=cost,
                )
                for n, kind, cid, conv, cost in (
                    ("501", "KEYWORD", "333", 2.0, 12_000),
                    ("502", "RESPONSIVE_SEARCH_AD_ASSET", "111", 0.5, 0),
                )
            ],
        )

    def upload_conversions(self, conversions: Sequence[ClickConversion]) -> int:
        with self._lock:
            self.uploaded.extend(conversions)
        return len(conversions)

    def apply(self, change: AdChange) -> list[str]:
        base = f"customers/{self.customer_id}"
        with self._lock:
            self.sent.append(change)
            if isinstance(change, PauseKeyword):
                self._paused.add(change.criterion_id)
                return [f"{base}/adGroupCriteria/{change.ad_group_id}~{change.criterion_id}"]
            if isinstance(change, SetDailyBudget):
                self._budgets[change.campaign_id] = change.to_cents
                return [change.budget]
            if isinstance(change, AddNegativeKeywords):
                return [
                    f"{base}/campaignCriteria/{change.campaign_id}~neg{i}"
                    for i, _ in enumerate(change.terms)
                ]
            if isinstance(change, BidDownHours):
                return [f"{base}/campaignCriteria/{c}~hours" for c in change.campaign_ids]
            assert isinstance(change, ApplyGoogleSuggestion)
            return [change.resource_name]


class FakeSearchConsole:
    site = "sc-domain:myhibachi.example"
    _QUERIES = (
        ("hibachi at home", 14, 420, 3.2),
        ("private hibachi chef", 9, 380, 5.8),
        ("hibachi catering sacramento", 6, 90, 2.1),
        ("hibachi party miami", 5, 150, 7.4),
        ("backyard hibachi", 2, 260, 11.9),
    )
    _PAGES = (
        ("https://myhibachi.example/", 20, 700, 4.0),
        ("https://myhibachi.example/markets/sacramento", 8, 160, 3.1),
        ("https://myhibachi.example/pricing", 6, 300, 8.2),
    )

    def performance(self, first_day: date, last_day: date) -> SearchPerformance:
        days = (last_day - first_day).days + 1
        return SearchPerformance(
            site=self.site,
            queries=[
                SearchQueryRow(
                    query=q, clicks=c * days, impressions=i * days, ctr=c / i, position=p
                )
                for q, c, i, p in self._QUERIES
            ],
            pages=[
                LandingPageRow(page=u, clicks=c * days, impressions=i * days, position=p)
                for u, c, i, p in self._PAGES
            ],
        )


class FakeWebAnalytics:
    property_id = "properties/000000001"
    _ROWS = (
        ("/", "Paid Search", 60, 9),
        ("/", "Organic Search", 35, 4),
        ("/pricing", "Organic Search", 12, 2),
        ("/markets/sacramento", "Paid Search", 18, 3),
        ("/", "Direct", 20, 1),
    )

    def traffic(self, first_day: date, last_day: date) -> WebTraffic:
        days = (last_day - first_day).days + 1
        return WebTraffic(
            property_id=self.property_id,
            rows=[
                TrafficRow(landing_page=p, channel_group=g, sessions=s * days, chats=c * days)
                for p, g, s, c in self._ROWS
            ],
        )
