"""The one place SQL differs between the engines: table names and parameter markers.

Reports write their SQL once against `{events}`, `{p:name}` and `{seconds:a,b}` (seconds
from timestamp a to b) placeholders; `render` turns it into DuckDB's (`analytics_events`,
`$name`, `date_diff`) or BigQuery's (`project.dataset.events` in backticks, `@name`,
`TIMESTAMP_DIFF`). Everything else in the reports' SQL is common to both dialects
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
_SECONDS = re.compile(r"\{seconds:([\w.]+),([\w.]+)\}")


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

    def seconds(self, start: str, end: str) -> str:
        if self.name == "bigquery":
            return f"TIMESTAMP_DIFF({end}, {start}, SECOND)"
        return f"date_diff('second', {start}, {end})"


DUCKDB = Dialect("duckdb")


def render(template: str, dialect: Dialect) -> str:
    """A report's SQL for `dialect` (identifiers in the template are fixed, never input)."""
    with_params = _PARAM.sub(lambda m: dialect.param(m.group(1)), template)
    timed = _SECONDS.sub(lambda m: dialect.seconds(m.group(1), m.group(2)), with_params)
    return timed.replace("{events}", dialect.events)
