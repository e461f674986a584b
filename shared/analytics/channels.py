"""Channel performance: how each channel's conversations go, what they earn and cost.

Subjects are the funnel's (a conversation, or a booking made without one) and count in the
period their first event falls in, under the channel they started on. SQL returns sums and
counts per channel; this layer only divides them, so averages and shares are exact and
nothing but one row per channel leaves the engine.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.analytics.query import PeriodReport, ReportQuery, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore

_SQL = """
WITH subject_events AS (
  SELECT
    COALESCE(thread_id, booking_id) AS subject,
    kind, occurred_at, channel, market, booking_id, total_cents, amount_cents, rating,
    ai_cost_microusd, llm_used
  FROM {unique_events}
  WHERE COALESCE(thread_id, booking_id) IS NOT NULL
),
firsts AS (
  SELECT
    subject,
    MIN(occurred_at) AS first_at,
    MIN(CASE WHEN kind = 'message_in' THEN occurred_at END) AS first_in
  FROM subject_events
  GROUP BY subject
),
paid AS (
  SELECT DISTINCT booking_id FROM {unique_events} WHERE kind = 'deposit_paid'
),
subjects AS (
  SELECT
    e.subject,
    f.first_at,
    f.first_in,
    MIN(CASE WHEN e.occurred_at = f.first_at THEN e.channel END) AS channel,
    MAX(e.market) AS market,
    MIN(CASE WHEN e.kind = 'message_out' AND e.occurred_at >= f.first_in
      THEN e.occurred_at END) AS first_out,
    SUM(CASE WHEN e.kind IN ('message_in', 'message_out') THEN 1 ELSE 0 END) AS messages,
    MAX(CASE WHEN e.kind = 'deposit_paid' THEN 1 ELSE 0 END) AS converted,
    SUM(CASE WHEN e.kind = 'hold' AND p.booking_id IS NOT NULL
      THEN COALESCE(e.total_cents, e.amount_cents, 0) ELSE 0 END) AS revenue_cents,
    MAX(CASE WHEN e.kind = 'escalation' THEN 1 ELSE 0 END) AS escalated,
    SUM(CASE WHEN e.kind = 'rating' THEN 1 ELSE 0 END) AS ratings,
    SUM(CASE WHEN e.kind = 'rating' THEN COALESCE(e.rating, 0) ELSE 0 END) AS helpful,
    SUM(CASE WHEN e.kind = 'message_out' THEN 1 ELSE 0 END) AS replies,
    SUM(CASE WHEN e.kind = 'message_out' AND NOT COALESCE(e.llm_used, FALSE)
      THEN 1 ELSE 0 END) AS llm_free_replies,
    SUM(CASE WHEN e.kind = 'message_out'
      THEN COALESCE(e.ai_cost_microusd, 0) ELSE 0 END) AS ai_cost_microusd
  FROM subject_events AS e
  JOIN firsts AS f ON f.subject = e.subject
  LEFT JOIN paid AS p ON p.booking_id = e.booking_id
  GROUP BY e.subject, f.first_at, f.first_in
)
SELECT
  COALESCE(channel, 'unknown') AS channel,
  COUNT(*) AS conversations,
  SUM(CASE WHEN first_out IS NULL THEN 0 ELSE 1 END) AS responded,
  SUM(CASE WHEN first_out IS NULL THEN 0
    ELSE {epoch:first_out} - {epoch:first_in} END) AS response_seconds,
  SUM(messages) AS messages,
  SUM(converted) AS converted,
  SUM(revenue_cents) AS revenue_cents,
  SUM(escalated) AS escalated,
  SUM(ratings) AS ratings,
  SUM(helpful) AS helpful,
  SUM(replies) AS replies,
  SUM(llm_free_replies) AS llm_free_replies,
  SUM(ai_cost_microusd) AS ai_cost_microusd
FROM subjects
WHERE first_at >= {p:start} AND first_at < {p:end}
  AND ({p:market} = '' OR market = {p:market})
  AND ({p:channel} = '' OR channel = {p:channel})
GROUP BY 1
ORDER BY 1
"""

_COUNTS = (
    "conversations",
    "responded",
    "response_seconds",
    "messages",
    "converted",
    "revenue_cents",
    "escalated",
    "ratings",
    "helpful",
    "replies",
    "llm_free_replies",
    "ai_cost_microusd",
)


def _ratio(part: int, whole: int, digits: int = 4) -> float | None:
    return round(part / whole, digits) if whole else None


class ChannelRow(BaseModel):
    channel: str
    conversations: int = Field(0, description="Conversations (or form bookings) started")
    first_response_seconds: float | None = Field(
        None, description="Mean time from the customer's first message to the first reply"
    )
    messages_per_conversation: float | None = Field(None, description="Both directions")
    conversion: float | None = Field(None, description="Share that led to a paid deposit")
    revenue_cents: int = Field(0, description="Totals of the deposit-paid bookings they made")
    escalation_rate: float | None = Field(None, description="Share handed to a human")
    ratings: int = Field(0, description="Replies the customer rated")
    rating: float | None = Field(None, description="Share of rated replies marked helpful")
    ai_cost_microusd: int = Field(0, description="Model calls, millionths of a dollar")
    replies: int = 0
    llm_free_share: float | None = Field(
        None, description="Share of replies the offline tier or the cache wrote, at no model cost"
    )


def _row(channel: str, sums: dict[str, int]) -> ChannelRow:
    conversations = sums["conversations"]
    return ChannelRow(
        channel=channel,
        conversations=conversations,
        first_response_seconds=_ratio(sums["response_seconds"], sums["responded"], 1),
        messages_per_conversation=_ratio(sums["messages"], conversations, 2),
        conversion=_ratio(sums["converted"], conversations),
        revenue_cents=sums["revenue_cents"],
        escalation_rate=_ratio(sums["escalated"], conversations),
        ratings=sums["ratings"],
        rating=_ratio(sums["helpful"], sums["ratings"]),
        ai_cost_microusd=sums["ai_cost_microusd"],
        replies=sums["replies"],
        llm_free_share=_ratio(sums["llm_free_replies"], sums["replies"]),
    )


class ChannelsReport(PeriodReport):
    report: Literal["channels"] = "channels"
    channels: list[ChannelRow]
    total: ChannelRow


def channels(store: AnalyticsStore, query: ReportQuery) -> ChannelsReport:
    found: list[dict[str, Any]] = store.query(render(_SQL, store.dialect), filters(query))
    sums = [{k: int(r[k] or 0) for k in _COUNTS} for r in found]
    total = {k: sum(s[k] for s in sums) for k in _COUNTS}
    return ChannelsReport(
        from_=query.first_day,
        to=query.last_day,
        channels=[_row(r["channel"], s) for r, s in zip(found, sums, strict=True)],
        total=_row("all", total),
    )
