"""What `admin-marketing` takes and answers: the latest marketing report (ads joined with
our bookings, search, web funnel) or the recommendations; approve or reject one
(managers and up; an approval sends the change to the ad account, audited)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.ads import approvals
from shared.ads.approvals import Status, StoredRecommendation
from shared.ads.models import (
    CampaignRow,
    DeviceRow,
    HourRow,
    KeywordRow,
    LandingPageRow,
    LocationRow,
    Metrics,
    SearchQueryRow,
    SearchTermRow,
    TrafficRow,
)
from shared.ads.recommendations import total
from shared.ads.sync import Snapshot, latest
from shared.platform.errors import Forbidden, NotFoundError
from shared.platform.principal import Principal
from shared.platform.services import Platform

DECIDE_ROLES = ("owner", "admin", "manager")


class MarketingQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    view: Literal["report", "recommendations"] = "report"
    status: Status | None = Field(default=None, description="Recommendations in one status")


class _OnRecommendation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=80, description="The recommendation's id")
    note: str | None = Field(default=None, max_length=500, description="Kept in the audit log")


class Approve(_OnRecommendation):
    action: Literal["approve"]


class Reject(_OnRecommendation):
    action: Literal["reject"]


class MarketingAction(RootModel[Annotated[Approve | Reject, Field(discriminator="action")]]):
    pass


class MarketRow(BaseModel):
    """A market's ad spend beside our own bookings there (ad-driven or not)."""

    market: str
    ads: Metrics = Field(description="Its campaigns; conversions are uploaded deposits")
    bookings: int = Field(description="Every deposit paid in the market over the period")
    revenue_cents: int
    blended_roas: float | None = Field(description="All the market's revenue over its ad cost")


class WebFunnel(BaseModel):
    sessions: int
    chats: int
    bookings: int = Field(description="Deposits paid over the period (our own figure)")


class MarketingReport(BaseModel):
    snapshot_id: str
    synced_at: datetime
    first_day: date
    last_day: date
    customer_id: str
    account: Metrics
    markets: list[MarketRow]
    campaigns: list[CampaignRow]
    keywords: list[KeywordRow]
    search_terms: list[SearchTermRow]
    locations: list[LocationRow]
    devices: list[DeviceRow]
    hours: list[HourRow]
    search_site: str
    search_queries: list[SearchQueryRow]
    landing_pages: list[LandingPageRow]
    traffic: list[TrafficRow]
    funnel: WebFunnel
    recommendations: list[StoredRecommendation] = Field(description="Pending ones")


class RecommendationList(BaseModel):
    recommendations: list[StoredRecommendation]


def _markets(snap: Snapshot) -> list[MarketRow]:
    campaigns: dict[str, list[CampaignRow]] = defaultdict(list)
    for c in snap.ads.campaigns:
        campaigns[c.market or "unknown"].append(c)
    ours = {b.market: b for b in snap.bookings}
    rows = []
    for market in sorted(set(campaigns) | set(ours)):
        ads = total(campaigns.get(market, []))
        booked = ours.get(market)
        revenue = booked.revenue_cents if booked else 0
        rows.append(
            MarketRow(
                market=market,
                ads=ads,
                bookings=booked.deposits if booked else 0,
                revenue_cents=revenue,
                blended_roas=revenue / ads.cost_cents if ads.cost_cents else None,
            )
        )
    return rows


def report(platform: Platform) -> MarketingReport:
    snap = latest(platform.store)
    if snap is None:
        raise NotFoundError("no_snapshot", "no marketing sync yet: run the job marketing-sync")
    ads = snap.ads
    return MarketingReport(
        snapshot_id=snap.id,
        synced_at=snap.at,
        first_day=ads.first_day,
        last_day=ads.last_day,
        customer_id=ads.customer_id,
        account=total(ads.campaigns),
        markets=_markets(snap),
        campaigns=ads.campaigns,
        keywords=ads.keywords,
        search_terms=ads.search_terms,
        locations=ads.locations,
        devices=ads.devices,
        hours=ads.hours,
        search_site=snap.search.site,
        search_queries=snap.search.queries,
        landing_pages=snap.search.pages,
        traffic=snap.web.rows,
        funnel=WebFunnel(
            sessions=sum(r.sessions for r in snap.web.rows),
            chats=sum(r.chats for r in snap.web.rows),
            bookings=sum(b.deposits for b in snap.bookings),
        ),
        recommendations=approvals.listed(platform.store, "pending"),
    )


def read(platform: Platform, query: MarketingQuery) -> MarketingReport | RecommendationList:
    if query.view == "recommendations":
        return RecommendationList(recommendations=approvals.listed(platform.store, query.status))
    return report(platform)


def decide(
    platform: Platform, action: MarketingAction, principal: Principal
) -> StoredRecommendation:
    if not principal.has_any(DECIDE_ROLES):
        raise Forbidden("decision_needs_manager", "a manager, admin or owner decides ad changes")
    asked = action.root
    if isinstance(asked, Approve):
        return approvals.approve(platform, asked.id, principal.subject, asked.note)
    return approvals.reject(platform, asked.id, principal.subject, asked.note)
