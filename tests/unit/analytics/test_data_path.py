"""The pieces that must agree: topic names, the table schema and the payload model."""

from __future__ import annotations

import json
from pathlib import Path

from functions import manifest
from shared.analytics.table import bigquery_schema
from shared.platform import analytics as a

ROOT = Path(__file__).resolve().parents[3]


def test_the_topic_is_in_the_manifest_with_its_table() -> None:
    topic = manifest.TOPICS_BY_NAME[a.ANALYTICS_TOPIC]
    assert topic.bigquery_table == "events" and manifest.ANALYTICS_TOPIC == a.ANALYTICS_TOPIC
    assert [f.name for f in manifest.subscribers(a.ANALYTICS_TOPIC)] == ["record-analytics-event"]


def test_the_local_sink_is_not_deployed() -> None:
    exported = {f["name"] for f in manifest.to_json_dict()["functions"]}  # type: ignore[union-attr]
    assert "record-analytics-event" not in exported
    assert {"derive-turn-analytics", "admin-analytics"} <= exported


def test_the_checked_in_table_schema_has_every_payload_field() -> None:
    stored = json.loads((ROOT / "schemas" / "bigquery" / "events.json").read_text())
    assert stored == bigquery_schema()
    payload = json.loads((ROOT / "schemas" / "events" / "analytics-events.json").read_text())
    kinds = {ref.rsplit("/", 1)[-1] for ref in payload["discriminator"]["mapping"].values()}
    columns = {c["name"] for c in stored}
    for kind in kinds:
        assert set(payload["$defs"][kind]["properties"]) == columns, kind
    required = {c["name"] for c in stored if c["mode"] == "REQUIRED"}
    assert required == {"event_id", "kind", "occurred_at"}


def test_the_payload_round_trips_to_its_kind() -> None:
    row = a.Quote(event_id="q", occurred_at="2026-11-03T18:00:00Z", thread_id="t")
    back = a.AnalyticsPayload.model_validate(row.model_dump(mode="json")).root
    assert isinstance(back, a.Quote) and back == row
