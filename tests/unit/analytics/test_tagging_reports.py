"""The lost, objections and tags reports on DuckDB over the seeded events (the same SQL
runs on the fake BigQuery in test_bigquery.py), and zeros for an empty period."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.lost import lost
from shared.analytics.objections import objections
from shared.analytics.query import ReportQuery
from shared.analytics.reports import Report
from shared.analytics.tags import tags
from shared.platform import analytics as a
from tests.unit.analytics import seed

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
EMPTY = {"from": "2025-01-01", "to": "2025-01-31"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DuckDbAnalytics]:
    db = DuckDbAnalytics(tmp_path / "analytics.duckdb")
    db.insert([*seed.events(), seed.RECOVERY_ATTEMPT])
    yield db
    db.close()


def _q(**params: str) -> ReportQuery:
    return ReportQuery.model_validate(params or NOVEMBER)


def test_lost_counts_reasons_recovery_attempts_and_recoveries(store: DuckDbAnalytics) -> None:
    report = lost(store, _q())
    assert (report.lost, report.quoted_cents) == (2, 220_000)
    assert (report.recovery_attempts, report.recovered) == (1, 1)
    by_reason = {
        r.reason: (r.conversations, r.share, r.sentiment, r.recovery_attempts, r.recovered)
        for r in report.reasons
    }
    assert by_reason == {"price": (1, 0.5, -0.3, 1, 0), "travel_fee": (1, 0.5, -0.5, 0, 1)}
    [latest, earlier] = report.conversations
    assert (latest.thread_id, latest.reason, latest.recovered) == ("th-web-2", "price", False)
    assert latest.evidence == "That's too expensive for us"
    assert (earlier.thread_id, earlier.recovered) == ("th-sms-1", True)


def test_lost_keys_on_the_day_the_loss_was_decided_and_narrows(store: DuckDbAnalytics) -> None:
    assert lost(store, _q(**{"from": "2026-11-01", "to": "2026-11-09"})).lost == 1  # Nov 3 only
    assert lost(store, _q(**NOVEMBER, market="la")).lost == 1
    assert lost(store, _q(**NOVEMBER, channel="sms")).reasons[0].reason == "travel_fee"


def test_objections_say_what_was_answered_and_what_booked(store: DuckDbAnalytics) -> None:
    report = objections(store, _q())
    assert (report.raised, report.booked) == (2, 1)
    rows = {
        r.objection: (r.raised, r.booked, r.booked_share, r.resolution_seconds)
        for r in report.types
    }
    # th-sms-1 objected 6 minutes after it began and held one day and 5 minutes after it began
    assert rows == {"price": (1, 0, 0.0, None), "travel_fee": (1, 1, 1.0, 86_340)}
    answered = {e.objection: e.answer for e in report.recent}
    assert answered["price"] == "I understand! A smaller menu keeps the cost down."
    assert answered["travel_fee"] is None


def test_tags_count_each_conversation_by_its_latest_reading(store: DuckDbAnalytics) -> None:
    report = tags(store, _q())
    assert report.conversations == 2
    found = {(r.family, r.tag): (r.conversations, r.confidence) for r in report.tags}
    assert ("outcome", "pending") not in found  # th-web-2's first reading, superseded
    assert found[("outcome", "lost")] == (1, 1.0)
    assert found[("outcome", "booked")] == (1, 1.0)
    assert found[("party_type", "birthday")] == (1, 0.9)
    assert found[("intent", "price_shopping")] == (1, 0.6)


def test_tags_as_of_the_end_of_a_period_use_the_reading_then(store: DuckDbAnalytics) -> None:
    report = tags(store, _q(**{"from": "2026-11-01", "to": "2026-11-03"}))
    outcomes = {r.tag for r in report.tags if r.family == "outcome"}
    assert outcomes == {"pending"}  # th-web-2 was not yet lost; th-sms-1 read on Nov 4


def test_the_same_state_read_by_rules_and_an_llm_counts_once_as_the_llm_read_it(
    tmp_path: Path,
) -> None:
    db = DuckDbAnalytics(tmp_path / "twice.duckdb")
    at = seed.NOV
    common = {"occurred_at": at, "thread_id": "t", "tag_family": "outcome", "confidence": 1.0}
    db.insert(
        [
            a.ConversationTag(event_id="r", tag="pending", tagger="rules", **common),
            a.ConversationTag(event_id="l", tag="escalated", tagger="llm", **common),
        ]
    )
    report = tags(db, _q())
    assert [(r.tag, r.conversations) for r in report.tags] == [("escalated", 1)]


@pytest.mark.parametrize("report", [lost, objections, tags])
def test_an_empty_period_is_zeros_and_empty_lists(report: Report, store: DuckDbAnalytics) -> None:
    answer = report(store, _q(**EMPTY)).model_dump()
    numbers = {k: v for k, v in answer.items() if isinstance(v, int) and not isinstance(v, bool)}
    lists = {k: v for k, v in answer.items() if isinstance(v, list)}
    assert numbers and set(numbers.values()) == {0}
    assert lists and all(v == [] for v in lists.values())
