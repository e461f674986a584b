"""The one place SQL differs between the engines: table names and parameter markers.

Reports write their SQL once against `{events}`, `{p:name}` and `{epoch:column}`
placeholders; `render` turns it into DuckDB's (`analytics_events`, `$name`, `epoch()`) or
BigQuery's (`project.dataset.events` in backticks, `@name`, `UNIX_SECONDS()`): durations are
differences of whole epoch seconds, the one timestamp arithmetic both spell differently.
`{unique_events}` is the table with each event id once: the BigQuery subscription
delivers at least once, so reports that sum rows (costs, revenue, messages) read it.
Everything else in the reports' SQL is common to both dialects
(CTEs, CASE, COALESCE, COUNT, SUM, timestamp comparisons), and the tests parse every
rendered BigQuery statement with sqlglot's BigQuery dialect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

EVENTS_TABLE = "events"
LOCAL_EVENTS_TABLE = "analytics_events"

_PARAM = re.compile(r"\{p:([a-z_]+)\}")
_EPOCH = re.compile(r"\{epoch:([a-z_.]+)\}")


@dataclass(frozen=True)
class Dialect:
    name: Literal["duckdb", "bigquery"]
    dataset: str | None = None  # BigQuery: "project.dataset"

    @property
    def events(self) -> str:
        if self.name == "bigquery":
            return f"`{self.dataset}.{EVENTS_TABLE}`"
        return LOCAL_EVENTS_TABLE

    def param(self, name: str) -> str:
        return f"@{name}" if self.name == "bigquery" else f"${name}"

    def epoch_seconds(self, column: str) -> str:
        if self.name == "bigquery":
            return f"UNIX_SECONDS({column})"
        return f"CAST(epoch({column}) AS BIGINT)"


DUCKDB = Dialect("duckdb")


_UNIQUE = (
    "(SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id"
    " ORDER BY occurred_at) AS copy_number FROM {events}) AS numbered"
    " WHERE copy_number = 1)"
)


def render(template: str, dialect: Dialect) -> str:
    """A report's SQL for `dialect` (identifiers in the template are fixed, never input)."""
    template = template.replace("{unique_events}", _UNIQUE)
    with_params = _PARAM.sub(lambda m: dialect.param(m.group(1)), template)
    with_params = _EPOCH.sub(lambda m: dialect.epoch_seconds(m.group(1)), with_params)
    return with_params.replace("{events}", dialect.events)
