"""A loopback BigQuery REST API (jobs.insert, jobs.get, getQueryResults) over DuckDB.

The real `google-cloud-bigquery` client talks to it. Each query must parse in BigQuery's
dialect (sqlglot); its `@name` parameters are bound from the job's typed query
parameters, the BigQuery table name is mapped to the local table, and the statement is
transpiled to DuckDB and run over the seeded events, so the answer is what the same SQL
computes, not a canned reply.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from typing import Any

import sqlglot
from sqlglot import exp

from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.sql import LOCAL_EVENTS_TABLE
from tests.support.fake_google_rest import FakeGoogleRest, RecordedRequest, Reply, google_error

PROJECT, DATASET = "demo-project", "analytics"

# A result column's BigQuery type, from the Python type DuckDB answered with (bool before
# int: it is one); a column that is NULL throughout reads as INT64.
_RESULT_TYPES: tuple[tuple[type, str], ...] = (
    (str, "STRING"),
    (bool, "BOOL"),
    (float, "FLOAT64"),
    (datetime, "TIMESTAMP"),
    (date, "DATE"),
)


def _result_type(rows: list[dict[str, Any]], name: str) -> str:
    value = next((r[name] for r in rows if r[name] is not None), None)
    return next((kind for t, kind in _RESULT_TYPES if isinstance(value, t)), "INT64")


def _literal(param: dict[str, Any]) -> exp.Expression:
    kind = param["parameterType"]["type"]
    value = param["parameterValue"]["value"]
    if kind == "INT64":
        return exp.Literal.number(value)
    cast = exp.Literal.string(value)
    return exp.cast(cast, "TIMESTAMP") if kind == "TIMESTAMP" else cast


class FakeBigQuery:
    def __init__(self, engine: DuckDbAnalytics) -> None:
        self.engine = engine
        self.rest = FakeGoogleRest()
        self.statements: list[str] = []  # every query as BigQuery received it
        self._results: dict[str, list[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        base = rf"/bigquery/v2/projects/{PROJECT}"
        self.rest.route("POST", base + "/jobs", self._insert)
        self.rest.route("GET", base + r"/jobs/([\w-]+)", self._job)
        self.rest.route("GET", base + r"/queries/([\w-]+)", self._query_results)

    def _to_duckdb(self, sql: str, params: list[dict[str, Any]]) -> str:
        tree = sqlglot.parse_one(sql, read="bigquery")  # raises on anything not BigQuery
        bound = {p["name"]: _literal(p) for p in params}

        def rewrite(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Parameter):
                return bound[node.name]
            if isinstance(node, exp.Table) and node.name == "events":
                assert (node.catalog, node.db) == (PROJECT, DATASET), node.sql("bigquery")
                return exp.to_table(LOCAL_EVENTS_TABLE)
            return node

        return tree.transform(rewrite).sql("duckdb")

    def _job_resource(self, job_id: str) -> dict[str, Any]:
        return {
            "kind": "bigquery#job",
            "id": f"{PROJECT}:US.{job_id}",
            "jobReference": {"projectId": PROJECT, "jobId": job_id, "location": "US"},
            "configuration": {"query": {}},
            "status": {"state": "DONE"},
        }

    def _insert(self, request: RecordedRequest, _: re.Match[str]) -> Reply:
        body = request.json()
        query = body["configuration"]["query"]
        self.statements.append(query["query"])
        job_id = body.get("jobReference", {}).get("jobId") or f"job_{next(self._ids)}"
        try:
            sql = self._to_duckdb(query["query"], query.get("queryParameters", []))
            self._results[job_id] = self.engine.query(sql, {})
        except Exception as exc:  # BigQuery answers a bad query with 400, never retried
            return google_error(400, "INVALID_ARGUMENT", f"{type(exc).__name__}: {exc}")
        return 200, self._job_resource(job_id)

    def _job(self, _: RecordedRequest, match: re.Match[str]) -> Reply:
        return 200, self._job_resource(match.group(1))

    def _query_results(self, _: RecordedRequest, match: re.Match[str]) -> Reply:
        job_id = match.group(1)
        rows = self._results[job_id]
        names = list(rows[0]) if rows else []
        fields = [{"name": n, "type": _result_type(rows, n)} for n in names]
        return 200, {
            "kind": "bigquery#getQueryResultsResponse",
            "jobReference": {"projectId": PROJECT, "jobId": job_id, "location": "US"},
            "jobComplete": True,
            "schema": {"fields": fields},
            "totalRows": str(len(rows)),
            "rows": [
                {"f": [{"v": None if r[n] is None else str(r[n])} for n in names]} for r in rows
            ],
        }
