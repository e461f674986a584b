"""Our own booking figures for the ad reports, read from the analytics store.

Deposits are the conversion: each paid booking that came from an ad click (its gclid)
is uploaded to Google Ads as an offline click conversion worth the booking's total, so
Google's CPA and ROAS are booking figures; the per-market totals here show every
booking, ad-driven or not, beside the market's ad spend.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from shared.ads.models import ClickConversion, MarketBookings
from shared.analytics.sql import Dialect, render
from shared.analytics.store import AnalyticsStore

# Google accepts a click conversion up to 90 days after the click.
UPLOAD_WINDOW = timedelta(days=90)

# One row per booking even where BigQuery holds an event twice (Pub/Sub delivers at least
# once and a booking re-publishes its facts): the first deposit time, the hold's total.
_DEPOSITS = """
WITH deposits AS (
  SELECT booking_id, MAX(gclid) AS gclid, MAX(market) AS market,
    MIN(occurred_at) AS occurred_at, MAX(amount_cents) AS amount_cents
  FROM {events} WHERE kind = 'deposit_paid' GROUP BY booking_id
),
holds AS (
  SELECT booking_id, MAX(total_cents) AS total_cents
  FROM {events} WHERE kind = 'hold' GROUP BY booking_id
)
SELECT d.booking_id AS booking_id, d.gclid AS gclid, d.market AS market,
  {paid_at} AS paid_at, COALESCE(h.total_cents, d.amount_cents, 0) AS value_cents
FROM deposits AS d
LEFT JOIN holds AS h ON h.booking_id = d.booking_id
WHERE d.occurred_at >= {p:start} AND d.occurred_at < {p:end}
"""


def deposits_sql(dialect: Dialect) -> str:
    return render(_DEPOSITS.replace("{paid_at}", dialect.epoch_seconds("d.occurred_at")), dialect)


def _deposits(store: AnalyticsStore, start: datetime, end: datetime) -> list[dict[str, object]]:
    rows = store.query(deposits_sql(store.dialect), {"start": start, "end": end})
    return [r | {"paid_at": datetime.fromtimestamp(int(r["paid_at"]), UTC)} for r in rows]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def market_bookings(store: AnalyticsStore, first_day: date, last_day: date) -> list[MarketBookings]:
    totals: dict[str, MarketBookings] = {}
    rows = _deposits(store, _day_start(first_day), _day_start(last_day + timedelta(days=1)))
    for row in rows:
        market = str(row["market"] or "unknown")
        seen = totals.get(market) or MarketBookings(market=market, deposits=0, revenue_cents=0)
        totals[market] = MarketBookings(
            market=market,
            deposits=seen.deposits + 1,
            revenue_cents=seen.revenue_cents + int(row["value_cents"]),  # type: ignore[call-overload]
        )
    return sorted(totals.values(), key=lambda m: m.market)


def click_conversions(store: AnalyticsStore, now: datetime) -> list[ClickConversion]:
    """Paid deposits of the upload window whose booking came from an ad click."""
    return [
        ClickConversion.model_validate(row)
        for row in _deposits(store, now - UPLOAD_WINDOW, now)
        if row["gclid"]
    ]
