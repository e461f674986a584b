"""The embedded analytics engine: one DuckDB file under the data dir (`.local/`).

Writes are idempotent by event id (the table's primary key), so a redelivered event
leaves one row. A batch goes in as one statement with one list parameter per column
(unnested back into rows): thousands of rows/s where `executemany`, one statement per row,
managed about 35.
One connection behind a lock: DuckDB serialises writers anyway, and the dev runtime's
threads each take a cursor for queries.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import datetime
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


def _added_columns() -> list[str]:
    """A file made before a column was added gets it (nullable, as every later column is)."""
    return [
        f"ALTER TABLE {LOCAL_EVENTS_TABLE} ADD COLUMN IF NOT EXISTS {name} {DUCKDB_TYPES[kind]}"
        for name, kind, required in columns()
        if not required
    ]


def _insert_sql() -> str:
    """One statement per batch: column i arrives as list parameter $i (timestamps as ISO
    text, exact to the microsecond: binding aware datetimes needs pytz)."""
    unnested = ", ".join(
        f"UNNEST(${i}::{'VARCHAR' if kind == 'TIMESTAMP' else DUCKDB_TYPES[kind]}[])"
        + ("::TIMESTAMPTZ" if kind == "TIMESTAMP" else "")
        + f" AS {name}"
        for i, (name, kind, _) in enumerate(columns(), start=1)
    )
    names = ", ".join(name for name, _, _ in columns())
    return f"INSERT INTO {LOCAL_EVENTS_TABLE} ({names}) SELECT {names} FROM (SELECT {unnested})"


# Skipping known ids costs about three times the plain key check on a million-row table,
# so it is the fallback for a batch that holds one (a redelivery), not the first try.
_SKIP_KNOWN = " ON CONFLICT (event_id) DO NOTHING RETURNING event_id"


def _param(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


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
        self._insert_new = _insert_sql()
        self._duplicate = duckdb.ConstraintException

    @property
    def dialect(self) -> Dialect:
        return DUCKDB

    def insert(self, rows: Sequence[AnalyticsRow]) -> int:
        unique = list({r.event_id: r for r in reversed(rows)}.values())  # the first of an id
        if not unique:
            return 0
        values = [[_param(getattr(r, n)) for r in unique] for n in self._names]
        with self._lock:
            try:  # the usual case, every id new: the key check alone, no count needed
                self._db.execute(self._insert_new, values)
                return len(unique)
            except self._duplicate:  # the statement changed nothing; skip the known ids
                added = self._db.execute(self._insert_new + _SKIP_KNOWN, values).fetchall()
                return len(added)

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
