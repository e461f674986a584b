"""Analytics on DuckDB for `make bench`: every report over a million events, and ingest.

The events are generated inside DuckDB by one INSERT ... SELECT over `range(n)` (a Python
loop per row would take minutes and measure Python, not the engine): conversations of
eight events each on every channel and market, reaching each funnel stage in realistic
proportions, over the 90 days before now. Ingest is measured through the store's own
`insert` into that full table, in batches as the demo seeder writes them and one event
per call as the local sink does. Each report in `ALL_REPORTS` then runs several times over
the whole period; the median and the events it scanned per second are printed.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import get_args

from shared.ai.router.model import AGENTS
from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.query import ReportQuery
from shared.analytics.reports import ALL_REPORTS, run
from shared.analytics.sql import LOCAL_EVENTS_TABLE
from shared.analytics.staged import StagedAnalytics
from shared.analytics.store import AnalyticsStore
from shared.conversation.store import Channel
from shared.platform import analytics as a
from shared.platform.clock import SystemClock
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.pricing.price_book import default_markets

SLOTS = 8  # events per generated conversation
DAYS = 90

CHANNELS: tuple[str, ...] = get_args(Channel)
MARKETS = tuple(m.id for m in default_markets())
OCCASIONS = (*get_args(a.Occasion), None, None)  # a quarter name none


def _pick(values: tuple[str | None, ...], hashed: str) -> str:
    """SQL choosing one of `values` by a hash (NULL for None)."""
    items = ", ".join("NULL" if v is None else f"'{v}'" for v in values)
    return f"[{items}][1 + ({hashed} % {len(values)})::BIGINT]"


# Slot s of a conversation is this kind when the conversation reached stage `reach` >= s - 1
# (reach: 0 inquiry, 1 quote, 2 hold, 3 deposit, 4 completed, 5 review), else one more
# message; slot 7 is an escalation, a rating, a cancellation or a message.
_GENERATE = f"""
INSERT INTO {LOCAL_EVENTS_TABLE} (
  event_id, kind, schema_version, occurred_at, thread_id, booking_id, channel, agent, market,
  occasion, amount_cents, rating, customer_id, guests, base_cents, upgrades_cents,
  travel_fee_cents, addons_cents, tax_cents, total_cents, ai_cost_microusd, llm_used,
  knowledge_failed
)
WITH slots AS (
  SELECT r, r // {SLOTS} AS c, r % {SLOTS} AS s FROM range($events) AS t(r)
),
conversations AS (
  SELECT r, c, s,
    CASE WHEN hash(c, 'reach') % 100 < 25 THEN 0 WHEN hash(c, 'reach') % 100 < 55 THEN 1
         WHEN hash(c, 'reach') % 100 < 62 THEN 2 WHEN hash(c, 'reach') % 100 < 70 THEN 3
         WHEN hash(c, 'reach') % 100 < 92 THEN 4 ELSE 5 END AS reach,
    hash(c, 'extra') % 100 AS extra,
    $now::TIMESTAMPTZ - to_seconds((hash(c, 'start') % ({DAYS} * 86400))::BIGINT) AS first_at,
    (8 + hash(c, 'guests') % 30)::BIGINT AS guests
  FROM slots
),
events AS (
  SELECT *,
    CASE
      WHEN s = 0 THEN 'message_in'
      WHEN s = 1 THEN 'message_out'
      WHEN s BETWEEN 2 AND 6 AND reach >= s - 1
        THEN ['quote', 'hold', 'deposit_paid', 'event_completed', 'review'][s - 1]
      WHEN s = 7 AND extra < 8 THEN 'escalation'
      WHEN s = 7 AND extra < 35 THEN 'rating'
      WHEN s = 7 AND extra < 42 AND reach >= 3 THEN 'cancellation'
      WHEN s % 2 = 0 THEN 'message_in'
      ELSE 'message_out'
    END AS kind
  FROM conversations
)
SELECT
  'bench-' || r, kind, {a.SCHEMA_VERSION},
  LEAST($now::TIMESTAMPTZ, first_at + to_minutes(s * 7) + CASE
    WHEN kind IN ('event_completed', 'review') THEN to_days((3 + hash(c, 'lead') % 30)::BIGINT)
    ELSE INTERVAL 0 SECOND END),
  'th_bench_' || c,
  CASE WHEN kind IN ('hold', 'deposit_paid', 'event_completed', 'review', 'cancellation')
    THEN 'bk_bench_' || c END,
  {_pick(CHANNELS, "hash(c, 'channel')")},
  CASE WHEN kind = 'message_out' THEN {_pick(AGENTS, "hash(r)")} END,
  {_pick(MARKETS, "hash(c, 'market')")},
  {_pick(OCCASIONS, "hash(c, 'occasion')")},
  CASE WHEN kind IN ('quote', 'hold') THEN 55000 + guests * 5500
       WHEN kind = 'deposit_paid' THEN 10000 END,
  CASE WHEN kind = 'rating' THEN 1 + (hash(c, 'stars') % 5)::BIGINT END,
  'cu_bench_' || (c % GREATEST(1, $events // {SLOTS * 5 // 4})),
  CASE WHEN kind IN ('hold', 'event_completed') THEN guests END,
  CASE WHEN kind IN ('hold', 'event_completed') THEN GREATEST(55000, guests * 5500) END,
  CASE WHEN kind IN ('hold', 'event_completed') THEN (hash(c, 'up') % 4)::BIGINT * 2500 END,
  CASE WHEN kind IN ('hold', 'event_completed') THEN (hash(c, 'miles') % 3)::BIGINT * 1500 END,
  CASE WHEN kind IN ('hold', 'event_completed') THEN (hash(c, 'addon') % 2)::BIGINT * 2500 END,
  CASE WHEN kind IN ('hold', 'event_completed') THEN 0 END,
  CASE WHEN kind IN ('hold', 'event_completed') THEN GREATEST(55000, guests * 5500)
    + (hash(c, 'up') % 4)::BIGINT * 2500 + (hash(c, 'miles') % 3)::BIGINT * 1500
    + (hash(c, 'addon') % 2)::BIGINT * 2500 END,
  CASE WHEN kind = 'message_out' THEN (hash(r, 'cost') % 4000)::BIGINT END,
  CASE WHEN kind = 'message_out' THEN hash(r, 'llm') % 4 = 0 END,
  CASE WHEN kind = 'message_out' THEN hash(r, 'kb') % 25 = 0 END
FROM events
"""


def generate(store: DuckDbAnalytics, events: int, now: datetime) -> float:
    """Fill the store with `events` rows; returns the seconds it took."""
    start = time.perf_counter()
    store.query(_GENERATE, {"events": events, "now": now.isoformat()})
    return time.perf_counter() - start


def _rows(count: int, now: datetime, tag: str) -> list[a.AnalyticsRow]:
    """Messages of fresh conversations, as the sink receives them (built before timing)."""
    return [
        a.MessageIn(
            event_id=a.event_id("message_in", f"{tag}-{i}"),
            occurred_at=now - timedelta(seconds=i),
            thread_id=f"th_ingest_{i // 4}",
            channel="sms",
            market="la",
        )
        for i in range(count)
    ]


def ingest_rate(store: AnalyticsStore, rows: list[a.AnalyticsRow], batch: int) -> float:
    """Events per second through `insert`, `batch` rows per call."""
    start = time.perf_counter()
    stored = sum(store.insert(rows[i : i + batch]) for i in range(0, len(rows), batch))
    elapsed = time.perf_counter() - start
    if stored != len(rows):  # every id was new: a skipped row would flatter the rate
        raise RuntimeError(f"stored {stored} of {len(rows)} new events")
    return len(rows) / elapsed


def bench_analytics(
    events: int = 1_000_000,
    repeats: int = 5,
    batch: int = 500,
    batched_events: int = 20_000,
    single_events: int = 300,
) -> None:
    """Print generation and ingest rates, then each report's median time and rows/s."""
    now = datetime.now(UTC)
    query = {"from": (now - timedelta(days=DAYS)).date(), "to": now.date()}
    with tempfile.TemporaryDirectory() as tmp:
        store = DuckDbAnalytics(Path(tmp) / "bench.duckdb")
        try:
            took = generate(store, events, now)
            print(
                f"analytics: {events:,} events generated in {took:.2f} s "
                f"({events / took:,.0f} events/s, one INSERT ... SELECT in DuckDB)"
            )
            batched = ingest_rate(store, _rows(batched_events, now, "batch"), batch)
            single = ingest_rate(store, _rows(single_events, now, "single"), 1)
            docs = SqliteDocumentStore(Path(tmp) / "staging.db")
            sink = StagedAnalytics(docs, store, SystemClock())
            staged = ingest_rate(sink, _rows(single_events, now, "staged"), 1)
            sink.query("SELECT 1", {})  # the last batch into the table before the reports
            docs.close()
            print(
                f"analytics ingest: {batched:,.0f} events/s in batches of {batch} "
                f"({batched_events:,} events), {single:,.0f} events/s one per call "
                f"({single_events:,} events), {staged:,.0f} events/s one per call through "
                "the local sink's staging"
            )
            scanned = events + batched_events + 2 * single_events
            for name in ALL_REPORTS:
                asked = ReportQuery.model_validate({"report": name} | query)
                times = []
                for _ in range(repeats):
                    start = time.perf_counter()
                    run(store, asked)
                    times.append(time.perf_counter() - start)
                median = statistics.median(times)
                print(
                    f"analytics report {name}: median {median * 1000:,.1f} ms of {repeats} "
                    f"runs, {scanned / median:,.0f} rows/s ({scanned:,} events)"
                )
        finally:
            store.close()


if __name__ == "__main__":
    bench_analytics()
