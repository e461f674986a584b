"""The embedded sink's buffer: every row reaches DuckDB once, and every query sees every row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.sql import LOCAL_EVENTS_TABLE
from shared.analytics.staged import STAGED_COLLECTION, StagedAnalytics
from shared.platform.analytics import MessageIn
from shared.platform.clock import ManualClock
from shared.platform.docstore.sqlite import SqliteDocumentStore

COUNT = f"SELECT COUNT(*) AS n FROM {LOCAL_EVENTS_TABLE}"


@pytest.fixture
def parts(tmp_path: Path) -> Iterator[tuple[SqliteDocumentStore, DuckDbAnalytics, ManualClock]]:
    store = SqliteDocumentStore(tmp_path / "hibachi.db")
    engine = DuckDbAnalytics(tmp_path / "analytics.duckdb")
    yield store, engine, ManualClock()
    engine.close()
    store.close()


def _message(clock: ManualClock, n: int) -> MessageIn:
    return MessageIn(event_id=f"m{n}", occurred_at=clock.now(), thread_id="t", channel="web")


def _in_table(engine: DuckDbAnalytics) -> int:
    return int(engine.query(COUNT, {})[0]["n"])


def test_a_query_sees_rows_still_staged(parts) -> None:  # type: ignore[no-untyped-def]
    store, engine, clock = parts
    sink = StagedAnalytics(store, engine, clock, batch=100)
    assert sink.insert([_message(clock, 1), _message(clock, 2)]) == 2
    assert _in_table(engine) == 0 and len(store.query(STAGED_COLLECTION)) == 2
    assert sink.query(COUNT, {}) == [{"n": 2}]
    assert store.query(STAGED_COLLECTION) == []


def test_an_event_delivered_again_is_one_row_before_and_after_its_flush(parts) -> None:  # type: ignore[no-untyped-def]
    store, engine, clock = parts
    sink = StagedAnalytics(store, engine, clock, batch=100)
    assert sink.insert([_message(clock, 1)]) == 1
    assert sink.insert([_message(clock, 1)]) == 0  # still staged
    assert sink.query(COUNT, {}) == [{"n": 1}]
    assert sink.insert([_message(clock, 1)]) == 0  # in the table already
    assert sink.insert([_message(clock, 3), _message(clock, 3)]) == 1
    assert sink.query(COUNT, {}) == [{"n": 2}]


def test_rows_move_in_batches_when_enough_wait_or_the_oldest_waited_long_enough(parts) -> None:  # type: ignore[no-untyped-def]
    store, engine, clock = parts
    sink = StagedAnalytics(store, engine, clock, batch=3, flush_after=timedelta(seconds=1))
    sink.insert([_message(clock, 1)])
    sink.insert([_message(clock, 2)])
    assert _in_table(engine) == 0
    sink.insert([_message(clock, 3)])  # the batch is full
    assert _in_table(engine) == 3

    sink.insert([_message(clock, 4)])
    clock.advance(timedelta(milliseconds=999))
    sink.insert([_message(clock, 5)])
    assert _in_table(engine) == 3
    clock.advance(timedelta(milliseconds=1))
    sink.insert([_message(clock, 6)])  # the oldest has waited a second
    assert _in_table(engine) == 6 and store.query(STAGED_COLLECTION) == []


def test_rows_a_crashed_process_left_staged_reach_the_table(parts) -> None:  # type: ignore[no-untyped-def]
    store, engine, clock = parts
    StagedAnalytics(store, engine, clock, batch=100).insert([_message(clock, n) for n in range(5)])
    restarted = StagedAnalytics(store, engine, clock, batch=100)
    assert restarted.query(COUNT, {}) == [{"n": 5}]


def test_a_bulk_load_goes_straight_in_and_skips_what_is_stored(parts) -> None:  # type: ignore[no-untyped-def]
    store, engine, clock = parts
    sink = StagedAnalytics(store, engine, clock, batch=100)
    rows = [_message(clock, n) for n in range(450)]
    assert sink.insert(rows) == 450
    assert _in_table(engine) == 450 and store.query(STAGED_COLLECTION) == []
    assert sink.insert([*rows[100:], _message(clock, 450)]) == 1
    assert _in_table(engine) == 451
