"""The one place SQL differs between the engines: table names and parameter markers.

Reports write their SQL once against `{events}` and `{p:name}` placeholders; `render`
turns it into DuckDB's (`analytics_events`, `$name`) or BigQuery's (`project.dataset.events`
in backticks, `@name`). Everything else in the reports' SQL is common to both dialects
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

    def unix_seconds(self, column: str) -> str:
        """A timestamp as whole epoch seconds: DuckDB hands TIMESTAMPTZ values to Python
        only through pytz, which the platform does not ship."""
        return (
            f"UNIX_SECONDS({column})"
            if self.name == "bigquery"
            else f"CAST(epoch({column}) AS BIGINT)"
        )


DUCKDB = Dialect("duckdb")


def render(template: str, dialect: Dialect) -> str:
    """A report's SQL for `dialect` (identifiers in the template are fixed, never input)."""
    with_params = _PARAM.sub(lambda m: dialect.param(m.group(1)), template)
    return with_params.replace("{events}", dialect.events)
