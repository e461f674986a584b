"""Pub/Sub `analytics-events` (embedded runtime only): store the event in DuckDB."""

from functions._app.entry import EventCall
from shared.analytics.record import record


def handle(call: EventCall) -> None:
    record(call.platform, call.event)
