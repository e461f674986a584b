"""The BigQuery adapter through the real client against a loopback BigQuery REST API.

The fake parses each statement in BigQuery's dialect and answers it by running the same
statement (transpiled) over the seeded DuckDB, so the funnel must agree on both engines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlglot

from shared.analytics.bigquery_store import BigQueryAnalytics
from shared.analytics.decisions import DecisionsReport
from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.funnel import funnel
from shared.analytics.query import ReportName, ReportQuery, Segment
from shared.analytics.reports import ALL_REPORTS, run
from tests.support.fake_google_rest import google_cloud_modules_after_import
from tests.unit.analytics import seed
from tests.unit.analytics.fake_bigquery import DATASET, PROJECT, FakeBigQuery
from tests.unit.analytics.test_business_reports import inquiries

SEGMENTS: tuple[Segment, ...] = ("channel", "market", "occasion")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[DuckDbAnalytics]:
    db = DuckDbAnalytics(tmp_path / "analytics.duckdb")
    db.insert(seed.events())
    yield db
    db.close()


@pytest.fixture
def fake(engine: DuckDbAnalytics) -> Iterator[FakeBigQuery]:
    bigquery = FakeBigQuery(engine)
    with bigquery.rest.running():
        yield bigquery


@pytest.fixture
def warehouse(fake: FakeBigQuery) -> BigQueryAnalytics:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    client = bigquery.Client(
        project=PROJECT,
        credentials=AnonymousCredentials(),
        client_options={"api_endpoint": fake.rest.endpoint},
    )
    return BigQueryAnalytics(PROJECT, DATASET, client=client)


@pytest.mark.parametrize("by", SEGMENTS)
def test_the_funnel_on_bigquery_equals_the_embedded_one(
    by: Segment, warehouse: BigQueryAnalytics, engine: DuckDbAnalytics, fake: FakeBigQuery
) -> None:
    query = ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-30", "by": by})
    on_bigquery = funnel(warehouse, query)
    assert on_bigquery == funnel(engine, query)
    assert on_bigquery.total.inquiry == 5 and on_bigquery.total.deposit_paid == 3
    [statement] = fake.statements
    assert f"`{PROJECT}.{DATASET}.events`" in statement and "@start" in statement


def test_the_parameters_go_as_typed_timestamps(
    warehouse: BigQueryAnalytics, fake: FakeBigQuery
) -> None:
    funnel(warehouse, ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-30"}))
    [job] = [r.json() for r in fake.rest.requests if r.method == "POST"]
    params = {p["name"]: p for p in job["configuration"]["query"]["queryParameters"]}
    assert {n: p["parameterType"]["type"] for n, p in params.items()} == {
        "start": "TIMESTAMP",
        "end": "TIMESTAMP",
        "market": "STRING",
        "channel": "STRING",
    }
    assert params["end"]["parameterValue"]["value"].startswith("2026-12-01 00:00:00")
    assert job["configuration"]["query"]["useLegacySql"] is False


def _statements_read(sql: str) -> set[tuple[str, str, str]]:
    tree = sqlglot.parse_one(sql, read="bigquery")
    ctes = {c.alias for c in tree.find_all(sqlglot.exp.CTE)}
    return {
        (t.catalog, t.db, t.name) for t in tree.find_all(sqlglot.exp.Table) if t.name not in ctes
    }


@pytest.mark.parametrize("report", sorted(ALL_REPORTS))
@pytest.mark.parametrize("by", SEGMENTS)
def test_every_report_agrees_on_both_engines_in_bigquery_sql(
    report: ReportName,
    by: Segment,
    warehouse: BigQueryAnalytics,
    engine: DuckDbAnalytics,
    fake: FakeBigQuery,
) -> None:
    query = ReportQuery.model_validate(
        {"report": report, "from": "2026-10-01", "to": "2026-11-30", "by": by}
    )
    assert run(warehouse, query) == run(engine, query)
    assert fake.statements
    for sql in fake.statements:
        # the one real table, fully qualified; DuckDB's parameter marker never reaches BigQuery
        assert _statements_read(sql) == {(PROJECT, DATASET, "events")}
        assert "$" not in sql


def test_importing_the_adapter_does_not_load_the_sdk() -> None:
    loaded = google_cloud_modules_after_import("shared.analytics.bigquery_store")
    assert not [m for m in loaded if m.startswith("google.cloud.bigquery")]


def test_the_decision_rules_fire_alike_on_bigquery(
    warehouse: BigQueryAnalytics, engine: DuckDbAnalytics
) -> None:
    """Enough inquiries for every rule, with follow-ups timed by UNIX_SECONDS on BigQuery."""
    engine.insert(inquiries(50, phone=30, follow_up=36, knowledge=16, multi_channel=17))
    query = ReportQuery.model_validate(
        {"report": "decisions", "from": "2026-11-01", "to": "2026-11-30"}
    )
    on_bigquery = run(warehouse, query)
    assert on_bigquery == run(engine, query)
    assert isinstance(on_bigquery, DecisionsReport)
    assert [(d.measure, d.count, d.recommended) for d in on_bigquery.decisions] == [
        # of 71 inquiries (the seed's 4 and the 17 second-channel threads too)
        ("phone", 30, True),
        ("follow_up", 36, True),  # 50.7%
        ("knowledge_error", 16, False),
        ("multi_channel", 17, True),  # of 54 customers: 31.5%
    ]
