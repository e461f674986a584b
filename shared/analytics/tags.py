"""Conversation tags: how many conversations carry each tag of the six families, as of
their latest reading by the end of the period, for conversations read during it.

A conversation is re-tagged when it changes (a new message, becoming lost), so only its
latest `conversation_tag` events count; when the rules and an LLM both read that same
state (an LLM was down one night), the LLM's tags are kept. All counting is SQL.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.analytics.query import NARROWED, PeriodReport, ReportQuery, filters
from shared.analytics.sql import render
from shared.analytics.store import AnalyticsStore

_TAGS = f"""
WITH tagged AS (
  SELECT e.thread_id, e.occurred_at, e.tagger, e.tag_family, e.tag, e.confidence
  FROM {{events}} AS e
  WHERE e.kind = 'conversation_tag' AND e.occurred_at < {{p:end}} AND {NARROWED}
),
latest AS (
  SELECT thread_id, MAX(occurred_at) AS read_at FROM tagged GROUP BY thread_id
),
chosen AS (
  SELECT t.thread_id, l.read_at, MIN(t.tagger) AS tagger
  FROM tagged AS t
  JOIN latest AS l ON l.thread_id = t.thread_id AND l.read_at = t.occurred_at
  WHERE l.read_at >= {{p:start}}
  GROUP BY t.thread_id, l.read_at
),
current_tags AS (
  SELECT DISTINCT t.thread_id, t.tag_family, t.tag, t.confidence
  FROM tagged AS t
  JOIN chosen AS c
    ON c.thread_id = t.thread_id AND c.read_at = t.occurred_at AND c.tagger = t.tagger
)
SELECT
  tag_family AS family,
  tag,
  COUNT(DISTINCT thread_id) AS conversations,
  ROUND(AVG(confidence), 2) AS confidence
FROM current_tags
GROUP BY tag_family, tag
ORDER BY family, conversations DESC, tag
"""


class TagRow(BaseModel):
    family: str
    tag: str
    conversations: int
    share: float = Field(default=0.0, description="Of the conversations tagged in the period")
    confidence: float = Field(description="The tagger's mean confidence, 0 to 1")


class TagsReport(PeriodReport):
    report: Literal["tags"] = "tags"
    conversations: int = Field(description="Conversations tagged (each has one outcome)")
    tags: list[TagRow] = Field(description="By family, most frequent first")


def tags(store: AnalyticsStore, query: ReportQuery) -> TagsReport:
    rows = [
        TagRow.model_validate(r) for r in store.query(render(_TAGS, store.dialect), filters(query))
    ]
    total = sum(r.conversations for r in rows if r.family == "outcome")
    for row in rows:
        row.share = round(row.conversations / total, 4) if total else 0.0
    return TagsReport(from_=query.first_day, to=query.last_day, conversations=total, tags=rows)
