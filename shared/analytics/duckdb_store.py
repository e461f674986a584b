"""The embedded analytics engine: one DuckDB file under the data dir (`.local/`).

Writes are idempotent by event id (the table's primary key), so a redelivered event
leaves one row. One connection behind a lock: DuckDB serialises writers anyway, and the
dev runtime's threads each take a cursor for queries.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from shared.analytics.sql import DUCKDB, LOCAL_EVENTS_TABLE, Dialect
from shared.analytics.store import Param
from shared.analytics.table import DUCKDB_TYPES, columns
from shared.platform.analytics import AnalyticsRow

ROWS_PER_STATEMENT = 200


def _ddl() -> str:
    cols = ", ".join(
        f"{name} {DUCKDB_TYPES[kind]}{' NOT NULL' if required else ''}"
        for name, kind, required in columns()
    )
    return f"CREATE TABLE IF NOT EXISTS {LOCAL_EVENTS_TABLE} ({cols}, PRIMARY KEY (event_id))"


def _added_columns() -> list[str]:
    """A file made before a column was added gets it (nullable, as every later column is)."""
    return [
        f"ALTER TABLE {LOCAL_EVENTS_TABLE} ADD COLUMN IF NOT EXISTS {name} {DUCKDB_TYPES[kind]}"
        for name, kind, required in columns()
        if not required
    ]


class DuckDbAnalytics:
    def __init__(self, path: Path | str) -> None:
        import duckdb  # heavy: only analytics calls load it

        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = duckdb.connect(str(path))
        # UTC like BigQuery, so a report's days and months do not move with the host's zone
        self._db.execute("SET TimeZone = 'UTC'")
        self._db.execute(_ddl())
        for statement in _added_columns():
            self._db.execute(statement)
        self._lock = threading.Lock()
        self._names = [name for name, _, _ in columns()]

    @property
    def dialect(self) -> Dialect:
        return DUCKDB

    def insert(self, rows: Sequence[AnalyticsRow]) -> int:
        """One statement per `ROWS_PER_STATEMENT` rows: DuckDB's cost is per statement."""
        inserted = 0
        with self._lock:
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[start : start + ROWS_PER_STATEMENT]
                values = [getattr(r, n) for r in chunk for n in self._names]
                inserted += len(self._db.execute(self._insert_sql(len(chunk)), values).fetchall())
        return inserted

    def _insert_sql(self, count: int) -> str:
        marks = "(" + ", ".join("?" for _ in self._names) + ")"
        return (
            f"INSERT INTO {LOCAL_EVENTS_TABLE} ({', '.join(self._names)})"
            f" VALUES {', '.join(marks for _ in range(count))}"
            " ON CONFLICT (event_id) DO NOTHING RETURNING event_id"
        )

    def stored(self, event_ids: Sequence[str]) -> set[str]:
        """Which of these event ids the table has."""
        if not event_ids:
            return set()
        marks = ", ".join("?" for _ in event_ids)
        sql = f"SELECT event_id FROM {LOCAL_EVENTS_TABLE} WHERE event_id IN ({marks})"
        with self._lock:
            return {row[0] for row in self._db.execute(sql, list(event_ids)).fetchall()}

    def query(self, sql: str, params: Mapping[str, Param]) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._db.cursor()
        try:
            result = cursor.execute(sql, dict(params))
            names = [d[0] for d in result.description or ()]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
        finally:
            cursor.close()

    def close(self) -> None:
        self._db.close()
