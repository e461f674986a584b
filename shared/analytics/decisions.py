"""The decision dashboard: build what the data justifies, and say which data.

Each rule is a share of the period's inquiries (conversations started in it) and the
threshold above which the feature it names is worth building. Below `MIN_INQUIRIES` the
shares are too noisy to act on, so the answer says how many more inquiries are needed
instead. A follow-up is the customer writing again in an existing thread after
`FOLLOW_UP_GAP` of silence; phone means the voice channel; a knowledge error is a reply
that met a question the knowledge base could not answer; a multi-channel customer wrote
on two or more channels in the period. SQL returns the five counts; the rules live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from pydantic import BaseModel, Field

from shared.analytics.query import PeriodReport, ReportQuery, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore, Param

MIN_INQUIRIES = 50
FOLLOW_UP_GAP = timedelta(hours=24)
PHONE_CHANNEL = "voice"

_SQL = """
WITH messages AS (
  SELECT
    thread_id, kind, occurred_at, channel, customer_id, knowledge_failed,
    LAG(occurred_at) OVER (PARTITION BY thread_id ORDER BY occurred_at) AS previous_at
  FROM {events}
  WHERE thread_id IS NOT NULL AND kind IN ('message_in', 'message_out')
),
markets AS (
  SELECT thread_id, MAX(market) AS market
  FROM {events}
  WHERE thread_id IS NOT NULL
  GROUP BY thread_id
),
threads AS (
  SELECT
    thread_id,
    MIN(occurred_at) AS first_at,
    MIN(channel) AS channel,
    MAX(customer_id) AS customer_id,
    MAX(CASE WHEN kind = 'message_in' AND previous_at IS NOT NULL
      AND {epoch:occurred_at} - {epoch:previous_at} >= {p:follow_up_gap_seconds}
      THEN 1 ELSE 0 END) AS followed_up,
    MAX(CASE WHEN COALESCE(knowledge_failed, FALSE) THEN 1 ELSE 0 END) AS knowledge_failed
  FROM messages
  GROUP BY thread_id
),
inquiries AS (
  SELECT t.*
  FROM threads AS t
  LEFT JOIN markets AS m ON m.thread_id = t.thread_id
  WHERE t.first_at >= {p:start} AND t.first_at < {p:end}
    AND ({p:market} = '' OR m.market = {p:market})
    AND ({p:channel} = '' OR t.channel = {p:channel})
),
customers AS (
  SELECT customer_id, COUNT(DISTINCT channel) AS channels
  FROM inquiries
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
)
SELECT
  (SELECT COUNT(*) FROM inquiries) AS inquiries,
  (SELECT COUNT(*) FROM inquiries WHERE channel = {p:phone_channel}) AS phone,
  (SELECT COUNT(*) FROM inquiries WHERE followed_up = 1) AS follow_up,
  (SELECT COUNT(*) FROM inquiries WHERE knowledge_failed = 1) AS knowledge_error,
  (SELECT COUNT(*) FROM customers WHERE channels >= 2) AS multi_channel,
  (SELECT COUNT(*) FROM customers) AS customers
"""

Measure = Literal["phone", "follow_up", "knowledge_error", "multi_channel"]


@dataclass(frozen=True)
class Rule:
    measure: Measure
    share_of: Literal["inquiries", "customers"]
    what: str  # what the share counts, in words
    build: str
    threshold_bps: int  # worth building when the share is strictly above this


RULES: tuple[Rule, ...] = (
    Rule("phone", "inquiries", "inquiries that came by phone", "the voice agent", 3_000),
    Rule(
        "follow_up",
        "inquiries",
        f"inquiries the customer came back to after {FOLLOW_UP_GAP.total_seconds() / 3600:g} h",
        "conversation threading",
        5_000,
    ),
    Rule(
        "knowledge_error",
        "inquiries",
        "inquiries with a question the knowledge base could not answer",
        "retrieval (RAG) over the knowledge base",
        3_000,
    ),
    Rule(
        "multi_channel",
        "customers",
        "customers who wrote on more than one channel",
        "cross-channel customer identity",
        3_000,
    ),
)


class Decision(BaseModel):
    measure: Measure
    build: str = Field(description="The feature this number decides")
    count: int
    out_of: int = Field(description="The inquiries (or customers) the share is of")
    share: float | None = Field(description="count / out_of; None when there is nothing to count")
    threshold: float = Field(description="Worth building above this share")
    recommended: bool
    recommendation: str


class DecisionsReport(PeriodReport):
    report: Literal["decisions"] = "decisions"
    inquiries: int
    min_inquiries: int = MIN_INQUIRIES
    inquiries_needed: int = Field(description="How many more before the shares are judged")
    summary: str
    decisions: list[Decision] = Field(description="Empty until there are enough inquiries")


def _percent(bps_or_share: float) -> str:
    return f"{bps_or_share * 100:.1f}%"


def decide(rule: Rule, count: int, out_of: int) -> Decision:
    """One rule on its counts; integer comparison, so the threshold's edge is exact."""
    recommended = count * 10_000 > rule.threshold_bps * out_of
    threshold = rule.threshold_bps / 10_000
    share = count / out_of if out_of else None
    numbers = f"{count} of {out_of} {rule.what} ({_percent(share or 0)})"
    if recommended:
        text = f"Build {rule.build}: {numbers}, above {_percent(threshold)}."
    else:
        text = f"Not yet {rule.build}: {numbers}, not above {_percent(threshold)}."
    return Decision(
        measure=rule.measure,
        build=rule.build,
        count=count,
        out_of=out_of,
        share=None if share is None else round(share, 4),
        threshold=threshold,
        recommended=recommended,
        recommendation=text,
    )


def decisions(store: AnalyticsStore, query: ReportQuery) -> DecisionsReport:
    params: dict[str, Param] = {
        **filters(query),
        "follow_up_gap_seconds": int(FOLLOW_UP_GAP.total_seconds()),
        "phone_channel": PHONE_CHANNEL,
    }
    [row] = store.query(render(_SQL, store.dialect), params)
    counts = {k: int(v or 0) for k, v in row.items()}
    inquiries = counts["inquiries"]
    needed = max(0, MIN_INQUIRIES - inquiries)
    if needed:
        summary = (
            f"{inquiries} inquiries recorded; {needed} more needed before these numbers "
            f"decide anything (at least {MIN_INQUIRIES})."
        )
        found: list[Decision] = []
    else:
        found = [decide(r, counts[r.measure], counts[r.share_of]) for r in RULES]
        chosen = [d.build for d in found if d.recommended]
        summary = f"{inquiries} inquiries: " + (
            f"build {', '.join(chosen)}." if chosen else "nothing is worth building yet."
        )
    return DecisionsReport(
        from_=query.first_day,
        to=query.last_day,
        inquiries=inquiries,
        inquiries_needed=needed,
        summary=summary,
        decisions=found,
    )
