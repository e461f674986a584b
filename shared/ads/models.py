"""Typed rows the three marketing sources answer, and the snapshot a nightly sync stores.

Money is integer cents, as everywhere: Google reports cost in micros and conversion
value in account-currency units; the adapters convert once, at the edge. Conversions
stay floats because Google splits them across clicks (data-driven attribution).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, computed_field

Device = Literal["mobile", "desktop", "tablet", "other"]
MatchType = Literal["exact", "phrase", "broad"]


class Metrics(BaseModel):
    impressions: int = 0
    clicks: int = 0
    cost_cents: int = 0
    conversions: float = Field(
        default=0.0, description="Deposits uploaded as offline conversions (real bookings)"
    )
    conversion_value_cents: int = Field(default=0, description="Those bookings' revenue")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cpa_cents(self) -> int | None:
        return round(self.cost_cents / self.conversions) if self.conversions else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def roas(self) -> float | None:
        return self.conversion_value_cents / self.cost_cents if self.cost_cents else None


class CampaignRow(Metrics):
    campaign_id: str
    name: str
    status: str
    budget: str = Field(description="The campaign budget's resource name")
    daily_budget_cents: int
    market: str | None = Field(default=None, description="The market named in the campaign")


class KeywordRow(Metrics):
    campaign_id: str
    ad_group_id: str
    criterion_id: str
    text: str
    match_type: MatchType
    status: str = "enabled"


class SearchTermRow(Metrics):
    campaign_id: str
    ad_group_id: str
    term: str


class LocationRow(Metrics):
    campaign_id: str
    location: str = Field(description="Geo target constant, e.g. geoTargetConstants/1014044")


class DeviceRow(Metrics):
    device: Device


class HourRow(Metrics):
    hour: int = Field(ge=0, le=23, description="Hour of day in the account's time zone")


class GoogleSuggestion(BaseModel):
    """One of Google's own RecommendationService suggestions."""

    resource_name: str
    type: str
    campaign_id: str | None = None
    extra_conversions: float = Field(default=0.0, description="Google's estimate")
    extra_cost_cents: int = 0


class AdsPerformance(BaseModel):
    customer_id: str
    first_day: date
    last_day: date
    campaigns: list[CampaignRow]
    keywords: list[KeywordRow]
    search_terms: list[SearchTermRow]
    locations: list[LocationRow]
    devices: list[DeviceRow]
    hours: list[HourRow]
    suggestions: list[GoogleSuggestion]


class SearchQueryRow(BaseModel):
    query: str
    clicks: int
    impressions: int
    ctr: float
    position: float = Field(description="Average position in Google results (1 is the top)")


class LandingPageRow(BaseModel):
    page: str
    clicks: int
    impressions: int
    position: float


class SearchPerformance(BaseModel):
    site: str
    queries: list[SearchQueryRow]
    pages: list[LandingPageRow]


class TrafficRow(BaseModel):
    """GA4 sessions by landing page and channel group, with the chats they started."""

    landing_page: str
    channel_group: str
    sessions: int
    chats: int = Field(description="GA4 key event `chat_started`")


class WebTraffic(BaseModel):
    property_id: str
    rows: list[TrafficRow]


class ClickConversion(BaseModel):
    """A booking whose deposit was paid, for the ad click (gclid) that brought it."""

    booking_id: str = Field(description="Sent as the order id: Google drops a repeat")
    gclid: str
    paid_at: datetime
    value_cents: int


class MarketBookings(BaseModel):
    """Our own figures for a market over the period (from the analytics store)."""

    market: str
    deposits: int
    revenue_cents: int
