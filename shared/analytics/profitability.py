"""Profitability per event under the business's cost model: what each completed event
earned after the chef, proteins, travel, equipment, add-ons and overhead.

An event counts in the period it was completed, with the revenue lines its booking was
quoted at (the `event_completed` row carries them). Revenue excludes tax, which is passed
on. Every cost is computed in SQL from the cost model's numbers, sent as query parameters,
and the answer names the cost model version it used.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.analytics.costs import CostModel
from shared.analytics.query import PeriodReport, ReportQuery, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore

_COSTED = """
WITH lines AS (
  SELECT
    booking_id,
    occurred_at AS completed_at,
    market,
    COALESCE(channel, 'unknown') AS channel,
    COALESCE(guests, 0) AS guests,
    COALESCE(base_cents, 0) AS base_cents,
    COALESCE(upgrades_cents, 0) AS upgrades_cents,
    COALESCE(travel_fee_cents, 0) AS travel_fee_cents,
    COALESCE(addons_cents, 0) AS addons_cents,
    COALESCE(tax_cents, 0) AS tax_cents
  FROM {unique_events}
  WHERE kind = 'event_completed'
    AND occurred_at >= {p:start} AND occurred_at < {p:end}
    AND ({p:market} = '' OR market = {p:market})
    AND ({p:channel} = '' OR channel = {p:channel})
),
costed AS (
  SELECT
    *,
    base_cents + upgrades_cents + travel_fee_cents + addons_cents AS revenue_cents,
    {p:chef_cents} AS chef_cents,
    {p:equipment_cents} AS equipment_cents,
    CAST(ROUND(upgrades_cents * {p:upgrade_cost_bps} / 10000) AS BIGINT) AS upgrade_cost_cents,
    CAST(ROUND(travel_fee_cents * {p:travel_cost_bps} / 10000) AS BIGINT) AS travel_cost_cents,
    CAST(ROUND(addons_cents * {p:addon_cost_bps} / 10000) AS BIGINT) AS addon_cost_cents
  FROM lines
),
gross AS (
  SELECT
    *,
    chef_cents + equipment_cents + upgrade_cost_cents + travel_cost_cents + addon_cost_cents
      AS direct_cost_cents,
    CAST(ROUND(revenue_cents * {p:overhead_bps} / 10000) AS BIGINT) AS overhead_cents
  FROM costed
),
profits AS (
  SELECT
    *,
    revenue_cents - direct_cost_cents AS gross_profit_cents,
    revenue_cents - direct_cost_cents - overhead_cents AS net_profit_cents,
    CASE WHEN revenue_cents = 0 OR (revenue_cents - direct_cost_cents - overhead_cents) * 10000
      < {p:low_margin_bps} * revenue_cents THEN 1 ELSE 0 END AS low_margin
  FROM gross
)
"""

_BOOKINGS = (
    _COSTED
    + """
SELECT
  booking_id,
  CAST(completed_at AS DATE) AS completed_on,
  market,
  channel,
  guests,
  base_cents,
  upgrades_cents,
  travel_fee_cents,
  addons_cents,
  tax_cents,
  revenue_cents,
  chef_cents,
  equipment_cents,
  upgrade_cost_cents,
  travel_cost_cents,
  addon_cost_cents,
  direct_cost_cents,
  gross_profit_cents,
  overhead_cents,
  net_profit_cents,
  low_margin
FROM profits
ORDER BY completed_at, booking_id
"""
)

_MONTHS = (
    _COSTED
    + """
SELECT
  EXTRACT(YEAR FROM completed_at) * 100 + EXTRACT(MONTH FROM completed_at) AS month_key,
  COUNT(*) AS events,
  SUM(revenue_cents) AS revenue_cents,
  SUM(direct_cost_cents) AS direct_cost_cents,
  SUM(gross_profit_cents) AS gross_profit_cents,
  SUM(overhead_cents) AS overhead_cents,
  SUM(net_profit_cents) AS net_profit_cents,
  SUM(low_margin) AS low_margin_events
FROM profits
GROUP BY 1
ORDER BY 1
"""
)


def _share(part: int, whole: int) -> float | None:
    """A margin as a fraction of revenue; None when there was no revenue to divide."""
    return round(part / whole, 4) if whole else None


def _with_margins(row: dict[str, Any]) -> dict[str, Any]:
    return row | {
        "gross_margin": _share(row["gross_profit_cents"], row["revenue_cents"]),
        "net_margin": _share(row["net_profit_cents"], row["revenue_cents"]),
    }


class Margins(BaseModel):
    revenue_cents: int = Field(0, description="Base, upgrades, travel fee and add-ons; no tax")
    direct_cost_cents: int = Field(0, description="Chef, equipment, proteins, travel, add-ons")
    gross_profit_cents: int = 0
    overhead_cents: int = 0
    net_profit_cents: int = 0


class BookingProfit(Margins):
    booking_id: str
    completed_on: date
    market: str
    channel: str
    guests: int
    base_cents: int
    upgrades_cents: int
    travel_fee_cents: int
    addons_cents: int
    tax_cents: int = Field(description="Collected for the state; not revenue")
    chef_cents: int
    equipment_cents: int
    upgrade_cost_cents: int
    travel_cost_cents: int
    addon_cost_cents: int
    gross_margin: float | None = Field(description="Gross profit / revenue")
    net_margin: float | None = Field(description="Net profit / revenue")


class MonthProfit(Margins):
    month: str = Field(description="YYYY-MM (UTC), or 'all' for the period's total")
    events: int = 0
    low_margin_events: int = Field(0, description="Events below the alert threshold")
    gross_margin: float | None = None
    net_margin: float | None = None


class ProfitabilityReport(PeriodReport):
    report: Literal["profitability"] = "profitability"
    cost_model_version: str = Field(description="The cost model every number was computed with")
    low_margin_below: float = Field(description="The cost model's net-margin alert threshold")
    bookings: list[BookingProfit] = Field(description="Each event completed in the period")
    months: list[MonthProfit] = Field(description="The monthly trend")
    low_margin: list[BookingProfit] = Field(description="Events whose net margin is below it")
    total: MonthProfit


def _month(row: dict[str, Any]) -> MonthProfit:
    key = int(row.pop("month_key"))
    return MonthProfit.model_validate(
        _with_margins(row | {"month": f"{key // 100}-{key % 100:02d}"})
    )


def profitability(
    store: AnalyticsStore, query: ReportQuery, costs: CostModel
) -> ProfitabilityReport:
    params = filters(query) | costs.sql_params()
    bookings: list[BookingProfit] = []
    low: list[BookingProfit] = []
    for row in store.query(render(_BOOKINGS, store.dialect), params):
        flagged = row.pop("low_margin")
        booking = BookingProfit.model_validate(_with_margins(row))
        bookings.append(booking)
        if flagged:
            low.append(booking)
    months = [_month(r) for r in store.query(render(_MONTHS, store.dialect), params)]
    summed = {
        f: sum(getattr(m, f) for m in months)
        for f in ("events", "low_margin_events", *Margins.model_fields)
    }
    total = MonthProfit.model_validate(_with_margins(summed | {"month": "all"}))
    return ProfitabilityReport(
        from_=query.first_day,
        to=query.last_day,
        cost_model_version=costs.version,
        low_margin_below=costs.low_margin_bps / 10_000,
        bookings=bookings,
        months=months,
        low_margin=low,
        total=total,
    )
