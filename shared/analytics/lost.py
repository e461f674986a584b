"""Lost bookings: conversations that quoted and did not book within `loss_after_days`,
why (the tagger's `loss` events), and what came after: recovery attempts (our messages out
after the loss) and recoveries (a hold after it). The period is the day the loss was
decided; all counting is SQL.

A conversation is one loss even when the warehouse holds its event twice, or once from
the rules and once from an LLM (the LLM's reading is kept).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.analytics.query import NARROWED, PeriodReport, ReportQuery, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore

RECENT = 50

_LOST = f"""
WITH read_by AS (
  SELECT e.thread_id, MIN(e.tagger) AS tagger
  FROM {{events}} AS e
  WHERE e.kind = 'loss' AND e.occurred_at >= {{p:start}} AND e.occurred_at < {{p:end}}
    AND {NARROWED}
  GROUP BY e.thread_id
),
lost AS (
  SELECT
    e.thread_id,
    MIN(e.occurred_at) AS lost_at,
    MIN(e.tag) AS reason,
    MIN(e.evidence) AS evidence,
    MIN(e.sentiment) AS sentiment,
    MIN(e.amount_cents) AS quoted_cents
  FROM {{events}} AS e
  JOIN read_by AS r ON r.thread_id = e.thread_id AND r.tagger = e.tagger
  WHERE e.kind = 'loss'
  GROUP BY e.thread_id
),
followed AS (
  SELECT
    l.thread_id,
    COUNT(DISTINCT CASE WHEN e.kind = 'message_out' THEN e.event_id END) AS recovery_attempts,
    MAX(CASE WHEN e.kind = 'hold' THEN 1 ELSE 0 END) AS recovered
  FROM lost AS l
  LEFT JOIN {{events}} AS e
    ON e.thread_id = l.thread_id AND e.occurred_at > l.lost_at
    AND e.kind IN ('message_out', 'hold')
  GROUP BY l.thread_id
),
losses AS (
  SELECT l.*, f.recovery_attempts, f.recovered
  FROM lost AS l JOIN followed AS f ON f.thread_id = l.thread_id
)
"""

_BY_REASON = (
    _LOST
    + """
SELECT
  reason,
  COUNT(*) AS conversations,
  COALESCE(SUM(quoted_cents), 0) AS quoted_cents,
  ROUND(AVG(sentiment), 2) AS sentiment,
  SUM(recovery_attempts) AS recovery_attempts,
  SUM(recovered) AS recovered
FROM losses
GROUP BY reason
ORDER BY conversations DESC, reason
"""
)

_RECENT = (
    _LOST
    + f"""
SELECT thread_id, reason, evidence, sentiment, quoted_cents, recovery_attempts, recovered
FROM losses
ORDER BY lost_at DESC, thread_id
LIMIT {RECENT}
"""
)


class LossReasonRow(BaseModel):
    reason: str
    conversations: int
    share: float = Field(default=0.0, description="Of all losses in the period")
    quoted_cents: int = Field(description="What the lost conversations were quoted")
    sentiment: float = Field(description="The customers' mean sentiment, -1 to 1")
    recovery_attempts: int = Field(description="Our messages out after the loss")
    recovered: int = Field(description="Conversations that booked after the loss")


class LostConversation(BaseModel):
    thread_id: str
    reason: str
    evidence: str | None = Field(description="The customer's words that show it (scrubbed)")
    sentiment: float
    quoted_cents: int | None
    recovery_attempts: int
    recovered: bool


class LostReport(PeriodReport):
    report: Literal["lost"] = "lost"
    lost: int
    quoted_cents: int
    recovery_attempts: int
    recovered: int
    reasons: list[LossReasonRow] = Field(description="Most frequent first")
    conversations: list[LostConversation] = Field(description=f"The latest {RECENT}")


def lost(store: AnalyticsStore, query: ReportQuery) -> LostReport:
    params = filters(query)
    reasons = [
        LossReasonRow.model_validate(r)
        for r in store.query(render(_BY_REASON, store.dialect), params)
    ]
    total = sum(r.conversations for r in reasons)
    for row in reasons:
        row.share = round(row.conversations / total, 4)
    recent = store.query(render(_RECENT, store.dialect), params)
    return LostReport(
        from_=query.first_day,
        to=query.last_day,
        lost=total,
        quoted_cents=sum(r.quoted_cents for r in reasons),
        recovery_attempts=sum(r.recovery_attempts for r in reasons),
        recovered=sum(r.recovered for r in reasons),
        reasons=reasons,
        conversations=[LostConversation.model_validate(r) for r in recent],
    )
