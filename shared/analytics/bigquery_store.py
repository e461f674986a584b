"""Production analytics: the BigQuery dataset the topic's BigQuery subscription fills.

Queries run as parameterised query jobs; `insert` streams rows with the event id as
insertId (BigQuery's best-effort dedup) for backfills, since live events arrive through
the subscription, not through this adapter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from shared.analytics.sql import EVENTS_TABLE, Dialect
from shared.analytics.store import Param
from shared.platform.analytics import AnalyticsRow
from shared.platform.errors import Unavailable

_TYPES: tuple[tuple[type, str], ...] = ((datetime, "TIMESTAMP"), (int, "INT64"), (str, "STRING"))


def _param(name: str, value: Param) -> Any:
    from google.cloud import bigquery

    kind = next(k for t, k in _TYPES if isinstance(value, t))
    return bigquery.ScalarQueryParameter(name, kind, value)


class BigQueryAnalytics:
    def __init__(self, project: str, dataset: str, client: Any = None) -> None:
        if client is None:
            from google.cloud import bigquery  # heavy: only analytics calls load it

            client = bigquery.Client(project=project)
        self._client = client
        self._dialect = Dialect("bigquery", f"{project}.{dataset}")

    @property
    def dialect(self) -> Dialect:
        return self._dialect

    def insert(self, rows: Sequence[AnalyticsRow]) -> int:
        if not rows:
            return 0
        table = f"{self._dialect.dataset}.{EVENTS_TABLE}"
        errors = self._client.insert_rows_json(
            table,
            [r.model_dump(mode="json") for r in rows],
            row_ids=[r.event_id for r in rows],
        )
        if errors:
            raise Unavailable("analytics_unavailable", f"BigQuery refused rows: {errors}")
        return len(rows)

    def query(self, sql: str, params: Mapping[str, Param]) -> list[dict[str, Any]]:
        from google.cloud import bigquery

        config = bigquery.QueryJobConfig(
            query_parameters=[_param(name, value) for name, value in params.items()]
        )
        job = self._client.query(sql, job_config=config)
        return [dict(row.items()) for row in job.result()]
