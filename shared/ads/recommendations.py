"""What to change in the ad account, from the period's rows: pure functions, no I/O.

Conversions are the deposits we upload as offline conversions, so CPA and ROAS here are
booking figures. Each recommendation carries the rows that justify it and an impact
estimated over a 30-day month from the period's own rates (the basis says how). Every
threshold lives here, once; the reasons are rendered from them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.ads.changes import (
    DEAD_HOUR_BID_MODIFIER,
    AdChange,
    AddNegativeKeywords,
    ApplyGoogleSuggestion,
    BidDownHours,
    PauseKeyword,
    SetDailyBudget,
)
from shared.ads.models import AdsPerformance, CampaignRow, HourRow, Metrics
from shared.platform.ids import stable_id

# Pause a keyword whose CPA is this far above the account's (1.5 = 150% above), once it
# has spent enough to judge; one with no booking at all is judged by its spend alone.
CPA_OVER_AVERAGE = 1.5
MIN_KEYWORD_SPEND_CENTS = 10_000
# A search term that took this many clicks and this much spend without a booking.
WASTE_MIN_CLICKS = 5
WASTE_MIN_COST_CENTS = 3_000
# Raise the budget of the market whose ROAS leads the account's by this factor.
ROAS_LEAD = 1.25
BUDGET_RAISE = 0.20
# An hour of day with this many clicks and no booking over the period is dead.
DEAD_HOUR_MIN_CLICKS = 10
MONTH_DAYS = 30

Kind = Literal["pause_keyword", "raise_budget", "add_negatives", "bid_down_hours", "google"]


class Impact(BaseModel):
    """Per 30-day month; negative cost is money saved."""

    cost_cents: int
    bookings: float
    revenue_cents: int
    basis: str


class Recommendation(BaseModel):
    id: str = Field(description="Stable for the same change, so a nightly sync does not repeat")
    kind: Kind
    source: Literal["rules", "google"]
    title: str
    reason: str
    evidence: list[dict[str, Any]] = Field(description="The rows that justify it")
    impact: Impact
    change: AdChange


def _usd(cents: float) -> str:
    return f"${cents / 100:,.2f}"


def _row(row: BaseModel) -> dict[str, Any]:
    return row.model_dump(mode="json")


def total(rows: Iterable[Metrics]) -> Metrics:
    rows = list(rows)
    return Metrics(
        impressions=sum(r.impressions for r in rows),
        clicks=sum(r.clicks for r in rows),
        cost_cents=sum(r.cost_cents for r in rows),
        conversions=sum(r.conversions for r in rows),
        conversion_value_cents=sum(r.conversion_value_cents for r in rows),
    )


def _make(
    kind: Kind,
    change: AdChange,
    title: str,
    reason: str,
    evidence: list[dict[str, Any]],
    impact: Impact,
    source: Literal["rules", "google"] = "rules",
) -> Recommendation:
    return Recommendation(
        id=stable_id("ad-recommendation", change.model_dump_json()),
        kind=kind,
        source=source,
        title=title,
        reason=reason,
        evidence=evidence,
        impact=impact,
        change=change,
    )


def pause_costly_keywords(
    perf: AdsPerformance, account: Metrics, scale: float
) -> list[Recommendation]:
    average = account.cpa_cents
    if average is None:
        return []
    limit = average * (1 + CPA_OVER_AVERAGE)
    found = []
    for kw in perf.keywords:
        if kw.status != "enabled" or kw.cost_cents < MIN_KEYWORD_SPEND_CENTS:
            continue
        cpa = kw.cpa_cents
        if (kw.cost_cents if cpa is None else cpa) <= limit:
            continue
        if cpa is None:
            why = f"spent {_usd(kw.cost_cents)} with no booking"
        else:
            over = round((cpa / average - 1) * 100)
            why = f"CPA {_usd(cpa)} is {over}% above the account average"
        found.append(
            _make(
                "pause_keyword",
                PauseKeyword(
                    campaign_id=kw.campaign_id,
                    ad_group_id=kw.ad_group_id,
                    criterion_id=kw.criterion_id,
                    text=kw.text,
                ),
                f"Pause keyword “{kw.text}”",
                f"{why} ({_usd(average)}); the limit is {round(CPA_OVER_AVERAGE * 100)}% above.",
                [_row(kw), {"account": _row(account)}],
                Impact(
                    cost_cents=-round(kw.cost_cents * scale),
                    bookings=-round(kw.conversions * scale, 1),
                    revenue_cents=-round(kw.conversion_value_cents * scale),
                    basis="its spend and bookings over the period, per month, all lost",
                ),
            )
        )
    return found


def raise_best_market_budget(perf: AdsPerformance, account: Metrics) -> list[Recommendation]:
    by_market: dict[str, list[CampaignRow]] = defaultdict(list)
    for c in perf.campaigns:
        if c.market and c.status == "enabled":
            by_market[c.market].append(c)
    scored = [(m, total(rows)) for m, rows in by_market.items()]
    scored = [(m, t) for m, t in scored if t.roas is not None]
    if not scored or not account.roas:  # no booking value yet: nothing to lead by
        return []
    market, best = max(scored, key=lambda mt: mt[1].roas or 0.0)
    roas = best.roas or 0.0
    if roas < account.roas * ROAS_LEAD:
        return []
    found = []
    for c in by_market[market]:
        raised = round(c.daily_budget_cents * (1 + BUDGET_RAISE))
        extra = (raised - c.daily_budget_cents) * MONTH_DAYS
        found.append(
            _make(
                "raise_budget",
                SetDailyBudget(
                    campaign_id=c.campaign_id,
                    budget=c.budget,
                    from_cents=c.daily_budget_cents,
                    to_cents=raised,
                ),
                f"Raise {market}'s budget on “{c.name}” by {round(BUDGET_RAISE * 100)}%",
                f"{market} has the best ROAS ({roas:.1f}x against the account's"
                f" {account.roas:.1f}x): {_usd(c.daily_budget_cents)} to {_usd(raised)} a day.",
                [_row(c), {"market": market, **_row(best)}, {"account": _row(account)}],
                Impact(
                    cost_cents=extra,
                    bookings=round(extra / best.cpa_cents, 1) if best.cpa_cents else 0.0,
                    revenue_cents=round(extra * roas),
                    basis="the extra spend at the market's current CPA and ROAS (an upper"
                    " bound: returns usually fall as spend rises)",
                ),
            )
        )
    return found


def _campaign_names(perf: AdsPerformance) -> dict[str, str]:
    return {c.campaign_id: c.name for c in perf.campaigns}


def negatives_for_waste(perf: AdsPerformance, scale: float) -> list[Recommendation]:
    wasted: dict[str, list[Any]] = defaultdict(list)
    for t in perf.search_terms:
        if (
            not t.conversions
            and t.clicks >= WASTE_MIN_CLICKS
            and t.cost_cents >= WASTE_MIN_COST_CENTS
        ):
            wasted[t.campaign_id].append(t)
    names_of = _campaign_names(perf)
    found = []
    for campaign_id, terms in sorted(wasted.items()):
        cost = sum(t.cost_cents for t in terms)
        names = tuple(sorted({t.term for t in terms}))
        plural = "s" * (len(names) > 1)
        campaign = names_of.get(campaign_id, campaign_id)
        found.append(
            _make(
                "add_negatives",
                AddNegativeKeywords(campaign_id=campaign_id, terms=names),
                f"Add {len(names)} negative keyword{plural} to “{campaign}”",
                f"{len(names)} search term{plural} took {WASTE_MIN_CLICKS}+ clicks and"
                f" {_usd(WASTE_MIN_COST_CENTS)}+ each without a booking ({_usd(cost)} in all).",
                [_row(t) for t in terms],
                Impact(
                    cost_cents=-round(cost * scale),
                    bookings=0.0,
                    revenue_cents=0,
                    basis="their spend over the period, per month",
                ),
            )
        )
    return found


def bid_down_dead_hours(perf: AdsPerformance, scale: float) -> list[Recommendation]:
    dead: list[HourRow] = [
        h for h in perf.hours if not h.conversions and h.clicks >= DEAD_HOUR_MIN_CLICKS
    ]
    campaigns = tuple(sorted(c.campaign_id for c in perf.campaigns if c.status == "enabled"))
    if not dead or not campaigns:
        return []
    cost = sum(h.cost_cents for h in dead)
    hours = tuple(sorted(h.hour for h in dead))
    cut = round(100 * (1 - DEAD_HOUR_BID_MODIFIER))
    return [
        _make(
            "bid_down_hours",
            BidDownHours(campaign_ids=campaigns, hours=hours),
            f"Bid {cut}% lower at {len(hours)} dead hour{'s' * (len(hours) > 1)}",
            f"Hours {', '.join(f'{h}:00' for h in hours)} took {DEAD_HOUR_MIN_CLICKS}+ clicks"
            f" each and {_usd(cost)} without a booking.",
            [_row(h) for h in dead],
            Impact(
                cost_cents=-round(cost * scale * (1 - DEAD_HOUR_BID_MODIFIER)),
                bookings=0.0,
                revenue_cents=0,
                basis=f"{cut}% of those hours' spend over the period, per month",
            ),
        )
    ]


def from_google(perf: AdsPerformance) -> list[Recommendation]:
    names_of = _campaign_names(perf)
    return [
        _make(
            "google",
            ApplyGoogleSuggestion(resource_name=s.resource_name),
            f"Google suggests: {s.type.replace('_', ' ').lower()}"
            + (f" for “{names_of.get(s.campaign_id, s.campaign_id)}”" if s.campaign_id else ""),
            "Google's own recommendation (RecommendationService), with its estimate.",
            [s.model_dump(mode="json")],
            Impact(
                cost_cents=s.extra_cost_cents,
                bookings=round(s.extra_conversions, 1),
                revenue_cents=0,
                basis="Google's estimate, over the period Google gives it for",
            ),
            source="google",
        )
        for s in perf.suggestions
    ]


def recommend(perf: AdsPerformance) -> list[Recommendation]:
    """Every recommendation the period's rows support, biggest monthly effect first."""
    days = (perf.last_day - perf.first_day).days + 1
    scale = MONTH_DAYS / days
    account = total(perf.campaigns)
    found: Sequence[Recommendation] = [
        *pause_costly_keywords(perf, account, scale),
        *raise_best_market_budget(perf, account),
        *negatives_for_waste(perf, scale),
        *bid_down_dead_hours(perf, scale),
        *from_google(perf),
    ]
    return sorted(found, key=lambda r: -(abs(r.impact.cost_cents) + abs(r.impact.revenue_cents)))
