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


def _ddl() -> str:
    cols = ", ".join(
        f"{name} {DUCKDB_TYPES[kind]}{' NOT NULL' if required else ''}"
        for name, kind, required in columns()
    )
    return f"CREATE TABLE IF NOT EXISTS {LOCAL_EVENTS_TABLE} ({cols}, PRIMARY KEY (event_id))"


class DuckDbAnalytics:
    def __init__(self, path: Path | str) -> None:
        import duckdb  # heavy: only analytics calls load it

        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = duckdb.connect(str(path))
        # UTC like BigQuery, so a report's days and months do not move with the host's zone
        self._db.execute("SET TimeZone = 'UTC'")
        self._db.execute(_ddl())
        self._lock = threading.Lock()
        self._names = [name for name, _, _ in columns()]

    @property
    def dialect(self) -> Dialect:
        return DUCKDB

    def insert(self, rows: Sequence[AnalyticsRow]) -> int:
        marks = ", ".join("?" for _ in self._names)
        sql = (
            f"INSERT INTO {LOCAL_EVENTS_TABLE} ({', '.join(self._names)}) VALUES ({marks})"
            " ON CONFLICT (event_id) DO NOTHING"
        )
        with self._lock:
            before = self._count()
            self._db.executemany(sql, [[getattr(r, n) for n in self._names] for r in rows])
            return self._count() - before

    def _count(self) -> int:
        found = self._db.execute(f"SELECT COUNT(*) FROM {LOCAL_EVENTS_TABLE}").fetchone()
        return int(found[0]) if found else 0

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
