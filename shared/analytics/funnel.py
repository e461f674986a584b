"""The funnel: inquiry -> quote -> hold -> deposit -> event completed -> review.

A subject is a conversation (or a booking made without one); its cohort is the period its
first event falls in, and a stage counts the subjects that ever reached it. Segments are
the subject's channel (where it started), market or occasion. All counting is SQL.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from shared.analytics.query import PeriodReport, ReportQuery, Segment, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore

STAGES = ("quote", "hold", "deposit_paid", "event_completed", "review")

# The segment columns are a closed set, so they are named in SQL, never passed as input.
_SEGMENT_SQL: dict[Segment, str] = {
    "channel": "first_channel",
    "market": "market",
    "occasion": "occasion",
}

_TEMPLATE = """
WITH subject_events AS (
  SELECT COALESCE(thread_id, booking_id) AS subject, kind, occurred_at, channel, market, occasion
  FROM {events}
  WHERE COALESCE(thread_id, booking_id) IS NOT NULL
),
firsts AS (
  SELECT subject, MIN(occurred_at) AS first_at FROM subject_events GROUP BY subject
),
subjects AS (
  SELECT
    e.subject,
    f.first_at,
    MIN(CASE WHEN e.occurred_at = f.first_at THEN e.channel END) AS first_channel,
    MAX(e.market) AS market,
    MAX(e.occasion) AS occasion,
{stage_flags}
  FROM subject_events AS e
  JOIN firsts AS f ON f.subject = e.subject
  GROUP BY e.subject, f.first_at
)
SELECT
  COALESCE({segment}, 'unknown') AS segment,
  COUNT(*) AS inquiry,
{stage_sums}
FROM subjects
WHERE first_at >= {p:start} AND first_at < {p:end}
  AND ({p:market} = '' OR market = {p:market})
  AND ({p:channel} = '' OR first_channel = {p:channel})
GROUP BY 1
ORDER BY 1
"""


def _sql(by: Segment) -> str:
    flags = ",\n".join(
        f"    MAX(CASE WHEN e.kind = '{s}' THEN 1 ELSE 0 END) AS reached_{s}" for s in STAGES
    )
    sums = ",\n".join(f"  SUM(reached_{s}) AS {s}" for s in STAGES)
    return (
        _TEMPLATE.replace("{stage_flags}", flags)
        .replace("{stage_sums}", sums)
        .replace("{segment}", _SEGMENT_SQL[by])
    )


class FunnelRow(BaseModel):
    segment: str
    inquiry: int = 0
    quote: int = 0
    hold: int = 0
    deposit_paid: int = 0
    event_completed: int = 0
    review: int = 0


class FunnelReport(PeriodReport):
    report: Literal["funnel"] = "funnel"
    by: Segment
    segments: list[FunnelRow]
    total: FunnelRow


def sql_for(store: AnalyticsStore, by: Segment) -> str:
    return render(_sql(by), store.dialect)


def funnel(store: AnalyticsStore, query: ReportQuery) -> FunnelReport:
    rows = [
        FunnelRow.model_validate(r) for r in store.query(sql_for(store, query.by), filters(query))
    ]
    total = FunnelRow(
        segment="all",
        **{f: sum(getattr(r, f) for r in rows) for f in ("inquiry", *STAGES)},
    )
    return FunnelReport(
        from_=query.first_day, to=query.last_day, by=query.by, segments=rows, total=total
    )
