"""The dev runtime's two processes: the analytics relay, and writers of one SQLite file."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from functions._app.runtime.analytics_relay import Relay, RelayedAnalytics
from functions._app.runtime.serving import DevHTTPServer
from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.sql import LOCAL_EVENTS_TABLE
from shared.platform.analytics import Hold, MessageIn
from shared.platform.docstore.sqlite import SqliteDocumentStore
from tests.support.ports import free_port

TOKEN = "relay-secret"
AT = datetime(2026, 11, 3, 18, 30, tzinfo=UTC)


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[tuple[DuckDbAnalytics, int]]:
    store = DuckDbAnalytics(tmp_path / "analytics.duckdb")
    port = free_port()
    server = DevHTTPServer("127.0.0.1", port, Relay(lambda: store, TOKEN))
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    yield store, port
    server.shutdown()
    serving.join()
    store.close()


def test_rows_go_through_the_relay_once_and_come_back_typed(relay) -> None:  # type: ignore[no-untyped-def]
    store, port = relay
    remote = RelayedAnalytics(f"http://127.0.0.1:{port}", TOKEN)
    hold = Hold(event_id="h1", occurred_at=AT, booking_id="b1", market="la", amount_cents=110000)
    assert (
        remote.insert(
            [hold, MessageIn(event_id="m1", occurred_at=AT, thread_id="t", channel="sms")]
        )
        == 2
    )
    assert remote.insert([hold]) == 0  # a redelivered event: still one row
    report = (
        "SELECT event_id, CAST(occurred_at AT TIME ZONE 'UTC' AS TIMESTAMP) AS at,"
        " CAST(occurred_at AS DATE) AS day, CAST(amount_cents / 100 AS DECIMAL(12, 2)) AS dollars"
        f" FROM {LOCAL_EVENTS_TABLE} WHERE occurred_at >= $since AND kind = $kind"
    )
    params = {"since": datetime(2026, 11, 1, tzinfo=UTC), "kind": "hold"}
    rows = remote.query(report, params)
    assert rows == store.query(report, params)
    [row] = rows
    assert row["at"] == AT.replace(tzinfo=None) and row["day"] == date(2026, 11, 3)
    assert isinstance(row["dollars"], Decimal) and row["dollars"] == Decimal("1100")


def test_the_relay_refuses_a_caller_without_the_runs_token(relay) -> None:  # type: ignore[no-untyped-def]
    store, port = relay
    stranger = RelayedAnalytics(f"http://127.0.0.1:{port}", "guessed")
    with pytest.raises(RuntimeError, match="HTTP 404"):
        stranger.insert([MessageIn(event_id="m2", occurred_at=AT, thread_id="t", channel="web")])
    with pytest.raises(RuntimeError, match="HTTP 404"):
        stranger.query(f"DELETE FROM {LOCAL_EVENTS_TABLE}", {})
    assert store.query(f"SELECT COUNT(*) AS n FROM {LOCAL_EVENTS_TABLE}", {}) == [{"n": 0}]


def _increment(path: str, times: int) -> None:
    store = SqliteDocumentStore(path)
    for _ in range(times):

        def bump(tx):  # type: ignore[no-untyped-def]
            n = (tx.get("counters", "c") or {"n": 0})["n"]
            tx.set("counters", "c", {"n": n + 1})

        store.run_transaction(bump)
    store.close()


def test_two_processes_writing_one_file_lose_no_update(tmp_path: Path) -> None:
    """The server and its worker both write the store: read-modify-write transactions of
    both, interleaved, each count exactly once (and neither waits forever on the other)."""
    path = str(tmp_path / "hibachi.db")
    SqliteDocumentStore(path).close()
    spawn = multiprocessing.get_context("spawn")
    other = spawn.Process(target=_increment, args=(path, 150))
    other.start()
    _increment(path, 150)
    other.join(timeout=120)
    assert other.exitcode == 0
    store = SqliteDocumentStore(path)
    assert store.get("counters", "c") == {"n": 300}
    store.close()
