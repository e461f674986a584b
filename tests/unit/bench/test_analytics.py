"""The analytics bench generates what it says, ingests every row, and runs every report."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scripts.bench.__main__ import main
from scripts.bench.analytics import SLOTS, bench_analytics, generate
from shared.analytics.duckdb_store import DuckDbAnalytics
from shared.analytics.funnel import funnel
from shared.analytics.query import ReportQuery
from shared.analytics.reports import ALL_REPORTS


def test_bench_prints_ingest_and_every_report(capsys: pytest.CaptureFixture[str]) -> None:
    bench_analytics(events=2_000, repeats=2, batch=100, batched_events=500, single_events=5)
    out = capsys.readouterr().out
    assert re.search(r"analytics: 2,000 events generated in [\d.]+ s \([\d,]+ events/s", out), out
    ingest = re.search(r"ingest: ([\d,]+) events/s in batches of 100 \(500 events\), "
                       r"([\d,]+) events/s one per call \(5 events\), "
                       r"([\d,]+) events/s one per call through the local sink's staging",
                       out)  # fmt: skip
    assert ingest, out
    reported = re.findall(r"analytics report (\w+): median [\d.,]+ ms of 2 runs, [\d,]+ rows/s "
                          r"\(2,510 events\)", out)  # fmt: skip
    assert reported == list(ALL_REPORTS)


def test_generated_events_reach_the_funnel_stages_in_order(tmp_path: Path) -> None:
    now = datetime(2026, 12, 2, 12, tzinfo=UTC)
    store = DuckDbAnalytics(tmp_path / "bench.duckdb")
    try:
        generate(store, 8_000, now)
        [row] = store.query("SELECT COUNT(*) AS n FROM analytics_events", {})
        assert row["n"] == 8_000
        asked = ReportQuery.model_validate({"from": "2026-09-01", "to": "2026-12-02"})
        total = funnel(store, asked).total
    finally:
        store.close()
    assert total.inquiry == 8_000 // SLOTS
    stages = [total.inquiry, total.quote, total.hold, total.deposit_paid]
    stages += [total.event_completed, total.review]
    assert stages == sorted(stages, reverse=True) and total.review > 0


def test_a_name_filter_runs_only_matching_sections(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-bench"]) == 0
    assert capsys.readouterr().out == ""
