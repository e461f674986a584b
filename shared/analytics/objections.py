"""Objections: what customers pushed back on (the tagger's `objection` events, one per
message and type), the reply they got, whether the conversation went on to book (a hold
after the objection) and how long that took. The period is the day the customer said it;
all counting is SQL."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.analytics.query import NARROWED, PeriodReport, ReportQuery, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore

RECENT = 50

_RAISED = f"""
WITH raised AS (
  SELECT
    e.event_id,
    MIN(e.thread_id) AS thread_id,
    MIN(e.occurred_at) AS said_at,
    MIN(e.tag) AS objection,
    MIN(e.evidence) AS evidence,
    MIN(e.answer) AS answer
  FROM {{events}} AS e
  WHERE e.kind = 'objection' AND e.occurred_at >= {{p:start}} AND e.occurred_at < {{p:end}}
    AND {NARROWED}
  GROUP BY e.event_id
),
booked AS (
  SELECT r.event_id, MIN(h.occurred_at) AS booked_at
  FROM raised AS r
  JOIN {{events}} AS h
    ON h.kind = 'hold' AND h.thread_id = r.thread_id AND h.occurred_at >= r.said_at
  GROUP BY r.event_id
),
objections AS (
  SELECT r.*, b.booked_at, {{epoch:b.booked_at}} - {{epoch:r.said_at}} AS resolution_seconds
  FROM raised AS r LEFT JOIN booked AS b ON b.event_id = r.event_id
)
"""

_BY_TYPE = (
    _RAISED
    + """
SELECT
  objection,
  COUNT(*) AS raised,
  COUNT(DISTINCT thread_id) AS conversations,
  COUNT(booked_at) AS booked,
  CAST(ROUND(AVG(resolution_seconds)) AS BIGINT) AS resolution_seconds
FROM objections
GROUP BY objection
ORDER BY raised DESC, objection
"""
)

_RECENT = (
    _RAISED
    + f"""
SELECT
  thread_id,
  objection,
  evidence,
  answer,
  CASE WHEN booked_at IS NULL THEN 0 ELSE 1 END AS booked,
  resolution_seconds
FROM objections
ORDER BY said_at DESC, event_id
LIMIT {RECENT}
"""
)


class ObjectionRow(BaseModel):
    objection: str
    raised: int = Field(description="Customer messages that raised it")
    conversations: int
    booked: int = Field(description="Of those messages, how many were followed by a booking")
    booked_share: float = 0.0
    resolution_seconds: int | None = Field(
        description="Mean time from the objection to the booking, of those that booked"
    )


class ObjectionExample(BaseModel):
    thread_id: str
    objection: str
    evidence: str = Field(description="What the customer said (scrubbed)")
    answer: str | None = Field(description="The reply it got (scrubbed)")
    booked: bool
    resolution_seconds: int | None


class ObjectionsReport(PeriodReport):
    report: Literal["objections"] = "objections"
    raised: int
    booked: int
    types: list[ObjectionRow] = Field(description="Most raised first")
    recent: list[ObjectionExample] = Field(description=f"The latest {RECENT}")


def objections(store: AnalyticsStore, query: ReportQuery) -> ObjectionsReport:
    params = filters(query)
    types = [
        ObjectionRow.model_validate(r) for r in store.query(render(_BY_TYPE, store.dialect), params)
    ]
    for row in types:
        row.booked_share = round(row.booked / row.raised, 4)
    recent = store.query(render(_RECENT, store.dialect), params)
    return ObjectionsReport(
        from_=query.first_day,
        to=query.last_day,
        raised=sum(r.raised for r in types),
        booked=sum(r.booked for r in types),
        types=types,
        recent=[ObjectionExample.model_validate(r) for r in recent],
    )
