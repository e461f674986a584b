"""Our booking figures' SQL: the same answers on DuckDB and through the BigQuery client (its
loopback fake runs the BigQuery statement), and an older DuckDB file gains new columns."""

from __future__ import annotations

from datetime import date

import duckdb

from shared.ads import bookings
from shared.analytics.bigquery_store import BigQueryAnalytics
from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.platform import analytics as a
from tests.unit.analytics.fake_bigquery import FakeBigQuery
from tests.unit.analytics.test_bigquery import engine, fake, warehouse

__all__ = ["engine", "fake", "warehouse"]  # the BigQuery fixtures, seeded alike


def test_a_duckdb_file_from_before_a_column_gains_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute(
        "CREATE TABLE analytics_events (event_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
        " schema_version BIGINT NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (event_id))"
    )
    old.close()
    store = DuckDbAnalytics(path)
    try:
        row = a.Review(
            event_id="e1", occurred_at="2026-11-20T12:00:00Z", booking_id="b1", gclid="g1"
        )  # type: ignore[arg-type]
        assert store.insert([row]) == 1
        assert store.query("SELECT gclid, booking_id FROM analytics_events", {}) == [
            {"gclid": "g1", "booking_id": "b1"}
        ]
    finally:
        store.close()


def test_our_market_figures_agree_on_bigquery_and_duckdb(
    warehouse: BigQueryAnalytics, engine: DuckDbAnalytics, fake: FakeBigQuery
) -> None:
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    on_bigquery = bookings.market_bookings(warehouse, first, last)
    assert on_bigquery == bookings.market_bookings(engine, first, last)
    assert sum(m.deposits for m in on_bigquery) == 3  # the seed's paid deposits
    assert "UNIX_SECONDS" in fake.statements[0]
