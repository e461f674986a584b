"""The events table's columns, generated from `AnalyticsRow` so both engines agree with
the topic's payload (the BigQuery subscription maps JSON fields to columns by name)."""

from __future__ import annotations

import types
from datetime import datetime
from typing import Any, Literal, Union, get_args, get_origin

from shared.platform.analytics import AnalyticsRow

BigQueryType = Literal["STRING", "INT64", "FLOAT64", "BOOL", "TIMESTAMP"]
DUCKDB_TYPES: dict[BigQueryType, str] = {
    "STRING": "VARCHAR",
    "INT64": "BIGINT",
    "FLOAT64": "DOUBLE",
    "BOOL": "BOOLEAN",
    "TIMESTAMP": "TIMESTAMPTZ",
}


def _bigquery_type(annotation: Any) -> BigQueryType:
    if get_origin(annotation) in (Union, types.UnionType):
        (inner,) = [a for a in get_args(annotation) if a is not type(None)]
        return _bigquery_type(inner)
    if annotation is datetime:
        return "TIMESTAMP"
    if annotation is bool:
        return "BOOL"
    if annotation is int:
        return "INT64"
    if annotation is float:
        return "FLOAT64"
    return "STRING"  # str and the Literal kinds


def columns() -> list[tuple[str, BigQueryType, bool]]:
    """(name, BigQuery type, required) for each column, in the model's order."""
    return [
        (name, _bigquery_type(field.annotation), field.is_required())
        for name, field in AnalyticsRow.model_fields.items()
    ]


def bigquery_schema() -> list[dict[str, str]]:
    """The table schema Terraform gives google_bigquery_table (schemas/analytics/)."""
    return [
        {"name": name, "type": kind, "mode": "REQUIRED" if required else "NULLABLE"}
        for name, kind, required in columns()
    ]
