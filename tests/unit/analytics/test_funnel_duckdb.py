"""Contract: the funnel's SQL on the embedded DuckDB engine gives exact counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.funnel import FunnelRow, funnel
from shared.analytics.query import ReportQuery
from shared.platform import analytics as a
from tests.unit.analytics import seed

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DuckDbAnalytics]:
    db = DuckDbAnalytics(tmp_path / "analytics.duckdb")
    db.insert(seed.events())
    yield db
    db.close()


def _by(store: DuckDbAnalytics, by: str, **period: str) -> dict[str, tuple[int, ...]]:
    report = funnel(store, ReportQuery.model_validate((period or NOVEMBER) | {"by": by}))
    return {
        r.segment: (r.inquiry, r.quote, r.hold, r.deposit_paid, r.event_completed, r.review)
        for r in report.segments
    }


def test_the_same_fact_twice_is_one_row(tmp_path: Path) -> None:
    db = DuckDbAnalytics(tmp_path / "a.duckdb")
    rows = seed.events()
    unique = len({r.event_id for r in rows})
    assert unique < len(rows)  # the seed does repeat facts
    assert db.insert(rows) == unique
    assert db.insert(rows[:5]) == 0
    [count] = db.query("SELECT COUNT(*) AS n FROM analytics_events", {})
    assert count["n"] == unique


def test_a_batch_with_known_ids_stores_only_the_new_ones_first_seen_first(tmp_path: Path) -> None:
    db = DuckDbAnalytics(tmp_path / "a.duckdb")
    at = datetime(2026, 11, 3, 17, 4, 5, 123456, tzinfo=UTC)
    known = a.Escalation(event_id="known", occurred_at=at, thread_id="t1")
    assert db.insert([known]) == 1
    later = at + timedelta(hours=1)
    batch = [
        known.model_copy(update={"thread_id": "t2"}),
        a.Escalation(event_id="new", occurred_at=at, thread_id="t1"),
        a.Escalation(event_id="new", occurred_at=later, thread_id="t3"),
    ]
    assert db.insert(batch) == 1
    stored = db.query(
        "SELECT event_id, thread_id, CAST(epoch_us(occurred_at) AS BIGINT) AS us "
        "FROM analytics_events ORDER BY event_id",
        {},
    )
    exact = int(at.timestamp()) * 1_000_000 + at.microsecond
    assert stored == [
        {"event_id": "known", "thread_id": "t1", "us": exact},
        {"event_id": "new", "thread_id": "t1", "us": exact},
    ]


def test_by_channel(store: DuckDbAnalytics) -> None:
    assert _by(store, "channel") == {
        "sms": (2, 1, 1, 1, 0, 0),
        "unknown": (1, 0, 1, 1, 0, 0),  # the web-form booking: no conversation
        "web": (2, 2, 1, 1, 1, 0),
    }


def test_by_occasion(store: DuckDbAnalytics) -> None:
    assert _by(store, "occasion") == {
        "birthday": (2, 2, 2, 2, 1, 0),
        "corporate": (1, 1, 0, 0, 0, 0),
        "unknown": (2, 0, 1, 1, 0, 0),
    }


def test_by_market(store: DuckDbAnalytics) -> None:
    assert _by(store, "market") == {
        "la": (2, 2, 1, 1, 1, 0),
        "sd": (2, 1, 2, 2, 0, 0),
        "unknown": (1, 0, 0, 0, 0, 0),
    }


def test_the_period_is_inclusive_of_both_days_and_keys_on_the_first_event(
    store: DuckDbAnalytics,
) -> None:
    # th-sms-2 first wrote on Nov 23; th-old started in October, so its later stages
    # never count for November.
    assert _by(store, "channel", **{"from": "2026-11-01", "to": "2026-11-23"})["sms"][0] == 2
    assert _by(store, "channel", **{"from": "2026-11-01", "to": "2026-11-22"})["sms"][0] == 1
    assert _by(store, "channel", **{"from": "2026-10-01", "to": "2026-10-31"}) == {
        "web": (1, 1, 1, 0, 0, 0)
    }


def test_totals_add_up_and_an_empty_period_is_zeros(store: DuckDbAnalytics) -> None:
    report = funnel(store, ReportQuery.model_validate(NOVEMBER))
    assert report.total == FunnelRow(
        segment="all", inquiry=5, quote=3, hold=3, deposit_paid=3, event_completed=1
    )
    empty = funnel(store, ReportQuery.model_validate({"from": "2025-01-01", "to": "2025-01-31"}))
    assert empty.segments == [] and empty.total == FunnelRow(segment="all")


def test_market_and_channel_narrow_every_segment(store: DuckDbAnalytics) -> None:
    def totals(**only: str) -> tuple[int, int]:
        report = funnel(store, ReportQuery.model_validate(NOVEMBER | only))
        return report.total.inquiry, report.total.hold

    assert totals(market="sd") == (2, 2)
    assert totals(channel="sms") == (2, 1)
    assert totals(market="sd", channel="sms") == (1, 1)
    assert totals(market="la", channel="sms") == (0, 0)


def test_a_named_period_ends_today_and_defaults_to_30_days() -> None:
    now = {"now": seed.NOV}
    week = ReportQuery.model_validate({"period": "7d"}, context=now)
    assert (week.first_day.isoformat(), week.last_day.isoformat()) == ("2026-10-28", "2026-11-03")
    default = ReportQuery.model_validate({}, context=now)
    assert (default.last_day - default.first_day).days == 29
    with pytest.raises(ValueError, match="together"):
        ReportQuery.model_validate({"from": "2026-11-01"})


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before"):
        ReportQuery.model_validate({"from": "2026-11-02", "to": "2026-11-01"})


def test_every_kind_fits_the_table(tmp_path: Path) -> None:
    db = DuckDbAnalytics(tmp_path / "k.duckdb")
    at = seed.NOV
    rows: list[a.AnalyticsRow] = [
        a.Cancellation(event_id="c", occurred_at=at, booking_id="b", market="la"),
        a.Refund(event_id="r", occurred_at=at, booking_id="b", amount_cents=5000),
        a.Review(event_id="v", occurred_at=at, booking_id="b", rating=5),
        a.Escalation(event_id="e", occurred_at=at, thread_id="t"),
        a.Rating(event_id="g", occurred_at=at, thread_id="t", rating=1),
    ]
    assert db.insert(rows) == len(rows)
    stored = db.query("SELECT kind, amount_cents, rating FROM analytics_events ORDER BY kind", {})
    assert [(r["kind"], r["amount_cents"], r["rating"]) for r in stored] == [
        ("cancellation", None, None),
        ("escalation", None, None),
        ("rating", None, 1),
        ("refund", 5000, None),
        ("review", None, 5),
    ]
