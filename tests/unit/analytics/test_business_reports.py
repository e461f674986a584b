"""Profitability, channel performance and the decision dashboard on DuckDB, each number
worked out by hand from the seeded events (tests/unit/analytics/seed.py) plus the few
more each test adds."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shared.analytics.channels import ChannelRow, channels
from shared.analytics.costs import CostModel
from shared.analytics.decisions import FOLLOW_UP_GAP, MIN_INQUIRIES, decisions
from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.profitability import MonthProfit, profitability
from shared.analytics.query import ReportQuery
from shared.analytics.sql import DUCKDB, LOCAL_EVENTS_TABLE
from shared.analytics.store import Param
from shared.analytics.table import DUCKDB_TYPES, columns
from shared.platform import analytics as a
from tests.unit.analytics import seed

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
AUTUMN = {"from": "2026-10-01", "to": "2026-12-31"}
EMPTY = {"from": "2025-01-01", "to": "2025-01-31"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DuckDbAnalytics]:
    db = DuckDbAnalytics(tmp_path / "analytics.duckdb")
    db.insert(seed.events())
    yield db
    db.close()


def q(period: dict[str, str], **more: str) -> ReportQuery:
    return ReportQuery.model_validate(period | more)


def completed(booking: str, at: datetime, market: str = "la", **lines: int) -> a.EventCompleted:
    return a.EventCompleted(
        event_id=a.event_id("event_completed", booking),
        occurred_at=at,
        booking_id=booking,
        market=market,
        channel="sms",
        **lines,  # type: ignore[arg-type]
    )


# --- profitability -----------------------------------------------------------------------


def test_a_1000_dollar_event_with_upgrades_and_travel(store: DuckDbAnalytics) -> None:
    """bk-th-web-1: $850 base + $100 upgrades + $50 travel = $1,000 revenue ($100 tax is
    not revenue). Chef $300 + equipment $50 + 35% of $100 + 40% of $50 = $405 direct cost,
    so $595 gross profit (59.5%); 15% overhead is $150, leaving $445 net (44.5%)."""
    report = profitability(store, q(NOVEMBER), CostModel())
    assert report.cost_model_version == "default" and report.low_margin_below == 0.2
    [event] = report.bookings
    assert (event.booking_id, event.completed_on.isoformat(), event.market) == (
        "bk-th-web-1",
        "2026-11-04",
        "la",
    )
    assert (event.revenue_cents, event.tax_cents) == (100_000, 10_000)
    assert (
        event.chef_cents,
        event.equipment_cents,
        event.upgrade_cost_cents,
        event.travel_cost_cents,
        event.addon_cost_cents,
    ) == (30_000, 5_000, 3_500, 2_000, 0)
    assert event.direct_cost_cents == 40_500
    assert (event.gross_profit_cents, event.gross_margin) == (59_500, 0.595)
    assert (event.overhead_cents, event.net_profit_cents, event.net_margin) == (
        15_000,
        44_500,
        0.445,
    )
    assert report.low_margin == []
    assert report.total.model_dump() == report.months[0].model_dump() | {"month": "all"}


def test_low_margin_alerts_monthly_trend_and_rounding(store: DuckDbAnalytics) -> None:
    # $400 base + $100 travel + $50 add-ons = $550. Costs: 300 + 50 + 40 + 15 = $405;
    # gross $145; overhead $82.50; net $62.50 = 11.36%: below 20%, so an alert.
    # The $333.33 upgrade costs 35% = $116.6655 -> $116.67 (half away from zero).
    store.insert(
        [
            completed(
                "bk-small",
                datetime(2026, 11, 20, 20, tzinfo=seed.NOV.tzinfo),
                **_lines(40_000, 0, 10_000, 5_000),
            ),
            completed(
                "bk-dec",
                datetime(2026, 12, 1, 0, 30, tzinfo=seed.NOV.tzinfo),
                **_lines(100_000, 33_333, 0, 0),
            ),
        ]
    )
    report = profitability(store, q(AUTUMN), CostModel())
    by_id = {b.booking_id: b for b in report.bookings}
    assert list(by_id) == ["bk-th-web-1", "bk-small", "bk-dec"]  # by completion time
    small = by_id["bk-small"]
    assert (small.revenue_cents, small.direct_cost_cents, small.gross_profit_cents) == (
        55_000,
        40_500,
        14_500,
    )
    assert (small.overhead_cents, small.net_profit_cents, small.net_margin) == (
        8_250,
        6_250,
        0.1136,
    )
    assert by_id["bk-dec"].upgrade_cost_cents == 11_667
    assert [b.booking_id for b in report.low_margin] == ["bk-small"]
    assert [
        (m.month, m.events, m.low_margin_events, m.net_profit_cents) for m in report.months
    ] == [
        ("2026-11", 2, 1, 44_500 + 6_250),
        # bk-dec: 133,333 revenue - (30,000 + 5,000 + 11,667) - 20,000 overhead = 66,666
        ("2026-12", 1, 0, 66_666),
    ]
    assert report.total.revenue_cents == 100_000 + 55_000 + 133_333
    assert report.total.net_profit_cents == 44_500 + 6_250 + 66_666
    assert report.total.net_margin == round(117_416 / 288_333, 4)


def _lines(base: int, upgrades: int, travel: int, addons: int) -> dict[str, int]:
    return {
        "base_cents": base,
        "upgrades_cents": upgrades,
        "travel_fee_cents": travel,
        "addons_cents": addons,
        "total_cents": base + upgrades + travel + addons,
    }


def test_the_cost_model_given_is_the_one_used_and_named(store: DuckDbAnalytics) -> None:
    dearer = CostModel(version="2026-12-chef", chef_cents=40_000, low_margin_bps=5_000)
    report = profitability(store, q(NOVEMBER), dearer)
    assert report.cost_model_version == "2026-12-chef" and report.low_margin_below == 0.5
    [event] = report.bookings
    assert event.net_profit_cents == 44_500 - 10_000  # $100 more to the chef
    assert [b.booking_id for b in report.low_margin] == ["bk-th-web-1"]  # 34.5% < 50%


def test_profitability_of_an_empty_period_is_zeros(store: DuckDbAnalytics) -> None:
    report = profitability(store, q(EMPTY), CostModel())
    assert report.bookings == report.months == report.low_margin == []
    assert report.total == MonthProfit(month="all")


def test_profitability_narrows_by_market_and_channel(store: DuckDbAnalytics) -> None:
    assert [
        b.booking_id for b in profitability(store, q(NOVEMBER, market="la"), CostModel()).bookings
    ] == ["bk-th-web-1"]
    assert profitability(store, q(NOVEMBER, market="sd"), CostModel()).bookings == []
    assert profitability(store, q(NOVEMBER, channel="sms"), CostModel()).bookings == []


# --- channels ------------------------------------------------------------------------------


def test_channel_performance_from_the_seed(store: DuckDbAnalytics) -> None:
    # A rating and an escalation on th-sms-1; a second customer message 30 s later.
    later = seed.NOV + timedelta(minutes=1)
    store.insert(
        [
            a.Rating(
                event_id="r1", occurred_at=later, thread_id="th-sms-1", channel="sms", rating=1
            ),
            a.Rating(
                event_id="r2", occurred_at=later, thread_id="th-web-2", channel="web", rating=0
            ),
            a.Rating(
                event_id="r3", occurred_at=later, thread_id="th-web-1", channel="web", rating=1
            ),
            a.Escalation(event_id="e1", occurred_at=later, thread_id="th-sms-1", channel="sms"),
            a.MessageIn(event_id="m1", occurred_at=later, thread_id="th-sms-1", channel="sms"),
        ]
    )
    report = channels(store, q(NOVEMBER))
    rows = {r.channel: r for r in report.channels}
    assert list(rows) == ["sms", "unknown", "web"]
    assert rows["web"] == ChannelRow(
        channel="web",
        conversations=2,
        first_response_seconds=2.0,  # every seeded reply came 2 s after the first message
        messages_per_conversation=2.0,
        conversion=0.5,  # th-web-1 paid its deposit, th-web-2 did not
        revenue_cents=110_000,
        escalation_rate=0.0,
        ratings=2,
        rating=0.5,
        ai_cost_microusd=3_000,
        replies=2,
        llm_free_share=0.0,
    )
    sms = rows["sms"]
    assert (sms.conversations, sms.messages_per_conversation, sms.escalation_rate) == (2, 2.5, 0.5)
    assert (sms.revenue_cents, sms.rating, sms.llm_free_share, sms.ai_cost_microusd) == (
        110_000,  # th-sms-1's paid hold (its amount; the seed gave it no revenue lines)
        1.0,
        1.0,
        0,
    )
    # The web-form booking: no conversation, so no replies to time; its paid hold is $900.
    form = rows["unknown"]
    assert (form.conversations, form.first_response_seconds, form.revenue_cents) == (
        1,
        None,
        90_000,
    )
    total = report.total
    assert (total.conversations, total.revenue_cents, total.ai_cost_microusd) == (5, 310_000, 3_000)
    assert (total.conversion, total.escalation_rate, total.rating) == (0.6, 0.2, round(2 / 3, 4))


def test_first_response_is_the_mean_wait_of_answered_conversations(tmp_path: Path) -> None:
    db = DuckDbAnalytics(tmp_path / "r.duckdb")
    rows: list[a.AnalyticsRow] = []
    for thread, wait in (("a", 10), ("b", 50), ("c", None)):
        rows.append(
            a.MessageIn(
                event_id=f"{thread}-in", occurred_at=seed.NOV, thread_id=thread, channel="whatsapp"
            )
        )
        if wait is not None:
            rows.append(
                a.MessageOut(
                    event_id=f"{thread}-out",
                    occurred_at=seed.NOV + timedelta(seconds=wait),
                    thread_id=thread,
                    channel="whatsapp",
                    agent="lead",
                    llm_used=True,
                    ai_cost_microusd=250,
                )
            )
    db.insert(rows)
    [row] = channels(db, q(NOVEMBER)).channels
    assert (row.conversations, row.first_response_seconds, row.llm_free_share) == (3, 30.0, 0.0)
    assert (row.ai_cost_microusd, row.messages_per_conversation) == (500, round(5 / 3, 2))
    assert channels(db, q(NOVEMBER, channel="sms")).channels == []


def test_channels_of_an_empty_period_is_zeros(store: DuckDbAnalytics) -> None:
    report = channels(store, q(EMPTY))
    assert report.channels == [] and report.total == ChannelRow(channel="all")


# --- decisions -----------------------------------------------------------------------------


def inquiries(
    count: int,
    *,
    phone: int = 0,
    follow_up: int = 0,
    knowledge: int = 0,
    gap: timedelta = FOLLOW_UP_GAP,
    multi_channel: int = 0,
) -> list[a.AnalyticsRow]:
    """`count` conversations in November, one customer each; the first `phone` by voice,
    the first `follow_up` with the customer writing again after `gap`, the first
    `knowledge` with a reply the knowledge base could not ground; and `multi_channel`
    customers who also wrote once more on another channel."""
    rows: list[a.AnalyticsRow] = []
    for i in range(count):
        at = seed.NOV + timedelta(minutes=i)
        common: dict[str, Any] = {
            "thread_id": f"t{i}",
            "channel": "voice" if i < phone else "web",
            "customer_id": f"c{i}",
        }
        rows.append(a.MessageIn(event_id=f"in-{i}", occurred_at=at, **common))
        rows.append(
            a.MessageOut(
                event_id=f"out-{i}",
                occurred_at=at + timedelta(seconds=3),
                agent="lead",
                knowledge_failed=i < knowledge,
                **common,
            )
        )
        if i < follow_up:
            rows.append(
                a.MessageIn(
                    event_id=f"back-{i}", occurred_at=at + timedelta(seconds=3) + gap, **common
                )
            )
        if i < multi_channel:
            rows.append(
                a.MessageIn(
                    event_id=f"other-{i}",
                    occurred_at=at,
                    thread_id=f"t{i}-sms",
                    channel="sms",
                    customer_id=f"c{i}",
                )
            )
    return rows


def dashboard(tmp_path: Path, rows: list[a.AnalyticsRow], **only: str) -> Any:
    db = DuckDbAnalytics(tmp_path / f"d{len(list(tmp_path.iterdir()))}.duckdb")
    db.insert(rows)
    try:
        return decisions(db, q(NOVEMBER, **only))
    finally:
        db.close()


def test_below_50_inquiries_it_says_how_many_more(tmp_path: Path, store: DuckDbAnalytics) -> None:
    seeded = decisions(store, q(NOVEMBER))
    assert (seeded.inquiries, seeded.inquiries_needed, seeded.decisions) == (4, 46, [])
    assert "46 more needed" in seeded.summary
    almost = dashboard(tmp_path, inquiries(MIN_INQUIRIES - 1, phone=40))
    assert (almost.inquiries_needed, almost.decisions) == (1, [])
    ready = dashboard(tmp_path, inquiries(MIN_INQUIRIES))
    assert ready.inquiries_needed == 0 and len(ready.decisions) == 4
    assert ready.summary == "50 inquiries: nothing is worth building yet."
    empty = decisions(store, q(EMPTY))
    assert (empty.inquiries, empty.inquiries_needed) == (0, 50)


@pytest.mark.parametrize(
    ("measure", "at_edge", "above"),
    [
        ("phone", {"phone": 15}, {"phone": 16}),  # 30% of 50 is not above 30%
        ("follow_up", {"follow_up": 25}, {"follow_up": 26}),  # 50%
        ("knowledge_error", {"knowledge": 15}, {"knowledge": 16}),  # 30%
    ],
)
def test_each_recommendation_starts_just_above_its_threshold(
    tmp_path: Path, measure: str, at_edge: dict[str, int], above: dict[str, int]
) -> None:
    def decision(**counts: int) -> Any:
        report = dashboard(tmp_path, inquiries(50, **counts))
        [found] = [d for d in report.decisions if d.measure == measure]
        return found

    edge, over = decision(**at_edge), decision(**above)
    assert (edge.count, edge.out_of, edge.recommended) == (next(iter(at_edge.values())), 50, False)
    assert (over.count, over.share, over.recommended) == (
        next(iter(above.values())),
        over.count / 50,
        True,
    )
    assert over.recommendation.startswith(f"Build {over.build}:")
    assert f"{over.count} of 50" in over.recommendation and "Not yet" in edge.recommendation


def test_multi_channel_customers_are_a_share_of_customers(tmp_path: Path) -> None:
    # 50 web customers; the first 15 also wrote on sms: 15 of 50 customers, not above 30%.
    # (The extra sms conversations are inquiries too: 65 in all.)
    edge = dashboard(tmp_path, inquiries(50, multi_channel=15))
    [found] = [d for d in edge.decisions if d.measure == "multi_channel"]
    assert (edge.inquiries, found.count, found.out_of, found.recommended) == (65, 15, 50, False)
    over = dashboard(tmp_path, inquiries(50, multi_channel=16))
    [found] = [d for d in over.decisions if d.measure == "multi_channel"]
    assert (found.count, found.out_of, found.recommended) == (16, 50, True)
    assert "cross-channel customer identity" in over.summary


def test_a_follow_up_needs_the_whole_gap(tmp_path: Path) -> None:
    just_short = inquiries(50, follow_up=50, gap=FOLLOW_UP_GAP - timedelta(seconds=1))
    [found] = [d for d in dashboard(tmp_path, just_short).decisions if d.measure == "follow_up"]
    assert found.count == 0


def test_phone_share_narrows_by_channel(tmp_path: Path) -> None:
    report = dashboard(tmp_path, inquiries(60, phone=55), channel="voice")
    [phone] = [d for d in report.decisions if d.measure == "phone"]
    assert (report.inquiries, phone.count, phone.share) == (55, 55, 1.0)


# --- at-least-once delivery ----------------------------------------------------------------


class NoKeyTable:
    """The events table as BigQuery's subscription fills it: no key, so a redelivered
    event is a second row (the DuckDB sink would have dropped it)."""

    def __init__(self, rows: list[a.AnalyticsRow]) -> None:
        import duckdb

        self.dialect = DUCKDB
        self._db = duckdb.connect()
        self._db.execute("SET TimeZone = 'UTC'")
        names = [name for name, _, _ in columns()]
        cols = ", ".join(f"{n} {DUCKDB_TYPES[kind]}" for n, kind, _ in columns())
        self._db.execute(f"CREATE TABLE {LOCAL_EVENTS_TABLE} ({cols})")
        marks = ", ".join("?" for _ in names)
        self._db.executemany(
            f"INSERT INTO {LOCAL_EVENTS_TABLE} VALUES ({marks})",
            [[getattr(r, n) for n in names] for r in rows],
        )

    def query(self, sql: str, params: Mapping[str, Param]) -> list[dict[str, Any]]:
        result = self._db.execute(sql, dict(params))
        names = [d[0] for d in result.description or ()]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def test_an_event_delivered_twice_counts_once(store: DuckDbAnalytics) -> None:
    twice = NoKeyTable(seed.events() + seed.events())
    for period in (NOVEMBER, AUTUMN):
        assert profitability(twice, q(period), CostModel()) == profitability(
            store, q(period), CostModel()
        )
        assert channels(twice, q(period)) == channels(store, q(period))
        assert decisions(twice, q(period)) == decisions(store, q(period))
