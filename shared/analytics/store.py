"""The analytics port: append event rows, run a report's SQL with named parameters.

DuckDB serves it locally and in tests, BigQuery in production; the shell's ADAPTERS pick
(functions/_app/container.py). Rows come back as plain dicts the report layer validates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from shared.analytics.sql import Dialect
from shared.platform.analytics import AnalyticsRow
from shared.platform.services import Port

Param = datetime | str | int


class AnalyticsStore(Protocol):
    @property
    def dialect(self) -> Dialect: ...

    def insert(self, rows: Sequence[AnalyticsRow]) -> int:
        """Append rows, skipping event ids already stored; returns how many were new."""
        ...

    def query(self, sql: str, params: Mapping[str, Param]) -> list[dict[str, Any]]:
        """Run rendered SQL (in this store's dialect) and return its rows."""
        ...


ANALYTICS: Port[AnalyticsStore] = Port("analytics")
